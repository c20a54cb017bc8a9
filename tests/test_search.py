"""Self-hosted search (Pagefind) in a real browser: the published site at the
root of its host and under a sub-path, the development preview, and without
JavaScript. What should be found is worked out from the built pages' bodies
and the Markdown sources, never from Pagefind's own index."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from content_sources import (
    articles,
    published_articles,
    published_pages,
    published_spanish_articles,
    published_spanish_pages,
)

PUBLISHED = published_articles()
DRAFTS = [a for a in articles() if a.is_draft]
RESULT_LINKS = ".pagefind-ui__result > .pagefind-ui__result-inner > .pagefind-ui__result-title a"
MESSAGE = ".pagefind-ui__message"
# Pagefind stems words, matches the last one as a prefix, and falls back to
# parts of a word it doesn't know ("downtime" finds "down"). A word counts as
# "only in X" when no other indexed word shares its first letters or is the
# start of it.
PREFIX = 6


def words(text):
    return set(re.findall(r"[a-z]+", text.lower()))


def indexed_bodies(site_root):
    """Each page's searchable text: its data-pagefind-body elements, keyed by page path."""
    bodies = {}
    for page_file in Path(site_root).rglob("*.html"):
        page = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
        marked = page.select("[data-pagefind-body]")
        if marked:
            heading = page.find("h1").get_text(" ")
            relative = page_file.relative_to(site_root).as_posix()
            bodies["/" + relative.removesuffix("index.html")] = (
                heading + " " + " ".join(element.get_text(" ") for element in marked)
            )
    return bodies


def word_only_in(text, others, shortest=6):
    """A word of `text` that no other text shares (by prefix), chosen deterministically."""
    elsewhere = set().union(*(words(other) for other in others))
    taken = {w[:PREFIX] for w in elsewhere}
    candidates = sorted(
        w
        for w in words(text)
        if len(w) >= shortest
        and w[:PREFIX] not in taken
        and not any(w.startswith(other) for other in elsewhere)
    )
    assert candidates, "no distinctive word to search for"
    return candidates[0]


def search(page, query):
    """Type a query into Pagefind's field and wait for its result count."""
    field = page.get_by_role("textbox", name=re.compile("search", re.I))
    field.fill(query)
    message = page.locator(MESSAGE)
    expect(message).to_have_text(re.compile(rf"^(\d+ results?|No results) for {query}$"))
    return result_paths(page)


def result_paths(page):
    """Every result's page path (Pagefind shows five at a time, then "Load more")."""
    expected = count_in(page.locator(MESSAGE).inner_text())
    links = page.locator(RESULT_LINKS)
    more = page.get_by_role("button", name=re.compile("load more", re.I))
    for _ in range(200):  # results render a moment after the count
        if links.count() >= expected:
            break
        if more.is_visible():
            shown = links.count()
            more.click()
            expect(links).not_to_have_count(shown)
        else:
            page.wait_for_timeout(50)
    assert links.count() == expected
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(href).path for href in hrefs]


def count_in(message_text):
    number = message_text.split()[0]
    return 0 if number == "No" else int(number)


@pytest.fixture(params=["root", "sub-path"])
def served(request):
    """The published build at the root of its host, and built for /blog/."""
    fixture = "served_published_site" if request.param == "root" else "served_subpath_site"
    return request.getfixturevalue(fixture)


def collect_errors(page):
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_searching_a_word_from_one_article_finds_that_article(served, page):
    site, site_url = served
    prefix = urlsplit(site_url).path
    bodies = indexed_bodies(site.root)
    source = next(a for a in PUBLISHED if a.meta["slug"] == "sleep-log-for-stress")
    target = f"/articles/{source.meta['slug']}/"
    word = word_only_in(bodies[target], [text for path, text in bodies.items() if path != target])

    errors = collect_errors(page)
    page.goto(f"{site_url}/search/")
    found = search(page, word)
    assert "Search needs JavaScript" not in page.inner_text("main")
    assert found == [prefix + target]
    page.locator(RESULT_LINKS).first.click()
    expect(page).to_have_url(f"{site_url}{target}")
    assert errors == [], "the search page logged errors (CSP violations show up here)"


def test_a_topic_filter_narrows_the_results(served, page):
    _, site_url = served
    prefix = urlsplit(site_url).path
    # A word used in articles of several topics, and the articles of one topic using it.
    by_topic = {}
    for source in PUBLISHED:
        by_topic.setdefault(source.meta["category"], []).append(source)
    topic_words = {
        topic: set.union(*(words(a.body) for a in sources)) for topic, sources in by_topic.items()
    }
    shared = sorted(
        (w for w in set.union(*topic_words.values()) if len(w) >= 6),
        key=lambda w: (-sum(w in ws for ws in topic_words.values()), w),
    )
    word = shared[0]
    topic = sorted(t for t, ws in topic_words.items() if word in ws)[0]
    expected = {
        f"{prefix}/articles/{a.meta['slug']}/"
        for a in by_topic[topic]
        if any(w.startswith(word) for w in words(a.body))
    }

    # Seen once in a full local run (not reproduced since): results but no filter panel.
    # Should it happen again, the failure says what the page saw.
    trouble = []
    page.on("requestfailed", lambda request: trouble.append(f"failed: {request.url}"))
    page.on("console", lambda message: trouble.append(f"{message.type}: {message.text}"))
    page.goto(f"{site_url}/search/")
    everything = search(page, word)
    total = len(everything)
    assert total > len(expected) and expected <= set(everything)

    topic_filter = page.get_by_text("Topic", exact=True)
    try:
        topic_filter.wait_for(timeout=15_000)
    except PlaywrightTimeoutError:
        panel = page.locator(".pagefind-ui").inner_html()
        raise AssertionError(f"no Topic filter; the page saw {trouble}; UI: {panel}") from None
    topic_filter.click()
    page.locator(f'input[name="topic"][value="{topic}"]').check()
    narrowed = rf"^{len(expected)} results? for {word}$"
    expect(page.locator(MESSAGE)).to_have_text(re.compile(narrowed))
    assert set(result_paths(page)) == expected


