"""minify-html and rcssmin as the minify step configures them, on real pages' kinds of markup."""

from html.parser import HTMLParser

import pytest

from sitebuild.minify import MinifyError, minify, minify_css, minify_folder, minify_site

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Rest &amp; sleep</title>
<script type="application/ld+json">{"@context": "https://schema.org",  "name": "Rest"}</script>
</head>
<body class="article-page">
<main id="main">
<h1>Rest   &amp;  sleep</h1>
<p>Some <em>kind</em> words,
   on two lines.</p>
<ul>
  <li><a href="/articles/rest/">Rest</a></li>
  <li><a href="/articles/sleep/#tips">Sleep</a></li>
</ul>
<pre>keep   these
   spaces</pre>
</main>
</body>
</html>
"""


class Collector(HTMLParser):
    """Start and end tags, links and text, as a simple parser sees them."""

    def __init__(self):
        super().__init__()
        self.tags, self.links, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [value for name, value in attrs if name == "href"]

    def handle_endtag(self, tag):
        self.tags.append(f"/{tag}")

    def handle_data(self, data):
        self.text.append(data)


def parsed(html):
    collector = Collector()
    collector.feed(html)
    return collector


def words(html):
    """Each piece of text, its runs of spaces collapsed as a browser shows them."""
    return [" ".join(data.split()) for data in parsed(html).text if data.strip()]


def test_minified_page_is_smaller_with_the_same_elements_links_and_words():
    minified = minify(PAGE)
    assert len(minified) < len(PAGE) * 0.9
    before, after = parsed(PAGE), parsed(minified)
    # Closing tags are kept, so simple parsers (tests, link checks) see the same tree.
    assert after.tags == before.tags
    assert after.links == before.links
    assert words(minified) == words(PAGE)


def test_preformatted_text_and_json_ld_are_left_as_written():
    minified = minify(PAGE)
    assert "<pre>keep   these\n   spaces</pre>" in minified
    assert '{"@context": "https://schema.org",  "name": "Rest"}' in minified


def test_minify_folder_rewrites_html_files_only(tmp_path):
    (tmp_path / "articles" / "rest").mkdir(parents=True)
    page = tmp_path / "articles" / "rest" / "index.html"
    page.write_text(PAGE, encoding="utf-8")
    feed = tmp_path / "feed.xml"
    feed.write_text("<feed>\n  <title>x</title>\n</feed>\n", encoding="utf-8")
    saved = minify_folder(tmp_path)
    assert saved == len(PAGE.encode()) - len(page.read_bytes())
    assert saved > 0
    assert page.read_text(encoding="utf-8") == minify(PAGE)
    assert feed.read_text(encoding="utf-8") == "<feed>\n  <title>x</title>\n</feed>\n"


STYLESHEET = """/* Theme colours: light by default. */
:root {
  --text: #22272b;
  --font: -apple-system, "Segoe UI", sans-serif;
}

a:is(.crisis , .footer) > strong {
  color : var(--text);
}

.pagefind-ui::before { mask-image: url( "../img/search%20icon.svg" ); }
blockquote p::before { content: "\\201C  "; }

@media (max-width: 40rem) {
  .wide { margin: 0 0 0 0; }
}
"""


def test_stylesheet_loses_comments_and_spaces_and_keeps_its_rules_as_written():
    minified = minify_css(STYLESHEET)
    assert len(minified) < len(STYLESHEET) * 0.8
    assert "Theme colours" not in minified and "\n" not in minified
    # Rules, values, strings and addresses as written: nothing rewritten in a newer
    # syntax that older phone browsers would not understand.
    assert "@media (max-width:40rem){.wide{margin:0 0 0 0}}" in minified
    assert 'url("../img/search%20icon.svg")' in minified
    assert 'content:"\\201C  "' in minified
    assert '--font:-apple-system,"Segoe UI",sans-serif' in minified
    assert "a:is(.crisis,.footer)>strong{color:var(--text)}" in minified


def test_minify_folder_rewrites_stylesheets_only_when_asked(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(PAGE, encoding="utf-8")
    sheet = tmp_path / "theme" / "css" / "site.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(STYLESHEET, encoding="utf-8")
    minify_site(tmp_path, {"MINIFY_HTML": True})
    assert sheet.read_text(encoding="utf-8") == STYLESHEET
    saved = minify_site(tmp_path, {"MINIFY_HTML": True, "MINIFY_CSS": True})
    assert sheet.read_text(encoding="utf-8") == minify_css(STYLESHEET)
    assert saved == len(STYLESHEET.encode()) - len(minify_css(STYLESHEET).encode())


def test_a_preview_is_left_readable(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(PAGE, encoding="utf-8")
    assert minify_site(tmp_path, {"MINIFY_HTML": False}) == 0
    assert page.read_text(encoding="utf-8") == PAGE


def test_a_space_inside_a_stylesheet_address_stops_minification_with_what_to_do():
    # rcssmin would write url("../img/searchicon.svg"): the image would go missing.
    with pytest.raises(MinifyError, match=r'site.css: url\("../img/search icon.svg"\).*%20'):
        minify_css('.a { mask-image: url("../img/search icon.svg"); }', "site.css")
    with pytest.raises(MinifyError, match="%20"):
        minify_css(".a { background: URL( 'photo 1.jpg' ) }")
