"""Pictures and videos of a post: their original addresses, the file names they
get under content/images/<slug>/, and what the author must still look at.

Wix serves every picture through a transform: `.../media/<id>~mv2.jpg/v1/fill/
w_147,h_98,blur_2/<name>.jpg` is a blurred 147-pixel placeholder; the original
is `.../media/<id>~mv2.jpg`, the address without the `/v1/...` tail.
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urljoin, urlparse

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


@dataclass
class Found:
    """What a post's HTML holds besides text, collected while converting it."""

    base: str = ""  # the page's own address, for relative links
    blog_hosts: set = field(default_factory=set)
    images: list = field(default_factory=list)
    videos: list = field(default_factory=list)
    fixed_links: list = field(default_factory=list)  # (as written, as fixed)
    cross_links: dict = field(default_factory=dict)  # old slug -> old address
    left_out: list = field(default_factory=list)

    def image(self, url, alt):
        url = urljoin(self.base, url) if self.base else url
        for known in self.images:
            if known.url == url:
                return known
        name = file_name(url, taken={i.filename for i in self.images})
        found = Image(url, name, alt)
        self.images.append(found)
        return found


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
    path = PurePosixPath(urlparse(url).path)
    name = path.name if path.suffix.lower() in IMAGE_SUFFIXES else f"{path.name or 'image'}.jpg"
    name = SAFE_NAME.sub("-", name.replace("~", "-")).strip("-.") or "image.jpg"
    stem, suffix = name.rsplit(".", 1) if "." in name else (name, "jpg")
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}.{suffix}", number + 1
    return candidate


def video_link(src, title):
    """A YouTube, Vimeo or Wix video as a plain link with its title, or None."""
    if not src:
        return None
    address = urlparse(src if "://" in src else f"https:{src}" if src.startswith("//") else src)
    host = address.netloc.lower().removeprefix("www.")
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
