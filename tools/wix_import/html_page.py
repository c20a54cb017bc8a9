"""A Wix blog post page saved from the browser as HTML.

Wix renders the post on the server: the body is the element with
data-hook="post-description", the title data-hook="post-title", the author
data-hook="user-name", the date data-hook="time-ago" (its title attribute
holds the full date). The page also carries a BlogPosting JSON-LD block and
OpenGraph article tags with exact timestamps, preferred when present.
"""

import copy
import json
from pathlib import Path
from urllib.parse import urlparse

from bs4 import BeautifulSoup

from .blocks import credit_author, tidy, without_title
from .dates import parse_iso, parse_wix_date, resolve
from .html_to_markdown import html_to_blocks, visible_text
from .language import alternates_of, language_alternates, page_statements
from .media import Found, original_url
from .model import EmptyPost, Post, SourceError

EXPECTED = (
    'expected a Wix blog post page saved as HTML (with a data-hook="post-description" '
    "element or an <article>, a title and a publish date)"
)
BODY_SELECTORS = ['[data-hook="post-description"]', '[data-hook="post-content"]', "article"]
# Post chrome that sits inside <article> when we fall back to it.
CHROME_HOOKS = [
    "post-title",
    "user-name",
    "time-ago",
    "time-to-read",
    "post-footer",
    "post-header",
    "post-metadata",
]


def parse(path, html, *, captured, timezone, year=None, url="", blog_hosts=()):
    """One saved (or fetched, at `url`) Wix post page as a Post."""
    soup = BeautifulSoup(html, "html.parser")
    posting = _blog_posting(soup)
    body = next((soup.select_one(s) for s in BODY_SELECTORS if soup.select_one(s)), None)
    if body is None:
        raise SourceError(path, f"no article body found; {EXPECTED}")
    body = copy.copy(body)
    for hook in CHROME_HOOKS:
        for element in body.select(f'[data-hook="{hook}"]'):
            element.decompose()
    for heading in body.find_all("h1"):
        heading.decompose()  # the title again, when the body is the whole <article>

    post = Post(source=path)
    post.old_url = _first(
        url,
        _link(soup, "canonical"),
        _meta(soup, "og:url"),
        _string(posting.get("url")),
    )
    hosts = {urlparse(post.old_url).netloc, *blog_hosts} - {""}
    folder = None if url else Path(path).parent  # a saved file, not a fetched page
    post.found = Found(base=url or post.old_url, blog_hosts=hosts, folder=folder)
    alternates = alternates_of(soup)
    post.statements = page_statements(soup, posting, post.old_url or url, alternates)
    post.alternates = language_alternates(alternates)
    post.teaser = _first(_meta(soup, "og:description"), _meta(soup, "description"))
    cover = _meta(soup, "og:image")
    if cover:
        post.cover = post.found.image(original_url(cover), _meta(soup, "og:image:alt"))
    post.title = _first(
        _text(soup.select_one('[data-hook="post-title"]')),
        _string(posting.get("headline")),
        _meta(soup, "og:title"),
        _text(soup.find("title")).split(" | ")[0],
    )
    if not post.title:
        raise SourceError(path, f"no title found; {EXPECTED}")

    post.date = parse_iso(_string(posting.get("datePublished")), timezone) or parse_iso(
        _meta(soup, "article:published_time"), timezone
    )
    if post.date is None:
        post.date = _time_ago(path, soup, post, captured=captured, year=year)
    modified = parse_iso(_string(posting.get("dateModified")), timezone) or parse_iso(
        _meta(soup, "article:modified_time"), timezone
    )
    if modified and modified.date() > post.date.date():
        post.modified = modified

    author = posting.get("author")
    if isinstance(author, list):
        author = author[0] if author else None
    writer = _first(
        _string(author.get("name")) if isinstance(author, dict) else _string(author),
        _text(soup.select_one('[data-hook="user-name"]')),
        _meta(soup, "article:author") if "://" not in _meta(soup, "article:author") else "",
        _meta(soup, "author"),
    )
    post.category = _first(
        _string(posting.get("articleSection")),
        _meta(soup, "article:section"),
        _text(soup.select_one('[data-hook="post-footer"] a[href*="/blog/categories/"]')),
    )
    post.tags = _tags(soup, posting)

    notes = post.notes
    blocks = credit_author(post, html_to_blocks(body, notes, post.found), writer)
    post.body = without_title(tidy(blocks, wix=False), post.title)  # each <p> stays one
    if not post.body:
        raise EmptyPost(
            path,
            f"{post.title!r} has a title but no text or pictures the page holds; not "
            "imported: see the post on the old site",
        )
    return post


def _blog_posting(soup):
    """The page's BlogPosting (or Article) JSON-LD object, or {}."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except json.JSONDecodeError:
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data])
        for item in items:
            if isinstance(item, dict) and item.get("@type") in (
                "BlogPosting",
                "Article",
                "NewsArticle",
            ):
                return item
    return {}


def _time_ago(path, soup, post, *, captured, year):
    element = soup.select_one('[data-hook="time-ago"]')
    for text in (element.get("title", "") if element else "", _text(element)):
        found = parse_wix_date(text, reference=captured)
        if found:
            moment, note = resolve(found, year=year, captured=captured)
            if note:
                post.notes.append(f"Date: {note}")
            return moment
    raise SourceError(path, f"no publish date found; {EXPECTED}")


def _tags(soup, posting):
    keywords = posting.get("keywords") or []
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    tags = [k.strip() for k in keywords if isinstance(k, str) and k.strip()]
    tags += [m.get("content", "").strip() for m in soup.find_all("meta", property="article:tag")]
    for link in soup.select('[data-hook="post-footer"] a[href*="/blog/tags/"]'):
        tags.append(link.get_text(" ", strip=True).lstrip("#"))
    return list(dict.fromkeys(t for t in tags if t))


def _link(soup, rel):
    element = soup.find("link", rel=rel)
    return (element.get("href") or "").strip() if element else ""


def _meta(soup, name):
    element = soup.find("meta", property=name) or soup.find("meta", attrs={"name": name})
    return (element.get("content") or "").strip() if element else ""


def _text(element):
    return visible_text(element) if element else ""


def _string(value):
    return value.strip() if isinstance(value, str) else ""


def _first(*values):
    return next((v for v in values if v), "")