def test_the_author_filter_lists_every_author(served_published_site, page):
    _, site_url = served_published_site
    page.goto(f"{site_url}/search/")
    search(page, "the")
    page.get_by_text("Author", exact=True).click()
    offered = page.locator('input[name="author"]').evaluate_all("boxes => boxes.map(b => b.value)")
    assert sorted(offered) == sorted({a.meta["author"] for a in PUBLISHED})


def test_a_query_in_the_address_opens_its_results(served_published_site, page):
    _, site_url = served_published_site
    page.goto(f"{site_url}/search/?q=sleep")
    expect(page.locator(MESSAGE)).to_have_text(re.compile(r"^\d+ results? for sleep$"))
    assert "/articles/sleep-log-for-stress/" in result_paths(page)


def test_only_the_article_body_is_indexed_not_navigation_or_footer(served_published_site, page):
    site, site_url = served_published_site
    source = next(a for a in PUBLISHED if a.meta["slug"] == "sleep-log-for-stress")
    built = BeautifulSoup(site.path(f"/articles/{source.meta['slug']}/").read_text(), "html.parser")
    page.goto(f"{site_url}/search/")
    # What Pagefind stored for the page, through the same API its UI uses.
    indexed = page.evaluate(
        """async (url) => {
            const pagefind = await import(url);
            const found = await pagefind.search(null, {filters: {}});
            const pages = await Promise.all(found.results.map((r) => r.data()));
            return pages.map((p) => [p.url, p.content]);
        }""",
        f"{site_url}/pagefind/pagefind.js",
    )
    content = dict(indexed)[f"{urlsplit(site_url).path}/articles/{source.meta['slug']}/"]
    first_paragraph = built.select_one(".post-body p").get_text(" ", strip=True)
    assert " ".join(first_paragraph.split()[:12]) in " ".join(content.split())
    for chrome in ("header", "footer", ".post-footer", ".byline"):
        text = " ".join(built.select_one(chrome).get_text(" ", strip=True).split())
        assert text[:60] not in " ".join(content.split()), f"{chrome} text was indexed"


def test_drafts_previewed_in_development_are_not_searchable(dev_site, dev_server, page):
    assert DRAFTS
    # The English search page searches the English index only (Pagefind keeps one per
    # <html lang>): a word is distinctive when no English page has it.
    bodies = {
        path: body
        for path, body in indexed_bodies(dev_site.root).items()
        if not path.startswith("/es/")
    }
    for draft in DRAFTS:
        preview = dev_site.path(f"/drafts/{draft.meta['slug']}/").read_text(encoding="utf-8")
        text = BeautifulSoup(preview, "html.parser").select_one(".post-body").get_text(" ")
        word = word_only_in(text, bodies.values())
        page.goto(f"{dev_server}/search/")
        assert search(page, word) == []


def test_the_index_holds_exactly_the_published_articles_and_pages(published_site):
    marked = set(indexed_bodies(published_site.root))
    expected = {f"/articles/{a.meta['slug']}/" for a in PUBLISHED}
    expected |= {f"/{p.meta['slug']}/" for p in published_pages()}
    # The Spanish articles and pages (plugins/i18n/), in Pagefind's Spanish index.
    expected |= {f"/es/articles/{a.meta['slug']}/" for a in published_spanish_articles()}
    expected |= {f"/es/{p.meta['slug']}/" for p in published_spanish_pages()}
    assert marked == expected
    entry = json.loads(published_site.path("/pagefind/pagefind-entry.json").read_text())
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    assert indexed == len(expected)


def test_without_javascript_the_search_page_explains_and_links_to_the_archives(
    served_published_site, browser
):
    site, site_url = served_published_site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/search/")
    # Playwright's text locators skip <noscript>; the rendered text doesn't.
    shown = page.inner_text("main")
    assert "Search needs JavaScript, which is turned off or blocked in this browser" in shown
    archives = page.get_by_role("link", name="all articles by date")
    assert archives.get_attribute("href") == f"{site_url}/archives/"
    assert site.path("/archives/").is_file()
    context.close()


def test_only_the_search_page_loads_the_search_code(published_site):
    for page_file in published_site.pages():
        page = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
        sources = [s.get("src", "") for s in page.select("script")]
        sources += [link["href"] for link in page.select('link[rel="stylesheet"]')]
        loads_search = any("pagefind" in src or src.endswith("/search.js") for src in sources)
        is_search_page = page_file in (
            published_site.path("/search/"),
            published_site.path("/es/search/"),
        )
        assert loads_search == is_search_page, page_file


def test_every_page_links_to_the_search_page(published_site):
    for page_file in published_site.pages():
        page = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
        links = {a["href"] for a in page.select("header a[href]")}
        # The search page of the page's language.
        spanish = page_file.relative_to(published_site.root).parts[0] == "es"
        search = "https://blog.example.org/" + ("es/search/" if spanish else "search/")
        assert search in links, page_file
