"""Collect an article's second-level headings for a table of contents.

Python-Markdown's `toc` extension gives every heading an `id`; this plugin
reads the `<h2>` elements back from the rendered HTML and stores them as
`article.toc_headings`, a list of (id, text). The theme shows a table of
contents when there are at least TOC_MIN_HEADINGS of them. typeset_markdown's reader
collects them as it reads each file (read_along, after clinical_review's References
heading is made), so Pelican's content cache keeps them.

A heading may not take an id the theme gives an element of the article page (`## Main`
would be `id="main"`, the skip link's target): such an id in the body becomes `main-1`
(links within the body follow). Two elements with one id are invalid HTML, which a
publish refuses.
"""

from pelican import signals
from typeset_markdown.typeset_markdown import read_along, report_not_read, rewrite_along

import sitebuild.html_text
from sitebuild.html_text import parse_html

HEADINGS_KEY = "toc_headings"  # [(id, text)] in the metadata the reader returns
RENAMED_KEY = "theme_ids_left_to_theme"
# Every id theme/templates write as it is (test_toc.py checks the list against them): those
# around an article's or page's body, and those of other pages (kept, so the list stays
# one rule a template edit cannot outgrow unnoticed).
THEME_IDS = {
    "main", "site-nav", "toc-title", "crisis-box-title", "cta-title", "reply-title",
    "drafts-title", "latest-title", "by-title", "search",
}  # fmt: skip


def leave_theme_ids(html, metadata=None, settings=None):
    """The body with each id the theme uses renamed (`main` -> `main-1`), and the body's
    links to it following."""
    tree = parse_html(html, fragment=True)
    taken = [node for node in tree.css("[id]") if node.attrs["id"] in THEME_IDS]
    if not taken:
        return html
    ids = {node.attrs["id"] for node in tree.css("[id]")}
    for node in taken:
        old, number = node.attrs["id"], 1
        while f"{old}-{number}" in ids:
            number += 1
        node.attrs["id"] = new = f"{old}-{number}"
        ids.add(new)
        for link in tree.css("a[href]"):
            if link.attrs["href"] == f"#{old}":
                link.attrs["href"] = f"#{new}"
    return tree.html


def headings(content_html):
    """Return [(id, plain text)] for every h2 with an id in the HTML, in order."""
    return [
        (h2.attributes["id"], h2.text().strip())
        for h2 in parse_html(content_html).css("h2[id]")
        if h2.attributes["id"]
    ]


def add_toc(content):
    content.toc_headings = content.metadata.get(HEADINGS_KEY, [])
    if HEADINGS_KEY not in content.metadata:
        report_not_read(content, "table of contents", "it gets no table of contents")


def collect_while_reading():
    read_along(
        HEADINGS_KEY,
        lambda text, html, metadata: headings(html or ""),
        files=[__file__, sitebuild.html_text.__file__],
        libraries=["selectolax"],
        rewritten=True,
    )


def register():
    rewrite_along(RENAMED_KEY, leave_theme_ids, files=[__file__], libraries=["selectolax"])
    collect_while_reading()
    signals.content_object_init.connect(add_toc)
