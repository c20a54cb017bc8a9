"""Article HTML (a Wix post body, a feed entry's content) to Markdown blocks.

markdownify does the conversion; on top of it:
- each top-level block (paragraph, heading, list, quote, table) is converted
  on its own, through Wix's wrapper <div>s, so the cleanup in blocks.py can
  recognise bylines, spacers and question runs;
- images become {static} images of content/images/<slug>/ (media.py downloads
  them at their original size); YouTube and Vimeo embeds become a link with
  the video's title; Wix-hosted videos are listed for the author;
- bold and italic come from tags and from Wix's inline styles; headings drop
  a bold that only repeats them; a Wix paragraph's line breaks stay;
- links without a scheme ("www.example.org/x") get https:// (listed), and links
  to another post of the old blog are marked for rewriting (writer.py);
- footnotes (Python-Markdown's, in our own feed) go back to [^label] footnotes;
- links that only jump inside the old page (#viewer-...) keep their text.
"""

import copy
import re
from urllib.parse import unquote, urljoin, urlparse

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from markdownify import ATX, MarkdownConverter

from .blocks import HEADING, INVISIBLE, LIST, OTHER, PARAGRAPH, Block, normalise
from .markdown_text import ENTITY_START, HTML_START, escape_line_start
from .media import IMAGE_MARKER, Found, embed_link, is_wix_file, original_image, video_link

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
EMBEDS = {"iframe", "video", "audio", "object", "embed", "picture", "img", "wow-image"}
BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
ITALIC_STYLE = re.compile(r"font-style\s*:\s*italic", re.IGNORECASE)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Where a picture is part of a line, not a block of its own.
INLINE_CONTEXTS = {"p", "a", "li", "td", "th", "em", "strong", "b", "i", "u"}
# An address written without its scheme: "www.example.org/x" or "example.org/x".
SCHEMELESS = re.compile(r"^(?:www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/|$))", re.I)
# A post of the old blog: /post/<slug> on any host, or a saved copy's relative link.
OLD_POST = re.compile(r"(?:^|/)post/(?P<slug>[^/?#]+)/?(?:index\.html)?$")
CROSS_LINK = "wix-post:"
SAFE_SCHEMES = {"", "http", "https", "mailto", "tel", "sms"}


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


# A footnote mark and its back-link, "#fn:1" or, in a feed, "<the post's address>#fn:1".
FOOTNOTE_REF = re.compile(r"#fn:")
FOOTNOTE_BACKREF = re.compile(r"#fnref:")


