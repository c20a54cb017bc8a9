"""Self-hosted search: run Pagefind over the finished site as the last step of
every build.

Pagefind (PyPI `pagefind[bin]`, pinned in requirements.txt) writes its index,
WebAssembly and UI files into `<output>/pagefind/`. Only elements marked
`data-pagefind-body` are indexed (the article and page bodies; drafts are never
marked), so navigation, footer and listing pages stay out of the results.
Filters come from `data-pagefind-filter` attributes in the templates.

List this plugin after every plugin that changes pages (`finalized` receivers run in
the order the plugins registered): the index must see the final HTML.

While Pagefind works (about 2 s for 1,000 articles, in its own process), this plugin
sends the `search_index_running` signal: a plugin that only reads the finished pages
(link_check) can do its reading then instead of after.

With SEARCH_INDEX_AFTER_PELICAN (what `tasks.build_site` sets), Pelican does not run
Pagefind: whoever ran Pelican indexes the site afterwards with `python
plugins/search_index/search_index.py SITE --settings CONF`. Pagefind needs about 210 KB
per article; with Pelican's own memory freed first, 4,000 articles fit in 1 GiB. Pelican
tells the link check (LINK_CHECK_FILES_WRITTEN_LATER) which Pagefind files pages may link
to meanwhile, and the later step fails if Pagefind did not write every one of them.
"""

import argparse
import logging
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from blinker import signal
from pelican import signals

logger = logging.getLogger(__name__)
INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")
NO_BODY_MARKED = "Did not find a data-pagefind-body element"
# Sent (with the Pelican object) while Pagefind indexes the finished pages.
search_index_running = signal("search_index_running")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says what to do."""


def pagefind_program():
    """Pagefind's binary from pagefind[bin], started directly (`python -m pagefind`
    only finds and starts it, 80 ms later); without it, `python -m pagefind` says
    what is missing."""
    try:
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def pagefind_command(site, glob=None):
    command = [*pagefind_program(), "--site", str(site)]
    return [*command, "--glob", glob] if glob else command


PLACEHOLDER = re.compile(r"\{[^}]*\}")
# The files Pagefind writes under their own names on every run (the rest are named by
# their contents): the only ones a page can link to.
PAGEFIND_ENTRY_FILES = tuple(
    f"pagefind/{name}"
    for name in (
        "pagefind.js", "pagefind-entry.json", "pagefind-highlight.js", "pagefind-worker.js",
        "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
        "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    )
)  # fmt: skip


def indexed_pages_glob(settings):
    """Pagefind's --glob for the files articles and pages are saved as
    ("articles/{slug}/index.html" -> "articles/*/index.html"): listing pages (tags,
    topics, authors, archives, the home page's pages) are never indexed, and reading
    them was a third of Pagefind's time."""
    patterns = []
    for name in ("ARTICLE_SAVE_AS", "PAGE_SAVE_AS"):
        save_as = settings.get(name)
        if save_as:
            pattern = PLACEHOLDER.sub("*", save_as)
            if pattern not in patterns:
                patterns.append(pattern)
    return "{" + ",".join(patterns) + "}" if patterns else None


def build_index(site, meanwhile=None, glob=None):
    """Index the built site in `site` (only the files matching `glob`, when given);
    return how many pages were indexed.

    `meanwhile()`, when given, runs in this process while Pagefind works.
    """
    site = Path(site)
    # Pagefind's report goes to files, not pipes: a full pipe would stall it while
    # `meanwhile` runs.
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        try:
            process = subprocess.Popen(pagefind_command(site, glob), stdout=stdout, stderr=stderr)
        except OSError as error:
            raise SearchIndexError(f"Could not start Pagefind ({error}).") from error
        try:
            if meanwhile is not None:
                meanwhile()
        finally:
            returncode = process.wait()
        stdout.seek(0)
        stderr.seek(0)
        report = f"{stdout.read()}\n{stderr.read()}".strip()
    if returncode != 0:
        hint = (
            "Install the pinned build requirements: pip install -r requirements.txt"
            if "No module named pagefind" in report
            else "See Pagefind's report above."
        )
        raise SearchIndexError(f"Pagefind failed to index {site}:\n{report}\n{hint}")
    if NO_BODY_MARKED in report:
        # Pagefind would fall back to indexing every page whole, menus and all.
        raise SearchIndexError(
            f"No page in {site} marks its text with data-pagefind-body: the article and "
            "page templates must put it on the element holding the body.\n" + report
        )
    match = INDEXED_PAGES.search(report)
    return int(match.group(1)) if match else 0


def index_built_site(site, settings, meanwhile=None):
    """Index the site Pelican built into `site` with `settings`; return the page count."""
    pages = build_index(site, meanwhile=meanwhile, glob=indexed_pages_glob(settings))
    missing = [name for name in PAGEFIND_ENTRY_FILES if not (Path(site) / name).is_file()]
    if missing:
        raise SearchIndexError(
            f"Pagefind did not write {', '.join(missing)} in {site}, which pages may link "
            "to: update PAGEFIND_ENTRY_FILES in plugins/search_index/ to this Pagefind."
        )
    return pages


def indexed_later(settings):
    return settings.get("SEARCH_INDEX", True) and settings.get("SEARCH_INDEX_AFTER_PELICAN")


def promise_entry_files(pelican):
    if indexed_later(pelican.settings):
        later = pelican.settings.get("LINK_CHECK_FILES_WRITTEN_LATER", ())
        pelican.settings["LINK_CHECK_FILES_WRITTEN_LATER"] = [*later, *PAGEFIND_ENTRY_FILES]


def index_site(pelican):
    if not pelican.settings.get("SEARCH_INDEX", True) or indexed_later(pelican.settings):
        return
    pages = index_built_site(
        pelican.output_path, pelican.settings, lambda: search_index_running.send(pelican)
    )
    logger.info("Search index: Pagefind indexed %d pages", pages)


def main(argv=None):
    """Index a site Pelican built with SEARCH_INDEX_AFTER_PELICAN; exit 1 on failure."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("site", help="the folder Pelican built")
    parser.add_argument("--settings", required=True, help="the settings file it built with")
    args = parser.parse_args(argv)
    from pelican.settings import read_settings

    settings = read_settings(args.settings)
    if not settings.get("SEARCH_INDEX", True):
        return 0
    try:
        pages = index_built_site(args.site, settings)
    except SearchIndexError as error:
        print(f"Search index: {error}", file=sys.stderr, flush=True)
        return 1
    print(f"Search index: Pagefind indexed {pages} pages", flush=True)
    return 0


def register():
    signals.initialized.connect(promise_entry_files)
    signals.finalized.connect(index_site)


if __name__ == "__main__":
    sys.exit(main())
