"""Pictures and videos of a post: their original addresses, the file names they
get under content/images/<slug>/, and what the author must still look at.

Wix serves every picture through a transform: `.../media/<id>~mv2.jpg/v1/fill/
w_147,h_98,blur_2/<name>.jpg` is a blurred 147-pixel placeholder; the original
is `.../media/<id>~mv2.jpg`, the address without the `/v1/...` tail.
"""

import json
import re
import unicodedata
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, unquote, urljoin, urlparse

from PIL import Image as Picture

# Replaced by "{static}/images/<slug>/" when the article is written (writer.py):
# the slug is only final once every post of the run is known.
IMAGE_MARKER = "wix-image:"
WIX_TRANSFORM = re.compile(r"(/media/[^/]+)/v1/.*$")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"}


@dataclass
class Image:
    url: str
    filename: str
    alt: str


@dataclass
class Video:
    url: str
    title: str
    on_wix: bool  # Wix-hosted: the file disappears with the Wix account
    kind: str = "Video"  # or "Audio"


@dataclass
class Embed:
    """Something another site drew inside the post (a post, a map, a podcast): the
    site makes no requests to other sites, so it becomes a plain link."""

    source: str  # the embedded address
    url: str  # the link kept in the article
    label: str


@dataclass
class Found:
    """What a post's HTML holds besides text, collected while converting it."""

    base: str = ""  # the page's own address, for relative links
    folder: Path | None = None  # a saved page's folder: its pictures saved beside it
    blog_hosts: set = field(default_factory=set)
    images: list = field(default_factory=list)
    videos: list = field(default_factory=list)
    embeds: list = field(default_factory=list)  # Embed, kept as links
    wix_files: list = field(default_factory=list)  # links to files stored on Wix
    old_site_links: list = field(default_factory=list)  # links to the old site's other pages
    fixed_links: list = field(default_factory=list)  # (as written, as fixed)
    cross_links: dict = field(default_factory=dict)  # old slug -> old address
    left_out: list = field(default_factory=list)

    def image(self, url, alt):
        url = self.saved_beside(url) or (urljoin(self.base, url) if self.base else url)
        for known in self.images:
            if known.url == url:
                return known
        name = file_name(url, taken={i.filename for i in self.images})
        found = Image(url, name, alt)
        self.images.append(found)
        return found

    def saved_beside(self, url):
        """A browser's "save complete page" keeps pictures in a folder beside the page
        (`Post_files/photo.jpg`): their file:// address, when the file is there (and
        inside the saved page's folder: the page is untrusted input)."""
        parts = urlparse(url)
        if self.folder is None or parts.scheme or parts.netloc or url.startswith("/"):
            return None
        local = (self.folder / unquote(parts.path)).resolve()
        if local.is_file() and local.is_relative_to(self.folder.resolve()):
            return local.as_uri()
        return None


def original_url(url):
    """A Wix image address without its resizing transform."""
    return WIX_TRANSFORM.sub(r"\1", url)


def original_image(img):
    """The original address of an <img> on a Wix page (its src is often a
    blurred placeholder): the wow-image's uri, the pin address, else src."""
    wrapper = img.find_parent("wow-image")
    if wrapper is not None:
        try:
            uri = json.loads(wrapper.get("data-image-info") or "{}")["imageData"]["uri"]
        except (ValueError, KeyError, TypeError):
            uri = ""
        src = img.get("src") or ""
        if uri and "/media/" in src:
            return original_url(src.split("/media/")[0] + "/media/" + uri)
    for attribute in ("data-pin-media", "src", "data-src"):
        value = (img.get(attribute) or "").strip()
        if value and not value.startswith("data:"):
            return original_url(value)
    return ""


def file_name(url, taken=()):
    """A safe, unique file name for a downloaded image."""
    path = PurePosixPath(unquote(urlparse(url).path))
    name = path.name if path.suffix.lower() in IMAGE_SUFFIXES else f"{path.name or 'image'}.jpg"
    # "café%20y%20té.jpg" -> "cafe-y-te.jpg": accents folded, not replaced by dashes.
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    name = SAFE_NAME.sub("-", name.replace("~", "-")).strip("-.") or "image.jpg"
    stem, suffix = name.rsplit(".", 1) if "." in name else (name, "jpg")
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}.{suffix}", number + 1
    return candidate


def _address(src):
    return urlparse(src if "://" in src else f"https:{src}" if src.startswith("//") else src)


AUDIO_SUFFIXES = (".mp3", ".m4a", ".wav", ".ogg", ".aac", ".flac")


