"""Feeds in the published build: every feed parses, lists exactly the published
articles with full content, absolute https links, authors and dates; pages
announce them; a browser shows a feed as a readable page."""

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import feedparser
import forked_python
import pytest
from bs4 import BeautifulSoup

from conftest import fixture_settings
from content_sources import articles, plain, published_articles, published_spanish_articles

SITEURL = "https://blog.example.org"
LOCAL = ZoneInfo("America/Los_Angeles")
PUBLISHED = published_articles()
SPANISH = published_spanish_articles()
DRAFTS = [a for a in articles() if a.is_draft]


def topic_slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


TOPICS = sorted({a.meta["category"] for a in PUBLISHED})
# (feed file, articles it must list)
FEEDS = [
    *[(f"feeds/all.{kind}.xml", PUBLISHED) for kind in ("atom", "rss")],
    # One feed per language (plugins/i18n/): en lists what all lists.
    *[(f"feeds/en.{kind}.xml", PUBLISHED) for kind in ("atom", "rss")],
    *[(f"feeds/es.{kind}.xml", SPANISH) for kind in ("atom", "rss")],
    *[
        (
            f"feeds/{topic_slug(topic)}.{kind}.xml",
            [a for a in PUBLISHED if a.meta["category"] == topic],
        )
        for topic in TOPICS
        for kind in ("atom", "rss")
    ],
]


def local_time(text):
    return datetime.fromisoformat(text).replace(tzinfo=LOCAL)


def feed_time(raw):
    """A feed's date as written (ISO 8601 in Atom, RFC 2822 in RSS), with its offset."""
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        return parsedate_to_datetime(raw)


def article_url(source):
    lang = source.meta.get("lang", "en")
    return f"{SITEURL}/{'' if lang == 'en' else lang + '/'}articles/{source.meta['slug']}/"


def parse(site, feed_path):
    parsed = feedparser.parse(site.path(feed_path).read_bytes())
    assert not parsed.bozo, f"{feed_path}: {parsed.get('bozo_exception')}"
    return parsed


def test_the_published_build_writes_exactly_the_expected_feeds(published_site):
    written = {
        p.relative_to(published_site.root).as_posix()
        for p in published_site.root.glob("feeds/*.xml")
    }
    assert written == {path for path, _ in FEEDS}


@pytest.mark.parametrize("feed_path,expected", FEEDS, ids=[path for path, _ in FEEDS])
def test_feed_lists_the_published_articles_with_links_authors_and_dates(
    published_site, feed_path, expected
):
    parsed = parse(published_site, feed_path)
    assert parsed.version == ("atom10" if feed_path.endswith(".atom.xml") else "rss20")
    # Atom's xml:lang or RSS's <language>: readers' apps pick fonts and hyphenation by it.
    # feeds/es.* are the Spanish articles' (plugins/i18n/).
    spanish = feed_path.startswith("feeds/es.")
    assert parsed.feed.language == ("es" if spanish else fixture_settings()["DEFAULT_LANG"])
    entries = {entry.link: entry for entry in parsed.entries}
    assert len(parsed.entries) == len(expected)
    assert set(entries) == {article_url(a) for a in expected}
    for source in expected:
        entry = entries[article_url(source)]
        assert urlsplit(entry.link).scheme == "https"
        assert plain(entry.title) == plain(source.meta["title"])
        assert entry.author == source.meta["author"]
        # feedparser falls back from `updated` to `published`: insist on a real one.
        assert dict.__contains__(entry, "updated"), f"{entry.link} has no updated date"
        published, updated = feed_time(entry.published), feed_time(entry.updated)
        assert published == local_time(source.meta["date"])
        assert updated == local_time(source.meta.get("modified", source.meta["date"]))


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_feeds_carry_the_full_article_with_absolute_links(published_site, kind):
    parsed = parse(published_site, f"feeds/all.{kind}.xml")
    footnote_links = []
    for source in PUBLISHED:
        entry = next(e for e in parsed.entries if e.link == article_url(source))
        html = entry.content[0].value if kind == "atom" else entry.description
        words = len(BeautifulSoup(html, "html.parser").get_text(" ").split())
        # The whole article, not the Summary (a sentence or two).
        assert words >= 0.9 * source.words, f"{source.path.name}: {words} of {source.words} words"
        for link in BeautifulSoup(html, "html.parser").select("[href], [src]"):
            target = link.get("href") or link.get("src")
            # A reader resolves a relative link against the feed: "#fn:1" led into the feed.
            leads_to = urlsplit(urljoin(f"{SITEURL}/feeds/all.{kind}.xml", target))
            assert not leads_to.path.startswith("/feeds/"), (
                f"{source.path.name}: {target!r} leads into the feed, not to the article"
            )
            if not target.startswith(("mailto:", "tel:", "sms:")):
                assert urlsplit(target).scheme in ("https", "http") and urlsplit(target).netloc, (
                    f"{source.path.name}: relative link {target!r} in the feed"
                )
            if "#fn" in target:
                footnote_links.append(target)
                assert target.startswith(entry.link + "#"), (source.path.name, target)
    assert footnote_links, "the fixture site should have an article with footnotes"


