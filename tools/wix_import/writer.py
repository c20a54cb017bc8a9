"""The Markdown article files: slug, header fields, body, and which slugs
the site already has."""

import re
from urllib.parse import unquote, urlparse

from pelican.utils import slugify

from sitebuild.headers import read_fields as read_header

from .html_to_markdown import CROSS_LINK
from .language import language_of, post_folder
from .markdown_text import escape_inline
from .media import IMAGE_MARKER

DATE_FORMAT = "%Y-%m-%d %H:%M"


def slug_for(title, settings):
    """The slug Pelican would give this title, with the site's substitutions."""
    return slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])


def wix_slug(post):
    """The slug in the post's old address (/post/<slug>), decoded, or ''."""
    path = urlparse(post.old_url).path
    if "/post/" not in path:
        return ""
    return unquote(path.split("/post/", 1)[1].strip("/").split("/")[0])


def old_path(post):
    """The old address's path, decoded: "/post/über-uns", or "/es/post/sobre-nosotros"
    for a post in Wix Multilingual's language folder."""
    slug = wix_slug(post)
    if not slug:
        return ""
    folder = post_folder(post.old_url)
    if post.lang and language_of(folder) == post.lang:
        return f"/{folder}/post/{slug}"
    return f"/post/{slug}"


def existing_slugs(folders, settings):
    """{(language, slug): path} for every Markdown article already in the site (an
    article and its translation share a slug: Pelican's translation id)."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.md")):
            header = read_header(path)
            slug = header.get("slug") or slug_for(header.get("title", path.stem), settings)
            lang = header.get("lang") or settings["DEFAULT_LANG"]
            found.setdefault((lang, slug), path)
    return found


def existing_categories(folders):
    """The categories the site's articles use, sorted."""
    found = {read_header(path).get("category", "") for f in folders for path in f.rglob("*.md")}
    return sorted(c for c in found if c)


def _one_line(value):
    return " ".join(str(value).split())


CROSS_LINK_TARGET = re.compile(re.escape(CROSS_LINK) + r"(?P<slug>[^)\s]+)")


def render(post, slug, *, status="draft", article_files=None):
    """The article file's text: header fields, a blank line, the body.

    `article_files` maps an old post slug to the article file it became, for
    links between posts; a link to a post not imported keeps its old address."""
    article_files = article_files or {}

    def cross_link(match):
        old = match["slug"]
        if old in article_files:
            return "{filename}/" + article_files[old]
        return post.found.cross_links.get(old, old)

    image = alt = ""
    if post.cover is not None:
        image = f"images/{slug}/{post.cover.filename}"
        alt = post.cover.alt or "TODO: describe this picture"
    fields = [
        ("Title", _one_line(post.title)),
        ("Date", post.date.strftime(DATE_FORMAT)),
        ("Modified", post.modified.strftime(DATE_FORMAT) if post.modified else ""),
        ("Author", post.author),
        ("Lang", post.lang),  # "" for the site's default language: no line
        ("Category", _one_line(post.category)),
        ("Tags", ", ".join(_one_line(t.replace(",", " ")) for t in post.tags)),
        ("Slug", slug),
        # Pelican reads Summary as Markdown: keep its characters literal.
        ("Summary", escape_inline(_one_line(post.summary))),
        ("Image", image),
        ("Image_alt", _one_line(alt)),
        ("Status", status),
    ]
    header = "\n".join(f"{key}: {value}" for key, value in fields if value)
    body = "\n\n".join(block.markdown for block in post.body)
    body = body.replace(IMAGE_MARKER, f"{{static}}/images/{slug}/")
    body = CROSS_LINK_TARGET.sub(cross_link, body)
    return f"{header}\n\n{body}\n"
