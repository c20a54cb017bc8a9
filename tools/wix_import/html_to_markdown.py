"""Article HTML (a Wix post body, a feed entry's content) to Markdown blocks.

markdownify does the conversion; on top of it:
- each top-level block (paragraph, heading, list, quote, table) is converted
  on its own, through Wix's wrapper <div>s, so the cleanup in blocks.py can
  recognise bylines, spacers and question runs;
- images and embeds are left out with a note: the site makes no request to
  another host, so an author saves each image into content/images/ instead;
- footnotes (Python-Markdown's, in our own feed) go back to [^label] footnotes;
- links that only jump inside the old page (#viewer-...) keep their text.
"""

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from markdownify import ATX, MarkdownConverter

from .blocks import HEADING, LIST, OTHER, PARAGRAPH, Block, normalise
from .markdown_text import ENTITY_START, HTML_START, escape_line_start

BLOCK_TAGS = {
    "p": PARAGRAPH,
    "h1": HEADING,
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "h5": HEADING,
    "h6": HEADING,
    "ul": LIST,
    "ol": LIST,
    "blockquote": OTHER,
    "pre": OTHER,
    "table": OTHER,
    "dl": OTHER,
    "hr": OTHER,
}
WRAPPERS = {"div", "section", "article", "main", "span", "figure", "header", "footer"}
DROPPED = {"script", "style", "noscript", "svg", "button", "form", "input", "template", "link"}
EMBEDS = {"iframe", "video", "audio", "object", "embed", "picture", "img"}


# Elements whose edges separate words ("<p>a</p><p>b</p>" reads "a b").
SPACED = {*BLOCK_TAGS, *WRAPPERS, "li", "br", "tr", "td", "th", "dt", "dd", "figcaption"} - {"span"}


def visible_text(element):
    """The text a reader sees, words kept apart at block edges only
    ("<em>hard</em>." stays "hard.")."""
    if isinstance(element, NavigableString):
        return normalise(str(element))
    parts = []

    def walk(node):
        for child in node.children:
            if isinstance(child, PreformattedString):
                continue
            if isinstance(child, NavigableString):
                parts.append(str(child))
            elif isinstance(child, Tag) and child.name not in DROPPED:
                spaced = child.name in SPACED
                parts.append(" " if spaced else "")
                walk(child)
                parts.append(" " if spaced else "")

    walk(element)
    return normalise("".join(parts))


FOOTNOTE_REF = re.compile(r"^#fn:")
FOOTNOTE_BACKREF = re.compile(r"^#fnref:")


class ArticleConverter(MarkdownConverter):
    """markdownify with the site's Markdown style and notes about what was left out."""

    def __init__(self, notes, heading_shift=0, **options):
        super().__init__(
            heading_style=ATX,
            bullets="-",
            strong_em_symbol="*",
            escape_misc=False,
            **options,
        )
        self.notes = notes
        self.heading_shift = heading_shift

    def escape(self, text, parent_tags):
        text = super().escape(text, parent_tags)
        if "_noformat" in parent_tags:
            return text
        text = text.replace("[", r"\[").replace("]", r"\]").replace("`", r"\`")
        return HTML_START.sub("&lt;", ENTITY_START.sub("&amp;", text))

    def convert_p(self, el, text, parent_tags):
        converted = super().convert_p(el, text, parent_tags)
        content = converted.strip("\n")
        if not content:
            return converted
        start = converted.index(content)
        escaped = escape_line_start(content)
        return converted[:start] + escaped + converted[start + len(content) :]

    def convert_hN(self, n, el, text, parent_tags):
        return super().convert_hN(min(6, n + self.heading_shift), el, text, parent_tags)

    def convert_a(self, el, text, parent_tags):
        href = el.get("href") or ""
        if href.startswith("#"):
            return text  # an anchor inside the old page
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        figure = el.find_parent("figure")
        caption = figure.find("figcaption") if figure else None
        described = ", ".join(
            f'{label} "{value}"'
            for label, value in (
                ("alt", el.get("alt", "")),
                ("caption", caption.get_text(" ", strip=True) if caption else ""),
            )
            if value
        )
        self.notes.append(
            f"image {el.get('src', '')}{f' ({described})' if described else ''} was not "
            "imported: save it into content/images/ and add it with "
            "![what it shows]({static}/images/<file>)"
        )
        return ""

    def _embed(self, el, text, parent_tags):
        self.notes.append(
            f"embedded {el.name} {el.get('src') or el.get('data', '')} was not imported: the "
            "site loads nothing from other hosts; add a link to it if it should stay"
        )
        return ""

    convert_iframe = convert_video = convert_audio = convert_object = convert_embed = _embed

    def convert_picture(self, el, text, parent_tags):
        return text  # its <img> speaks for it

    def convert_sup(self, el, text, parent_tags):
        ref = el.find("a", href=FOOTNOTE_REF)
        if ref is not None:
            return f"[^{ref['href'].removeprefix('#fn:')}]"
        return super().convert_sup(el, text, parent_tags)

    def convert_figcaption(self, el, text, parent_tags):
        return ""  # the caption of an image we left out; the note quotes it


