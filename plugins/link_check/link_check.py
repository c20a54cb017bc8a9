"""Fail the build when a page links to something the site does not contain.

Once Pelican has written every file (the `finalized` signal), every internal
URL in the generated HTML (href, src, srcset, poster, form action, object data
and the og:/twitter: image and url) must name a file in the output folder, and
every #fragment an id on the target page. External links are never fetched:
the build works offline. Pages are parsed in LINK_CHECK_PROCESSES processes
(default: one per core) when many are new to the cache: about 1 s for a cold
build of 1,000 articles on two cores, a fraction of that warm.

"Internal" means relative, root-relative, or absolute on SITEURL's host. In a
site built for a sub-path (SITEURL https://host/blog), a root-relative link
that leaves /blog/ is reported too: it would break on the real host.
"""

import concurrent.futures
import functools
import html
import logging
import multiprocessing
import os
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from blinker import signal
from digest_memo import DigestMemo, digest
from pelican import signals

# Attributes that hold one URL, by element.
URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "base": (),
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
# Browsers scroll to the top for "#top" even without such an id (HTML standard).
IMPLICIT_FRAGMENTS = {"top"}
# Stands in for the host when SITEURL is empty (development builds).
LOCAL_ORIGIN = "http://site.invalid"


class Link(NamedTuple):  # a tuple: a site has a hundred thousand of them
    line: int
    tag: str
    attribute: str
    url: str


@dataclass(frozen=True)
class BrokenLink:
    page: str  # output-relative path of the page holding the link
    link: Link
    problem: str


class BrokenLinksError(Exception):
    """The build wrote pages whose internal links lead nowhere."""


# A start tag with attributes: its name, then everything up to the ">" that is not
# inside a quoted value. Comments and the text of raw-text elements (script, style,
# textarea, title) are matched whole, so nothing inside them counts as a tag. Over
# our own pages this finds exactly what html.parser finds (the tests compare them),
# in a third of the time: parsing is most of the check's cost.
_ATTRIBUTES = r"""([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)"""
START_TAG = re.compile(
    r"<(?:!--.*?(?:-->|\Z)"
    r"|(script|style|textarea|title)(?=[\s/>])" + _ATTRIBUTES + r">.*?(?:</\1\s*>|\Z)"
    r"|([a-zA-Z][^\s/>]*)[\s/]" + _ATTRIBUTES + ">)",
    re.S | re.I,
)
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


# The header, footer and listings repeat the same tags on every page.
@functools.lru_cache(maxsize=65536)
def tag_attributes(text):
    """{name: value} of a start tag's attributes (never modify it: it is shared); the
    first of a repeated name wins, as in browsers."""
    values = {}
    for raw_name, double, single, bare in ATTRIBUTE.findall(text):
        name = raw_name.lower()
        if name not in values:
            value = double or single or bare
            values[name] = html.unescape(value) if "&" in value else value
    return values


def srcset_urls(srcset):
    """The URL of each candidate in a srcset ("a.jpg 1x, b.jpg 2x")."""
    return [part.split()[0] for part in srcset.split(",") if part.strip()]


@dataclass
class ParsedPage:
    ids: set
    links: list
    base: str | None


def parse_page(text):
    """The ids a page offers, the URLs it points to and its <base href>."""
    ids, links, base = set(), [], None
    line, counted_to = 1, 0
    for match in START_TAG.finditer(text):
        raw_text_tag, raw_text_attributes, tag, attributes = match.groups()
        if raw_text_tag:
            tag, attributes = raw_text_tag, raw_text_attributes
        if not attributes or "=" not in attributes:  # a comment, or nothing to read
            continue
        tag = tag.lower()
        values = tag_attributes(attributes)
        line += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        if "id" in values:
            ids.add(values["id"])
        if tag == "a" and "name" in values:
            ids.add(values["name"])
        if tag == "base" and "href" in values and base is None:
            base = values["href"].strip()
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            if attribute in values:
                links.append(Link(line, tag, attribute, values[attribute].strip()))
        if tag in SRCSET_ELEMENTS and "srcset" in values:
            for url in srcset_urls(values["srcset"]):
                links.append(Link(line, tag, "srcset", url))
        if tag == "meta" and "content" in values:
            name = values.get("property") or values.get("name")
            if name in META_URL_PROPERTIES:
                links.append(Link(line, tag, "content", values["content"].strip()))
    return ParsedPage(ids, links, base)


