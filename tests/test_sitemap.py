"""sitemap.xml, robots.txt and canonical addresses in the published build."""

import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

from content_sources import (
    published_articles,
    published_pages,
    published_spanish_articles,
    published_spanish_pages,
)

SITEURL = "https://blog.example.org"
LOCAL = ZoneInfo("America/Los_Angeles")
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PUBLISHED = published_articles()


def last_change(source):
    return datetime.fromisoformat(source.meta.get("modified", source.meta["date"])).replace(
        tzinfo=LOCAL
    )


def sitemap_entries(site):
    tree = ET.parse(site.path("/sitemap.xml"))
    assert tree.getroot().tag == f"{{{NS['sm']}}}urlset"
    entries = {}
    for url in tree.getroot().findall("sm:url", NS):
        loc = url.findtext("sm:loc", namespaces=NS)
        assert loc not in entries, f"{loc} is listed twice"
        lastmod = url.findtext("sm:lastmod", namespaces=NS)
        entries[loc] = datetime.fromisoformat(lastmod) if lastmod else None
    return entries


def test_sitemap_lists_exactly_the_home_page_and_published_articles_and_pages(published_site):
    expected = {f"{SITEURL}/"}
    expected |= {f"{SITEURL}/articles/{a.meta['slug']}/" for a in PUBLISHED}
    expected |= {f"{SITEURL}/{p.meta['slug']}/" for p in published_pages()}
    # Spanish (plugins/i18n/): its home page, articles and pages under /es/.
    expected |= {f"{SITEURL}/es/"}
    expected |= {f"{SITEURL}/es/articles/{a.meta['slug']}/" for a in published_spanish_articles()}
    expected |= {f"{SITEURL}/es/{p.meta['slug']}/" for p in published_spanish_pages()}
    entries = sitemap_entries(published_site)
    assert set(entries) == expected
    for loc in entries:
        assert published_site.path(loc.removeprefix(SITEURL)).is_file(), loc


def test_sitemap_lastmod_is_the_modified_date_or_else_the_date(published_site):
    entries = sitemap_entries(published_site)
    assert any("modified" in a.meta for a in PUBLISHED)
    for source in PUBLISHED:
        assert entries[f"{SITEURL}/articles/{source.meta['slug']}/"] == last_change(source)
    assert entries[f"{SITEURL}/"] == max(last_change(a) for a in PUBLISHED)
    for page in published_pages():
        if "date" not in page.meta:
            assert entries[f"{SITEURL}/{page.meta['slug']}/"] is None


def test_hidden_pages_and_drafts_are_not_in_the_sitemap(published_site):
    text = published_site.path("/sitemap.xml").read_text(encoding="utf-8")
    assert "/search/" not in text  # hidden: a tool, not content
    assert "/drafts/" not in text


def test_robots_txt_allows_crawling_and_names_the_sitemap(published_site):
    lines = published_site.path("/robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert "Allow: /" in lines
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines


def test_the_development_build_has_robots_txt_but_no_sitemap(dev_site):
    assert not dev_site.path("/sitemap.xml").exists()
    robots = dev_site.path("/robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Sitemap" not in robots


def test_every_page_names_its_own_canonical_address_and_has_a_description(published_site):
    checked = 0
    for page_file in published_site.pages():
        relative = page_file.relative_to(published_site.root).as_posix()
        page = published_site.html("/" + relative)
        description = page.select('head meta[name="description"]')
        assert len(description) == 1 and description[0]["content"].strip(), relative
        canonical = page.select('head link[rel="canonical"]')
        if relative.rsplit("/", 1)[-1] == "404.html":
            # Served at every missing address (/es/404.html under /es/): no address of its own.
            assert not canonical
            continue
        expected = f"{SITEURL}/{relative.removesuffix('index.html')}"
        assert [link["href"] for link in canonical] == [expected], relative
        checked += 1
    assert checked >= len(PUBLISHED) + len(published_pages())


def test_sitemap_and_pages_agree_on_canonical_addresses(published_site):
    for loc in sitemap_entries(published_site):
        page = published_site.html(loc.removeprefix(SITEURL))
        assert page.select_one('link[rel="canonical"]')["href"] == loc
