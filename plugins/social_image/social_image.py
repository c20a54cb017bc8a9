"""The picture that represents a page when it is shared (OpenGraph, Twitter cards,
JSON-LD), with its size and description, as `content.share_image`:
{"path", "alt", "width", "height"}.

- `Image: images/lake.jpg` (a file under content/, in a STATIC_PATHS folder so it
  is published) and `Image_alt: what the picture shows` set it for an article or
  page. A missing file or missing alt text stops the build naming the source and
  field: a card pointing at nothing, or a picture without a description, would
  otherwise ship silently.
- Every other article gets a card drawn at build time (cards.py): its title,
  writer and the practice's name.
- Everything else uses PRACTICE["default_image"], given to templates as
  DEFAULT_SHARE_IMAGE.
"""

import logging
from pathlib import Path, PurePosixPath

from pelican import signals
from pelican.contents import Article, Page
from PIL import Image

from sitebuild.html_text import plain_text

from .cards import HEIGHT, WIDTH, card_digest, make_card

logger = logging.getLogger(__name__)
IMAGE_FIELD, ALT_FIELD = "Image", "Image_alt"
CARDS_FOLDER = "social-cards"


def image_problems(metadata, content_root, static_paths):
    """What is wrong with a source's Image/Image_alt fields, as sentences."""
    image = str(metadata.get(IMAGE_FIELD.lower(), "")).strip()
    alt = str(metadata.get(ALT_FIELD.lower(), "")).strip()
    if not image:
        if alt:
            return [f"{ALT_FIELD} is set without {IMAGE_FIELD}: add `{IMAGE_FIELD}:` or remove it"]
        return []
    problems = []
    relative = PurePosixPath(image.removeprefix("{static}").lstrip("/"))
    if "://" in image or ".." in relative.parts:
        problems.append(
            f"{IMAGE_FIELD} {image!r} must be a file of this site, e.g. `images/lake.jpg`"
        )
    elif not (Path(content_root) / relative).is_file():
        problems.append(
            f"{IMAGE_FIELD} {image!r} does not exist under content/: "
            "add the file or fix the path (e.g. `images/lake.jpg`)"
        )
    elif relative.parts[0] not in static_paths:
        problems.append(
            f"{IMAGE_FIELD} {image!r} is not in a published folder "
            f"({', '.join(static_paths)}): move it into content/images/"
        )
    if not alt:
        problems.append(
            f"{IMAGE_FIELD} is set but {ALT_FIELD} is missing: describe the picture "
            f"in one sentence, e.g. `{ALT_FIELD}: A quiet lake at dawn`"
        )
    return problems


def picture(path, alt, content_root):
    """A share image of a file under content/, with its size as Pillow reads it."""
    try:
        with Image.open(Path(content_root) / path) as image:
            width, height = image.size
    except OSError:
        width = height = None  # a broken picture is the content checks' to report
    return {"path": path, "alt": alt, "width": width, "height": height}


def check_image(content):
    if not isinstance(content, (Article, Page)):
        return
    settings = content.settings
    problems = image_problems(content.metadata, settings["PATH"], settings["STATIC_PATHS"])
    for problem in problems:
        # Logged as an error: `--fatal warnings` stops the build with this text.
        logger.error("%s: %s", content.relative_source_path, problem)
    if not problems and getattr(content, "image", None):
        # Templates get the published path, without a {static} prefix.
        content.image = content.image.removeprefix("{static}").lstrip("/")
        content.share_image = picture(content.image, content.image_alt, settings["PATH"])


def byline(article, settings):
    """ "By Maya Okafor, LCSW" in the article's language, naming every writer as the
    article page's byline does (theme/templates/partials/people.html)."""
    # Imported here: content_checks imports this module, and i18n imports content_checks.
    from i18n.i18n import translations

    authors_info = settings.get("AUTHORS_INFO") or {}
    gettext = translations(settings, article.lang).gettext

    def credentialed(name):
        credential = (authors_info.get(name) or {}).get("credential")
        return f"{name}, {credential}" if credential else name

    names = [credentialed(author.name) for author in article.authors]
    if len(names) > 1:
        names = [
            gettext("%(first)s and %(last)s") % {"first": "; ".join(names[:-1]), "last": names[-1]}
        ]
    return gettext("By %(writer)s") % {"writer": names[0]}


def draw_article_cards(generator):
    """A drawn card for every article without its own Image (drafts included where
    they are written: the preview shows what a share will look like)."""
    settings = generator.settings
    site_name = settings["SITENAME"]
    cache = Path(settings["CACHE_PATH"]) / CARDS_FOLDER
    every = generator.articles + generator.translations + generator.drafts
    every += generator.drafts_translations + generator.hidden_articles
    for article in every:
        # No card for a page the build does not write: a draft in the published build
        # (its title must not reach the published site, even drawn in a picture).
        if getattr(article, "share_image", None) or not article.save_as:
            continue
        title = " ".join(plain_text(article.title, separator="").split())
        by = byline(article, settings)
        path = f"{CARDS_FOLDER}/{article.slug}-{card_digest(title, by, site_name)}.png"
        make_card(title, by, site_name, cache, Path(generator.output_path) / path)
        article.share_image = {
            "path": path,
            "alt": f"{title}. {by}.",
            "width": WIDTH,
            "height": HEIGHT,
        }
    practice = settings.get("PRACTICE") or {}
    if practice.get("default_image"):
        generator.context["DEFAULT_SHARE_IMAGE"] = picture(
            practice["default_image"], practice.get("default_image_alt"), settings["PATH"]
        )


def register():
    signals.content_object_init.connect(check_image)
    signals.article_generator_finalized.connect(draw_article_cards)
