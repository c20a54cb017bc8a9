"""Checks on the files in the content folder, before Pelican reads or copies any.

Every file under content/ is built (a Markdown article or page), copied as a static
file of an allowed kind, read by the settings (content/data/*.toml) or reported:
- a symbolic link stops the build: Pelican would follow it and publish whatever it
  points to (the repository's .git/config, /proc/self/environ);
- content/images/ holds only images whose bytes are what their extension says, of a
  size the smaller copies can be made of, without a GPS position in their EXIF, and
  SVGs with no script, foreignObject, event handler, javascript:/data: or outside
  address, style that loads another file or xml-stylesheet instruction;
- a published file's name has no space or #?%"'<> (its address would break), and no
  file's name a control character;
- content/extra/ holds only the kinds in EXTRA_KINDS (icons, PDF handouts, text);
- no .js or .html anywhere: pages are written in Markdown, and the site runs no
  script an author committed;
- a file git ignores or does not track: a publish refuses it (it would publish what
  `git status` does not show), the development build warns.
"""

import fnmatch
import os
import re
import subprocess
import warnings
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from PIL import Image

from .problems import Problem

# Image kinds and what Pillow calls them.
IMAGE_FORMATS = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".ico": "ICO",
}
# content/extra/: favicons, printable handouts and plain text such as security.txt.
EXTRA_KINDS = {".svg", ".ico", ".png", ".jpg", ".jpeg", ".webp", ".pdf", ".txt"}
SCRIPT_KINDS = {".js", ".mjs", ".html", ".htm", ".xhtml", ".shtml", ".php"}
MARKDOWN_KINDS = {".md", ".markdown", ".mkd", ".mdown"}
GPS_INFO = 0x8825  # the EXIF block of a photo's position
# An article image's limits: the smaller sizes made of it (responsive_images) must have
# at least a pixel each way, and a reader's screen never needs more.
MAX_SIDE, MAX_ASPECT = 12000, 100
# What may not be in the name of a published file: its address would break (a space, `#`,
# `?`, `%`, quotes, markup characters).
NOT_IN_A_FILE_NAME = re.compile(r"[\s#?%\"'<>\\`{}|^]")
SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object", "handler"}
TOML_KIND = ".toml"


def local_name(name):
    """`{http://www.w3.org/2000/svg}script` -> `script`, lowercased."""
    return name.rsplit("}", 1)[-1].lower()


# CSS that loads another file: url(...) other than a `#fragment` in this file, @import,
# image-set(); read after CSS escapes (`u\72l(`) and comments are undone, as browsers do.
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_LOAD = re.compile(r"url\((?!\s*['\"]?\s*#)|@import|image-set\(", re.IGNORECASE)
SVG_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}


def css_loads_a_file(css):
    def unescape(match):
        if match.group(1):
            return chr(min(int(match.group(1), 16), 0x10FFFF) or 0xFFFD)
        return match.group(2)

    return bool(CSS_LOAD.search(CSS_ESCAPE.sub(unescape, CSS_COMMENT.sub("", css))))


def svg_problems(path):
    """What makes an SVG unsafe to publish, as (what, fix) pairs; [] when it is safe.
    Opened on its own (not through <img>), an SVG is a document: its script runs and its
    styles load what they name."""
    found = []
    root = None
    try:
        for event, element in ElementTree.iterparse(path, events=("start", "pi")):
            if event == "pi":
                if element.text and element.text.startswith("xml-stylesheet"):
                    found.append("an xml-stylesheet instruction")
                continue
            root = element if root is None else root
            found += svg_element_problems(element)
    except (ElementTree.ParseError, UnicodeDecodeError, ValueError) as error:
        return [(f"is not a readable SVG file ({error})", "export it again as plain SVG")]
    if root is None or local_name(root.tag) != "svg":
        return [("is not an SVG image", "export it again as plain SVG, or delete it")]
    return [
        (
            f"holds {thing}, which could run script or load another site when the file is opened",
            "export the image again as plain SVG (Inkscape: Save as Plain SVG), or use a PNG",
        )
        for thing in dict.fromkeys(found)
    ]


def svg_element_problems(element):
    found = []
    name = local_name(element.tag) if isinstance(element.tag, str) else ""
    if name in SVG_FORBIDDEN:
        found.append(f"a <{name}> element")
    if name == "style" and css_loads_a_file(element.text or ""):
        found.append("a style that loads another file")
    if name in SVG_ANIMATIONS:
        animated = element.attrib.get("attributeName", "").lower()
        if animated.startswith("on") or animated.endswith("href"):
            found.append(f"an animation of {animated}")
    for written, value in element.attrib.items():
        attribute = local_name(written)
        compact = "".join(value.split()).lower()
        if attribute.startswith("on"):
            found.append(f"an {attribute} event handler")
        elif "javascript:" in compact or (
            attribute == "href" and compact.startswith(("data:", "http:", "https:", "//"))
        ):
            found.append(f"the address '{value[:60]}'")
        elif css_loads_a_file(value):
            found.append(f"the style '{value[:60]}', which loads another file")
    return found


