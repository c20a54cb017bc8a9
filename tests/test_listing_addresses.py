"""The addresses of the listings (topics, tags, writers, all articles) come from
pelicanconf.py only: a practice that renames them there keeps every link working, in
both languages, with no template to edit."""

import posixpath
from urllib.parse import urlsplit

import pytest

from conftest import copy_project, invoke
from sitebuild.html_text import parse_html

RENAMED = {"topics/": "subjects/", "tags/": "labels/", "authors/": "people/",
           "archives/": "all-articles/"}  # fmt: skip


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory):
    """A development build of the fixture site with its listings moved, as a practice
    would move them: by editing the address settings in pelicanconf.py."""
    project = copy_project(tmp_path_factory.mktemp("renamed") / "project")
    settings = project / "pelicanconf.py"
    text = settings.read_text(encoding="utf-8")
    for old, new in RENAMED.items():
        assert f'"{old}' in text
        text = text.replace(f'"{old}', f'"{new}')
    settings.write_text(text, encoding="utf-8")
    invoke("build", cwd=project)  # its link check refuses a link to a missing page
    return project / "output"


def links(output):
    """{page address: [(link words, address it leads to)]} for every page built."""
    found = {}
    for file in output.rglob("*.html"):
        page = "/" + file.relative_to(output).as_posix().removesuffix("index.html")
        found[page] = []
        for link in parse_html(file.read_text(encoding="utf-8")).css("a[href]"):
            href = urlsplit(link.attributes["href"] or "")
            if not href.scheme and href.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.path))
                found[page].append((link.text(strip=True), target + "/" * href.path.endswith("/")))
    return found


def test_renamed_listings_are_where_the_settings_say(renamed_site):
    for old, new in RENAMED.items():
        for home in ("", "es/"):
            assert (renamed_site / home / new / "index.html").is_file()
            assert not (renamed_site / home / old).exists()


def test_no_page_links_to_an_old_listing_address(renamed_site):
    old = [f"/{prefix}{name}" for name in RENAMED for prefix in ("", "es/")]
    stale = [(page, words, target) for page, found in links(renamed_site).items()
             for words, target in found if target.startswith(tuple(old))]  # fmt: skip
    assert not stale


def test_the_listing_links_a_reader_follows_lead_to_the_new_addresses(renamed_site):
    found = links(renamed_site)
    topic = next(page for page in found if page.startswith("/subjects/") and page != "/subjects/")
    tag = next(page for page in found if page.startswith("/labels/") and page != "/labels/")
    year = next(p for p in found if p.startswith("/all-articles/") and p != "/all-articles/")
    es_topic = next(p for p in found if p.startswith("/es/subjects/") and p != "/es/subjects/")
    assert ("Articles", "/all-articles/") in found["/"]  # the menu
    assert ("Topics", "/subjects/") in found["/"]
    assert ("Topics", "/subjects/") in found[topic]
    assert ("Tags", "/labels/") in found[tag]
    assert ("Browse all tags", "/labels/") in found["/subjects/"]
    assert ("All articles", "/all-articles/") in found[year]
    assert ("Browse all articles", "/all-articles/") in found["/404.html"]
    assert ("Temas", "/es/subjects/") in found[es_topic]
    writers = [target for _, target in found["/team/"] if target.startswith("/people/")]
    assert writers and all((renamed_site / w.lstrip("/") / "index.html").is_file()
                           for w in writers)  # fmt: skip
