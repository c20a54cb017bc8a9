"""Self-hosted search: Pagefind indexes the finished site (a step of sitebuild/pipeline.py,
after Pelican has exited and the pages are minified).

Pagefind (PyPI `pagefind[bin]`, pinned in requirements.txt) writes its index,
WebAssembly and UI files into `<site>/pagefind/`. Only elements marked
`data-pagefind-body` are indexed (the article and page bodies; drafts are never
marked), so navigation, footer and listing pages stay out of the results.
Filters come from `data-pagefind-filter` attributes in the templates.
"""

import re
import subprocess
import sys
from pathlib import Path

INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")
NO_BODY_MARKED = "Did not find a data-pagefind-body element"
PLACEHOLDER = re.compile(r"\{[^}]*\}")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says what to do."""


def pagefind_program():
    """Pagefind's binary from pagefind[bin], started directly (`python -m pagefind`
    only finds and starts it); without it, `python -m pagefind` says what is missing."""
    try:
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def indexed_pages_glob(settings):
    """Pagefind's --glob for the files articles and pages are saved as
    ("articles/{slug}/index.html" -> "articles/*/index.html"): listing pages (tags,
    topics, authors, archives) are never indexed, and reading them was a third of
    Pagefind's time."""
    # The *_LANG_* ones: articles and pages in the site's other languages (LANGUAGES,
    # plugins/i18n/): "{lang}/{slug}/index.html" -> "es/*/index.html", not "*/*/index.html",
    # which would match every tag, topic and author page too.
    default = settings.get("DEFAULT_LANG")
    languages = [lang for lang in settings.get("LANGUAGES") or {} if lang != default] or ["*"]
    patterns = []
    for name in ("ARTICLE_SAVE_AS", "PAGE_SAVE_AS", "ARTICLE_LANG_SAVE_AS", "PAGE_LANG_SAVE_AS"):
        save_as = settings.get(name)
        for lang in languages if save_as else []:
            pattern = PLACEHOLDER.sub("*", save_as.replace("{lang}", lang))
            if pattern not in patterns:
                patterns.append(pattern)
    return "{" + ",".join(patterns) + "}" if patterns else None


def build_index(site, glob=None, folder=None):
    """Index the built site in `site` (only the files matching `glob`, when given) into
    its `pagefind/` (or another `folder` in it); return how many pages were indexed."""
    command = [*pagefind_program(), "--site", str(site)] + (["--glob", glob] if glob else [])
    command += ["--output-subdir", folder] if folder else []
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"Could not start Pagefind ({error}).") from None
    report = f"{result.stdout}\n{result.stderr}".strip()
    if result.returncode != 0:
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


def index_site(site, settings, folder=None):
    """Index the articles and pages Pelican built into `site`; return the page count."""
    return build_index(Path(site), glob=indexed_pages_glob(settings), folder=folder)
