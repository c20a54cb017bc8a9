"""Reading a Wix site over the network: its sitemap, its post pages, its pictures.

Wix lists the sitemaps of a site in /sitemap.xml (an index) and the blog's posts
in /blog-posts-sitemap.xml. Pages are fetched a few at a time (Wix answers a
burst of requests with 429), with retries, and a progress line on stderr.
A multilingual site's posts in other languages (/es/post/..., ?lang=es) come as
entries of their own or as hreflang alternates (xhtml:link) of an entry: both count.
Only the standard library: urllib for HTTP, ElementTree for the sitemaps (XML,
not HTML).
"""

import sys
import time
import xml.etree.ElementTree as ElementTree
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError, URLError
from urllib.parse import urljoin, urlparse
from urllib.request import Request, urlopen

from .model import SourceError

WORKERS = 4
TRIES = 3
TIMEOUT = 30
RETRY_STATUSES = {429, 500, 502, 503, 504}
USER_AGENT = "wix-import/1 (moving this blog to its new home)"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML_LINK = "{http://www.w3.org/1999/xhtml}link"


class FetchError(Exception):
    """An address that could not be read, with the reason in words."""


def is_address(text):
    return urlparse(str(text)).scheme in ("http", "https")


def fetch(url, *, tries=TRIES, pause=0.5):
    """The bytes at `url`; FetchError with a plain reason when it can't be had."""
    for attempt in range(1, tries + 1):
        try:
            request = Request(url, headers={"User-Agent": USER_AGENT})
            with urlopen(request, timeout=TIMEOUT) as response:
                return response.read()
        except HTTPError as problem:
            if problem.code not in RETRY_STATUSES or attempt == tries:
                reason = f"the server answered {problem.code} {problem.reason}"
                raise FetchError(f"{url}: {reason}") from None
        except (URLError, OSError) as problem:
            if attempt == tries:
                reason = getattr(problem, "reason", problem)
                raise FetchError(f"{url}: can't be reached ({reason})") from None
        time.sleep(pause * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


def _locations(data, url):
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as problem:
        raise FetchError(f"{url}: not a sitemap ({problem})") from None
    locations = [(element.text or "").strip() for element in root.iter(f"{SITEMAP_NS}loc")]
    locations += [
        link.get("href", "").strip()
        for link in root.iter(XHTML_LINK)
        if link.get("rel") == "alternate" and link.get("hreflang", "").lower() != "x-default"
    ]
    return root.tag.removeprefix(SITEMAP_NS), locations


def post_addresses(site):
    """The address of every blog post a Wix site lists in its sitemaps; a post's own
    address (/post/<slug>) is that one post."""
    parts = urlparse(site)
    if "/post/" in parts.path and parts.path.split("/post/", 1)[1].strip("/"):
        return [site]
    index_url, problem = None, None
    for candidate in sitemap_addresses(site):
        try:
            kind, locations = _locations(fetch(candidate), candidate)
            index_url = candidate
            break
        except FetchError as found:
            problem = problem or found
    if index_url is None:
        raise SourceError(
            site,
            f"could not read the site's sitemap ({problem}); expected a Wix site's address "
            "such as https://www.example.com (Wix publishes /sitemap.xml)",
        )
    if kind == "sitemapindex":
        # Wix splits a big blog's list in pages: blog-posts-sitemap.xml?page=2.
        blog_maps = [
            loc for loc in locations if urlparse(loc).path.endswith("blog-posts-sitemap.xml")
        ]
        if not blog_maps:
            raise SourceError(
                site,
                "this does not look like a Wix blog: its sitemap.xml names no "
                "blog-posts-sitemap.xml; pass a saved page, a feed or a folder of them instead",
            )
        locations = []
        for blog_map in blog_maps:
            try:
                locations += _locations(fetch(blog_map), blog_map)[1]
            except FetchError as problem:
                raise SourceError(site, f"could not read the blog's sitemap ({problem})") from None
    posts = [loc for loc in locations if "/post/" in urlparse(loc).path]
    if not posts:
        raise SourceError(
            site,
            "the site's sitemaps list no blog posts (addresses with /post/); is it a Wix blog?",
        )
    return list(dict.fromkeys(posts))


def sitemap_addresses(site):
    """Where the site's sitemap may be: under the address given (a free Wix site lives
    in a folder, username.wixsite.com/mysite), then at the root of the host (for an
    address such as https://www.example.com/blog)."""
    parts = urlparse(site)
    root = f"{parts.scheme}://{parts.netloc}/"
    given = urljoin(site.split("?")[0].rstrip("/") + "/", "sitemap.xml")
    return list(dict.fromkeys([given, urljoin(root, "sitemap.xml")]))


def fetch_all(addresses, *, label, stream=None):
    """{address: bytes or FetchError} for every address, a few at a time,
    with a progress line."""
    stream = stream or sys.stderr
    results, done = {}, 0

    def one(address):
        try:
            return address, fetch(address)
        except FetchError as problem:
            return address, problem

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for address, result in pool.map(one, addresses):
            results[address] = result
            done += 1
            if stream.isatty() or done == len(addresses):
                width = 24
                filled = width * done // len(addresses)
                bar = f"[{'#' * filled}{'.' * (width - filled)}]"
                start = "\r" if stream.isatty() else ""
                print(
                    f"{start}{label} {bar} {done}/{len(addresses)}", end="", file=stream, flush=True
                )
    if addresses:
        print(file=stream)
    return results
