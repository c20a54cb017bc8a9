"""The body HTML policy on its own: what nh3 would remove is reported, never stripped.

Whole builds with hostile content are in tests/test_hostile_content.py."""

import markdown
import pytest

from content_checks.body_html import removed_by_policy, unbalanced_tags

MARKDOWN = markdown.Markdown(extensions=["extra", "toc", "sane_lists"], output_format="html5")


def html_of(text):
    return MARKDOWN.reset().convert(text)


def test_what_articles_are_written_with_passes_untouched():
    text = (
        "## Why rest matters\n\nSome *calm* and **bold** text, a [link](https://example.org "
        '"Title"), [another]({filename}other.md) and a note.[^1]\n\n'
        "![A lake]({static}/images/lake.jpg)\n\n> A quote\n\n1. one\n2. two\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\nprint('<script>')\n```\n\n"
        "Term\n:   Definition\n\n*[HTML]: Hyper Text\n\nHTML, `<b>` and H~2~O.\n\n---\n\n"
        "<details><summary>More</summary>Hidden text</details>\n\n"
        "[^1]: A source: <https://example.org/paper>\n"
    )
    assert removed_by_policy(html_of(text)) == []
    assert unbalanced_tags(html_of(text)) == []


@pytest.mark.parametrize(
    "html, tag, attribute",
    [
        ('<p>Rest <script src="/images/evil.js"></script> now</p>', "script", ""),
        ("<iframe src=x.svg></iframe>", "iframe", ""),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "meta", ""),
        ("<style>body{display:none}</style>", "style", ""),
        ("<object data=x.swf></object>", "object", ""),
        ("<embed src=x.swf>", "embed", ""),
        ("<form action=https://evil.example><p>Name</p></form>", "form", ""),
        ('<base href="https://evil.example/">', "base", ""),
        ('<link rel="stylesheet" href="x.css">', "link", ""),
        ("<svg><circle r=4 /></svg>", "svg", ""),
        ('<p onclick="steal()">Text</p>', "p", "onclick"),
        ("<img src=x.jpg alt=x onerror=steal()>", "img", "onerror"),
        ("<a href=javascript:steal()>unquoted</a>", "a", "href"),
        ('<a href=" JaVaScRiPt:steal()">spaced</a>', "a", "href"),
        ('<a href="java&#x09;script:steal()">tab</a>', "a", "href"),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="x">', "img", "src"),
        ('<table><tr><th style="text-align: left;">a</th></tr></table>', "th", "style"),
        ("<body onload=steal()><p>x</p>", "body", "onload"),
    ],
)
def test_anything_nh3_would_remove_is_reported(html, tag, attribute):
    removed = removed_by_policy(html)
    assert (tag, attribute) in [(r.tag, r.attribute) for r in removed], removed
    what, fix = next(r for r in removed if (r.tag, r.attribute) == (tag, attribute)).what_and_fix()
    assert tag in what and fix


def test_the_line_is_found_from_the_offending_markup():
    [removed] = removed_by_policy('<p><a href="javascript:steal()">x</a></p>')
    assert removed.needles()[0] == "javascript:steal()"
    [removed] = removed_by_policy("<p>x<SCRIPT>steal()</SCRIPT></p>")
    assert removed.needles() == ["<script"]


def test_end_tags_html_lets_authors_leave_out_are_not_unbalanced():
    html = "<p>one<p>two<ul><li>a<li>b</ul><table><tr><td>1<td>2</table><dl><dt>x<dd>y</dl>"
    assert unbalanced_tags(html) == []