# A rebuild after one edit rewrites few pages with new content: pages are parsed once
# per content, keyed by a digest of their bytes, in a DigestMemo whose version is this
# file's (a new checker starts afresh).
CHECKER_VERSION = digest(Path(__file__).read_bytes())


def page_entry(data):
    """A page's bytes parsed, as the cache keeps it: [ids, links, base]."""
    page = parse_page(data.decode("utf-8", errors="replace"))
    return [sorted(page.ids), [list(link) for link in page.links], page.base]


def read_page_entry(path):
    return page_entry(Path(path).read_bytes())


def parsed_page(entry):
    ids, links, base = entry
    return ParsedPage(set(ids), [Link._make(link) for link in links], base)


# Below this many pages to parse, starting worker processes costs more than it saves.
MIN_PAGES_FOR_WORKERS = 200


def parse_pages(output, names, cache_file=None, processes=1):
    """{name: ParsedPage} for the HTML pages `names` in `output`. A page not in the
    cache takes about 0.8 ms; with `processes` > 1, the pages not in the cache are
    parsed afterwards, in that many forked processes when there are many."""
    memo = DigestMemo(None if cache_file is None else str(cache_file), CHECKER_VERSION)
    pages, unknown = {}, []
    for name in names:
        data = (output / name).read_bytes()
        key = digest(data)
        if processes < 2 or memo.knows(key):
            pages[name] = parsed_page(memo.get(key, lambda data=data: page_entry(data)))
        else:
            unknown.append((name, key))
    if unknown:
        paths = [str(output / name) for name, _ in unknown]
        if len(paths) < MIN_PAGES_FOR_WORKERS:
            entries = list(map(read_page_entry, paths))
        else:
            with concurrent.futures.ProcessPoolExecutor(
                max_workers=processes, mp_context=multiprocessing.get_context("fork")
            ) as pool:
                entries = list(pool.map(read_page_entry, paths, chunksize=32))
        for (name, key), entry in zip(unknown, entries, strict=True):
            pages[name] = parsed_page(memo.get(key, lambda entry=entry: entry))
    memo.save()
    return pages


def site_base(site_url):
    """(scheme://host, host, path prefix ending in /) of the published site."""
    parts = urlsplit(site_url or LOCAL_ORIGIN)
    prefix = parts.path.rstrip("/") + "/"
    return f"{parts.scheme}://{parts.netloc}", parts.netloc.lower(), prefix


def site_files(output):
    """Every file in the built site, by output-relative path."""
    return {path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file()}


def html_names(files):
    return sorted(name for name in files if name.endswith(".html"))


def check_site(
    output, site_url="", cache_file=None, read_before=None, written_later=(), processes=1
):
    """Return a BrokenLink for every internal link in `output` that leads nowhere.

    `read_before`: {name: ParsedPage} of pages parse_pages read earlier in this build.
    `written_later`: output-relative files a step after Pelican will write (pages may
    link to them; that step checks it wrote them). `processes`: see parse_pages.
    """
    output = Path(output)
    origin, host, prefix = site_base(site_url)
    written = site_files(output)
    html_pages = html_names(written)
    files = written.union(written_later)
    if read_before is None:
        pages = parse_pages(output, html_pages, cache_file, processes)
    else:  # pages written since are read now, without touching the cache
        pages = {name: read_before[name] for name in html_pages if name in read_before}
        pages.update(parse_pages(output, [n for n in html_pages if n not in pages]))

    broken = []
    # A root-relative or absolute URL without a #fragment means the same on every page.
    problems = {}
    for name in html_pages:
        parsed = pages[name]
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
    return broken


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


