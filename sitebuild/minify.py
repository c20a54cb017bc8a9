"""Minify a published build: every HTML page with minify-html, every stylesheet with
rcssmin, the theme's own scripts with rjsmin (all pinned in requirements.txt).

A step of the build pipeline (sitebuild/pipeline.py), after Pelican and before the
search index, and only when MINIFY_HTML (pages), MINIFY_CSS (stylesheets) and MINIFY_JS
(the theme's scripts; Pagefind's and the editor's come minified) are true
(publishconf.py): previews stay readable.

Closing tags and the <html>/<head> start tags are kept: browsers don't need them, but
simple HTML parsers (our tests', Python's html.parser) do. Inline CSS and JavaScript are
not allowed by our CSP, so there is none to minify; JSON-LD blocks are left as they are.

Stylesheets only lose comments and spaces: rcssmin never rewrites the CSS itself. It
does drop spaces inside url("..."), so a stylesheet with one stops the build (write the
space as %20) rather than lose its image.

minify-html's CSS minifier (lightningcss) saves 19 more bytes gzipped, but it turns
`@media (max-width: 40rem)` into `@media (width<=40rem)`, which Safari before 16.4 does
not understand: older iPhones would lose the phone layout.
"""

import re
from pathlib import Path

import minify_html
import rcssmin
import rjsmin

OPTIONS = {
    "keep_closing_tags": True,
    "keep_html_and_head_opening_tags": True,
    "minify_css": False,
    "minify_js": False,
}


def minify(html):
    return minify_html.minify(html, **OPTIONS)


QUOTED_URL = re.compile(r"""url\(\s*(["'])(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)


class MinifyError(ValueError):
    """A file minification would change; the message says what to do."""


def minify_css(css, source="the stylesheet"):
    for match in QUOTED_URL.finditer(css):
        if any(character.isspace() for character in match.group(2)):
            raise MinifyError(
                f"{source}: {match.group()} has a space, which the CSS minifier would "
                "drop; write the space as %20."
            )
    return rcssmin.cssmin(css)


# Each minified kind of file, by how its name ends.
MINIFIERS = {
    ".html": lambda text, path: minify(text),
    ".css": minify_css,
    ".js": lambda text, path: rjsmin.jsmin(text),
}


def minify_file(path):
    """Minify one file (.html, .css or .js) in place; return how many bytes it saved."""
    original = Path(path).read_text(encoding="utf-8")
    minified = MINIFIERS[Path(path).suffix](original, path)
    if minified != original:
        Path(path).write_text(minified, encoding="utf-8")
    return len(original.encode()) - len(minified.encode())


def minify_folder(folder, suffixes=(".html",)):
    """Minify every file under `folder` whose name ends in one of `suffixes` (one walk of
    the folder); return the bytes saved."""
    paths = sorted(str(path) for path in Path(folder).rglob("*") if path.suffix in suffixes)
    return sum(map(minify_file, paths))


def minify_site(site, settings):
    """Minify what the settings ask for: pages (MINIFY_HTML), stylesheets (MINIFY_CSS),
    the theme's scripts (MINIFY_JS)."""
    suffixes = [
        suffix
        for suffix, setting in ((".html", "MINIFY_HTML"), (".css", "MINIFY_CSS"))
        if settings.get(setting)
    ]
    saved = minify_folder(site, suffixes) if suffixes else 0
    if settings.get("MINIFY_JS"):
        theme_scripts = Path(site) / settings["THEME_STATIC_DIR"] / "js"
        saved += minify_folder(theme_scripts, suffixes=(".js",))
    return saved
