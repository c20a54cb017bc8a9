"""RSS 2.0 and Atom feeds: Wix's blog feed, or any feed with full content
(our own published Atom feed imports back into an empty site).

feedparser reads the feed; it is lenient, so a feed it had to guess at is
refused here rather than half-imported. The first <category> of an entry is
taken as the Category and the others as Tags (the order Pelican writes them).
"""

import calendar
import re
from datetime import UTC, datetime
from urllib.parse import urlparse

import feedparser
from bs4 import BeautifulSoup

from .blocks import credit_author, normalise, tidy, without_title
from .dates import local_time
from .html_to_markdown import html_to_blocks, visible_text
from .language import statement
from .media import Found, original_url
from .model import EmptyPost, Post, SourceError
from .summary import LIMIT

EXPECTED = "expected an RSS 2.0 or Atom feed whose entries have a title, a date and the full text"
HARMLESS = (feedparser.CharacterEncodingOverride,)
# An entry's text that stops like this is a teaser, not the post.
EXCERPT_END = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\]|read more\W*)$", re.IGNORECASE)


def parse(path, data, *, timezone, empty=None):
    """Read every entry of a feed file into Posts; SourceError if it isn't one. An
    entry without text is put in the list `empty` (as an EmptyPost) when one is given,
    so that the others are imported."""
    # Not feedparser's sanitizer: it deletes embeds (a YouTube iframe, Instagram's
    # quote) without a word; html_to_markdown keeps them as links and drops scripts.
    parsed = feedparser.parse(data, sanitize_html=False)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, HARMLESS):
        line = getattr(problem, "getLineNumber", lambda: None)()
        where = f" at line {line}" if line else ""
        raise SourceError(path, f"not a well-formed feed ({problem}{where}); {EXPECTED}")
    if not parsed.get("version"):
        raise SourceError(path, f"not an RSS or Atom feed; {EXPECTED}")
    if not parsed.entries:
        raise SourceError(path, f"the feed has no entries; {EXPECTED}")
    generator = parsed.feed.get("generator", "").lower()
    from_wix = "wix" in generator or any("/post/" in e.get("link", "") for e in parsed.entries)
    posts = []
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            posts.append(_entry(path, number, entry, timezone=timezone, from_wix=from_wix))
        except EmptyPost as problem:
            if empty is None:
                raise
            empty.append(problem)
    # RSS <language> or Atom xml:lang (Wix's feeds state none).
    language = parsed.feed.get("language") or ""
    for post in posts if language.strip() else ():
        post.statements.append(statement("feed language", language))
    return posts


def _entry(path, number, entry, *, timezone, from_wix):
    title = _plain(entry.get("title", ""))
    origin = f'entry {number} ("{title}")' if title else f"entry {number}"
    if not title:
        raise SourceError(path, f"{origin} has no title; {EXPECTED}")
    post = Post(source=path, title=title, origin=origin)
    post.old_url = entry.get("link", "")
    post.found = Found(base=post.old_url, blog_hosts={urlparse(post.old_url).netloc} - {""})
    for enclosure in entry.get("enclosures", []):
        if enclosure.get("type", "image").startswith("image") and enclosure.get("href"):
            post.cover = post.found.image(original_url(enclosure["href"]), "")
            break

    published = _moment(entry.get("published_parsed"), timezone)
    # entry.keys(): feedparser's get() would hand back the published date instead.
    updated = (
        _moment(entry["updated_parsed"], timezone) if "updated_parsed" in entry.keys() else None
    )
    post.date = published or updated
    if post.date is None:
        raise SourceError(path, f"{origin} has no date (published, pubDate or updated); {EXPECTED}")
    if published and updated and updated > published:
        post.modified = updated

    detail = entry.get("author_detail") or {}
    writer = normalise(detail.get("name") or entry.get("author", ""))
    terms = [normalise(t.get("term") or t.get("label") or "") for t in entry.get("tags", [])]
    terms = [t for t in terms if t]
    if terms:
        post.category, post.tags = terms[0], terms[1:]

    if entry.get("content"):
        html = entry.content[0].get("value", "")
        summary = entry.get("summary", "")
        if from_wix:
            post.teaser, summary = _plain(summary), ""
    else:
        html, summary = entry.get("summary", ""), ""  # RSS: <description> holds the text
        if from_wix or EXCERPT_END.search(_plain(html)):
            if "/post/" not in post.old_url:
                raise SourceError(
                    path,
                    f"{origin} carries only an excerpt, not the whole post, and no address of "
                    "its page; save the post pages (as HTML) and import those instead",
                )
            # The importer reads the text from the post's page.
            post.needs_page, post.teaser, post.author = True, _plain(html), writer
            return post
    blocks = credit_author(post, html_to_blocks(html, post.notes, post.found), writer)
    post.body = without_title(tidy(blocks, wix=False), post.title)  # each <p> stays one
    if not post.body:
        raise EmptyPost(
            path,
            f"{origin} has a title but no text or pictures (a video the feed leaves out?); "
            "not imported: see the post on the old site",
        )
    post.summary = _own_summary(summary, post.body)
    return post


def _moment(parsed_time, timezone):
    """feedparser's UTC time tuple as the site's local time."""
    if not parsed_time:
        return None
    utc = datetime.fromtimestamp(calendar.timegm(parsed_time), UTC)
    return local_time(utc, timezone)


def _plain(html):
    return visible_text(BeautifulSoup(html, "html.parser"))


def _own_summary(summary_html, body):
    """The entry's summary when the author wrote one (not just the opening
    words, as Wix's excerpt is) and it fits the site's limit."""
    summary = _plain(summary_html)
    opening = " ".join(b.text for b in body)
    if not summary or len(summary) > LIMIT or opening.startswith(summary.rstrip(".… ")):
        return ""
    return summary
