"""Checks on the content as Pelican read it, before anything is written.

Pelican resolves `{filename}`-style links only while writing, logs the first
target it can't find and leaves the raw text in the page; `{tag}`, `{category}`
and `{author}` links are never checked at all. Here every link and image of
every article and page is checked against what the build will really contain.
"""

import os
import posixpath
import re
from urllib.parse import unquote, urlparse

from pelican.urlwrappers import Author, Category, Tag

from sitebuild.html_text import parse_html

from .body_html import removed_by_policy
from .markup import HTML_ELEMENTS, looks_schemeless
from .problems import Problem

# Every url-carrying attribute, as Pelican's own link replacement looks for them.
URL_ATTRIBUTES = ("href", "src", "poster", "data", "cite", "formaction", "action")
WITH_URL = ",".join(f"[{name}]" for name in URL_ATTRIBUTES)
INTRASITE = re.compile(r"^[{|](?P<what>[^|}]*)[|}](?P<value>.*)$", re.DOTALL)
LEFTOVER = re.compile(r"[{|](?:filename|static|attach|tag|category|author|index)[|}]\S*")
KNOWN_KINDS = ("filename", "static", "attach", "tag", "category", "author", "index")
EXTERNAL_SCHEMES = ("http", "https")
RESOURCE_TAGS = {"img", "source", "video", "audio", "iframe", "embed", "object", "script", "track"}
LINK_ADVICE = (
    "link an article as {filename}other-article.md and a page as {filename}../pages/page.md"
)


class ContentLinks:
    """What links may point at in this build, taken from the generators."""

    def __init__(self, settings, context, articles):
        self.settings = settings
        self.content_root = settings["PATH"]
        self.generated = context.get("generated_content", {})
        self.static = context.get("static_content", {})
        # Only published articles make tag, category and author pages.
        self.tags = {t.slug: t for t in articles.tags}
        self.categories = {c.slug: c for c, _ in articles.categories}
        self.authors = {a.slug: a for a, _ in articles.authors}

    def resolve(self, content, value):
        """A link value as Pelican resolves it: relative to the linking file."""
        path = unquote(urlparse(value).path)
        if path.startswith("/"):
            return path.lstrip("/")
        return posixpath.normpath(posixpath.join(content.relative_dir.replace(os.sep, "/"), path))


def check_content(content, links, source):
    """Problems with the links, images and leftover link syntax of one content object."""
    problems = []
    display = source.path if source else content.relative_source_path
    published = getattr(content, "status", "published") != "draft"

    reported = {}

    def add(needle, field, what, fix):
        line = 0
        if source and needle:
            # The n-th problem with the same text is at the n-th place that text is written.
            places = [
                n for n, text in enumerate(source.lines, 1) for _ in range(text.count(needle))
            ]
            index = reported.get(needle, 0)
            reported[needle] = index + 1
            line = places[min(index, len(places) - 1)] if places else 0
        problems.append(Problem(display, line, field, what, fix))

    html_parts = [getattr(content, "_content", "") or ""]
    summary = content.metadata.get("summary")
    if summary:
        html_parts.append(str(summary))
    for html in html_parts:
        for removed in removed_by_policy(html):
            if not removed.attribute and removed.tag not in HTML_ELEMENTS:
                continue  # not an HTML element (<www.example.org>): markup.py reports it
            what, fix = removed.what_and_fix()
            line = source.find_any_line(removed.needles()) if source else 0
            problems.append(Problem(display, line, "HTML", what, fix))
        tree = parse_html(html)
        for element in tree.css(WITH_URL):
            for name in URL_ATTRIBUTES:
                url = element.attributes.get(name)
                if url is not None:
                    check_url(content, links, element.tag, url.strip(), published, add)
        text = tree.body.text(separator=" ") if tree.body else ""
        for leftover in LEFTOVER.finditer(text):
            snippet = leftover.group().rstrip(").,;:!?'\"")
            add(
                snippet,
                "link",
                f"'{snippet}' would be shown as text: it is not written as a link",
                "write it as [link text]({filename}other-article.md), with no space between "
                "] and (",
            )
    return problems


def check_url(content, links, tag, url, published, add):
    field = "image" if tag == "img" else "link"
    intrasite = INTRASITE.match(url)
    if intrasite:
        check_intrasite(content, links, tag, intrasite, url, published, add)
        return
    parsed = urlparse(url)
    if parsed.scheme and parsed.scheme not in EXTERNAL_SCHEMES:
        return  # mailto: and tel: are fine; body_html reports any other scheme
    if not parsed.netloc and url.startswith("#"):
        return
    if parsed.scheme in EXTERNAL_SCHEMES or parsed.netloc:
        if tag in RESOURCE_TAGS:
            add(
                url,
                field,
                f"'{url}' is loaded from another website, which would tell that site "
                "who reads this page",
                "save the file in content/images and use ![description]({static}/images/name.jpg)",
            )
        return
    if looks_schemeless(url):
        return  # another site's address without https://: markup.py reports it at its line
    if parsed.path.endswith((".md", ".markdown")):
        fix = f"write {{filename}}{parsed.path} so the build turns it into the page's address"
        add(url, field, f"'{url}' links to a Markdown file, which is not part of the site", fix)
        return
    add(
        url,
        field,
        f"'{url}' is a hand-written address inside the site, which breaks when the site moves",
        f"use the build's links instead: {LINK_ADVICE}; images as {{static}}/images/name.jpg",
    )


