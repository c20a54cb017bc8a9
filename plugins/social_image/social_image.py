"""An article's own picture for social cards and structured data.

`Image: images/lake.jpg` (a file under content/, in a STATIC_PATHS folder so
it is published) and `Image_alt: what the picture shows` replace the site's
default card (PRACTICE.default_image) in OpenGraph, Twitter and JSON-LD. A
missing file or missing alt text stops the build naming the article and field:
a social card pointing at nothing, or a picture without a description, would
otherwise ship silently.
"""

import logging
from pathlib import Path, PurePosixPath

from pelican import signals
from pelican.contents import Article, Page

logger = logging.getLogger(__name__)
IMAGE_FIELD, ALT_FIELD = "Image", "Image_alt"


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


def register():
    signals.content_object_init.connect(check_image)
