"""Old addresses keep working: a page at each old address of the Wix blog that
leads to the article that replaced it.

content/data/redirects.toml (written by `invoke import-wix`) maps an old path to
an article file: `"/post/old-slug" = "articles/new-slug.md"`. For each line the
build writes `<old path>/index.html`, which GitHub Pages serves at the old
address: a meta refresh (allowed by the site's Content-Security-Policy, unlike a
script), a canonical link for search engines, and a visible link for everyone
else. It also writes `_redirects` (old path, new path, 301) for hosts that read
one. The pages are not Pelican content, so the sitemap and the search index
never list them.
"""

import html
import logging
import os
import tomllib
from pathlib import PurePosixPath
from urllib.parse import quote

from pelican import signals
from pelican.generators import Generator

from sitebuild.html_text import plain_text

logger = logging.getLogger(__name__)
REDIRECTS_FILE = os.path.join("data", "redirects.toml")  # under content/

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
{csp}<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Moved: {title}</title>
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<main>
<h1>This article has moved</h1>
<p><a href="{url}">{title}</a></p>
</main>
</body>
</html>
"""


def read_table(path):
    """{old path: article file}, or the problem with the file as a sentence."""
    if not os.path.isfile(path):
        return {}, None
    try:
        with open(path, "rb") as handle:
            table = tomllib.load(handle).get("redirects", {})
    except tomllib.TOMLDecodeError as problem:
        return {}, f"is not valid TOML ({problem}); fix it or re-run `invoke import-wix`"
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        return {}, 'expected a [redirects] table of "old path" = "articles/file.md" lines'
    return table, None


def old_path_problem(old):
    parts = PurePosixPath(old).parts
    if not old.startswith("/") or len(parts) < 2 or ".." in parts or "." in parts:
        return f'{old!r} is not a path on the old site; write it as "/post/old-slug"'
    return None


class RedirectPages(Generator):
    """Writes the redirect pages and _redirects after the articles are known."""

    def generate_output(self, writer):
        table_path = os.path.join(self.settings["PATH"], REDIRECTS_FILE)
        shown = os.path.relpath(table_path)
        table, problem = read_table(table_path)
        if problem:
            logger.error("%s: %s", shown, problem)
            return
        if not table:
            return
        articles = {
            a.relative_source_path.replace(os.sep, "/"): a for a in self.context["articles"]
        }
        drafts = {
            a.relative_source_path.replace(os.sep, "/")
            for a in [*self.context.get("drafts", []), *self.context.get("hidden_articles", [])]
        }
        site_url = self.settings.get("SITEURL", "").rstrip("/")
        # The site's own folder on its host ("/blog" for https://example.org/blog), or "".
        site_root = "/" + site_url.split("://", 1)[-1].partition("/")[2].strip("/")
        # Where the site's own pages are written: a redirect must never replace one.
        taken = {
            getattr(c, "save_as", "")
            for key in ("articles", "drafts", "hidden_articles", "pages", "hidden_pages")
            for c in self.context.get(key, [])
        }
        lines = []
        for old, target in sorted(table.items()):
            problem = old_path_problem(old)
            saved_as = "/".join([*PurePosixPath(old).parts[1:], "index.html"])
            if not problem and saved_as in taken:
                problem = f"{old!r} is the address of a page of this site; remove the line"
            if problem:
                logger.error("%s: %s", shown, problem)
                continue
            article = articles.get(target)
            if article is None:
                if target not in drafts:
                    logger.error(
                        "%s: %r leads to %s, which is not an article of this site; fix the "
                        "file name or remove the line",
                        shown,
                        old,
                        target,
                    )
                continue  # a draft: its old address leads nowhere until it is published
            depth = len(PurePosixPath(old).parts) - 1
            url = f"{site_url}/{article.url}" if site_url else "../" * depth + article.url
            page = PAGE.format(
                lang=html.escape(getattr(article, "lang", None) or self.settings["DEFAULT_LANG"]),
                csp=(
                    '<meta http-equiv="Content-Security-Policy" content="'
                    f'{html.escape(self.settings["CONTENT_SECURITY_POLICY"])}">\n'
                    if self.settings.get("CSP_IN_META")
                    else ""
                ),
                # The title as Pelican rendered it (typogrify's &nbsp; and all), as text.
                title=html.escape(plain_text(article.title, separator=""), quote=True),
                url=html.escape(url, quote=True),
            )
            destination = os.path.join(self.output_path, *saved_as.split("/"))
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            with open(destination, "w", encoding="utf-8") as handle:
                handle.write(page)
            new_path = f"{site_root.rstrip('/')}/{article.url}"
            lines.append(f"{quote(old)} {new_path} 301")
        if lines:
            with open(os.path.join(self.output_path, "_redirects"), "w", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")


def get_generators(pelican):
    return RedirectPages


def register():
    signals.get_generators.connect(get_generators)
