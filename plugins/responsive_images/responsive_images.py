"""Responsive content images, made at build time.

An author writes `![A calm harbor at dawn]({static}/images/harbor.jpg)`. For
each such JPEG, PNG or WebP image in an article or page, this plugin writes
resized copies next to the original (WebP plus the original format, at a few
widths, never upscaled) and turns the written `<img>` into

    <picture>
      <source type="image/webp" srcset="harbor-480w.webp 480w, …" sizes="…">
      <img src="harbor-800w.jpg" srcset="harbor-480w.jpg 480w, …" sizes="…"
           width="800" height="450" alt="…" loading="lazy" decoding="async">
    </picture>

so browsers pick the smallest file that is sharp enough, fall back to JPEG or
PNG where WebP is unknown, and reserve the image's space before it arrives.
An image placed before the first subheading may be in view on load: it loads
eagerly, every other one lazily.

Why not pelican-image-process: its `<picture>` needs a wrapping `<div>` in the
Markdown and does not resolve relative URLs, its `<source>` has no `type`, it
sets width and height only on single images, and it re-parses every written
page of the site. Here only pages with images are touched.

typeset_markdown's Markdown reader notes each file's {static}/{attach} images as it
reads it (read_along), so Pelican's content cache keeps the list; the pages are
rewritten once written (content_written).

Alt text, missing files and images from other hosts are the content checks'
business; images this plugin cannot read stop the build with a clear message.
"""

import hashlib
import html
import io
import logging
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from pelican import signals
from PIL import Image
from typeset_markdown.typeset_markdown import read_along, report_not_read

from sitebuild.cached_files import read_trusted, write_recorded
from sitebuild.html_text import parse_html

logger = logging.getLogger(__name__)

WIDTHS = (480, 800, 1200)
FALLBACK_WIDTH = 800
# The theme's text column: 36rem of 18px (sizes lengths use the 16px default rem).
SIZES = "(min-width: 700px) 648px, calc(100vw - 36px)"
QUALITY = {"JPEG": 82, "WEBP": 80}
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
LINK = re.compile(r"^[{|](static|attach)[|}](.+)$")
# [[link target as written, is_lead]] in the metadata typeset_markdown's reader returns.
LINKS_KEY = "linked_images"


class ResponsiveImageError(Exception):
    """An image the build cannot turn into responsive sizes; the message says what to do."""


def format_tag(name, attrs):
    parts = [f'{key}="{html.escape(str(value), quote=True)}"' for key, value in attrs.items()]
    return f"<{' '.join([name, *parts])}>"


def planned_widths(original_width):
    """Widths to make: those of WIDTHS below the original, then the largest the
    original allows (never upscaled)."""
    below = [w for w in WIDTHS if w < original_width]
    top = min(original_width, max(WIDTHS))
    return [*below, top] if top not in below else below


def derivative_name(filename, width, extension):
    stem, _ = posixpath.splitext(filename)
    return f"{stem}-{width}w{extension}"


def image_links(body):
    """[[link target, is_lead]] for the {static}/{attach} JPEG, PNG and WebP images
    in a file's body HTML, in order; only the first, before any subheading, leads."""
    found, subheading_seen = [], False
    for node in parse_html(body, fragment=True).css("img, h2, h3, h4, h5, h6"):
        subheading_seen = subheading_seen or node.tag != "img"
        match = LINK.match(node.attributes.get("src") or "")
        if node.tag != "img" or not match:
            continue
        target = unquote(urlsplit(match.group(2)).path)
        if posixpath.splitext(target)[1].lower() in FORMATS:
            found.append([target, not found and not subheading_seen])
    return found


def linked_images(content):
    """[(source path relative to PATH, is_lead)] for the images the reader noted."""
    found = []
    for target, lead in content.metadata[LINKS_KEY]:
        if target.startswith("/"):
            relative = target.lstrip("/")
        else:
            relative = os.path.normpath(os.path.join(content.relative_dir, target))
        found.append((relative.replace(os.sep, "/"), lead))
    return found


def record_images(content):
    """Note the content's images. One that Pillow cannot read is reported now,
    naming the article (a build with --fatal warnings stops), and left as it is."""
    who = os.path.relpath(content.source_path) if content.source_path else "content"
    if LINKS_KEY not in content.metadata:
        report_not_read(content, "images", "its images get no smaller sizes")
        return
    usable = []
    for source_relative, lead in linked_images(content):
        source = Path(content.settings["PATH"]) / source_relative
        if not source.exists():
            continue  # the content checks report missing files
        try:
            with Image.open(source) as probe:
                found = probe.format
        except OSError as error:  # UnidentifiedImageError too
            logger.error(
                "%s: image %s cannot be read as an image (%s). "
                "Save it again as a JPEG or PNG file in content/images.",
                who,
                source_relative,
                error.__class__.__name__,
            )
            continue
        if found not in FORMATS.values():
            logger.error(
                "%s: image %s is really a %s file; only JPEG, PNG and WebP get phone-sized "
                "copies. Save it again as a JPEG or PNG.",
                who,
                source_relative,
                found,
            )
            continue
        usable.append((source_relative, lead))
    if usable:
        content.responsive_images = usable