class ArticleConverter(MarkdownConverter):
    """markdownify with the site's Markdown style and notes about what was left out."""

    def __init__(self, notes, heading_shift=0, found=None, **options):
        super().__init__(
            heading_style=ATX,
            bullets="-",
            table_infer_header=True,  # a table without <th>: its first row heads it
            # Python-Markdown has no ~~strike~~ or ^sup^: the HTML elements, which the
            # site's HTML policy allows, keep "m²" and a struck-out price as written.
            sup_symbol="<sup>",
            sub_symbol="<sub>",
            strong_em_symbol="*",
            escape_misc=False,
            **options,
        )
        self.notes = notes
        self.heading_shift = heading_shift
        self.found = found if found is not None else Found()

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
        # Wix keeps a paragraph's line breaks as newlines (white-space: pre-wrap).
        lines = [line.strip() for line in content.split("\n")]
        escaped = "  \n".join(
            escape_line_start(line) for line in lines if INVISIBLE.sub("", line).strip()
        )
        return converted[:start] + escaped + converted[start + len(content) :]

    def _styled(self, el, text, parent_tags):
        if "_noformat" in parent_tags or HEADINGS & parent_tags:
            return text
        style = el.get("style") or ""
        if BOLD_STYLE.search(style) and not {"strong", "b"} & parent_tags:
            text = super().convert_strong(el, text, parent_tags)
        if ITALIC_STYLE.search(style) and not {"em", "i"} & parent_tags:
            text = super().convert_em(el, text, parent_tags)
        return text

    convert_span = _styled

    def convert_strong(self, el, text, parent_tags):
        if HEADINGS & parent_tags:
            return text  # a heading is bold already
        return super().convert_strong(el, text, parent_tags)

    convert_b = convert_strong

    def convert_s(self, el, text, parent_tags):
        if "_noformat" in parent_tags or not text.strip():
            return text
        return f"<del>{text}</del>"

    convert_del = convert_strike = convert_s

    def convert_u(self, el, text, parent_tags):
        # Wix underlines its links, and authors underline section labels.
        if "a" in parent_tags or HEADINGS & parent_tags or {"strong", "b"} & parent_tags:
            return text
        if not re.search(r"\w", text):
            return text  # an underlined space or quote mark
        return super().convert_strong(el, text, parent_tags)

    def convert_hN(self, n, el, text, parent_tags):
        return super().convert_hN(min(6, n + self.heading_shift), el, text, parent_tags)

    def convert_a(self, el, text, parent_tags):
        href = (el.get("href") or "").strip()
        if href.startswith("#") or not href:
            return text  # an anchor inside the old page
        parsed = urlparse(href)
        if parsed.scheme.lower() not in SAFE_SCHEMES:
            # javascript:, data:, file: (untrusted input, or nothing a reader can follow)
            self.found.left_out.append(
                f"the {parsed.scheme}: link on {text.strip()!r} (its text stays)"
            )
            return text
        if not parsed.scheme and not parsed.netloc and SCHEMELESS.match(href):
            fixed = f"https://{href}"
            self.found.fixed_links.append((href, fixed))
            href = fixed
        elif not parsed.scheme and self.found.base:
            # "/book-online", "../contact", "//host/x": addresses on the old site.
            href = urljoin(self.found.base, href)
        parsed = urlparse(href)
        old_post = OLD_POST.search(parsed.path) if parsed.scheme in ("", "http", "https") else None
        on_old_site = not parsed.netloc or parsed.netloc in self.found.blog_hosts
        if old_post and on_old_site:
            slug = unquote(old_post["slug"])
            self.found.cross_links[slug] = href
            href = CROSS_LINK + slug
        elif is_wix_file(href):
            self.found.wix_files.append(href)
        elif on_old_site and parsed.scheme in ("", "http", "https"):
            self.found.old_site_links.append(href)
        el = copy.copy(el)
        el["href"] = href
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        url = original_image(el)
        if not url:
            self.notes.append(f"image {el.get('src', '')!r} has no address; left out")
            return ""
        figure = el.find_parent("figure")
        caption = figure.find("figcaption") if figure else None
        alt = normalise(el.get("alt") or "") or (
            normalise(caption.get_text(" ")) if caption else ""
        )
        image = self.found.image(url, alt)
        shown = alt or "TODO: describe this image"
        markdown = f"![{_bracketless(shown)}]({IMAGE_MARKER}{image.filename})"
        if parent_tags & INLINE_CONTEXTS:
            return markdown  # a picture inside a sentence, a link or a list item stays there
        return f"\n\n{markdown}\n\n"

    def _embed(self, el, text, parent_tags):
        source = el.get("src") or el.get("data") or ""
        if not source:
            found = el.find("source")
            source = found.get("src", "") if found else ""
        title = normalise(el.get("title") or el.get("aria-label") or "")
        link = video_link(source, title, audio=el.name == "audio")
        if link:
            self.found.videos.append(link)
            return f"\n\n[{link.kind}: {_bracketless(link.title)}]({link.url})\n\n"
        embed = embed_link(source, title) if el.name in ("iframe", "object", "embed") else None
        if embed:
            self.found.embeds.append(embed)
            return f"\n\n[{_bracketless(embed.label)}]({embed.url})\n\n"
        self.found.left_out.append(f"embedded {el.name} {source or '(no address)'}")
        return ""

    convert_iframe = convert_video = convert_audio = convert_object = convert_embed = _embed

    def convert_wow_image(self, el, text, parent_tags):
        return text  # Wix's wrapper of an <img>

    def convert_picture(self, el, text, parent_tags):
        return text  # its <img> speaks for it

    def convert_sup(self, el, text, parent_tags):
        ref = el.find("a", href=FOOTNOTE_REF)
        if ref is not None:
            return f"[^{ref['href'].split('#fn:', 1)[1]}]"
        return super().convert_sup(el, text, parent_tags)

    def convert_figcaption(self, el, text, parent_tags):
        # The caption readers saw under the picture stays, as its own line.
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text and "_inline" not in parent_tags else text

    def convert_blockquote(self, el, text, parent_tags):
        # Instagram's and TikTok's embed code: a quote around a link, drawn by their script.
        permalink = el.get("data-instgrm-permalink") or (
            el.get("cite") if "tiktok-embed" in (el.get("class") or []) else ""
        )
        embed = embed_link(permalink, "") if permalink else None
        if embed:
            self.found.embeds.append(embed)
            return f"\n\n[{_bracketless(embed.label)}]({embed.url})\n\n"
        return super().convert_blockquote(el, text, parent_tags)


def _bracketless(text):
    return text.replace("[", "(").replace("]", ")")


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


def html_to_blocks(html_or_element, notes, found=None):
    """Convert article HTML to Blocks, in reading order; images, videos and
    links that need attention are collected in `found` (a media.Found)."""
    if isinstance(html_or_element, Tag):
        root = html_or_element
    else:
        root = BeautifulSoup(html_or_element or "", "html.parser")
    for tag in root.find_all(DROPPED):
        tag.decompose()
    if found is not None:
        # Wix's video player draws the video with a script: a saved page may hold no address.
        for player in root.select('[data-hook="videoPlayer"], [data-hook="video-player"]'):
            if not player.find(["video", "iframe", "source"], src=True):
                found.left_out.append(
                    "a video whose address the page does not hold (see the post on the old site)"
                )
                player.decompose()
    shift = 1 if root.find("h1") else 0  # the article's title is the page's only h1
    converter = ArticleConverter(notes, heading_shift=shift, found=found)
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
        # No-break spaces are Wix's spacing and typogrify's widows, not meaning; zero-width
        # spaces and soft hyphens show nothing.
        markdown = INVISIBLE.sub("", converter.convert_soup(element)).replace("\xa0", " ").strip()
        if element.name == "hr" or not markdown:
            continue  # separators and empty spacer paragraphs
        text = visible_text(element)
        if not text and markdown.startswith(("![", "[")):
            kind = OTHER  # a picture, a video or an embed's link: kept, though it has no text
        blocks.append(Block.of(kind, markdown, text))
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
