"""Minify a published build's stylesheets with rcssmin and the theme's own scripts with
rjsmin (both pinned in requirements.txt).

A step of the build pipeline (sitebuild/pipeline.py), after Pelican and before the
search index, and only when MINIFY_CSS (stylesheets) and MINIFY_JS (the theme's scripts;
Pagefind's and the editor's come minified) are true (publishconf.py): previews stay
readable.

HTML pages are not minified: once gzipped, minify-html saved about 2.5% of an article
page's bytes, which the page-weight budget (benchmarks/page_weight.py) does not need,
for a noticeable share of every publish's time (figures in the commit that stopped it).

Stylesheets only lose comments and spaces: rcssmin never rewrites the CSS itself. It
does drop spaces inside url("..."), so a stylesheet with one stops the build (write the
space as %20) rather than lose its image. (lightningcss would save 19 more bytes
gzipped, but it turns `@media (max-width: 40rem)` into `@media (width<=40rem)`, which
Safari before 16.4 does not understand: older iPhones would lose the phone layout.)
"""

import re
from pathlib import Path

import rcssmin
import rjsmin

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


def minify_js(js, source):
    return rjsmin.jsmin(js)


def minify_folder(folder, suffix, minify):
    """Minify in place every file under `folder` whose name ends in `suffix` with
    `minify(text, path)`; return the bytes saved."""
    saved = 0
    for path in sorted(Path(folder).rglob(f"*{suffix}")):
        original = path.read_text(encoding="utf-8")
        minified = minify(original, str(path))
        if minified != original:
            path.write_text(minified, encoding="utf-8")
        saved += len(original.encode()) - len(minified.encode())
    return saved


def minify_site(site, settings):
    """Minify what the settings ask for: stylesheets (MINIFY_CSS), the theme's scripts
    (MINIFY_JS)."""
    saved = minify_folder(site, ".css", minify_css) if settings.get("MINIFY_CSS") else 0
    if settings.get("MINIFY_JS"):
        saved += minify_folder(Path(site) / settings["THEME_STATIC_DIR"] / "js", ".js", minify_js)
    return saved