class Derivatives:
    """Makes (once per build, cached across builds by content hash) the resized
    copies of one source image, and says where they are."""

    def __init__(self, settings):
        self.content_root = Path(settings["PATH"])
        self.output_root = Path(settings["OUTPUT_PATH"])
        self.cache = Path(settings["CACHE_PATH"]) / "responsive_images"
        self.made = {}

    def make(self, source_relative, output_relative, who):
        """Write the copies beside `output_relative`.

        Returns {extension: [(width, height, file name)]}, smallest first."""
        key = (source_relative, output_relative)
        if key not in self.made:
            self.made[key] = self._make(source_relative, output_relative, who)
        return self.made[key]

    def _make(self, source_relative, output_relative, who):
        source = self.content_root / source_relative
        try:
            data = source.read_bytes()
            with Image.open(source) as probe:
                probe.load()
                original_format = probe.format
                original_size = probe.size
        except OSError as error:  # UnidentifiedImageError too
            raise ResponsiveImageError(
                f"{who}: image {source_relative} cannot be read ({error}). "
                "Save it again as a JPEG or PNG file in content/images."
            ) from error
        fallback_extension = ".png" if original_format == "PNG" else ".jpg"
        digest = hashlib.sha256(data).hexdigest()[:16]
        folder = self.output_root / posixpath.dirname(output_relative)
        folder.mkdir(parents=True, exist_ok=True)
        name = posixpath.basename(output_relative)
        made = {".webp": [], fallback_extension: []}
        image = None
        for width in planned_widths(original_size[0]):
            height = round(original_size[1] * width / original_size[0])
            for extension in made:
                target = folder / derivative_name(name, width, extension)
                cached = self.cache / f"{digest}-{width}{extension}"
                data = read_trusted(cached)
                if data is None:  # never made, or damaged since: made again
                    if image is None:
                        image = Image.open(source)
                        image.load()
                    data = self._save(image, (width, height), extension, cached)
                target.write_bytes(data)
                made[extension].append((width, height, target.name))
        return made

    @staticmethod
    def _save(image, size, extension, cached):
        resized = image.resize(size, Image.Resampling.LANCZOS) if image.size != size else image
        if extension == ".jpg" and resized.mode not in ("RGB", "L"):
            resized = resized.convert("RGB")
        encoded = io.BytesIO()
        if extension == ".webp":
            resized.save(encoded, "WEBP", quality=QUALITY["WEBP"], method=4)
        elif extension == ".jpg":
            resized.save(encoded, "JPEG", quality=QUALITY["JPEG"], optimize=True, progressive=True)
        else:
            resized.save(encoded, "PNG", optimize=True)
        write_recorded(cached, encoded.getvalue())
        return encoded.getvalue()


def picture_html(img_attrs, src, made, lead):
    """The <picture> for one <img> whose resolved address is `src`."""
    folder = src.rsplit("/", 1)[0] + "/" if "/" in src else ""
    (fallback_extension,) = [ext for ext in made if ext != ".webp"]

    def srcset(extension):
        return ", ".join(f"{folder}{name} {width}w" for width, _, name in made[extension])

    fallbacks = made[fallback_extension]
    width, height, name = min(fallbacks, key=lambda item: abs(item[0] - FALLBACK_WIDTH))
    attrs = {k: v for k, v in img_attrs.items() if k not in ("src", "srcset", "sizes")}
    attrs.update(src=folder + name, srcset=srcset(fallback_extension), sizes=SIZES)
    attrs.update(width=width, height=height, decoding="async")
    if lead:
        attrs.pop("loading", None)
        attrs["fetchpriority"] = "high"
    else:
        attrs["loading"] = "lazy"
    source = format_tag("source", {"type": "image/webp", "srcset": srcset(".webp"), "sizes": SIZES})
    return f"<picture>{source}{format_tag('img', attrs)}</picture>"


def output_path_of(src, page_relative, site_url):
    """Where an image address on a page points inside the output folder (or None)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc:
        site = urlsplit(site_url or "")
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
        return posixpath.normpath(unquote(parts.path)[len(site.path) :].lstrip("/"))
    joined = urljoin("/" + page_relative, unquote(parts.path))
    return posixpath.normpath(joined.lstrip("/"))


# What the current build has made; emptied when it ends.
_this_build = {}


def rewrite_page(path, context):
    content = context.get("article") or context.get("page")
    images = getattr(content, "responsive_images", None)
    if not images:
        return
    settings = content.settings
    derivatives = _this_build.setdefault("derivatives", Derivatives(settings))
    static = context.get("static_content", {})
    wanted = {}
    for source_relative, lead in images:
        linked = static.get(source_relative)
        output_relative = linked.save_as if linked is not None else source_relative
        wanted.setdefault(output_relative, (source_relative, lead))

    page_relative = os.path.relpath(path, settings["OUTPUT_PATH"]).replace(os.sep, "/")
    page = parse_html(Path(path).read_text(encoding="utf-8"))
    who = os.path.relpath(content.source_path) if content.source_path else page_relative
    rewritten = False
    for img in page.css("img[src]:not([srcset]):not(picture > img)"):
        attrs = {name: value or "" for name, value in img.attributes.items()}
        target = output_path_of(attrs["src"], page_relative, settings.get("SITEURL", ""))
        if target in wanted:
            source_relative, lead = wanted[target]
            made = derivatives.make(source_relative, target, who)
            picture = picture_html(attrs, attrs["src"], made, lead)
            img.replace_with(parse_html(picture, fragment=True).root)
            rewritten = True
    if rewritten:
        Path(path).write_text(page.html, encoding="utf-8")


def forget_derivatives(pelican):
    """Each build (autoreload runs several) writes its own copies."""
    _this_build.clear()


def note_images_while_reading():
    read_along(
        LINKS_KEY,
        lambda text, html, metadata: image_links(html),
        files=[__file__],
        libraries=["selectolax"],
    )


def register():
    note_images_while_reading()
    signals.content_object_init.connect(record_images)
    signals.content_written.connect(rewrite_page)
    signals.finalized.connect(forget_derivatives)