def image_problems(path, suffix):
    """(what, fix) when the file's bytes are not the image its extension says."""
    if suffix == ".svg":
        return svg_problems(path)
    expected = IMAGE_FORMATS.get(suffix)
    if expected is None:
        return [
            (
                f"'{suffix or 'no extension'}' is not an image kind the site publishes",
                f"use one of {', '.join(sorted({*IMAGE_FORMATS, '.svg'}))}, or move the file "
                "out of content/",
            )
        ]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                found, size = image.format, image.size
                image.verify()  # reads the data: a truncated file fails here
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return [
            (
                "is far too large in pixels to be an article image (a decompression bomb?)",
                "save it at most 4000 pixels wide",
            )
        ]
    except (OSError, SyntaxError, ValueError) as error:
        return [
            (
                f"is not a readable {expected} image ({error})",
                "export the image again from your editor",
            )
        ]
    if found == expected and not ends_completely(path, found):
        return [
            (
                f"is a cut-off {expected} image (its end is missing)",
                "copy or export the image again",
            )
        ]
    if found != expected:
        return [
            (
                f"is a {found} image named {suffix}",
                f"save it as {expected} or rename it to end in .{found.lower()}",
            )
        ]
    if max(size) > MAX_SIDE or max(size) > MAX_ASPECT * min(size):
        return [
            (
                f"is {size[0]} × {size[1]} pixels: too large or too narrow to show in an "
                f"article (at most {MAX_SIDE} pixels a side, {MAX_ASPECT} times as long as "
                "it is wide)",
                "crop or resize it, e.g. to 2400 pixels wide",
            )
        ]
    if has_location(path):
        return [
            (
                "holds the GPS position where the photo was taken (its EXIF data): published, "
                "it tells every reader where that was",
                "export or share the photo again with location turned off",
            )
        ]
    return []


def has_location(path):
    """The photo's EXIF holds a GPS position (phones add one to every picture)."""
    try:
        with Image.open(path) as image:
            return bool(image.getexif().get_ifd(GPS_INFO))
    except (OSError, SyntaxError, ValueError):
        return False


def ends_completely(path, image_format):
    """A cheap look at the end of the file: Pillow opens a cut-off JPEG or GIF without
    complaint (PNG's chunks are checked by verify())."""
    with open(path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - 64))
        tail = handle.read()
        if image_format == "JPEG":
            return b"\xff\xd9" in tail
        if image_format == "GIF":
            return tail.rstrip(b"\0").endswith(b";")
        if image_format == "WEBP":
            handle.seek(4)
            return int.from_bytes(handle.read(4), "little") + 8 <= size
    return True


def starts_with(path, magic):
    with open(path, "rb") as handle:
        return handle.read(len(magic)) == magic


def symlink_problem(shown, full):
    target = os.readlink(full)
    return Problem(
        shown,
        0,
        "file",
        f"is a symbolic link (to {target}); the build publishes only ordinary files",
        f'replace it with a copy of the file (cp --remove-destination "$(readlink -f {shown})" '
        f"{shown}), or delete it",
        stops_pelican=True,
    )


def walk_content(root, ignores):
    """(relative path, full path, is a symbolic link) of everything under `root`, not
    following links; files Pelican ignores (IGNORE_FILES) are left out."""
    for folder, folders, files in os.walk(root):
        for name in list(folders):
            full = os.path.join(folder, name)
            if os.path.islink(full):
                folders.remove(name)
                yield os.path.relpath(full, root).replace(os.sep, "/"), full, True
        for name in files:
            if any(fnmatch.fnmatch(name, pattern) for pattern in ignores):
                continue
            full = os.path.join(folder, name)
            yield os.path.relpath(full, root).replace(os.sep, "/"), full, os.path.islink(full)


