"""The reader's details (issue 18) in Chromium and in the built pages: a compact phone
header, the dark-mode button's name, print, search in the site's look, one calm
article ending, curly quotes, share cards, captions and headings.

Screenshots of the search page (light, dark, 320 px), an article ending, the phone
header and a printed article are written to test-artifacts/screenshots/ (gitignored)
for a person to look at; the assertions do not depend on them."""

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image

from conftest import ROOT, fixture_settings
from content_sources import published_articles

SETTINGS = fixture_settings()
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PUBLISHED = published_articles()
ARTICLE = f"/articles/{PUBLISHED[0].meta['slug']}/"
SEARCH_WORD = "sleep"


def screenshot(page, name, **options):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", **options)


@pytest.fixture
def tab(browser):
    """tab(**context options) -> a new page; its context is closed after the test."""
    contexts = []

    def opener(**options):
        context = browser.new_context(**{"viewport": DESKTOP, **options})
        contexts.append(context)
        return context.new_page()

    yield opener
    for context in contexts:
        context.close()


# The phone header ---------------------------------------------------------------


def test_on_a_phone_the_title_is_in_the_first_screen_below_the_crisis_strip(tab, dev_server):
    page = tab(viewport=PHONE)
    page.goto(dev_server + ARTICLE)
    strip = page.locator(".crisis-strip").bounding_box()
    title = page.locator("h1").bounding_box()
    assert strip["y"] == 0
    assert title["y"] > strip["y"] + strip["height"]
    assert title["y"] + title["height"] <= PHONE["height"]
    screenshot(page, "phone-header-320")


def test_the_phone_menu_is_a_disclosure_button(tab, dev_server):
    page = tab(viewport=PHONE)
    page.goto(dev_server + ARTICLE)
    menu = page.get_by_role("button", name="Menu")
    topics = page.locator(".site-nav a", has_text="Topics")
    assert menu.get_attribute("aria-expanded") == "false" and not topics.is_visible()
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true" and topics.is_visible()
    assert page.locator(f"#{menu.get_attribute('aria-controls')}").is_visible()
    screenshot(page, "phone-menu-open-320")
    menu.click()
    assert menu.get_attribute("aria-expanded") == "false" and not topics.is_visible()


def test_without_javascript_the_navigation_is_a_plain_list(tab, dev_server):
    page = tab(viewport=PHONE, java_script_enabled=False)
    page.goto(dev_server + ARTICLE)
    assert not page.locator(".menu-toggle").is_visible()
    for label, _ in SETTINGS["NAV_LINKS"]:
        assert page.locator(".site-nav a", has_text=label).is_visible(), label


def test_on_a_desktop_the_navigation_has_no_menu_button(tab, dev_server):
    page = tab()
    page.goto(dev_server + ARTICLE)
    assert not page.locator(".menu-toggle").is_visible()
    assert page.locator(".site-nav a", has_text="Topics").is_visible()


# Print ------------------------------------------------------------------------


def test_a_printed_article_says_where_it_came_from_and_when(tab, dev_server):
    page = tab()
    page.goto(dev_server + ARTICLE)
    page.emulate_media(media="print")
    source = page.locator(".print-source")
    assert source.is_visible()
    text = source.inner_text()
    # The browser's own calendar, as the reader's printer would date it.
    today = page.evaluate("() => new Date().toLocaleDateString('en', {dateStyle: 'long'})")
    assert text.startswith(SETTINGS["SITENAME"])
    assert f"{dev_server}{ARTICLE}" in text  # a full address, though the dev build is relative
    assert f"Printed {today}" in text
    # Every link in the article prints its full address.
    links = page.locator(".post-body a[href]:not([href^='#'])")
    assert links.count() > 0
    for index in range(links.count()):
        after = links.nth(index).evaluate("a => getComputedStyle(a, '::after').content")
        assert re.search(r"https?://", after), after
    screenshot(page, "printed-article", full_page=True)
    page.emulate_media(media="screen")
    assert not source.is_visible()


def test_the_404_page_names_no_address_to_print(dev_site):
    assert dev_site.html("/404.html").select_one(".print-source") is None
    assert dev_site.html(ARTICLE).select_one(".print-source .print-url")


# The article's ending -----------------------------------------------------------


@pytest.mark.parametrize("source", PUBLISHED, ids=lambda s: s.meta["slug"])
def test_crisis_wording_appears_once_after_the_article_text(dev_site, source):
    """The strip is the way to crisis help; the ending says "not for emergencies"
    once (the disclaimer) and the crisis box stays beside sensitive articles."""
    page = dev_site.html(f"/articles/{source.meta['slug']}/")
    ending = [page.select_one(s) for s in (".article-disclaimer", ".reply", ".cta")]
    ending.append(page.select_one("footer.site-footer"))
    text = " ".join(part.get_text(" ") for part in ending if part)
    assert len(re.findall(r"\bcrisis\b|\bemergenc", text, re.I)) == 2  # one sentence
    assert not [a for part in ending if part for a in part.select("a[href^='tel:9']")]
    if page.select_one(".crisis-box"):
        assert page.select_one(".crisis-box").find_previous(class_="post-body") is None


def test_the_article_ending_screenshot(tab, dev_server):
    page = tab()
    page.goto(dev_server + ARTICLE)
    page.locator(".article-disclaimer").scroll_into_view_if_needed()
    screenshot(page, "article-ending")


