"""Collect an article's second-level headings for a table of contents.

Python-Markdown's `toc` extension gives every heading an `id`; this plugin
reads the `<h2>` elements back from the rendered HTML (a regular expression is
enough: the HTML comes from our own Markdown renderer) and stores them as
`article.toc_headings`, a list of (id, text). The theme shows a table of
contents when there are at least TOC_MIN_HEADINGS of them.
"""

import html
import re

from pelican import signals

H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def headings(content_html):
    """Return [(id, plain text)] for every h2 in the HTML, in order."""
    return [
        (anchor, html.unescape(TAG.sub("", inner)).strip())
        for anchor, inner in H2.findall(content_html or "")
    ]


def add_toc(content):
    content.toc_headings = headings(getattr(content, "_content", ""))


def register():
    signals.content_object_init.connect(add_toc)