def file_problems(settings, display_path):
    """Problems with the files under the content folder (PATH)."""
    root = settings["PATH"]
    article_folders = [p.strip("/") for p in settings["ARTICLE_PATHS"]]
    page_folders = [p.strip("/") for p in settings["PAGE_PATHS"]]
    static_folders = [p.strip("/") for p in settings["STATIC_PATHS"]]
    problems = []
    for relative, full, is_link in walk_content(root, settings["IGNORE_FILES"]):
        shown = display_path(full)
        if is_link:
            problems.append(symlink_problem(shown, full))
            continue
        suffix = Path(relative).suffix
        lower = suffix.lower()
        top = relative.split("/", 1)[0] if "/" in relative else ""

        def add(what, fix, stops=False, shown=shown):
            problems.append(Problem(shown, 0, "file", what, fix, stops_pelican=stops))

        if not relative.isprintable():
            add(
                "its name holds a control character (a line break?), which garbles every "
                "report and address naming it",
                "rename it with letters, digits and hyphens",
                stops=True,
                shown=shown.encode("unicode_escape").decode("ascii"),  # on one line
            )
            continue
        if top in static_folders and NOT_IN_A_FILE_NAME.search(relative):
            add(
                "its name holds a space or a character (#?%\"'<>) that breaks its address",
                "rename it with letters, digits and hyphens, e.g. "
                + re.sub(r"-+", "-", NOT_IN_A_FILE_NAME.sub("-", Path(relative).name)),
                stops=True,
            )
            continue

        if top in article_folders or top in page_folders:
            if lower in MARKDOWN_KINDS and suffix != lower:
                add(
                    f"the extension {suffix} is not lowercase, so the file is not built",
                    f"rename it to end in {lower}",
                    stops=True,
                )
            continue  # other kinds: read_sources reports them
        if lower in SCRIPT_KINDS:
            add(
                f"{suffix} files are not published: the site runs no script from content/ "
                "and its pages are written in Markdown",
                "delete it; write a page as Markdown in content/pages",
                stops=True,
            )
            continue
        if top == "images" and top in static_folders:
            if lower in MARKDOWN_KINDS:
                add(
                    "is a Markdown file in content/images: it would be published as text, "
                    "not built",
                    "move it to content/articles (an article) or content/pages (a page)",
                    stops=True,
                )
                continue
            for what, fix in image_problems(full, lower):
                add(what, fix, stops=True)
        elif top == "extra" and top in static_folders:
            if lower not in EXTRA_KINDS:
                add(
                    f"'{suffix or Path(relative).name}' is not a kind of file content/extra "
                    "may hold",
                    f"content/extra holds only {', '.join(sorted(EXTRA_KINDS))} files",
                    stops=True,
                )
            elif lower in IMAGE_FORMATS or lower == ".svg":
                for what, fix in image_problems(full, lower):
                    add(what, fix, stops=True)
            elif lower == ".pdf" and not starts_with(full, b"%PDF-"):
                add("is not a PDF file", "export it again as PDF", stops=True)
        elif top == "data" and lower == TOML_KIND:
            continue  # read by pelicanconf.py
        else:
            add(
                "is not part of the site (only articles, pages, images, extra and data are)",
                "move it into content/images, content/extra or content/articles, or delete it",
            )
    return problems


def git(root, *args):
    return subprocess.run(["git", "-C", root, *args], capture_output=True, text=True, check=False)


def uncommitted_files(root, ignores):
    """(untracked, ignored) files under `root`, relative to it; None when `root` is not in
    a git work tree or git holds none of its files (a copy made for a test or benchmark)."""
    try:
        tracked = git(root, "ls-files", "-z", "--", ".")
    except OSError:  # no git
        return None
    if tracked.returncode != 0 or not tracked.stdout:
        return None

    def listed(*extra):
        found = git(root, "ls-files", "-z", "--others", "--exclude-standard", *extra, "--", ".")
        return [
            name
            for name in found.stdout.split("\0")
            if name and not any(fnmatch.fnmatch(os.path.basename(name), p) for p in ignores)
        ]

    return listed(), listed("--ignored")


def git_problems(settings, display_path, publishing):
    """Files a build would publish that git does not hold: an error for a publish, a
    printed warning (returned as text) for the development build."""
    root = settings["PATH"]
    found = uncommitted_files(root, settings["IGNORE_FILES"])
    problems, notes = [], []
    if found is None:
        if publishing:
            notes.append(
                f"{display_path(root)}: git holds none of these files (not a git checkout?), "
                "so the build can't tell committed files from stray ones; publish from a "
                "clone of the repository"
            )
        return problems, notes
    untracked, ignored = found
    for names, why in ((untracked, "is not committed to git"), (ignored, "is ignored by git")):
        for name in names:
            shown = display_path(os.path.join(root, name))
            if publishing:
                fix = (
                    "commit it (git add, then commit) if it belongs on the site, or move it "
                    "out of the content folder"
                )
                problems.append(
                    Problem(shown, 0, "file", f"{why}, so a publish can't include it", fix, True)
                )
            else:
                notes.append(f"{shown}: {why}; a publish would refuse it (commit it or move it)")
    return problems, notes
