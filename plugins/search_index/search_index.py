"""Self-hosted search: run Pagefind over the finished site as the last step of
every build.

Pagefind (PyPI `pagefind[bin]`, pinned in requirements.txt) writes its index,
WebAssembly and UI files into `<output>/pagefind/`. Only elements marked
`data-pagefind-body` are indexed (the article and page bodies; drafts are never
marked), so navigation, footer and listing pages stay out of the results.
Filters come from `data-pagefind-filter` attributes in the templates.

List this plugin last in PLUGINS: `finalized` receivers run in the order the
plugins registered, and the index must see the final HTML.
"""

import logging
import re
import subprocess
import sys
from pathlib import Path

from pelican import signals

logger = logging.getLogger(__name__)
INDEXED_PAGES = re.compile(r"Indexed (\d+) pages?")
NO_BODY_MARKED = "Did not find a data-pagefind-body element"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says what to do."""


def pagefind_command(site):
    return [sys.executable, "-m", "pagefind", "--site", str(site)]


def build_index(site):
    """Index the built site in `site`; return how many pages were indexed."""
    site = Path(site)
    try:
        result = subprocess.run(pagefind_command(site), capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchIndexError(f"Could not start Pagefind ({error}).") from error
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


def index_site(pelican):
    if not pelican.settings.get("SEARCH_INDEX", True):
        return
    pages = build_index(pelican.output_path)
    logger.info("Search index: Pagefind indexed %d pages", pages)


def register():
    signals.finalized.connect(index_site)
