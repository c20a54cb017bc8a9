"""Social cards (OpenGraph, Twitter) and JSON-LD in the published build, compared
with the Markdown sources, content/data/authors.toml and practice.toml."""

import json
import tomllib
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from conftest import fixture_settings
from content_sources import AUTHORS, FIXTURE_SITE, plain, published_articles

SITEURL = "https://blog.example.org"
LOCAL = ZoneInfo("America/Los_Angeles")
PRACTICE = tomllib.loads((FIXTURE_SITE / "data" / "practice.toml").read_text())
PUBLISHED = published_articles()


def slug(name):
    return name.lower().replace(" ", "-")


def local_time(text):
    return datetime.fromisoformat(text).replace(tzinfo=LOCAL)


def json_ld(page):
    """Every JSON-LD block on the page, parsed (a syntax error fails the test)."""
    return [
        json.loads(script.string) for script in page.select('script[type="application/ld+json"]')
    ]


def one_of_type(blocks, kind):
    found = [b for b in blocks if b.get("@type") == kind]
    assert len(found) == 1, f"expected one {kind}, found {len(found)}"
    assert found[0]["@context"] == "https://schema.org"
    return found[0]


def meta(page, key):
    tags = page.select(f'meta[property="{key}"], meta[name="{key}"]')
    assert len(tags) == 1, f"expected one {key}"
    return tags[0]["content"]


def assert_published_file(site, url):
    assert url.startswith(SITEURL + "/"), url
    path = site.path(urlsplit(url).path)
    assert path.is_file(), url
    return path


def test_every_json_ld_block_on_every_page_is_valid_json(published_site):
    blocks = 0
    for page_file in published_site.pages():
        relative = page_file.relative_to(published_site.root).as_posix()
        blocks += len(json_ld(published_site.html("/" + relative)))
    assert blocks >= 2 * len(PUBLISHED)


@pytest.mark.parametrize("source", PUBLISHED, ids=lambda s: s.path.stem)
def test_article_blog_posting_carries_the_articles_real_values(published_site, source):
    url = f"{SITEURL}/articles/{source.meta['slug']}/"
    page = published_site.html(url.removeprefix(SITEURL))
    posting = one_of_type(json_ld(page), "BlogPosting")

    assert plain(posting["headline"]) == plain(source.meta["title"])
    assert plain(posting["description"]) == plain(source.meta["summary"])
    assert posting["url"] == url
    assert posting["mainEntityOfPage"]["@id"] == url
    assert datetime.fromisoformat(posting["datePublished"]) == local_time(source.meta["date"])
    modified = source.meta.get("modified", source.meta["date"])
    assert datetime.fromisoformat(posting["dateModified"]) == local_time(modified)
    assert_published_file(published_site, posting["image"])

    author = posting["author"]
    profile = AUTHORS[source.meta["author"]]
    assert author["@type"] == "Person"
    assert author["name"] == source.meta["author"]
    assert author["url"] == f"{SITEURL}/authors/{slug(source.meta['author'])}/"
    assert_published_file(published_site, author["url"])
    assert author["jobTitle"] == profile["title"]
    assert author["honorificSuffix"] == profile["credential"]

    publisher = posting["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == PRACTICE["name"]
    logo = assert_published_file(published_site, publisher["logo"]["url"])
    assert Image.open(logo).format == "PNG"

    review = posting["mainEntityOfPage"]
    if "reviewed_by" in source.meta:
        assert review["reviewedBy"]["name"] == source.meta["reviewed_by"]
        reviewer = AUTHORS[source.meta["reviewed_by"]]
        assert review["reviewedBy"]["honorificSuffix"] == reviewer["credential"]
        assert review["lastReviewed"] == source.meta["last_reviewed"]
    else:
        assert "reviewedBy" not in review and "lastReviewed" not in review


def test_the_sample_content_includes_a_clinically_reviewed_article():
    assert any("reviewed_by" in a.meta for a in PUBLISHED)


@pytest.mark.parametrize("source", PUBLISHED, ids=lambda s: s.path.stem)
def test_article_social_cards_describe_the_article(published_site, source):
    url = f"{SITEURL}/articles/{source.meta['slug']}/"
    page = published_site.html(url.removeprefix(SITEURL))
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:url") == url
    assert plain(meta(page, "og:title")) == plain(source.meta["title"])
    for key in ("og:description", "description"):
        assert plain(meta(page, key)) == plain(source.meta["summary"])
    assert local_time(source.meta["date"]) == datetime.fromisoformat(
        meta(page, "article:published_time")
    )
    modified = source.meta.get("modified", source.meta["date"])
    assert local_time(modified) == datetime.fromisoformat(meta(page, "article:modified_time"))
    # Twitter reads the OpenGraph title, description and picture.
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "og:locale") == fixture_settings()["OG_LOCALE"]
    image = assert_published_file(published_site, meta(page, "og:image"))
    with Image.open(image) as picture:
        size = picture.size
        kind = picture.format
    assert size == (int(meta(page, "og:image:width")), int(meta(page, "og:image:height")))
    if "image" not in source.meta:
        # A card drawn for the article: its title on it, said in its description.
        assert (kind, size) == ("PNG", (1200, 630))
        assert plain(source.meta["title"]) in plain(meta(page, "og:image:alt"))
        assert source.meta["author"] in meta(page, "og:image:alt")


