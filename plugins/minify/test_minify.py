"""minify-html as the minify plugin configures it, on real pages' kinds of markup."""

from html.parser import HTMLParser

from minify.minify import MIN_PAGES_FOR_WORKERS, minify, minify_folder

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


def test_worker_processes_minify_every_page_like_one_process(tmp_path):
    count = MIN_PAGES_FOR_WORKERS + 10
    for number in range(count):
        page = tmp_path / f"p{number}" / "index.html"
        page.parent.mkdir()
        page.write_text(PAGE.replace("Rest", f"Rest {number}"), encoding="utf-8")
    saved = minify_folder(tmp_path, processes=2)
    assert saved > 0
    for number in range(count):
        expected = minify(PAGE.replace("Rest", f"Rest {number}"))
        assert (tmp_path / f"p{number}" / "index.html").read_text(encoding="utf-8") == expected
