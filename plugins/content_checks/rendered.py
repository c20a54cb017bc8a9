"""Checks on the content as Pelican read it, before anything is written.

Pelican resolves `{filename}`-style links only while writing, logs the first
target it can't find and leaves the raw text in the page; `{tag}`, `{category}`
and `{author}` links are never checked at all. Here every link and image of
every article and page is checked against what the build will really contain.
"""

import os
import posixpath
from urllib.parse import unquote, urlparse

from pelican.urlwrappers import Author, Category, Tag
from social_image.social_image import CARDS_FOLDER
from typeset_markdown.typeset_markdown import NOT_READ, NOT_READ_FIX

from .problems import Problem
from .text_checks import FINDINGS_KEY, INTRASITE, LINK_ADVICE, LineFinder

KNOWN_KINDS = ("filename", "static", "attach", "tag", "category", "author", "index")


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
    """Problems with one content object: those of its own text and HTML (text_checks.py;
    found and kept in Pelican's cache by typeset_markdown's reader), and its links to the
    rest of the site."""
    display = source.path if source else content.relative_source_path
    found = content.metadata.get(FINDINGS_KEY)
    if found is None:
        return [
            Problem(display, 0, "file", f"{NOT_READ}, so its text went unchecked", NOT_READ_FIX)
        ]
    problems = [Problem(display, *problem) for problem in found["problems"]]
    line_of = LineFinder(source)

    def add(needle, field, what, fix):
        problems.append(Problem(display, line_of(needle), field, what, fix))

    published = getattr(content, "status", "published") != "draft"
    for tag, url in found["links"]:
        check_intrasite(content, links, tag, INTRASITE.match(url), url, published, add)
    return problems


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
    # plugins/i18n: each other language's home and 404 page, every language's feeds.
    default = settings.get("DEFAULT_LANG", "en")
    for lang in settings.get("LANGUAGES") or {}:
        if lang != default and settings.get("I18N_HOME_SAVE_AS"):
            home = settings["I18N_HOME_SAVE_AS"].format(lang=lang)
            folder = posixpath.dirname(home)
            claim(home, f"the home page /{folder}/")
            claim(posixpath.join(folder, "404.html"), f"the 404 page {folder}/404.html")
        for name in ("TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS"):
            if settings.get(name):
                claim(
                    settings[name].format(lang=lang), f"the feed {settings[name].format(lang=lang)}"
                )
    static = generators_by_kind.get("static")
    if static:
        for item in getattr(static, "staticfiles", []):
            claim(item.save_as, f"the file content/{item.relative_source_path}")
    return writers


def reserved_folders(settings):
    """Output folders only the build writes: the theme's files, Pagefind's index, the
    editor, the social cards."""
    folders = {
        settings.get("THEME_STATIC_DIR", "theme").strip("/"): "the theme's files",
        "pagefind": "the search index",
    }
    plugins = settings.get("PLUGINS", [])
    if "editor" in plugins:
        folders["admin"] = "the browser editor's files"
    if "social_image" in plugins:
        folders[CARDS_FOLDER] = "the social cards"
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
