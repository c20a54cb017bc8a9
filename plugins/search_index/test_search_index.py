import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from search_index import search_index
from search_index.search_index import SearchIndexError, build_index, indexed_pages_glob

SCRIPT = Path(search_index.__file__)

PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title></head>
<body><nav>Menu</nav>{body}<footer>Footer</footer></body></html>"""
MARKED = "<main data-pagefind-body><h1>{0}</h1>{0} text</main>"


def write_site(root, pages):
    for path, (title, body) in pages.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.format(title=title, body=body), encoding="utf-8")


def test_indexes_only_the_pages_that_mark_their_body(tmp_path):
    write_site(
        tmp_path,
        {
            "articles/one/index.html": (
                "One",
                "<main data-pagefind-body><h1>One</h1>Otters</main>",
            ),
            "articles/two/index.html": (
                "Two",
                "<main data-pagefind-body><h1>Two</h1>Herons</main>",
            ),
            "topics/index.html": ("Topics", "<main><h1>Topics</h1>A list</main>"),
        },
    )
    assert build_index(tmp_path) == 2
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == 2
    assert (tmp_path / "pagefind" / "pagefind-ui.js").is_file()


def test_a_site_where_no_page_marks_its_body_stops_the_build(tmp_path):
    write_site(tmp_path, {"index.html": ("Home", "<main><h1>Home</h1>Text</main>")})
    with pytest.raises(SearchIndexError, match="data-pagefind-body") as failure:
        build_index(tmp_path)
    assert str(tmp_path) in str(failure.value)


def test_a_missing_site_folder_is_reported_with_pagefinds_own_words(tmp_path):
    with pytest.raises(SearchIndexError, match="Pagefind"):
        build_index(tmp_path / "not-built")


def test_only_the_files_articles_and_pages_are_saved_as_are_indexed(tmp_path):
    marked = "<main data-pagefind-body><h1>{0}</h1>{0} text</main>"
    write_site(
        tmp_path,
        {
            "posts/2025/otters.html": ("Otters", marked.format("Otters")),
            "about/index.html": ("About", marked.format("About")),
            # A listing page, even one marked by mistake, is not an article or a page.
            "tags/otters/index.html": ("Tag", marked.format("Tag")),
            "tags/otters/2/index.html": ("Tag 2", marked.format("Tag 2")),
        },
    )
    settings = {
        "ARTICLE_SAVE_AS": "posts/{date:%Y}/{slug}.html",
        "PAGE_SAVE_AS": "{slug}/index.html",
    }
    glob = indexed_pages_glob(settings)
    assert build_index(tmp_path, glob=glob) == 2


def test_whatever_runs_meanwhile_runs_while_pagefind_works_and_its_failure_still_waits(tmp_path):
    write_site(tmp_path, {"a/index.html": ("A", "<main data-pagefind-body>A</main>")})
    seen = []
    assert build_index(tmp_path, meanwhile=lambda: seen.append("ran")) == 1
    assert seen == ["ran"]

    def broken():
        raise RuntimeError("a reader failed")

    (tmp_path / "pagefind").rename(tmp_path / "old-index")
    with pytest.raises(RuntimeError, match="a reader failed"):
        build_index(tmp_path, meanwhile=broken)
    # Pagefind was still waited for: its index is complete, not cut short.
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()


def run_later_step(site, settings_text, tmp_path):
    """`python plugins/search_index/search_index.py SITE --settings CONF`, as
    tasks.build_site runs it once Pelican has exited."""
    settings = tmp_path / "conf.py"
    settings.write_text(settings_text, encoding="utf-8")
    command = [sys.executable, str(SCRIPT), str(site), "--settings", str(settings)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


SAVE_AS = 'ARTICLE_SAVE_AS = "articles/{slug}/index.html"\nPAGE_SAVE_AS = "{slug}/index.html"\n'


def test_the_later_step_indexes_what_the_settings_say_and_writes_every_entry_file(tmp_path):
    site = tmp_path / "site"
    write_site(
        site,
        {
            "articles/otters/index.html": ("Otters", MARKED.format("Otters")),
            "tags/otters/index.html": ("Tag", MARKED.format("Tag")),
        },
    )
    done = run_later_step(site, SAVE_AS, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Pagefind indexed 1 pages" in done.stdout
    for name in search_index.PAGEFIND_ENTRY_FILES:
        assert (site / name).is_file(), name


def test_the_later_step_fails_clearly_and_does_nothing_when_search_is_off(tmp_path):
    site = tmp_path / "site"
    write_site(site, {"about/index.html": ("About", "<main><h1>About</h1></main>")})
    failed = run_later_step(site, SAVE_AS, tmp_path)
    assert failed.returncode == 1
    assert "data-pagefind-body" in failed.stderr
    assert "Traceback" not in failed.stderr

    unsearched = tmp_path / "unsearched"
    write_site(unsearched, {"about/index.html": ("About", MARKED.format("About"))})
    off = run_later_step(unsearched, SAVE_AS + "SEARCH_INDEX = False\n", tmp_path)
    assert off.returncode == 0, off.stderr
    assert not (unsearched / "pagefind").exists()


def test_a_pagefind_that_stops_writing_a_file_pages_may_link_to_fails_the_build(
    tmp_path, monkeypatch
):
    """The link check trusts PAGEFIND_ENTRY_FILES while Pelican runs; a Pagefind upgrade
    that renamed one must fail the build, not leave a dead link."""
    write_site(tmp_path, {"a/index.html": ("A", MARKED.format("A"))})
    renamed = (*search_index.PAGEFIND_ENTRY_FILES, "pagefind/pagefind-ui-v2.js")
    monkeypatch.setattr(search_index, "PAGEFIND_ENTRY_FILES", renamed)
    with pytest.raises(SearchIndexError, match=re.escape("pagefind/pagefind-ui-v2.js")):
        search_index.index_built_site(tmp_path, {})
