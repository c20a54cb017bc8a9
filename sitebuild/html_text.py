"""The text of a piece of HTML as a reader sees it, read with an HTML parser (Lexbor,
through selectolax) rather than a tag-stripping regular expression."""

from selectolax.lexbor import LexborHTMLParser


def parse_html(html, fragment=False):
    """A parsed document; with `fragment`, a piece of a body as it is (a <meta> stays
    where it is written instead of moving into a <head>)."""
    return LexborHTMLParser(html or "", is_fragment=fragment)


def plain_text(html, separator=" "):
    """The text of an HTML fragment, entities decoded; `separator` goes between the texts
    of neighbouring elements (a space, so "a<br>b" reads as two words)."""
    if not html:
        return ""
    body = parse_html(html).body
    return body.text(separator=separator) if body is not None else ""
