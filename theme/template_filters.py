"""The theme's Jinja filters (JINJA_FILTERS in pelicanconf.py).

Templates are autoescaped: whatever an author writes in a header field (Title,
Summary, Tags, Category, alt texts) or in authors.toml is shown as text. Pelican
hands templates a title or summary as HTML (typogrify's entities, a Summary's
Markdown); `plain_text` turns that back into the text a reader sees, which
autoescape then writes safely.
"""

import functools
import re

from sitebuild.html_text import parse_html

# Elements whose content is never text a reader sees.
NOT_TEXT = ["script", "style", "template", "noscript", "iframe", "object", "title"]
# ASCII white space only: typogrify's no-break spaces (no lone last word) stay.
SPACES = re.compile(r"[ \t\n\r\f]+")


# Unbounded: each title, summary and name is asked for on many pages, and a bounded
# cache smaller than a build's distinct texts (about four per article) drops every entry
# before its next use, so large sites lost the cache altogether. A build is one process.
@functools.cache
def text_of(html):
    tree = parse_html(html)
    tree.strip_tags(NOT_TEXT)
    # The whole document: a fragment that starts with <meta> or <link> puts it in <head>.
    return SPACES.sub(" ", tree.root.text()).strip()


def plain_text(html):
    """The text of an HTML fragment: tags dropped, entities decoded, white space made
    single spaces. Not marked safe, so autoescape escapes it again: an entity-encoded
    `&lt;meta&gt;` in a Summary shows as the text `<meta>`, never as an element."""
    return "" if html is None else text_of(str(html))


def absolute_url(path, siteurl):
    """A site path ("images/x.png", "/about/") as an address on SITEURL; an address with
    a scheme stays as it is. (A filter, not a template macro: it runs on every page.)"""
    return path if "://" in path else siteurl + "/" + path.lstrip("/")


def page_url(save_as, siteurl):
    """The address of a saved file: a folder is served by its index.html."""
    return absolute_url(save_as[:-10] if save_as.endswith("index.html") else save_as, siteurl)


FILTERS = {
    "plain_text": plain_text,
    "absolute_url": absolute_url,
    "page_url": page_url,
}
