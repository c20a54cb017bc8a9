"""Collect an article's second-level headings for a table of contents.

Python-Markdown's `toc` extension gives every heading an `id`; this plugin
reads the `<h2>` elements back from the rendered HTML and stores them as
`article.toc_headings`, a list of (id, text). The theme shows a table of
contents when there are at least TOC_MIN_HEADINGS of them.
"""

from pelican import signals

from sitebuild.html_text import parse_html


def headings(content_html):
    """Return [(id, plain text)] for every h2 with an id in the HTML, in order."""
    return [
        (h2.attributes["id"], h2.text().strip())
        for h2 in parse_html(content_html).css("h2[id]")
        if h2.attributes["id"]
    ]


def add_toc(content):
    content.toc_headings = headings(getattr(content, "_content", ""))


def register():
    signals.content_object_init.connect(add_toc)
