"""Feeds that open as a readable page in a browser, and RSS items with an
update date.

Every feed gets an `<?xml-stylesheet?>` instruction pointing at the theme's
XSLT stylesheet in the feed's language (FEED_STYLESHEET, a template in the theme's
templates folder, written to THEME_STATIC_DIR/ for the default language and
THEME_STATIC_DIR/<lang>/ for each other), so a reader who clicks "Feeds" sees an
explanation and the article list instead of raw XML. RSS 2.0 has no element for
"updated", so each RSS item also carries
`<atom:updated>` (the Atom namespace is already declared by feedgenerator),
and Atom summaries are plain text.

Before a feed is written (`feed_generated`), each item names every writer of an
article with several (`Authors:`; Pelican names the first only): Atom gets one
`<author>` each, RSS one `<dc:creator>` each. And its links to a place in the article
(footnotes) carry the article's address: readers resolve them against the feed's.

Pelican offers no setting for the feed class: once Pelican has written a feed
(`feed_written`), the same feed (its settings and items) is written again over
it by our subclasses of feedgenerator's classes, which only add output.
"""

import io
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

from feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date
from pelican import signals
from pelican.generators import Generator

from sitebuild.html_text import parse_html
from sitebuild.html_text import plain_text as html_text

DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


def plain_text(fragment):
    """HTML as the words a reader sees: no tags, entities decoded, one space."""
    return " ".join(html_text(fragment).split())


def site_path(url):
    """The path part of an address, always starting with a slash."""
    return "/" + urlsplit(url).path.lstrip("/")


def stylesheet_href(feed_url, stylesheet_url):
    """The stylesheet's address relative to the feed, so the browser applies it
    whatever host or sub-path the site is served from (XSLT must be same-origin)."""
    feed_folder = posixpath.dirname(site_path(feed_url))
    return posixpath.relpath(site_path(stylesheet_url), feed_folder)


def with_stylesheet(xml, href):
    """Insert the stylesheet instruction right after the XML declaration (feedgenerator
    always writes one)."""
    declaration, rest = xml.split("?>", 1)
    return f'{declaration}?>\n<?xml-stylesheet type="text/xsl" href="{href}"?>{rest}'


class StyledFeedMixin:
    stylesheet_href = None

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        xml = buffer.getvalue()
        if self.stylesheet_href:
            xml = with_stylesheet(xml, self.stylesheet_href)
        outfile.write(xml)


class StyledAtomFeed(StyledFeedMixin, Atom1Feed):
    def add_item_elements(self, handler, item):
        # The summary is one or two sentences: plain text reads the same in
        # every reader and in the browser view (XSLT can't decode HTML).
        summary = item["description"]
        super().add_item_elements(handler, {**item, "description": None})
        if summary:
            handler.addQuickElement("summary", plain_text(summary), {"type": "text"})
        for name in item.get("other_authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")


class StyledRssFeed(StyledFeedMixin, Rss201rev2Feed):
    def add_item_elements(self, handler, item):
        # Pelican's ids are tag: URIs, not addresses: say so, or readers
        # would treat the guid as the item's link.
        item = {**item, "unique_id_is_permalink": False}
        super().add_item_elements(handler, item)
        updated = item["updateddate"] or item["pubdate"]
        if updated is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(updated))
        for name in item.get("other_authors", ()):
            handler.addQuickElement("dc:creator", name, {"xmlns:dc": DC_NAMESPACE})


STYLED = {Atom1Feed: StyledAtomFeed, Rss201rev2Feed: StyledRssFeed}


def stylesheet_path(settings, lang):
    """Where the stylesheet of a language is published: THEME_STATIC_DIR/<name> for the
    default language, THEME_STATIC_DIR/<lang>/<name> for the others."""
    static = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    name = settings["FEED_STYLESHEET"].strip("/")
    folder = static if lang == settings["DEFAULT_LANG"] else f"{static}/{lang}"
    return f"{folder}/{name}"


