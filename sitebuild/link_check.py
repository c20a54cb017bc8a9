"""Fail the build when a page links to something the site does not contain.

A step of sitebuild/pipeline.py, once every other step has written its files: every
internal URL in the built HTML (href, src, srcset, poster, form action, object data and
the og:/twitter: image and url) must name a file in the site, and every #fragment an id
on the target page. External links are never fetched: the build works offline. Pages are
read with an HTML parser (selectolax), as a browser reads them: nothing inside a comment,
a script or a textarea counts.

"Internal" means relative, root-relative, or absolute on SITEURL's host. In a
site built for a sub-path (SITEURL https://host/blog), a root-relative link
that leaves /blog/ is reported too: it would break on the real host.
"""

import dataclasses
import html
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

# Attributes that hold one URL, by element.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "source": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "input": ("src",),
    "form": ("action",),
    "object": ("data",),
}
SRCSET_ELEMENTS = {"img", "source"}
# Social cards name the page and its image by URL: a broken one is a broken card.
META_URL_PROPERTIES = {"og:url", "og:image", "og:image:url", "twitter:image"}
# Only the elements that can hold an id or a URL are visited.
SELECTOR = ", ".join(
    ["[id]", "a[name]", "base[href]", "meta[content]", "[srcset]"]
    + [f"{tag}[{attribute}]" for tag, names in URL_ATTRIBUTES.items() for attribute in names]
)
# Browsers scroll to the top for "#top" even without such an id (HTML standard).
IMPLICIT_FRAGMENTS = {"top"}
# Stands in for the host when SITEURL is empty (development builds).
LOCAL_ORIGIN = "http://site.invalid"


class Link(NamedTuple):
    tag: str
    attribute: str
    url: str


@dataclass(frozen=True)
class BrokenLink:
    page: str  # output-relative path of the page holding the link
    link: Link
    problem: str
    line: int | None = None  # where the link is written in the page, when found


def srcset_urls(srcset):
    """The URL of each candidate in a srcset ("a.jpg 1x, b.jpg 2x")."""
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


class ParsedPage(NamedTuple):
    ids: set
    links: list
    base: str | None


def parse_page(page):
    """The ids a page offers, the URLs it points to and its <base href>. `page`: its text,
    or its UTF-8 bytes (quicker: the parser reads bytes)."""
    ids, links, base = set(), [], None
    seen = set()
    for node in LexborHTMLParser(page).css(SELECTOR):
        if node.mem_id in seen:  # Lexbor gives a node once per selector it matches
            continue
        seen.add(node.mem_id)
        tag, values = node.tag, node.attributes
        if values.get("id"):
            ids.add(values["id"])
        if tag == "a" and values.get("name"):
            ids.add(values["name"])
        if tag == "base" and values.get("href") is not None and base is None:
            base = values["href"].strip()
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            if values.get(attribute) is not None:
                links.append(Link(tag, attribute, values[attribute].strip()))
        if tag in SRCSET_ELEMENTS and values.get("srcset"):
            links += [Link(tag, "srcset", url) for url in srcset_urls(values["srcset"])]
        if tag == "meta" and values.get("content") is not None:
            name = values.get("property") or values.get("name")
            if name in META_URL_PROPERTIES:
                links.append(Link(tag, "content", values["content"].strip()))
    return ParsedPage(ids, links, base)


def line_of(text, url):
    """The line of `text` where `url` is first written (escaped or not), or None."""
    for written in (url, html.escape(url), html.escape(url, quote=False)):
        where = text.find(written)
        if where >= 0:
            return text.count("\n", 0, where) + 1
    return None


def site_base(site_url):
    """(scheme://host, host, path prefix ending in /) of the published site."""
    parts = urlsplit(site_url or LOCAL_ORIGIN)
    prefix = parts.path.rstrip("/") + "/"
    return f"{parts.scheme}://{parts.netloc}", parts.netloc.lower(), prefix


def site_files(output):
    """Every file in the built site, by output-relative path."""
    return {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}


