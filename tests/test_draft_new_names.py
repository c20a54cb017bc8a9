"""A draft by a writer, in a topic and with a tag that no published article has yet:
Pelican writes author, topic and tag pages for published articles only, so the draft's
preview must name them as text, never link to a page that is not there (the build's link
check would fail, and `invoke livereload` with it)."""

import json
from urllib.parse import urljoin

import pytest

from conftest import Site, copy_project, invoke, serve_folder

NEWCOMER = "Noor Haddad"
DRAFT = """Title: First Weeks of Grief
Date: 2026-11-20 09:00
Author: Noor Haddad
Category: Grief and Loss
Tags: grief, firsts
Slug: first-weeks-of-grief
Status: draft
Summary: What the first weeks after a loss can feel like, and small ways to get through them.

The first weeks after a loss are often a blur. Sleep comes and goes, meals are forgotten,
and simple errands can feel impossible. None of this means you are grieving wrongly.
"""


def opens(site, link, page="/drafts/first-weeks-of-grief/"):
    """The built folder a link of a page leads to, relative to the site (a development
    build's links are relative); None when no page is there."""
    target = site.path(urljoin(page, link["href"]))
    return target.parent.relative_to(site.root).as_posix() if target.is_file() else None


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory):
    """The fixture site plus a draft by a newly hired clinician (in authors.toml, no
    published article), in a new topic with a new tag, built with `invoke build`.
    Yields (Site, base URL of it served on 127.0.0.1, the project)."""
    project = copy_project(tmp_path_factory.mktemp("new-names") / "project")
    authors = project / "content" / "data" / "authors.toml"
    with open(authors, "a", encoding="utf-8") as file:
        file.write(f'\n["{NEWCOMER}"]\ncredential = "LMHC"\ntitle = "Mental Health Counselor"\n')
    (project / "content" / "articles" / "first-weeks-of-grief.md").write_text(DRAFT)
    output = project / "output"
    result = invoke("build", "--output", str(output), cwd=project, check=False)
    assert result.returncode == 0, f"the dev build failed:\n{result.stdout}\n{result.stderr}"
    server = serve_folder(output)
    yield Site(output), f"http://127.0.0.1:{server.server_address[1]}", project
    server.shutdown()


def test_draft_names_its_new_author_topic_and_tags_as_text(draft_site):
    site, _, _ = draft_site
    page = site.html("/drafts/first-weeks-of-grief/")
    byline = page.select_one(".byline")
    assert byline.get_text(" ", strip=True) == f"By {NEWCOMER}, LMHC"
    assert byline.find("a") is None
    topic = page.select_one(".post-category")
    assert topic.get_text(strip=True) == "Grief and Loss"
    assert topic.find("a") is None
    # "grief" has published articles (and so a page); "firsts" has none yet.
    tags = page.select_one(".tags")
    assert " ".join(tags.get_text().split()) == "Tags: grief, firsts"
    assert [(a.get_text(), opens(site, a)) for a in tags.find_all("a")] == [("grief", "tags/grief")]
    for listing in ("/authors/noor-haddad/", "/topics/grief-and-loss/", "/tags/firsts/"):
        assert not site.path(listing).exists(), listing


def test_draft_structured_data_names_no_missing_page(draft_site):
    site, _, _ = draft_site
    page = site.html("/drafts/first-weeks-of-grief/")
    data = [json.loads(s.string) for s in page.select("script[type='application/ld+json']")]
    posting = next(d for d in data if d["@type"] == "BlogPosting")
    assert posting["author"]["name"] == NEWCOMER
    assert "url" not in posting["author"]
    assert posting["articleSection"] == "Grief and Loss"
    crumbs = next(d for d in data if d["@type"] == "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs][1:] == ["First Weeks of Grief"]
    assert page.select_one("meta[property='article:author']") is None


def test_a_draft_by_a_published_writer_still_links_to_their_pages(draft_site):
    site, _, _ = draft_site
    page = site.html("/drafts/teens-and-holiday-stress/")
    author = page.select_one(".byline a[rel=author]")
    assert opens(site, author, "/drafts/teens-and-holiday-stress/") == "authors/daniel-reyes"
    topic = page.select_one(".post-category a")
    assert opens(site, topic, "/drafts/teens-and-holiday-stress/") == "topics/families"
    tags = page.select(".tags a[rel=tag]")
    assert [t.get_text() for t in tags] == ["teens", "stress", "parenting"]


def test_every_link_on_the_draft_opens_a_page_in_chromium(draft_site, page):
    _, base_url, _ = draft_site
    page.goto(f"{base_url}/drafts/first-weeks-of-grief/")
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    internal = sorted({h.split("#")[0] for h in hrefs if h.startswith(base_url)})
    assert internal, "the draft page has no internal link to follow"
    broken = [url for url in internal if not page.request.get(url).ok]
    assert not broken


def test_published_site_shows_nothing_of_the_draft_not_even_an_empty_tag_page(draft_site, tmp_path):
    _, _, project = draft_site
    output = tmp_path / "published"
    invoke("preview", "--output", str(output), cwd=project, env={"SITEURL": "https://x.example"})
    pages = [p for p in output.rglob("*") if p.is_file()]
    assert not [p for p in pages if "first-weeks-of-grief" in str(p) or "firsts" in str(p)]
    for page in pages:
        if page.suffix in (".html", ".xml"):
            text = page.read_text(encoding="utf-8")
            assert "First Weeks of Grief" not in text and "firsts" not in text, page