def stylesheet_template(settings):
    """FEED_STYLESHEET's template in the theme, after checking the theme has it."""
    name = settings["FEED_STYLESHEET"].strip("/")
    source = Path(settings["THEME"]) / "templates" / name
    if not source.is_file():
        raise FileNotFoundError(
            f"FEED_STYLESHEET = {settings['FEED_STYLESHEET']!r}: {source} does not exist. "
            "Add the stylesheet to the theme's templates folder or fix the setting."
        )
    return name


def stylesheet_url(settings, lang=None):
    """The site path of the stylesheet for feeds in `lang` (the default language's
    without one)."""
    stylesheet_template(settings)
    path = stylesheet_path(settings, lang or settings["DEFAULT_LANG"])
    return f"{site_path(settings['SITEURL']).rstrip('/')}/{path}"


class FeedStylesheets(Generator):
    """Writes the feeds' stylesheet once per language, its words in that language
    (the theme's catalogs, through plugins/i18n's gettext)."""

    def generate_output(self, writer):
        if not self.settings.get("FEED_STYLESHEET"):
            return
        from i18n.i18n import languages  # here: i18n imports content_checks, which imports us

        template = self.env.get_template(stylesheet_template(self.settings))
        for lang in languages(self.settings):
            path = stylesheet_path(self.settings, lang)
            writer.write_file(path, template, self.context, url=path, lang=lang)


def stylesheets_generator(pelican):
    return FeedStylesheets


def restyle_feed(path, context, feed):
    """Write the feed Pelican just wrote at `path` again, styled."""
    styled_class = STYLED.get(type(feed))
    if styled_class is None:
        return
    settings = dict(feed.feed)
    settings["feed_guid"] = settings.pop("id")
    styled = styled_class(**settings)
    for item in feed.items:
        styled.add_item(**item)
    if context.get("FEED_STYLESHEET"):
        url = stylesheet_url(context, feed.feed.get("language"))
        styled.stylesheet_href = stylesheet_href(feed.feed["feed_url"], url)
    with open(path, "w", encoding="utf-8") as handle:
        styled.write(handle, "utf-8")


def articles_by_several(context, feed):
    """{item link: article} for the articles with several writers a feed may hold, in
    every language (only they need more than Pelican wrote)."""
    every = [*context.get("articles", [])]
    for items in context.get("I18N_ARTICLES", {}).values():
        every += items
    site = feed.feed["link"]  # Pelican's items link to this + the article's url
    return {site + article.url: article for article in every if len(article.authors) > 1}


def complete_items(context, feed):
    """feed_generated: every writer of each entry, and its links within the article
    absolute."""
    articles = articles_by_several(context, feed)
    for item in feed.items:
        page_url = item["link"].split("?", 1)[0]  # without FEED_APPEND_REF's ?ref=feed
        article = articles.get(page_url)
        if article is not None:
            item["other_authors"] = [author.name for author in article.authors[1:]]
        for key in ("content", "description"):
            item[key] = fragments_made_absolute(item.get(key), page_url)


# Whether an item's HTML may hold a link to a place on its own page: only then is it parsed.
MAY_LINK_TO_A_FRAGMENT = re.compile(r"""href\s*=\s*["']?#""")


def fragments_made_absolute(html, page_url):
    """The HTML with its links to a place on its own page (a footnote `#fn:1` and its
    back-link) leading there from anywhere: a feed reader resolves `#fn:1` against the
    feed's address, so the note was not found."""
    if not html or not MAY_LINK_TO_A_FRAGMENT.search(html):
        return html
    tree = parse_html(html, fragment=True)
    for link in tree.css("a[href]"):
        if link.attrs["href"].startswith("#"):
            link.attrs["href"] = page_url + link.attrs["href"]
    return tree.html


def declare_language(context, feed):
    """Every feed names its language (Atom's xml:lang, RSS's <language>)."""
    feed.feed["language"] = context.get("DEFAULT_LANG")


def register():
    signals.feed_generated.connect(declare_language)
    signals.feed_generated.connect(complete_items)
    signals.feed_written.connect(restyle_feed)
    signals.get_generators.connect(stylesheets_generator)
