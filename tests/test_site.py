"""The whole site, end to end: what a reader sees on each kind of page."""

from urllib.parse import urljoin

import pytest

from content_sources import AUTHORS, articles, plain, published_articles

PUBLISHED = published_articles()


def test_sample_content_has_the_shape_the_site_promises():
    sources = articles()
    assert len(PUBLISHED) >= 5
    assert len({a.meta["author"] for a in PUBLISHED}) >= 2
    assert len({a.meta["category"] for a in PUBLISHED}) >= 2
    assert any(a.modified and a.modified.date() > a.date.date() for a in PUBLISHED)
    assert any(a.is_draft for a in sources)


def resolve(page_url, href):
    """Turn an href found on page_url into a site path."""
    return urljoin(page_url, href).split("#")[0]


@pytest.mark.parametrize("source", PUBLISHED, ids=lambda s: s.path.stem)
def test_article_page_shows_byline_dates_reading_time_category_and_tags(dev_site, source):
    url = f"/articles/{source.meta['slug']}/"
    page = dev_site.html(url)
    assert plain(page.find("h1").get_text(" ", strip=True)) == plain(source.meta["title"])

    byline = page.select_one(".byline")
    author = source.meta["author"]
    credential = AUTHORS[author]["credential"]
    assert plain(byline.get_text(" ", strip=True)) == f"By {author}, {credential}"
    author_link = byline.find("a")
    assert dev_site.path(resolve(url, author_link["href"])).exists()
    assert (
        dev_site.html(resolve(url, author_link["href"]))
        .find("h1")
        .get_text(strip=True)
        .startswith(author)
    )

    times = page.select(".post-meta time")
    assert times[0]["datetime"].startswith(source.date.isoformat()[:16])
    meta_text = page.select_one(".post-meta").get_text(" ", strip=True)
    assert f"{source.minutes} min read" in meta_text
    if source.modified and source.modified.date() > source.date.date():
        assert "Updated:" in meta_text
        assert times[1]["datetime"].startswith(source.modified.isoformat()[:16])
    else:
        assert "Updated" not in meta_text and len(times) == 1

    category_link = page.select_one(".post-category a")
    assert plain(category_link.get_text(strip=True)) == source.meta["category"]
    category_page = dev_site.html(resolve(url, category_link["href"]))
    assert plain(category_page.find("h1").get_text(strip=True)) == source.meta["category"]

    tag_links = page.select(".tags a[rel=tag]")
    assert [plain(a.get_text(strip=True)) for a in tag_links] == source.tags
    for link in tag_links:
        tag_page = dev_site.html(resolve(url, link["href"]))
        listed = [a["href"] for a in tag_page.select(".post-list h3 a")]
        assert any(href.rstrip("/").endswith(source.meta["slug"]) for href in listed)


def test_reading_time_of_a_650_word_article_is_three_minutes(dev_site):
    source = next(a for a in PUBLISHED if 600 <= a.words <= 700)
    page = dev_site.html(f"/articles/{source.meta['slug']}/")
    assert "3 min read" in page.select_one(".post-meta").get_text(" ", strip=True)


def test_drafts_are_previewed_with_a_banner_but_never_published(dev_site, published_site):
    drafts = [a for a in articles() if a.is_draft]
    for draft in drafts:
        preview = dev_site.html(f"/drafts/{draft.meta['slug']}/")
        assert "DRAFT" in preview.select_one(".draft-banner").get_text()
        assert not any(draft.meta["slug"] in str(p) for p in published_site.pages())
        for page in published_site.pages():
            assert draft.meta["title"] not in page.read_text(encoding="utf-8"), page


PAGE_TYPES = {
    "home": "/",
    "authors": "/authors/",
    "categories": "/topics/",
    "tags": "/tags/",
    "archives": "/archives/",
    "year archive": f"/archives/{PUBLISHED[0].date.year}/",
    "about page": "/about/",
    "services page": "/services/",
    "team page": "/team/",
    "contact page": "/contact/",
    "get help now page": "/get-help-now/",
    "privacy page": "/privacy/",
    "404": "/404.html",
}


@pytest.mark.parametrize("name,url", PAGE_TYPES.items())
def test_every_page_type_renders_with_header_main_and_footer(dev_site, name, url):
    page = dev_site.html(url)
    assert page.find("html")["lang"] == "en"
    assert page.find("header") and page.find("main") and page.find("footer")
    assert page.find("h1").get_text(strip=True)
    assert page.title.get_text(strip=True)


def test_author_category_and_tag_pages_list_their_articles(dev_site):
    source = PUBLISHED[0]
    author_slug = source.meta["author"].lower().replace(" ", "-")
    author_page = dev_site.html(f"/authors/{author_slug}/")
    titles = [a.get_text(" ", strip=True) for a in author_page.select(".post-list h3 a")]
    expected = [a.meta["title"] for a in PUBLISHED if a.meta["author"] == source.meta["author"]]
    assert sorted(plain(t) for t in titles) == sorted(plain(t) for t in expected)


def test_home_page_lists_newest_article_first(dev_site):
    newest = max(PUBLISHED, key=lambda a: a.date)
    first = dev_site.html("/").select_one("section[aria-labelledby=latest-title] .post-list h3 a")
    assert plain(first.get_text(" ", strip=True)) == plain(newest.meta["title"])


def test_team_page_lists_a_writer_without_articles_yet_without_a_broken_link(variant_site):
    site, _, _ = variant_site
    people = site.html("/team/").select(".people h2")
    newcomer = next(h for h in people if "Noor Haddad" in h.get_text())
    assert plain(newcomer.get_text(" ", strip=True)) == "Noor Haddad, LMHC"
    assert newcomer.find("a") is None
    assert all(h.find("a") for h in people if h is not newcomer)


def test_footer_feeds_link_leads_to_the_feeds_page(published_site):
    link = published_site.html("/").select_one("footer a[href$='/feeds/']")
    assert link.get_text(strip=True) == "Feeds"
    assert published_site.html("/feeds/").select("a[href$='.atom.xml']")