def format_report(broken, sources=None, shown=3):
    """One entry per broken URL, naming the pages (and Markdown sources) holding it."""
    sources = sources or {}
    groups = {}
    for item in broken:
        link = item.link
        key = (f'<{link.tag} {link.attribute}="{link.url}">', item.problem)
        groups.setdefault(key, []).append(item)
    lines = [f"{len(groups)} broken internal link{'s' if len(groups) != 1 else ''}:"]
    for (element, problem), items in groups.items():
        lines.append(f"- {element}: {problem}")
        places = [
            f"{item.page} line {item.link.line}"
            + (f" (from {sources[item.page]})" if item.page in sources else "")
            for item in items
        ]
        if len(places) <= shown:
            lines.append(f"    on {', '.join(places)}")
        else:
            lines.append(
                f"    on {len(places)} pages, e.g. {', '.join(places[:shown])}: "
                "a link on many pages usually comes from the theme's templates"
            )
    lines.append("Fix or remove each link, in the Markdown file or template it comes from.")
    return "\n".join(lines)


# Output file (absolute) -> the Markdown source of the article or page written there.
_written_from = {}


def remember_source(path, context):
    content = context.get("article") or context.get("page")
    source = content.get_relative_source_path() if content is not None else None
    if source:
        _written_from[os.path.abspath(path)] = source


def cache_file_for(pelican):
    # Development and published pages differ (relative or absolute addresses):
    # one cache each, so switching between them does not empty the other.
    kind = "published" if pelican.settings.get("SITEURL") else "development"
    return Path(pelican.settings["CACHE_PATH"]) / f"link_check-{kind}.json"


def processes(pelican):
    return pelican.settings.get("LINK_CHECK_PROCESSES") or os.cpu_count() or 1


# Pages read while Pagefind indexes the site, by build.
_read_early = {}


def read_pages_early(pelican):
    """The pages are final once Pagefind starts, and it runs in its own process for a
    second or two (on the other cores): read them meanwhile, in this process only."""
    output = Path(pelican.output_path)
    names = html_names(site_files(output))
    pages = parse_pages(output, names, cache_file_for(pelican))
    _read_early[id(pelican)] = pages


def check_build(pelican):
    output = Path(pelican.output_path)
    site_url = pelican.settings.get("SITEURL", "")
    read_before = _read_early.pop(id(pelican), None)
    written_later = pelican.settings.get("LINK_CHECK_FILES_WRITTEN_LATER", ())
    broken = check_site(
        output, site_url, cache_file_for(pelican), read_before, written_later, processes(pelican)
    )
    if broken:
        content = Path(pelican.settings["PATH"]).name
        sources = {}
        for item in broken:
            source = _written_from.get(os.path.abspath(output / item.page))
            if source:
                sources[item.page] = f"{content}/{source}"
        report = format_report(broken, sources)
        print(f"Link check: {report}", file=sys.stderr, flush=True)
        count = report.split(" ", 1)[0]
        raise BrokenLinksError(
            f"The link check found {count} broken internal link(s) (listed above); "
            "the build failed."
        )


class HideLinkCheckTraceback(logging.Filter):
    """Pelican logs the exception that ends a build with its traceback; the
    report is already printed for authors, so only the one-line summary shows."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, BrokenLinksError):
            record.exc_info = None
            record.msg, record.args = "%s", (str(error),)
        return True


def register():
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, HideLinkCheckTraceback) for f in pelican_logger.filters):
        pelican_logger.addFilter(HideLinkCheckTraceback())
    signals.content_written.connect(remember_source)
    signals.finalized.connect(check_build)
    # Sent by plugins/search_index while Pagefind runs (not sent without it).
    signal("search_index_running").connect(read_pages_early)