def check_intrasite(content, links, tag, match, url, published, add):
    what, value = match.group("what"), match.group("value")
    field = "image" if tag == "img" else "link"
    if what not in KNOWN_KINDS:
        add(
            url,
            field,
            f"'{{{what}}}' is not a kind of link the site knows",
            "use {filename}, {static}, {attach}, {tag}, {category}, {author} or {index}",
        )
        return
    if what == "index":
        return
    target = urlparse(value).path
    if what == "filename":
        path = links.resolve(content, value)
        linked = links.generated.get(path)
        if linked is None and links.static.get(path) is not None:
            add(
                url,
                field,
                f"'{url}' points to a file, not an article or page",
                f"write {{static}}{value} for files and images",
            )
        elif linked is None:
            add(
                url,
                field,
                f"'{url}' points to content/{path}, which does not exist",
                f"check the file name; {LINK_ADVICE}",
            )
        elif published and getattr(linked, "status", "published") == "draft":
            add(
                url,
                field,
                f"'{url}' points to a draft (or an article scheduled for later), "
                "which readers can't open yet",
                "publish that article first, or remove the link",
            )
        return
    if what in ("static", "attach"):
        path = links.resolve(content, value)
        if not os.path.isfile(os.path.join(links.content_root, path)):
            add(
                url,
                field,
                f"'{url}' points to content/{path}, which does not exist",
                "put the file in content/images and write {static}/images/its-name.jpg",
            )
        return
    kinds = {
        "tag": (Tag, links.tags, "tag"),
        "category": (Category, links.categories, "category"),
        "author": (Author, links.authors, "author"),
    }
    wrapper, known, noun = kinds[what]
    slug = wrapper(unquote(target), links.settings).slug
    if slug not in known:
        names = ", ".join(sorted(str(k) for k in known.values())) or "none yet"
        add(
            url,
            field,
            f"'{url}' links to a {noun} page that does not exist (no published "
            f"article has the {noun} '{unquote(target)}')",
            f"use one of: {names}",
        )


FEED_SETTINGS = ("FEED_ALL_ATOM", "FEED_ALL_RSS", "FEED_ATOM", "FEED_RSS")
LISTING_FEEDS = {
    "categories": ("CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"),
    "authors": ("AUTHOR_FEED_ATOM", "AUTHOR_FEED_RSS"),
    "tags": ("TAG_FEED_ATOM", "TAG_FEED_RSS"),
}


def output_paths(generators_by_kind, settings, contents):
    """Every file the build writes, with who writes it, to find two writers of one file."""
    writers = {}

    def claim(save_as, who):
        if save_as:
            writers.setdefault(posixpath.normpath(save_as), []).append(who)

    for content in contents:
        claim(content.save_as, content)
    for name in FEED_SETTINGS:
        claim(settings.get(name), f"the feed {settings.get(name)}")
    articles = generators_by_kind.get("articles")
    if articles:
        # Pelican keeps tags as a dict, categories and authors as (item, articles) pairs.
        listings = {
            "tags": list(articles.tags),
            "categories": [c for c, _ in articles.categories],
            "authors": [a for a, _ in articles.authors],
        }
        for kind, items in listings.items():
            for item in items:
                claim(item.save_as, f"the {type(item).__name__.lower()} page '{item}'")
                for name in LISTING_FEEDS[kind]:
                    if settings.get(name):
                        feed = settings[name].format(slug=item.slug)
                        claim(feed, f"the feed {feed}")
        for template in settings["DIRECT_TEMPLATES"]:
            claim(
                settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html"),
                f"the {template} page",
            )
    for source, destination in settings.get("TEMPLATE_PAGES", {}).items():
        claim(destination, f"the template page {source}")
    static = generators_by_kind.get("static")
    if static:
        for item in getattr(static, "staticfiles", []):
            claim(item.save_as, f"the file content/{item.relative_source_path}")
    return writers


def reserved_folders(settings):
    """Output folders only the build writes: the theme's files, Pagefind's index, the
    editor."""
    folders = {
        settings.get("THEME_STATIC_DIR", "theme").strip("/"): "the theme's files",
        "pagefind": "the search index",
    }
    if "editor" in settings.get("PLUGINS", []):
        folders["admin"] = "the browser editor's files"
    return folders


def clashing_outputs(writers, sources_by_path, settings):
    """A file written by two writers, or by an article in a folder the build owns. The
    report names the article or page at fault: the newer one when two contents clash."""
    problems = []
    reserved = reserved_folders(settings)

    def blame(content, what):
        source = sources_by_path.get(os.path.abspath(content.source_path))
        line = 0
        if source:
            line = source.line_of("save_as") if source.get("save_as") else source.slug_line
        problems.append(
            Problem(
                source.path if source else content.relative_source_path,
                line,
                "Save_as" if source and source.get("save_as") else "Slug",
                what,
                "choose another slug (or remove the Save_as line)",
            )
        )

    for save_as, who in writers.items():
        contents = sorted(
            (w for w in who if not isinstance(w, str)),
            key=lambda c: (
                getattr(c, "status", "published") != "published",
                str(getattr(c, "date", "")) or "9999",
                c.source_path,
            ),
        )
        if save_as.startswith("../") or save_as == ".." or posixpath.isabs(save_as):
            for content in contents:
                blame(content, f"the page would be written to {save_as}, outside the site")
            continue
        folder = save_as.split("/", 1)[0]
        if folder in reserved and "/" in save_as:
            for content in contents:
                blame(content, f"the page would be written to {save_as}, among {reserved[folder]}")
            continue
        if len(who) < 2:
            continue
        named = [w for w in who if isinstance(w, str)]
        # Against a feed or a listing page every article loses; between articles and
        # pages, the first published keeps its address.
        at_fault = contents if named else contents[1:]
        for content in at_fault:
            others = [*named, *(c.relative_source_path for c in contents if c is not content)]
            blame(
                content,
                f"the page would be written to {save_as}, which {', '.join(others)} also writes",
            )
    return problems