def check_site(output, site_url=""):
    """Return a BrokenLink for every internal link in `output` that leads nowhere."""
    output = Path(output)
    origin, host, prefix = site_base(site_url)
    files = site_files(output)
    html_pages = sorted(name for name in files if name.endswith(".html"))
    pages = {name: parse_page((output / name).read_bytes()) for name in html_pages}

    broken = []
    # A root-relative or absolute URL without a #fragment means the same on every page.
    problems = {}
    for name, parsed in pages.items():
        page_path = prefix + name
        if parsed.base:  # rare: let urljoin apply the page's <base href>
            page_path = urlsplit(urljoin(origin + page_path, parsed.base)).path
        for link in parsed.links:
            url = link.url
            same_everywhere = url.startswith(("/", "http:", "https:")) and "#" not in url
            key = (url, None if same_everywhere else page_path)
            if key not in problems:
                problems[key] = link_problem(url, page_path, host, prefix, files, pages, name)
            if problems[key]:
                broken.append(BrokenLink(name, link, problems[key]))
    return with_lines(output, broken)


def with_lines(output, broken):
    """`broken` with the line each link is written on (pages are read again, one at a
    time: the parser gives no positions, and only pages with a broken link need them)."""
    located, name, text = [], None, ""
    for item in broken:  # in page order
        if item.page != name:
            name = item.page
            text = (output / name).read_text(encoding="utf-8", errors="replace")
        located.append(dataclasses.replace(item, line=line_of(text, item.link.url)))
    return located


def target_path(url, page_path, host):
    """The site path `url` leads to from the page at page_path, or None when it
    leaves the site. A quicker urljoin for links in pages, where it is most of
    the check's time once pages are parsed."""
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None, ""  # mailto:, tel:, data: and friends are not pages of ours
    if parts.scheme or parts.netloc:
        if parts.netloc.lower() != host:
            return None, ""  # another site: not fetched (offline, fast, deterministic)
        return parts.path or "/", parts.fragment
    if not parts.path:
        return page_path, parts.fragment  # "#anchor" or "?query": this very page
    if parts.path.startswith("/"):
        return parts.path, parts.fragment
    relative = parts.path
    joined = posixpath.normpath(posixpath.dirname(page_path).rstrip("/") + "/" + relative)
    last = relative.rsplit("/", 1)[-1]
    if joined != "/" and (relative.endswith("/") or last in (".", "..")):
        joined += "/"
    return joined, parts.fragment


def link_problem(url, page_path, host, prefix, files, pages, page_name):
    """Why `url` (found on the page at site path page_path) is broken, or None."""
    if url in ("", "#"):
        return None  # the page itself
    path, fragment = target_path(url, page_path, host)
    if path is None:
        return None
    path = unquote(path)
    if not (path + "/").startswith(prefix):
        return f"{path} is outside the site, which lives under {prefix}"
    relative = path[len(prefix) :]
    if relative == "" or relative.endswith("/"):
        relative += "index.html"
    relative = posixpath.normpath(relative)
    if relative.startswith("../"):
        return f"{path} is outside the site"
    if relative not in files:
        index = f"{relative}/index.html"
        if index not in files:
            return f"{relative} does not exist in the built site"
        relative = index
    fragment = unquote(fragment)
    if fragment and relative in pages and fragment not in IMPLICIT_FRAGMENTS:
        if fragment not in pages[relative].ids:
            where = "this page" if relative == page_name else relative
            return f'no element with id="{fragment}" on {where}'
    return None


def format_report(broken, sources):
    """One entry per broken URL, naming the pages (and Markdown sources, {page: source})
    holding it."""
    groups = {}
    for item in broken:
        link = item.link
        key = (f'<{link.tag} {link.attribute}="{link.url}">', item.problem)
        groups.setdefault(key, []).append(item)
    lines = [f"{len(groups)} broken internal link{'s' if len(groups) != 1 else ''}:"]
    for (element, problem), items in groups.items():
        lines.append(f"- {element}: {problem}")
        places = [
            item.page
            + (f" line {item.line}" if item.line else "")
            + (f" (from {sources[item.page]})" if item.page in sources else "")
            for item in items
        ]
        if len(places) <= 3:
            lines.append(f"    on {', '.join(places)}")
        else:
            lines.append(
                f"    on {len(places)} pages, e.g. {', '.join(places[:3])}: "
                "a link on many pages usually comes from the theme's templates"
            )
    lines.append("Fix or remove each link, in the Markdown file or template it comes from.")
    return "\n".join(lines)