def video_link(src, title, audio=False):
    """A YouTube, Vimeo or Wix video (or audio) as a plain link with its title, or None."""
    if not src:
        return None
    address = _address(src)
    host = address.netloc.lower().removeprefix("www.")
    if audio or address.path.lower().endswith(AUDIO_SUFFIXES):
        on_wix = host.endswith("wixstatic.com")
        return Video(address.geturl(), title or "audio", on_wix, "Audio")
    if host in ("youtube.com", "youtube-nocookie.com", "m.youtube.com"):
        video_id = address.path.rsplit("/", 1)[-1]
        if address.path.startswith("/watch"):
            video_id = parse_qs(address.query).get("v", [""])[0]
        return Video(f"https://www.youtube.com/watch?v={video_id}", title or "on YouTube", False)
    if host == "youtu.be":
        return Video(
            f"https://www.youtube.com/watch?v={address.path.strip('/')}",
            title or "on YouTube",
            False,
        )
    if host in ("player.vimeo.com", "vimeo.com"):
        video_id = address.path.rstrip("/").rsplit("/", 1)[-1]
        return Video(f"https://vimeo.com/{video_id}", title or "on Vimeo", False)
    if host.endswith("wixstatic.com") or address.path.endswith((".mp4", ".webm", ".mov")):
        return Video(address.geturl(), title or "video", host.endswith("wixstatic.com"))
    return None


# Wix's own hosting of "HTML embed" boxes and uploaded files: they go with the account.
WIX_HOSTS = ("filesusr.com", "wixstatic.com", "wixsite.com", "wix.com", "usrfiles.com")


def on_wix(url):
    host = _address(url).netloc.lower()
    return any(host == h or host.endswith("." + h) for h in WIX_HOSTS)


def is_wix_file(url):
    """A file uploaded to Wix (a PDF worksheet, say): /_files/ugd/... or Wix's file host."""
    address = _address(url)
    return "/_files/ugd/" in address.path or (on_wix(url) and "/ugd/" in address.path)


def embed_link(src, title):
    """The page an embedded post, map, podcast or widget comes from, as an Embed to
    keep as a plain link; None when there is no address worth keeping (an HTML box
    stored on Wix, a script-only embed)."""
    address = _address(src or "")
    if address.scheme not in ("http", "https") or not address.netloc or on_wix(src):
        return None
    host = address.netloc.lower().removeprefix("www.")
    parts = [p for p in address.path.split("/") if p]
    query = parse_qs(address.query)
    if host.endswith("instagram.com") and len(parts) >= 2 and parts[0] in ("p", "reel", "tv"):
        return Embed(src, f"https://www.instagram.com/{parts[0]}/{parts[1]}/", "Instagram post")
    if host == "open.spotify.com" and parts[:1] == ["embed"] and len(parts) >= 3:
        url = f"https://open.spotify.com/{parts[-2]}/{parts[-1]}"
        return Embed(src, url, title or "on Spotify")
    if host.endswith("soundcloud.com") and query.get("url"):
        return Embed(src, unquote(query["url"][0]), title or "on SoundCloud")
    if host.endswith(("twitter.com", "x.com")) and query.get("id"):
        return Embed(src, f"https://twitter.com/i/status/{query['id'][0]}", title or "Post on X")
    if host.endswith("facebook.com") and query.get("href"):
        return Embed(src, unquote(query["href"][0]), title or "on Facebook")
    if host.endswith("tiktok.com") and parts[:2] == ["embed", "v2"] and len(parts) >= 3:
        return Embed(src, f"https://www.tiktok.com/video/{parts[2]}", title or "on TikTok")
    if "google." in host and parts[:2] == ["maps", "embed"]:
        return Embed(src, address.geturl(), f"Map: {title}" if title else "Map")
    return Embed(src, address.geturl(), title or f"Embedded content on {host}")


# What the site publishes (content_checks: the bytes must be what the name says).
PUBLISHED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}


def picture_bytes(data):
    """(bytes, suffix) of a downloaded picture as the site can publish it: the suffix
    its bytes call for (a ".jpg" that is a PNG becomes ".png"), another format Pillow
    reads (BMP, TIFF) converted to PNG; None when the bytes are no picture (an error
    page, a cut-off file)."""
    head = data[:4096].lstrip()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in head:
        return data, ".svg"  # the site's checks refuse an SVG that could run script
    try:
        with Picture.open(BytesIO(data)) as picture:
            found = picture.format
            picture.verify()
        if found in PUBLISHED_FORMATS:
            return data, PUBLISHED_FORMATS[found]
        with Picture.open(BytesIO(data)) as picture:
            converted = BytesIO()
            picture.save(converted, "PNG")
            return converted.getvalue(), ".png"
    except (OSError, SyntaxError, ValueError, Picture.DecompressionBombError):
        return None


def _marker(filename):
    return re.escape(f"{IMAGE_MARKER}{filename})")


def without_picture(markdown, filename):
    """The Markdown without the picture `filename` (and the link around it, if any);
    the text around it stays."""
    pattern = rf"\[?!\[[^\]]*\]\({_marker(filename)}(?:\]\([^)\s]*\))?"
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", re.sub(pattern, "", markdown)).strip()


def with_picture_renamed(markdown, old, new):
    return re.sub(_marker(old), lambda _: f"{IMAGE_MARKER}{new})", markdown)
