"""The standard library's HTML parser, collecting what link_check.parse_page collects.

Only the tests use it: the check scans pages with regular expressions (three times
faster), and the tests hold that scanner to this parser's answers, tag for tag.
"""

from html.parser import HTMLParser

from link_check.link_check import (
    META_URL_PROPERTIES,
    SRCSET_ELEMENTS,
    URL_ATTRIBUTES,
    Link,
    ParsedPage,
    srcset_urls,
)


class ReferenceParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.base = set(), [], None

    def handle_starttag(self, tag, attrs):
        values = {}
        for name, value in attrs:  # the first of a repeated attribute wins, as in browsers
            if value is not None and name not in values:
                values[name] = value
        line = self.getpos()[0]
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        if tag == "base" and "href" in values and self.base is None:
            self.base = values["href"].strip()
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            if attribute in values:
                self.links.append(Link(line, tag, attribute, values[attribute].strip()))
        if tag in SRCSET_ELEMENTS and "srcset" in values:
            self.links += [Link(line, tag, "srcset", url) for url in srcset_urls(values["srcset"])]
        if tag == "meta" and "content" in values:
            name = values.get("property") or values.get("name")
            if name in META_URL_PROPERTIES:
                self.links.append(Link(line, tag, "content", values["content"].strip()))

    handle_startendtag = handle_starttag


def reference_parse(html):
    parser = ReferenceParser()
    parser.feed(html)
    parser.close()
    return ParsedPage(parser.ids, parser.links, parser.base)
