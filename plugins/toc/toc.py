"""Collect an article's second-level headings for a table of contents.

Python-Markdown's `toc` extension gives every heading an `id`; this plugin
reads the `<h2>` elements back from the rendered HTML and stores them as
`article.toc_headings`, a list of (id, text). The theme shows a table of
contents when there are at least TOC_MIN_HEADINGS of them. typeset_markdown's reader
collects them as it reads each file (read_along, after clinical_review's References
heading is made), so Pelican's content cache keeps them.
"""

from pelican import signals
from typeset_markdown.typeset_markdown import read_along, report_not_read

import sitebuild.html_text
from sitebuild.html_text import parse_html

HEADINGS_KEY = "toc_headings"  # [(id, text)] in the metadata the reader returns


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
    collect_while_reading()
    signals.content_object_init.connect(add_toc)
