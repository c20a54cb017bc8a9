"""What a reader of the practice's blog expects on an article page, in the lists and
the feeds, for articles the sample content does not have: several writers, very short
and very long texts, pictures, code and tables, dates near midnight, a Spanish-only
article. One published build of the fixture site plus the articles in
tests/fixtures/article_details/ (kept out of the fixture site, whose articles other
tests count)."""

import json
import shutil
from urllib.parse import urlsplit

import feedparser
import pytest
from babel.messages.pofile import read_po

from conftest import ROOT, Site, copy_project, fixture_settings, invoke
from content_sources import read_source

SETTINGS = fixture_settings()
SITEURL = "https://blog.example.org"
EXTRA = ROOT / "tests" / "fixtures" / "article_details"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("article-details") / "project")
    for source in EXTRA.rglob("*.md"):
        target = project / "content" / "articles" / source.relative_to(EXTRA)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    # Two articles a page: every list of more than two has later pages.
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nDEFAULT_PAGINATION = 2\n")
    output = project / "output"
    build = invoke("preview", "--output", str(output), cwd=project, env={"SITEURL": SITEURL})
    return Site(output, build)


def card(site, listing, url):
    """The card of the article at `url` on any page of a listing ("/", "/authors/x/")."""
    folder = site.path(listing).parent
    for file in [folder / "index.html", *sorted(folder.glob("page/*/index.html"))]:
        for found in site.html("/" + file.relative_to(site.root).as_posix()).select(".post-card"):
            if urlsplit(found.select_one("h3 a")["href"]).path == url:
                return found
    raise AssertionError(f"no card for {url} on {listing}")


def source(name):
    return read_source(EXTRA / name)


def json_ld(page, kind):
    for script in page.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} JSON-LD")


# Several writers --------------------------------------------------------------------

CO_WRITTEN = source("co-parenting-across-two-homes.md")
WRITERS = [name.strip() for name in CO_WRITTEN.meta["authors"].split(",")]
NAMED = " and ".join(f"{n}, {SETTINGS['AUTHORS_INFO'][n]['credential']}" for n in WRITERS)


def test_an_article_by_several_writers_names_each_on_its_page(site):
    """`Authors: A, B`: the byline, the share card's description and the structured
    data name both writers with their credentials, each linked to their page."""
    page = site.html(f"/articles/{CO_WRITTEN.meta['slug']}/")
    byline = page.select_one(".byline")
    assert byline.get_text(" ", strip=True) == f"By {NAMED}"
    assert [urlsplit(a["href"]).path for a in byline.select("a[rel=author]")] == [
        f"/authors/{name.lower().replace(' ', '-')}/" for name in WRITERS
    ]
    assert page.select_one('meta[property="og:image:alt"]')["content"].endswith(f"By {NAMED}.")
    assert [m["content"] for m in page.select('meta[name="author"]')] == WRITERS
    assert [p["name"] for p in json_ld(page, "BlogPosting")["author"]] == WRITERS


def test_an_article_by_several_writers_names_each_in_lists_and_feeds(site):
    url = f"/articles/{CO_WRITTEN.meta['slug']}/"
    for listing in ("/", f"/authors/{WRITERS[1].lower().replace(' ', '-')}/"):
        found = card(site, listing, url)
        assert NAMED in found.select_one(".post-meta").get_text(" ", strip=True), listing


def feed_entry(site, feed, url):
    parsed = feedparser.parse(site.path(feed).read_bytes())
    assert not parsed.bozo, f"{feed}: {parsed.bozo_exception}"
    return parsed, next(e for e in parsed.entries if urlsplit(e.link).path == url)


@pytest.mark.parametrize("feed", ["/feeds/all.atom.xml", "/feeds/all.rss.xml"])
def test_the_feeds_name_every_writer(site, feed):
    _, entry = feed_entry(site, feed, f"/articles/{CO_WRITTEN.meta['slug']}/")
    assert [author["name"] for author in entry.authors] == WRITERS


# Footnotes, in both languages --------------------------------------------------------