def test_no_divider_is_drawn_without_tags(tab, dev_server):
    page = tab()
    page.goto(dev_server + ARTICLE)
    width = "el => parseFloat(getComputedStyle(el).borderTopWidth)"
    # The line above the article's footer belongs to the tags, so it goes with them.
    assert page.locator(".post-footer").evaluate(width) == 0
    assert page.locator(".post-footer .tags").evaluate(width) > 0


def test_team_names_look_like_the_links_they_are(tab, dev_server):
    page = tab()
    page.goto(dev_server + "/team/")
    name = page.locator(".people h2 a").first
    style = name.evaluate(
        "a => [getComputedStyle(a).color, getComputedStyle(a).textDecorationLine]"
    )
    body_link = page.locator(".post-body a").first.evaluate("a => getComputedStyle(a).color")
    assert style == [body_link, "underline"]


# Search -----------------------------------------------------------------------

YELLOW = "rgb(255, 255, 0)"
SHIFTS = """
window.__shift = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize(
    "name,options",
    [
        ("light", {"color_scheme": "light"}),
        ("dark", {"color_scheme": "dark"}),
        ("320-dark", {"color_scheme": "dark", "viewport": PHONE}),
    ],
)
def test_search_results_look_like_the_site(tab, dev_server, name, options):
    page = tab(**options)
    page.context.add_init_script(SHIFTS)
    page.goto(f"{dev_server}/search/")
    field = page.get_by_role("textbox", name="Search articles")
    field.wait_for()
    # The search field arrives in the space kept for it: nothing on the page moves.
    assert page.evaluate("() => window.__shift") == 0
    field.fill(SEARCH_WORD)
    page.locator(".pagefind-ui__result").first.wait_for()
    title = page.locator(".pagefind-ui__result-title").first
    heading_font = page.locator("h1").evaluate("h => getComputedStyle(h).fontFamily")
    assert title.evaluate("t => getComputedStyle(t).fontFamily") == heading_font
    mark = page.locator(".pagefind-ui mark").first
    colours = mark.evaluate(
        "m => [getComputedStyle(m).backgroundColor, getComputedStyle(m).color,"
        " getComputedStyle(m.closest('p')).color]"
    )
    assert colours[0] != YELLOW and colours[1] == colours[2]
    # The way to browse instead sits above the results, not jammed under them.
    browse = page.locator(".search-browse").bounding_box()
    assert browse["y"] < page.locator("#search").bounding_box()["y"]
    screenshot(page, f"search-{name}", full_page=True)


# Text and pages -----------------------------------------------------------------

STRAIGHT = re.compile(r"[A-Za-z]'[A-Za-z]|\"[A-Za-z]")
AUTHORED = ".post-body, script, style, code, pre, .toc"


def test_template_text_uses_curly_quotes(dev_site):
    """Every word the theme writes itself (the articles' own text is typeset by
    typogrify): no straight apostrophe or quotation mark."""
    straight = []
    for file in dev_site.pages():
        page = dev_site.html("/" + file.relative_to(dev_site.root).as_posix())
        if page.body is None:
            continue
        for part in page.select(AUTHORED):
            part.decompose()
        straight += [(file.name, m.group()) for m in STRAIGHT.finditer(page.body.get_text(" "))]
    assert straight == []
    assert "’" in dev_site.html("/404.html").select_one("main").get_text()


@pytest.mark.parametrize("path", ["/fees/", "/articles/sleep-log-for-stress/"])
def test_data_tables_have_captions(dev_site, path):
    tables = dev_site.html(path).select(".post-body table")
    assert tables and all(t.caption and t.caption.get_text(strip=True) for t in tables)


@pytest.mark.parametrize("path", ["/fees/", "/notice-of-privacy-practices/"])
def test_headings_are_headings_not_bold_paragraphs(dev_site, path):
    page = dev_site.html(path)
    bold_only = [
        p.get_text(strip=True)
        for p in page.select(".post-body p")
        if p.strong and p.strong.get_text(strip=True) == p.get_text(strip=True)
    ]
    assert bold_only == []


def test_every_article_shares_a_1200x630_png_that_exists(published_site):
    for source in PUBLISHED:
        page = published_site.html(f"/articles/{source.meta['slug']}/")
        image_url = page.select_one("meta[property='og:image']")["content"]
        file = published_site.path(urlsplit(image_url).path)
        assert file.is_file(), image_url
        with Image.open(file) as picture:
            assert (picture.format, picture.size) == ("PNG", (1200, 630)), image_url


def test_every_page_gives_its_share_pictures_size_and_locale(published_site):
    for file in published_site.pages():
        page = published_site.html("/" + file.relative_to(published_site.root).as_posix())
        image = page.select_one("meta[property='og:image']")
        if image is None:  # the 404 page and the editor: no card
            continue
        size = [
            int(page.select_one(f"meta[property='og:image:{side}']")["content"])
            for side in ("width", "height")
        ]
        picture_file = published_site.path(urlsplit(urljoin("/", image["content"])).path)
        with Image.open(picture_file) as picture:
            assert list(picture.size) == size, file
        assert page.select_one("meta[property='og:image:alt']")["content"].strip()
        # Each page's language's (plugins/i18n/): es_US under /es/.
        lang = page.html["lang"]
        assert (
            page.select_one("meta[property='og:locale']")["content"]
            == (SETTINGS["LANGUAGES"][lang]["locale"])
        )


def test_screenshots_are_kept_out_of_git():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "test-artifacts/" in ignored
    assert Path(SCREENSHOTS).relative_to(ROOT).parts[0] == "test-artifacts"