def test_article_breadcrumbs_lead_from_home_through_the_topic(published_site):
    source = PUBLISHED[0]
    url = f"{SITEURL}/articles/{source.meta['slug']}/"
    crumbs = one_of_type(json_ld(published_site.html(url.removeprefix(SITEURL))), "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3]
    assert [item["item"] for item in items][0::2] == [f"{SITEURL}/", url]
    assert items[1]["name"] == source.meta["category"]
    assert_published_file(published_site, items[1]["item"])
    assert plain(items[2]["name"]) == plain(source.meta["title"])


@pytest.mark.parametrize("name", sorted({a.meta["author"] for a in PUBLISHED}))
def test_author_page_is_a_profile_page_of_the_clinician(published_site, name):
    url = f"{SITEURL}/authors/{slug(name)}/"
    page = published_site.html(url.removeprefix(SITEURL))
    profile_page = one_of_type(json_ld(page), "ProfilePage")
    person = profile_page["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == name
    assert person["url"] == url
    assert person["honorificSuffix"] == AUTHORS[name]["credential"]
    assert person["jobTitle"] == AUTHORS[name]["title"]
    assert meta(page, "og:type") == "profile"
    crumbs = one_of_type(json_ld(page), "BreadcrumbList")["itemListElement"]
    assert crumbs[-1]["item"] == url


def test_home_page_describes_the_practice_with_address_and_phone(published_site):
    page = published_site.html("/")
    organization = one_of_type(json_ld(page), "Organization")
    assert organization["name"] == PRACTICE["name"]
    assert organization["url"] == f"{SITEURL}/"
    assert organization["telephone"] == PRACTICE["phone_e164"]
    assert organization["email"] == PRACTICE["email"]
    address = organization["address"]
    assert address["@type"] == "PostalAddress"
    assert address["streetAddress"] == PRACTICE["address"]["street"]
    assert address["addressLocality"] == PRACTICE["address"]["city"]
    assert address["addressRegion"] == PRACTICE["address"]["region"]
    assert address["postalCode"] == PRACTICE["address"]["postal_code"]
    assert address["addressCountry"] == PRACTICE["address"]["country"]
    logo = assert_published_file(published_site, organization["logo"]["url"])
    assert Image.open(logo).format == "PNG"
    assert meta(page, "og:type") == "website"


def add_header_lines(article, lines):
    text = article.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    article.write_text(header + "\n" + "\n".join(lines) + "\n\n" + body, encoding="utf-8")


def test_an_article_image_replaces_the_default_card_and_bad_ones_stop_the_build(tmp_path):
    from conftest import Site, copy_project, invoke

    project = copy_project(tmp_path / "project")
    source = PUBLISHED[0]
    article = project / "content" / "articles" / source.path.name
    Image.new("RGB", (1200, 630), (40, 90, 110)).save(project / "content" / "images" / "lake.png")
    add_header_lines(article, ["Image: images/lake.png", "Image_alt: A calm lake at dawn"])
    output = tmp_path / "site"
    invoke("preview", "--output", str(output), cwd=project, env={"SITEURL": SITEURL})

    page = Site(output).html(f"/articles/{source.meta['slug']}/")
    assert meta(page, "og:image") == f"{SITEURL}/images/lake.png"
    assert meta(page, "og:image:alt") == "A calm lake at dawn"
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    assert one_of_type(json_ld(page), "BlogPosting")["image"] == f"{SITEURL}/images/lake.png"
    assert (output / "images" / "lake.png").is_file()

    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("images/lake.png", "images/missing.png"), encoding="utf-8")
    failed = invoke("preview", "--output", str(output), cwd=project, check=False)
    assert failed.returncode != 0
    report = failed.stdout + failed.stderr
    assert source.path.name in report and "images/missing.png" in report
    assert "does not exist" in report
