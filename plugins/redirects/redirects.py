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

One owner per output address: before anything is written (all_generators_finalized,
after the content checks), an old address whose page would be written where the
site writes a file of its own (an article, a page, a feed, a listing, a theme file,
the search index, the other language's home page) or where another line of the table
writes is refused with `content/data/redirects.toml:<line>` (plugins/content_checks'
list of every file the build writes and its report). A file no list knows of (a
second page of a listing, another language's listings from plugins/i18n) is caught
when the redirect page would be written, at the same line.
"""

import html
import logging
import os
import tomllib
from pathlib import PurePosixPath
from urllib.parse import quote

from content_checks.content_checks import all_contents, display_path, fail, generators_by_kind
from content_checks.problems import Problem
from content_checks.rendered import output_paths, reserved_folders
from pelican import signals
from pelican.generators import ArticlesGenerator, Generator

from sitebuild.html_text import plain_text

logger = logging.getLogger(__name__)
REDIRECTS_FILE = os.path.join("data", "redirects.toml")  # under content/
# {source path under content/: article}, every language's (Pelican's context lists
# the default language's only), for RedirectPages.
ARTICLES_KEY = "REDIRECT_ARTICLES"

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


def page_path(old):
    """Where the page for an old address is written: "/post/a" -> "post/a/index.html"."""
    return "/".join([*PurePosixPath(old).parts[1:], "index.html"])


def prefixes(saved_as):
    """ "post/a/index.html" -> ["post", "post/a", "post/a/index.html"]: its folders, then itself."""
    parts = saved_as.split("/")
    return ["/".join(parts[:n]) for n in range(1, len(parts) + 1)]


def entry_lines(path):
    """{old path: its line in the file}, for messages (each entry is one `key = value` line)."""
    lines = {}
    with open(path, encoding="utf-8") as handle:
        for number, text in enumerate(handle, 1):
            try:
                entry = tomllib.loads(text)
            except tomllib.TOMLDecodeError:
                continue
            for key, value in entry.items():
                if isinstance(value, str):
                    lines.setdefault(key, number)
    return lines


def other_language_outputs(settings):
    """Files plugins/i18n and Pelican write per other language: its home page and feeds."""
    default = settings["DEFAULT_LANG"]
    kinds = {
        "I18N_HOME_SAVE_AS": "home page",
        "TRANSLATION_FEED_ATOM": "Atom feed",
        "TRANSLATION_FEED_RSS": "RSS feed",
    }
    found = {}
    for lang in settings.get("LANGUAGES") or {}:
        for name, kind in kinds.items():
            if lang != default and settings.get(name):
                found[settings[name].format(lang=lang)] = f"the {lang} {kind}"
    found["_redirects"] = "this plugin's _redirects list"
    return found


def writer_name(writer):
    return writer if isinstance(writer, str) else f"content/{writer.relative_source_path}"


def collect_articles(generators):
    """all_generators_finalized: every article, in every language, drafts included."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            found = [
                *generator.articles,
                *generator.translations,
                *generator.drafts,
                *generator.drafts_translations,
                *generator.hidden_articles,
                *generator.hidden_translations,
            ]
            generator.context[ARTICLES_KEY] = {
                a.relative_source_path.replace(os.sep, "/"): a for a in found
            }


def owner_problems(generators):
    """all_generators_finalized: an old address may not take a file the site writes."""
    by_kind = generators_by_kind(generators)
    articles = by_kind.get("articles")
    if articles is None:
        return
    settings = articles.settings
    table_path = os.path.join(settings["PATH"], REDIRECTS_FILE)
    table, problem = read_table(table_path)
    if problem or not table:
        return  # generate_output reports an unreadable table
    writers = output_paths(by_kind, settings, all_contents(articles, by_kind.get("pages")))
    for save_as, name in other_language_outputs(settings).items():
        writers.setdefault(save_as, []).append(name)
    reserved = reserved_folders(settings)
    lines = entry_lines(table_path)
    shown = display_path(table_path)
    problems, first = [], {}
    for old in sorted(table, key=lambda key: lines.get(key, 0)):
        if old_path_problem(old):
            continue  # generate_output says how to write it
        saved_as = page_path(old)
        parts = saved_as.split("/")
        folders = prefixes(saved_as)[:-1]
        owners = [writer_name(w) for w in writers.get(saved_as, [])]
        owners += [reserved[parts[0]]] if parts[0] in reserved and len(parts) > 1 else []
        # Its folders must be folders, not a file the site writes (/feeds/all.atom.xml/).
        files = {folder: writers[folder] for folder in folders if folder in writers}
        what = f"the old address {old!r} would be written to {saved_as}"
        fix = (
            "remove this line (the site has its own file there), or correct the old address "
            "if it was mistyped"
        )
        if owners:
            what += f", which {', '.join(dict.fromkeys(owners))} also writes"
        elif files:
            folder, who = next(iter(files.items()))
            what += f", but {folder} is a file ({', '.join(map(writer_name, who))})"
        elif saved_as in first:
            what += f", as line {first[saved_as]} of this file (the same address) is"
            fix = "remove one of the two lines"
        else:
            first[saved_as] = lines.get(old, 0)
            continue
        problems.append(Problem(shown, lines.get(old, 0), "redirect", what, fix))
    if problems:
        fail(problems)


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
        articles = self.context.get(ARTICLES_KEY, {})
        drafts = {path for path, article in articles.items() if article.status != "published"}
        articles = {
            path: article for path, article in articles.items() if article.status == "published"
        }
        site_url = self.settings.get("SITEURL", "").rstrip("/")
        # The site's own folder on its host ("/blog" for https://example.org/blog), or "".
        site_root = "/" + site_url.split("://", 1)[-1].partition("/")[2].strip("/")
        # Other languages' listings (plugins/i18n, whose pages are written after these).
        default = self.settings["DEFAULT_LANG"]
        listings = {
            os.path.normpath(listing.save_as)
            for lang, by_key in self.context.get("I18N_LISTINGS", {}).items()
            if lang != default
            for listing in by_key.values()
        }
        entry_line = entry_lines(table_path)
        lines = []
        for old, target in sorted(table.items()):
            problem = old_path_problem(old)
            saved_as = page_path(old)
            destination = os.path.join(self.output_path, *saved_as.split("/"))
            taken = written_there(self.output_path, saved_as) or any(
                prefix in listings for prefix in prefixes(saved_as)
            )
            if not problem and taken:
                # owner_problems knows the files the site lists; this is one it does not.
                problem = (
                    f"redirect: the old address {old!r} would be written to {saved_as}, where "
                    "the site writes a page of its own — remove this line"
                )
            if problem:
                logger.error("%s:%s: %s", shown, entry_line.get(old, 0), problem)
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
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            with open(destination, "w", encoding="utf-8") as handle:
                handle.write(page)
            new_path = f"{site_root.rstrip('/')}/{article.url}"
            lines.append(f"{quote(old)} {new_path} 301")
        if lines:
            with open(os.path.join(self.output_path, "_redirects"), "w", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")


def written_there(output_path, saved_as):
    """True when the build already wrote `saved_as` or a file where one of its folders goes."""
    for prefix in prefixes(saved_as):
        path = os.path.join(output_path, prefix)
        if os.path.isfile(path) or (prefix == saved_as and os.path.lexists(path)):
            return True
        if not os.path.isdir(path):
            return False
    return False


def get_generators(pelican):
    return RedirectPages


def register():
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(collect_articles)
    signals.all_generators_finalized.connect(owner_problems)