SPANISH_CITED = source("es/preguntar-sin-miedo.md")
SPANISH_URL = f"/es/articles/{SPANISH_CITED.meta['slug']}/"


def test_a_spanish_articles_references_are_in_spanish_under_the_authors_heading(site):
    """The author's `## Fuentes` above the notes is the section's heading (no second,
    English "References"), and each way back to the text is spoken in Spanish."""
    page = site.html(SPANISH_URL)
    section = page.select_one("section.references")
    assert section.select_one("h2").get_text() == "Fuentes"
    headings = [h.get_text() for h in page.select(".post-body h2")]
    assert headings.count("Fuentes") == 1 and "References" not in headings
    labels = [a["aria-label"] for a in section.select("a.footnote-backref")]
    assert labels == ["Volver a la referencia 1 del texto", "Volver a la referencia 2 del texto"]


def test_the_spanish_feed_is_named_apart_and_gives_the_tagline_and_topics_in_spanish(site):
    catalog = {
        message.id: message.string
        for message in read_po(
            (ROOT / "theme/translations/es/LC_MESSAGES/messages.po").open("rb"), abort_invalid=True
        )
    }
    tagline = SETTINGS["SITESUBTITLE"]
    for feed in ("/feeds/es.atom.xml", "/feeds/es.rss.xml"):
        parsed, entry = feed_entry(site, feed, SPANISH_URL)
        assert parsed.feed.subtitle == catalog[tagline], feed
        assert parsed.feed.title == f"{SETTINGS['SITENAME']} (Español)", feed
        assert entry.tags[0].term == catalog[SPANISH_CITED.meta["category"]], feed


# Reading time --------------------------------------------------------------------------

PICTURES = source("a-week-of-calm-mornings-in-pictures.md")


def test_a_picture_heavy_article_counts_its_pictures_in_the_reading_time(site):
    """Ten photographs with a line each read longer than their 166 words alone; the page, the
    lists and the structured data give the same minutes."""
    url = f"/articles/{PICTURES.meta['slug']}/"
    page = site.html(url)
    shown = page.select_one(".read-time").get_text()
    assert shown == "2 min read"  # 166 words (40 s) and ten pictures (75 s)
    assert json_ld(page, "BlogPosting")["timeRequired"] == "PT2M"
    assert shown in card(site, "/", url).get_text(" ")


# Long lists -------------------------------------------------------------------------


def test_each_page_of_a_long_list_has_a_title_of_its_own(site):
    """A topic's, tag's, writer's or the home page's second page is not announced (tab,
    history, search result) with the first page's title, in either language."""
    pages_by_title = {}
    for file in site.pages():
        page = site.html("/" + file.relative_to(site.root).as_posix())
        key = (page.html.get("lang"), page.title.get_text())
        pages_by_title.setdefault(key, []).append(file.relative_to(site.root).as_posix())
    later = [path for paths in pages_by_title.values() for path in paths if "page/" in path]
    for kind in ("topics/", "tags/", "authors/", "es/page/"):
        assert any(path.startswith(kind) for path in later), f"no later page of {kind}"
    repeated = {key: paths for key, paths in pages_by_title.items() if len(paths) > 1}
    assert repeated == {}


# Headings ---------------------------------------------------------------------------

THREE_PARTS = source("a-first-session-in-three-parts.md")


def test_a_heading_named_like_a_part_of_the_page_takes_no_id_of_the_page(site):
    """`## Main` is no second `id="main"`: the skip link still leads to the <main>
    element, the author's own link leads to the heading, and the
    page stays valid (a duplicate id fails the publish's HTML check)."""
    page = site.html(f"/articles/{THREE_PARTS.meta['slug']}/")
    ids = [element["id"] for element in page.select("[id]")]
    assert sorted(set(ids)) == sorted(ids)
    assert page.select_one("#main").name == "main"
    heading = page.find("h2", string="Main")
    assert heading["id"] != "main"
    assert page.select_one(".post-body").find("a", string="main part")["href"] == (
        f"#{heading['id']}"
    )
