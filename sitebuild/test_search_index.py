import json

import pytest

from sitebuild.search_index import SearchIndexError, build_index, index_site, indexed_pages_glob

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


def marked(title):
    """A page's (title, HTML) with its text marked for Pagefind."""
    return title, f"<main data-pagefind-body><h1>{title}</h1>{title} text</main>"


def test_only_the_files_articles_and_pages_are_saved_as_are_indexed(tmp_path):
    write_site(
        tmp_path,
        {
            "posts/2025/otters.html": marked("Otters"),
            "about/index.html": marked("About"),
            # A listing page, even one marked by mistake, is not an article or a page.
            "tags/otters/index.html": marked("Tag"),
            "tags/otters/2/index.html": marked("Tag 2"),
        },
    )
    settings = {
        "ARTICLE_SAVE_AS": "posts/{date:%Y}/{slug}.html",
        "PAGE_SAVE_AS": "{slug}/index.html",
    }
    glob = indexed_pages_glob(settings)
    assert build_index(tmp_path, glob=glob) == 2


def test_pages_in_other_languages_are_indexed_and_listings_are_not(tmp_path):
    write_site(
        tmp_path,
        {
            "about/index.html": marked("About"),
            "es/about/index.html": marked("Acerca"),
            "es/articles/otters/index.html": marked("Nutrias"),
            # Two folders deep like a Spanish page, but a listing (marked by mistake).
            "tags/otters/index.html": marked("Tag"),
        },
    )
    settings = {
        "ARTICLE_SAVE_AS": "articles/{slug}/index.html",
        "PAGE_SAVE_AS": "{slug}/index.html",
        "ARTICLE_LANG_SAVE_AS": "{lang}/articles/{slug}/index.html",
        "PAGE_LANG_SAVE_AS": "{lang}/{slug}/index.html",
        "DEFAULT_LANG": "en",
        "LANGUAGES": {"en": {"name": "English"}, "es": {"name": "Español"}},
    }
    assert build_index(tmp_path, glob=indexed_pages_glob(settings)) == 3


SAVE_AS = {"ARTICLE_SAVE_AS": "articles/{slug}/index.html", "PAGE_SAVE_AS": "{slug}/index.html"}


def test_the_pipeline_step_indexes_what_the_settings_say(tmp_path):
    write_site(
        tmp_path,
        {
            "articles/otters/index.html": ("Otters", MARKED.format("Otters")),
            "tags/otters/index.html": ("Tag", MARKED.format("Tag")),
        },
    )
    assert index_site(tmp_path, SAVE_AS) == 1
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (tmp_path / "pagefind" / name).is_file(), name
