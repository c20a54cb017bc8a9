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

One owner per output address. The pages are written last (Pelican's `finalized`),
once every other file is written; what the site wrote is learnt from Pelican's own
signals (`content_written`: every article, page, listing, home page and template page,
in every language, plugins/i18n's included; `feed_written`), its static files
(`staticfiles`) and the folders only the build writes (the theme's, the search index,
the editor). A line whose page would land on one of those, or where another line
writes, stops the build with `content/data/redirects.toml:<line>`; the pipeline then
keeps the last good output.
"""

import html
import os
import posixpath
import re
import tomllib
from pathlib import PurePosixPath
from urllib.parse import quote

from content_checks.content_checks import display_path, fail, generators_by_kind
from content_checks.problems import Problem
from content_checks.rendered import reserved_folders
from pelican import signals

from sitebuild.html_text import plain_text

REDIRECTS_FILE = os.path.join("data", "redirects.toml")  # under content/
# One Pelican run's: {file written, relative to the output: who wrote it (None: the
# site itself: a listing, a home or template page)}
# and {source path under content/: article}, every language's, drafts included.
written, articles = {}, {}

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
    """({old path: (article file, line)}, None), or ({}, the problem as a sentence)."""
    if not os.path.isfile(path):
        return {}, None
    try:
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read()
        table = tomllib.loads(text).get("redirects", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as problem:
        return {}, f"is not valid TOML ({problem}); fix it or re-run `invoke import-wix`"
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        return {}, 'expected a [redirects] table; write "old path" = "articles/file.md" lines'
    lines = {}  # each entry is one `key = value` line
    for number, line in enumerate(text.splitlines(), 1):
        try:
            entry = tomllib.loads(line)
        except tomllib.TOMLDecodeError:
            continue
        for key in entry:
            lines.setdefault(key, number)
    return {old: (target, lines.get(old, 0)) for old, target in table.items()}, None


# What a folder name in an old address may not hold: the URL's own delimiters and markup
# (a `?` or `#` ends the path; `<`, `"` are not address characters) and spaces.
NOT_IN_A_PATH = re.compile(r"[\s?#<>\"'`{}|\\^]")


def old_path_problem(old):
    parts = PurePosixPath(old).parts
    if (
        not old.startswith("/")
        or len(parts) < 2
        or not old.isprintable()
        or NOT_IN_A_PATH.search(old)
        # a dot folder (.git, .well-known) or one too long to be a folder name
        or any(part.startswith(".") or len(part.encode()) > 200 for part in parts[1:])
    ):
        return f"{old!r} is not a path on the old site"
    return None


def page_path(old):
    """Where the page for an old address is written: "/post/a" -> "post/a/index.html"."""
    return "/".join([*PurePosixPath(old).parts[1:], "index.html"])


def prefixes(saved_as):
    """ "post/a/index.html" -> ["post", "post/a", "post/a/index.html"]: its folders, then itself."""
    parts = saved_as.split("/")
    return ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]


def start(pelican):
    written.clear()
    articles.clear()


def record_page(path, context):
    """content_written: who wrote a file (an article's or page's source, else the site)."""
    content = context.get("article") or context.get("page")
    shown = f"content/{content.relative_source_path}" if content else None
    written[posixpath.normpath(context["output_file"])] = shown


def record_feed(path, context, feed):
    relative = os.path.relpath(path, context["OUTPUT_PATH"]).replace(os.sep, "/")
    written[relative] = f"the feed {relative}"


def collect_contents(generators):
    """all_generators_finalized: every article (the redirects' targets) and static file."""
    by_kind = generators_by_kind(generators)
    generator = by_kind.get("articles")
    if generator is not None:
        found = [
            *generator.articles, *generator.translations, *generator.drafts,
            *generator.drafts_translations, *generator.hidden_articles,
            *generator.hidden_translations,
        ]  # fmt: skip
        articles.update({a.relative_source_path.replace(os.sep, "/"): a for a in found})
    for item in getattr(by_kind.get("static"), "staticfiles", []):
        written[posixpath.normpath(item.save_as)] = f"content/{item.relative_source_path}"
    written["_redirects"] = "this plugin's _redirects list"


def table_problems(table, settings):
    """Each line whose page may not be written, as a Problem (its reason and fix)."""
    reserved, first, problems = reserved_folders(settings), {}, []
    for old, (target, line) in sorted(table.items(), key=lambda entry: entry[1][1]):
        bad_path = old_path_problem(old)
        if bad_path:
            problems.append((line, bad_path, 'write it as "/post/old-slug"'))
            continue
        saved_as = page_path(old)
        what = f"the old address {old!r} would be written to {saved_as}"
        fix = (
            "remove this line (the site has its own file there), or correct the old address "
            "if it was mistyped"
        )
        folder = saved_as.split("/", 1)[0]
        files = [f for f in prefixes(saved_as)[:-1] if f in written]
        if saved_as in written:
            what += f", which {written[saved_as] or 'the site itself'} also writes"
        elif folder in reserved:
            what += f", among {reserved[folder]}"
        elif files:
            who = written[files[0]]
            what += f", but {files[0]} is a file the site writes" + (f" ({who})" if who else "")
        elif saved_as in first:
            what += f", as line {first[saved_as]} of this file (the same address) is"
            fix = "remove one of the two lines"
        elif target not in articles:
            what = f"{old!r} leads to {target}, which is not an article of this site"
            fix = "fix the file name or remove the line"
        else:
            first[saved_as] = line
            continue
        problems.append((line, what, fix))
    return problems


def write_pages(pelican):
    """finalized: the redirect pages and _redirects, or the table's problems."""
    settings, output_path = pelican.settings, pelican.output_path
    table_path = os.path.join(settings["PATH"], REDIRECTS_FILE)
    shown = display_path(table_path)
    table, problem = read_table(table_path)
    if problem:
        what, _, fix = problem.rpartition("; ")
        fail([Problem(shown, 0, "redirects", what, fix)])
    problems = table_problems(table, settings)
    if problems:
        fail([Problem(shown, line, "redirect", what, fix) for line, what, fix in problems])
    site_url = settings.get("SITEURL", "").rstrip("/")
    # The site's own folder on its host ("/blog" for https://example.org/blog), or "".
    site_root = "/" + site_url.split("://", 1)[-1].partition("/")[2].strip("/")
    csp = ""
    if settings.get("CSP_IN_META"):
        policy = html.escape(settings["CONTENT_SECURITY_POLICY"])
        csp = f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
    lines = []
    for old, (target, _) in sorted(table.items()):
        article = articles[target]
        if article.status != "published":
            continue  # a draft: its old address leads nowhere until it is published
        depth = len(PurePosixPath(old).parts) - 1
        url = f"{site_url}/{article.url}" if site_url else "../" * depth + article.url
        page = PAGE.format(
            lang=html.escape(article.lang),
            csp=csp,
            # The title as Pelican rendered it (typogrify's &nbsp; and all), as text.
            title=html.escape(plain_text(article.title, separator=""), quote=True),
            url=html.escape(url, quote=True),
        )
        destination = os.path.join(output_path, *page_path(old).split("/"))
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        with open(destination, "w", encoding="utf-8") as handle:
            handle.write(page)
        lines.append(f"{quote(old)} {site_root.rstrip('/')}/{article.url} 301")
    if lines:
        with open(os.path.join(output_path, "_redirects"), "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")


def register():
    signals.initialized.connect(start)
    signals.content_written.connect(record_page)
    signals.feed_written.connect(record_feed)
    signals.all_generators_finalized.connect(collect_contents)
    signals.finalized.connect(write_pages)