def is_footnote_list(element):
    """An <ol> of footnotes: every item has an id "fn:<label>"."""
    items = element.find_all("li", recursive=False) if element.name in ("ol", "ul") else []
    return bool(items) and all((li.get("id") or "").startswith("fn:") for li in items)


def footnote_definitions(element, converter):
    """A footnote list back to "[^label]: text" lines."""
    lines = []
    for item in element.find_all("li", recursive=False):
        for backref in item.find_all("a", href=FOOTNOTE_BACKREF):
            backref.decompose()
        label = item["id"].removeprefix("fn:")
        item.name = "div"  # its text, without a list marker
        lines.append(f"[^{label}]: {normalise(converter.convert_soup(item))}")
    return "\n\n".join(lines)


def html_to_blocks(html_or_element, notes):
    """Convert article HTML to Blocks, in reading order."""
    if isinstance(html_or_element, Tag):
        root = html_or_element
    else:
        root = BeautifulSoup(html_or_element or "", "html.parser")
    for tag in root.find_all(DROPPED):
        tag.decompose()
    shift = 1 if root.find("h1") else 0  # the article's title is the page's only h1
    converter = ArticleConverter(notes, heading_shift=shift)
    blocks = []
    for element in _top_level_blocks(root):
        if isinstance(element, NavigableString):
            text = str(element).strip()
            if text:
                text = text.replace("\xa0", " ")
                markdown = escape_line_start(converter.escape(text, set()))
                blocks.append(Block.of(PARAGRAPH, markdown, text))
            continue
        if is_footnote_list(element):
            blocks.append(
                Block.of(OTHER, footnote_definitions(element, converter), visible_text(element))
            )
            continue
        kind = BLOCK_TAGS.get(element.name, PARAGRAPH)
        # No-break spaces are Wix's spacing and typogrify's widows, not meaning.
        markdown = converter.convert_soup(element).replace("\xa0", " ").strip()
        if element.name == "hr" or not markdown:
            continue  # separators and empty spacer paragraphs
        blocks.append(Block.of(kind, markdown, visible_text(element)))
    return blocks


def _top_level_blocks(root):
    """Block elements in order, looking through wrapper elements."""
    for child in root.children:
        if isinstance(child, PreformattedString):
            continue  # comments, doctype, CDATA
        if isinstance(child, NavigableString):
            if child.strip():
                yield child
            continue
        if not isinstance(child, Tag):
            continue
        if child.name in BLOCK_TAGS:
            yield child
        elif child.name in EMBEDS:
            yield child  # converted to nothing, with a note
        elif child.name in WRAPPERS and child.find([*BLOCK_TAGS, "div"]):
            yield from _top_level_blocks(child)
        else:
            yield child  # inline content or a wrapper holding only text
