"""The one HTML policy for article and page bodies, enforced here and nowhere else.

Every body (and Summary) Pelican produced is run through nh3 (the Ammonia sanitizer)
with the allowlist below: what Markdown, its `extra` and `toc` extensions and our own
plugins produce, and nothing that can run script, load other sites or change the page
(no script, style, iframe, object, embed, form, meta, base or link elements, no event
handlers, no `javascript:` or `data:` addresses). Nothing is stripped silently: what
nh3 would remove, found by parsing its input and its output, is reported with the
source line, and the build stops.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from sitebuild.html_text import parse_html

ALLOWED_TAGS = {
    *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "div", "span"),
    *("ul", "ol", "li", "dl", "dt", "dd"),
    *("a", "img", "figure", "figcaption"),
    *("table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"),
    *("em", "strong", "b", "i", "s", "del", "ins", "mark", "small", "sub", "sup"),
    *("code", "pre", "kbd", "samp", "var", "abbr", "cite", "q", "time", "details", "summary"),
    "section",  # clinical_review's References section
}
ATTRIBUTES = {
    "*": {"id", "title", "lang", "dir", "role"},  # ids: the table of contents, footnotes
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "details": {"open"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "code": {"class"},  # ```python fences: class="language-python"
}
# The footnotes extension's markup and the References section made of it.
ALLOWED_CLASSES = {
    "div": {"footnote"},
    "a": {"footnote-ref", "footnote-backref"},
    "section": {"references"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
URL_ATTRIBUTES = {"href", "src", "cite"}
CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    generic_attribute_prefixes={"aria-"},
    allowed_classes=ALLOWED_CLASSES,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=False,
)

ACTIVE = {"script", "style", "link", "meta", "base", "noscript", "template"}
EMBEDDED = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "svg", "math"}
FORMS = {"form", "input", "button", "select", "textarea", "option", "label", "fieldset"}


@dataclass(frozen=True)
class Removed:
    """One thing nh3 would take out: an element, or an attribute of an element."""

    tag: str
    attribute: str = ""  # empty for a whole element
    value: str = ""

    def needles(self):
        """Text to look for in the source to find the line (lowercased)."""
        if not self.attribute:
            return [f"<{self.tag}"]
        found = [self.value.lower()] if self.value.strip() else []
        return [*found, f"{self.attribute}=", self.attribute]

    def what_and_fix(self):
        tag, name, value = self.tag, self.attribute, self.value
        if not name:
            if tag in ACTIVE:
                return (
                    f"<{tag}> is not allowed in an article: it could run code or change the page",
                    f"remove the <{tag}> element",
                )
            if tag in EMBEDDED:
                return (
                    f"<{tag}> is not allowed in an article: it embeds another document",
                    "remove it and link to the page instead: [its title](https://...); "
                    "images go in content/images as ![description]({static}/images/name.jpg)",
                )
            if tag in FORMS:
                return (
                    f"<{tag}> is not allowed in an article: forms send readers' data",
                    "remove it; link to the booking page or the contact page instead",
                )
            return (
                f"<{tag}> is not an element articles may use",
                f"remove the <{tag}> tags, or write the text in Markdown",
            )
        if name.startswith("on"):
            return (
                f"the {name} attribute of <{tag}> would run code",
                f"remove {name}=... from the <{tag}> element",
            )
        if name in URL_ATTRIBUTES:
            scheme = value.split(":", 1)[0].strip().lower()
            if scheme == "data":
                fix = "save the file in content/images and use ![description]({static}/images/name)"
            else:
                fix = "use an https://, mailto: or tel: address, or a {filename} or {static} link"
            return (f"'{shorten(value)}' in <{tag} {name}> is not an allowed address", fix)
        if name == "style":
            return (
                f"the style attribute of <{tag}> is not allowed: the theme styles articles",
                "remove style=...; a table column's alignment comes from colons in its "
                "|:---| line: write |---| instead",
            )
        if name == "class":
            return (
                f"the class '{shorten(value)}' on <{tag}> is not one articles may use",
                "remove it (a `{: .name}` after a paragraph or heading adds one)",
            )
        return (
            f"the {name} attribute of <{tag}> is not allowed in an article",
            f"remove {name}=... from the <{tag}> element",
        )


def shorten(text, limit=60):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def elements(html):
    """[(tag, {attribute: value})] of every element of an HTML fragment, in order."""
    root = parse_html(html, fragment=True).root  # the first node; traverse() goes on
    if root is None:  # to the nodes after it
        return []
    return [
        (node.tag, {name: value or "" for name, value in node.attributes.items()})
        for node in root.traverse(include_text=False)
        if not node.tag.startswith("-")  # -comment, -text
    ]


def same_markup(html, other):
    return parse_html(html, fragment=True).html == parse_html(other, fragment=True).html


def page_attributes(html):
    """A <body> or <html> tag inside a body gives its attributes to the page's own
    element (HTML's parsing rules): `<body onload=...>` would run on the page."""
    lowered = html.lower()
    if "<body" not in lowered and "<html" not in lowered:
        return []
    tree = parse_html(html)
    return [
        Removed(node.tag, name, value or "")
        for node in (tree.root, tree.body)
        if node is not None
        for name, value in node.attributes.items()
    ]


def removed_by_policy(html):
    """What nh3 would remove from `html`, in document order. nh3 only removes, so each
    element of its output is the next element of the input with the same tag."""
    if not html or "<" not in html:
        return []
    cleaned = CLEANER.clean(html)
    removed = page_attributes(html)
    # Usually nothing is removed: then both serialize alike (one C call each, a third of
    # the time the element-by-element comparison takes).
    if not removed and same_markup(html, cleaned):
        return []
    before, after = elements(html), elements(cleaned)
    kept = iter(after)
    current = next(kept, None)
    for tag, attributes in before:
        if current is None or current[0] != tag:
            removed.append(Removed(tag))
            continue
        removed += [
            Removed(tag, name, value)
            for name, value in attributes.items()
            if current[1].get(name) != value
        ]
        current = next(kept, None)
    return removed


# Allowed elements that have no end tag, or whose end tag HTML may leave out (it closes
# them itself).
ENDS_ITSELF = {
    *("br", "hr", "img", "col", "p", "li", "dt", "dd"),
    *("caption", "colgroup", "thead", "tbody", "tfoot", "tr", "th", "td"),
}
# Every other allowed element must be closed: left open, the rest of the page (the
# disclaimer, the footer with the crisis numbers) would be inside a link, bold text or a
# closed <details>. Derived, so an element the policy allows later is checked too.
MUST_CLOSE = ALLOWED_TAGS - ENDS_ITSELF
# The page's own elements: an end tag of one in an article would end the theme's.
PAGE_ELEMENTS = {"html", "head", "body", "main", "article", "header", "footer", "nav", "aside"}


class TagBalance(HTMLParser):
    """Start and end tags in order (a tokenizer: a tree builder would mend what is
    broken), keeping what is left open and end tags that close nothing of the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open, self.found = [], []

    def handle_starttag(self, tag, attrs):
        if tag in MUST_CLOSE:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open[-1] != tag:
                self.found.append(("unclosed", self.open.pop()))
            self.open.pop()
        elif tag in MUST_CLOSE or tag in PAGE_ELEMENTS:
            self.found.append(("stray", tag))


def unbalanced_tags(html):
    """[("unclosed" or "stray", tag)] of an HTML fragment, in order."""
    if not html or "<" not in html:
        return []
    balance = TagBalance()
    balance.feed(html)
    balance.close()
    return balance.found + [("unclosed", tag) for tag in reversed(balance.open)]