def test_links_inside_articles_point_at_the_published_site(published_site):
    parsed = parse(published_site, "feeds/all.atom.xml")
    linking = [a for a in PUBLISHED if "{filename}" in a.body]
    assert linking, "the sample content should link between pages"
    for source in linking:
        entry = next(e for e in parsed.entries if e.link == article_url(source))
        hrefs = [
            a["href"] for a in BeautifulSoup(entry.content[0].value, "html.parser").select("a")
        ]
        internal = [h for h in hrefs if h.startswith(SITEURL)]
        assert internal, f"{source.path.name}: its {{filename}} links should be absolute"
        for href in internal:
            assert published_site.path(urlsplit(href).path).exists(), href


def test_drafts_are_in_no_feed(published_site):
    assert DRAFTS
    for feed in published_site.root.glob("feeds/*.xml"):
        text = feed.read_text(encoding="utf-8")
        for draft in DRAFTS:
            assert draft.meta["slug"] not in text, feed.name


def test_the_development_build_writes_no_feeds(dev_site):
    assert not list(dev_site.root.glob("feeds/*.xml"))


def test_every_page_announces_the_site_feeds_and_topic_pages_their_own(published_site):
    for page_file in published_site.pages():
        page = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
        hrefs = {
            link["href"]: link["type"]
            for link in page.select('head link[rel="alternate"]')
            if "xml" in link.get("type", "")
        }
        # The feeds of the page's language.
        feeds = "all" if page.html["lang"] == "en" else page.html["lang"]
        assert hrefs.get(f"{SITEURL}/feeds/{feeds}.atom.xml") == "application/atom+xml", page_file
        assert hrefs.get(f"{SITEURL}/feeds/{feeds}.rss.xml") == "application/rss+xml", page_file
        for href in hrefs:
            assert published_site.path(urlsplit(href).path).exists(), (page_file, href)
    for source in PUBLISHED:
        slug = topic_slug(source.meta["category"])
        for url in (f"/articles/{source.meta['slug']}/", f"/topics/{slug}/"):
            announced = [
                link["href"] for link in published_site.html(url).select('link[rel="alternate"]')
            ]
            assert f"{SITEURL}/feeds/{slug}.atom.xml" in announced, url
            assert f"{SITEURL}/feeds/{slug}.rss.xml" in announced, url


def test_the_feeds_page_links_every_feed(published_site):
    page = published_site.html("/feeds/")
    linked = {urlsplit(a["href"]).path.lstrip("/") for a in page.select("main a[href$='.xml']")}
    # feeds/en.* repeat feeds/all.*: the page offers the one address.
    assert linked == {path for path, _ in FEEDS if not path.startswith("feeds/en.")}


@pytest.mark.parametrize("feed_path", [FEEDS[0][0], FEEDS[1][0]])
def test_each_feed_names_a_stylesheet_that_exists(published_site, feed_path):
    text = published_site.path(feed_path).read_text(encoding="utf-8")
    instruction = re.search(r'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>', text)
    assert instruction and text.index(instruction.group(0)) < text.index(
        "<feed" if "atom" in feed_path else "<rss"
    )
    stylesheet = urljoin(f"{SITEURL}/{feed_path}", instruction.group(1))
    assert published_site.path(urlsplit(stylesheet).path).is_file()


@pytest.mark.parametrize("kind", ["atom", "rss"])
def test_a_feed_opened_in_a_browser_explains_itself_and_lists_the_articles(
    served_subpath_site, page, kind
):
    # Served from the site's own host (XSLT must be same-origin), under /blog.
    _, base = served_subpath_site
    page.goto(f"{base}/feeds/all.{kind}.xml")
    assert "This is a web feed" in page.locator("main").inner_text()
    assert plain(page.locator("h1").inner_text()) == "Willow Harbor Counseling"
    listed = page.locator("main ol a").evaluate_all("links => links.map(a => a.href)")
    assert sorted(listed) == sorted(f"{base}/articles/{a.meta['slug']}/" for a in PUBLISHED)
    stylesheets = page.locator('link[rel="stylesheet"]').evaluate_all("l => l.map(x => x.href)")
    assert stylesheets == [f"{base}/theme/css/site.css"]
    feeds_page = page.get_by_role("link", name=re.compile("All our feeds"))
    assert feeds_page.get_attribute("href") == f"{base}/feeds/"


def test_a_long_archive_feeds_its_newest_twenty_articles(tmp_path):
    """Readers' apps fetch a feed again and again: 20 articles, the newest, not all."""
    import sys

    from content_sources import ROOT, read_source

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from corpus import build_environment, write_corpus

    corpus = write_corpus(26, tmp_path / "corpus")
    sources = [read_source(path) for path in (corpus / "articles").glob("*.md")]
    newest = sorted(sources, key=lambda source: source.date, reverse=True)[:20]
    output = tmp_path / "output"
    built = forked_python.run(
        [sys.executable, "-m", "pelican", str(corpus), "--settings", "publishconf.py",
         "--output", str(output), "--cache-path", str(tmp_path / "cache")],
        cwd=ROOT, env={**build_environment(corpus), "SITEURL": SITEURL},
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    for kind in ("atom", "rss"):
        parsed = feedparser.parse((output / f"feeds/all.{kind}.xml").read_bytes())
        assert not parsed.bozo
        assert [entry.link for entry in parsed.entries] == [article_url(s) for s in newest]
