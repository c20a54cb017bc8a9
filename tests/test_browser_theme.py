"""The theme in a real browser (Debian's Chromium through Playwright) against the
development build served on 127.0.0.1: layout from 320 px to wide screens,
keyboard use, dark mode, reading without JavaScript, print, and the article
page's parts."""

import re
import statistics
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import fixture_settings, load_every_image
from content_sources import plain, published_articles

SETTINGS = fixture_settings()

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"320x640": PHONE, "1280x800": DESKTOP}
PUBLISHED = published_articles()


@pytest.fixture(scope="module")
def open_page(browser, dev_server):
    """open_page(path, **context options) -> a Playwright page at that path of the
    dev build. Pages with the same options share one context and one tab."""
    tabs = {}

    def opener(path, base=dev_server, **options):
        key = repr(sorted(options.items()))
        if key not in tabs:
            context = browser.new_context(**{"viewport": DESKTOP, **options})
            tabs[key] = context.new_page()
        page = tabs[key]
        page.goto(base + path)
        return page

    yield opener
    for page in tabs.values():
        page.context.close()


def luminance(css_color):
    """Relative luminance (WCAG) of an opaque rgb() colour from getComputedStyle."""
    values = re.findall(r"[\d.]+", css_color)
    assert len(values) == 3 or float(values[3]) == 1, f"not opaque: {css_color}"
    red, green, blue = (float(v) / 255 for v in values[:3])

    def linear(c):
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def background(page):
    return page.evaluate("getComputedStyle(document.documentElement).backgroundColor")


SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


# Layout ---------------------------------------------------------------------


def test_no_page_scrolls_sideways_on_a_phone_or_a_desktop(open_page, dev_site):
    """Every page of the build, each loaded once and laid out at both sizes."""
    wide = []
    for file in dev_site.pages():
        path = "/" + file.relative_to(dev_site.root).as_posix().removesuffix("index.html")
        page = open_page(path, viewport=PHONE)
        for name, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            if page.evaluate(SIDEWAYS) > 0:
                wide.append((name, path))
        page.set_viewport_size(PHONE)
    assert len(dev_site.pages()) > 40
    assert wide == []


def test_long_addresses_words_tables_and_code_fit_a_phone(open_page, theme_pages):
    """Whatever an author pastes stays inside a 320 px screen."""
    # The test writes the pasted HTML from a string, which the pages' Trusted Types forbid.
    page = open_page(theme_pages["article with contents"], viewport=PHONE, bypass_csp=True)
    page.evaluate(
        """() => {
        const long = "https://example.org/" + "very-long-path-segment/".repeat(8) + "?q=1";
        document.querySelector(".post-body").insertAdjacentHTML("beforeend", `
          <p id="t-link"><a href="${long}">${long}</a></p>
          <p id="t-word">Pneumonoultramicroscopicsilicovolcanoconiosis${"x".repeat(60)}</p>
          <table id="t-table"><tr>${"<th>Heading number</th>".repeat(8)}</tr>
            <tr>${"<td>cell_with_a_rather_long_value</td>".repeat(8)}</tr></table>
          <pre id="t-pre"><code>${"const answer = compute(everything);  ".repeat(6)}</code></pre>
          <p id="t-code">Run <code>${"a_very_long_identifier_".repeat(6)}</code> now.</p>`);
        }"""
    )
    assert page.evaluate(SIDEWAYS) <= 0
    for element_id in ("t-link", "t-word", "t-table", "t-pre", "t-code"):
        box = page.locator(f"#{element_id}").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], element_id


LINE_LENGTHS = """(selector) => {
  const lengths = [];
  for (const block of document.querySelectorAll(selector)) {
    const lineHeight = parseFloat(getComputedStyle(block).lineHeight);
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let lineTop = null, count = 0, node;
    const lines = [];
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (lineTop === null || rect.top > lineTop + lineHeight / 2) {
          if (lineTop !== null) lines.push(count);
          lineTop = rect.top; count = 0;
        }
        count++;
      }
    }
    lengths.push(...lines);  // every line but each paragraph's last, which is short
  }
  return lengths;
}"""


def test_body_text_is_large_with_a_comfortable_line_length(open_page, theme_pages):
    for viewport in (PHONE, DESKTOP):
        page = open_page(theme_pages["article with contents"], viewport=viewport)
        size, line_height = page.evaluate(
            """() => { const s = getComputedStyle(document.querySelector(".post-body p"));
            return [parseFloat(s.fontSize), parseFloat(s.lineHeight)]; }"""
        )
        assert size >= 18
        assert line_height >= 1.5 * size
    lengths = page.evaluate(LINE_LENGTHS, ".post-body > p")  # on the desktop
    assert len(lengths) > 20
    assert 60 <= statistics.median(lengths) <= 75, sorted(lengths)


# Keyboard ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["home", "article with contents"])
@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(
    open_page, theme_pages, kind, viewport
):
    page = open_page(theme_pages[kind], viewport=viewport, reduced_motion="reduce")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    top = page.evaluate("document.querySelector('main').getBoundingClientRect().top")
    assert 0 <= top < viewport["height"] / 2
    page.keyboard.press("Tab")  # the next stop is inside main, not back in the header
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


FOCUS_STATE = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const rect = el.getClientRects()[0];
  const x = Math.min(Math.max(rect.left + Math.min(rect.width / 2, 8), 0), innerWidth - 1);
  const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  return {
    name: el.tagName + " " + (el.textContent || "").trim().slice(0, 40),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    inView: rect.bottom > 0 && rect.top < innerHeight,
    onTop: hit !== null && (hit === el || el.contains(hit)),
  };
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_every_interactive_element_shows_focus_and_is_never_covered(
    open_page, theme_pages, viewport
):
    """Tab forwards and backwards through the article: each stop has a visible
    outline and is not hidden under the sticky crisis strip or anything else."""
    page = open_page(
        theme_pages["article with contents"], viewport=viewport, reduced_motion="reduce"
    )
    stops = page.evaluate(
        """() => [...document.querySelectorAll("a[href], button, input, select, textarea")]
        .filter(el => el.getClientRects().length).length"""
    )
    assert stops > 30
    problems = []
    for key in ["Tab"] * stops + ["Shift+Tab"] * (stops - 1):
        page.keyboard.press(key)
        state = page.evaluate(FOCUS_STATE)
        if not (state["outline"] and state["inView"] and state["onTop"]):
            problems.append((key, state))
    assert problems == []


def test_contents_links_land_below_the_sticky_crisis_strip(open_page, theme_pages):
    page = open_page(
        theme_pages["article with contents"], viewport=DESKTOP, reduced_motion="reduce"
    )
    links = page.locator(".toc a")
    assert links.count() >= 4
    for index in range(links.count()):
        link = links.nth(index)
        target = link.get_attribute("href")
        link.click()
        strip_bottom = page.evaluate(
            "document.querySelector('.crisis-strip').getBoundingClientRect().bottom"
        )
        heading_top = page.evaluate(
            f"document.getElementById({target[1:]!r}).getBoundingClientRect().top"
        )
        assert strip_bottom <= heading_top < DESKTOP["height"] / 2, target


# Dark mode --------------------------------------------------------------------

FIRST_FRAME = """
window.__firstFrame = null;
requestAnimationFrame(() => {
  window.__firstFrame = getComputedStyle(document.documentElement).backgroundColor;
});
"""


def dark_page(browser, base, color_scheme):
    context = browser.new_context(viewport=DESKTOP, color_scheme=color_scheme)
    context.add_init_script(FIRST_FRAME)
    page = context.new_page()
    return page


def first_frame(page):
    page.wait_for_function("() => window.__firstFrame !== null")
    return page.evaluate("window.__firstFrame")


def test_dark_mode_toggle_switches_and_persists_without_a_flash(browser, dev_server, theme_pages):
    page = dark_page(browser, dev_server, "light")
    try:
        page.goto(dev_server + theme_pages["article with contents"])
        # The button is named after the mode it switches to.
        toggle = page.get_by_role("button", name="Dark mode", exact=True)
        assert toggle.is_visible()
        assert luminance(first_frame(page)) > 0.8
        toggle.click()
        assert page.get_by_role("button", name="Light mode", exact=True).is_visible()
        assert luminance(background(page)) < 0.05

        page.locator(".site-nav a", has_text="Topics").click()
        page.wait_for_url("**/topics/")
        # Dark from the very first frame of the next page: no light flash.
        assert luminance(first_frame(page)) < 0.05
        assert page.locator(".theme-toggle").inner_text() == "Light mode"

        page.locator(".theme-toggle").click()
        page.goto(dev_server + "/")
        assert luminance(first_frame(page)) > 0.8
        assert page.locator(".theme-toggle").inner_text() == "Dark mode"
        # A state the button's name already tells is not also announced as "pressed".
        assert page.locator(".theme-toggle").get_attribute("aria-pressed") is None
    finally:
        page.context.close()


def test_dark_system_setting_is_followed_and_can_be_overridden(browser, dev_server):
    page = dark_page(browser, dev_server, "dark")
    try:
        page.goto(dev_server + "/")
        toggle = page.locator(".theme-toggle")
        assert luminance(first_frame(page)) < 0.05
        assert toggle.inner_text() == "Light mode"
        toggle.click()
        assert luminance(background(page)) > 0.8
        page.goto(dev_server + "/about/")
        assert luminance(first_frame(page)) > 0.8
    finally:
        page.context.close()


COLOURS = """() => Object.fromEntries([
  ["page", "html", "backgroundColor"], ["text", "body", "color"],
  ["link", ".post-body a", "color"], ["button", ".header-inner .button", "backgroundColor"],
  ["button text", ".header-inner .button", "color"], ["strip", ".crisis-strip", "backgroundColor"],
  ["muted", ".post-meta", "color"], ["box", ".reply", "backgroundColor"],
].map(([name, selector, property]) =>
  [name, getComputedStyle(document.querySelector(selector))[property]]))"""


def test_chosen_dark_mode_looks_exactly_like_the_system_one(open_page, theme_pages):
    url = theme_pages["article with contents"]
    system = open_page(url, color_scheme="dark").evaluate(COLOURS)
    chosen_page = open_page(url, color_scheme="light")
    chosen_page.evaluate("localStorage.setItem('theme', 'dark')")
    chosen_page.reload()
    chosen = chosen_page.evaluate(COLOURS)
    chosen_page.evaluate("localStorage.clear()")
    light = open_page(url, color_scheme="light").evaluate(COLOURS)
    assert chosen == system
    assert all(light[name] != system[name] for name in ("page", "text", "link", "box"))


# Without JavaScript, in print, with reduced motion -------------------------------


def test_article_is_complete_and_readable_without_javascript(open_page, theme_pages):
    slug = theme_pages["article with contents"].split("/")[2]
    source = next(a for a in PUBLISHED if a.meta["slug"] == slug)
    page = open_page(theme_pages["article with contents"], java_script_enabled=False)
    assert plain(page.locator("h1").inner_text()) == plain(source.meta["title"])
    assert page.locator(".byline a").is_visible()
    headings = [plain(h) for h in page.locator(".post-body h2").all_inner_texts()]
    written = [plain(line[3:]) for line in source.body.splitlines() if line.startswith("## ")]
    assert written and all(h in headings for h in written)
    shown_words = len(page.locator(".post-body").inner_text().split())
    assert shown_words >= 0.9 * source.words, (shown_words, source.words)
    for part in (".toc", ".reply", ".cta", ".more", ".site-nav", ".crisis-strip"):
        assert page.locator(part).first.is_visible(), part
    # The toggle needs JavaScript, so without it there is no dead button.
    assert not page.locator(".theme-toggle").is_visible()
    dark = open_page(
        theme_pages["article with contents"], java_script_enabled=False, color_scheme="dark"
    )
    assert luminance(background(dark)) < 0.05


def test_content_image_loads_the_right_size_without_javascript(open_page, theme_pages):
    for viewport, width in ((PHONE, 480), (DESKTOP, 800)):
        page = open_page(
            theme_pages["article with image"], viewport=viewport, java_script_enabled=False
        )
        image = page.locator(".post-body picture img")
        assert image.get_attribute("loading") == "lazy"
        load_every_image(page)
        assert image.evaluate("img => img.naturalWidth") > 0
        current = image.evaluate("img => img.currentSrc")
        assert current.endswith(f"-{width}w.webp"), current
        box = image.bounding_box()
        assert box["width"] <= viewport["width"]
        ratio = int(image.get_attribute("width")) / int(image.get_attribute("height"))
        assert box["width"] / box["height"] == pytest.approx(ratio, rel=0.02)


def test_print_keeps_the_article_and_writes_out_link_addresses(open_page, theme_pages):
    page = open_page(theme_pages["article with long address"], color_scheme="dark")
    page.emulate_media(media="print")
    try:
        hidden = [
            ".site-nav",
            ".site-header",
            ".crisis-strip",
            ".site-footer",
            ".reply",
            ".cta",
            ".more",
            ".skip-link",
        ]
        for part in hidden:
            assert not page.locator(part).first.is_visible(), part
        for part in ("h1", ".byline", ".post-meta time", ".post-body"):
            assert page.locator(part).first.is_visible(), part
        assert luminance(background(page)) == 1.0
        link = page.locator(".post-body a[href^='https://']").first
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert link.get_attribute("href") in after
    finally:
        page.emulate_media(media="screen")


def test_reduced_motion_turns_off_smooth_scrolling_and_transitions(open_page):
    motion = """() => ({
        scroll: getComputedStyle(document.documentElement).scrollBehavior,
        moving: [...document.querySelectorAll("*")].filter(el =>
            getComputedStyle(el).transitionDuration.split(",").some(d => parseFloat(d) > 0)
            || getComputedStyle(el).animationName !== "none").length })"""
    calm = open_page("/", reduced_motion="reduce").evaluate(motion)
    lively = open_page("/", reduced_motion="no-preference").evaluate(motion)
    assert calm == {"scroll": "auto", "moving": 0}
    assert lively["scroll"] == "smooth" and lively["moving"] > 0


# What every page and the article page show --------------------------------------------


def links_by_text(soup, selector):
    return {plain(a.get_text(" ", strip=True)): a["href"] for a in soup.select(selector)}


def test_header_names_the_practice_and_marks_where_the_reader_is(dev_site):
    labels = [label for label, _ in SETTINGS["NAV_LINKS"]]
    assert labels == ["Articles", "Topics", "About", "Services", "Team", "Contact"]
    for label, link in SETTINGS["NAV_LINKS"]:
        page = dev_site.html("/" + link)
        header = page.select_one("header.site-header")
        assert header.select_one(".site-name").get_text(strip=True) == SETTINGS["SITENAME"]
        assert [a.get_text(strip=True) for a in header.select("nav a")] == [*labels, "Search"]
        current = header.select("nav a[aria-current]")
        assert [(a.get_text(strip=True), a["aria-current"]) for a in current] == [(label, "page")]
        booking = header.find("a", string="Request an appointment")
        assert booking["href"] == SETTINGS["PRACTICE"]["booking_url"]
    topic_page = dev_site.html(
        f"/topics/{PUBLISHED[0].meta['category'].lower().replace(' ', '-')}/"
    )
    assert [a.get_text() for a in topic_page.select(".site-nav a[aria-current=true]")] == ["Topics"]
    assert dev_site.html("/").select_one(".site-name a")["aria-current"] == "page"


def test_footer_has_address_phone_privacy_feeds_and_disclaimer(dev_site, published_site):
    practice = SETTINGS["PRACTICE"]
    for site in (dev_site, published_site):
        footer = site.html("/about/").select_one("footer.site-footer")
        text = plain(footer.get_text(" ", strip=True))
        assert SETTINGS["SITENAME"] in text
        for part in ("street", "city", "region", "postal_code"):
            assert practice["address"][part] in text
        assert footer.select_one(f"a[href='tel:{practice['phone_e164']}']")
        assert plain(SETTINGS["DISCLAIMER"]) in text
        help_link = links_by_text(footer.select_one(".disclaimer"), "a")["get help now"]
        assert urlsplit(urljoin("/about/", help_link)).path == "/" + SETTINGS["GET_HELP_URL"]
        privacy = links_by_text(footer, "a")["Privacy"]
        assert site.path(urlsplit(urljoin("/about/", privacy)).path).is_file()
    feeds = links_by_text(published_site.html("/about/").select_one("footer"), "a")["Feeds"]
    assert feeds.startswith("https://blog.example.org/")
    assert published_site.path(urlsplit(feeds).path).is_file()


def test_crisis_strip_on_every_page_calls_texts_and_links_to_help(dev_site, published_site):
    crisis = SETTINGS["PRACTICE"]["crisis"]
    for site in (dev_site, published_site):
        for file in site.pages():
            html = file.read_text(encoding="utf-8")
            if "<html" not in html:
                continue
            strip = site.html("/" + file.relative_to(site.root).as_posix()).select_one(
                ".crisis-strip"
            )
            assert strip is not None, file
            hrefs = [a["href"] for a in strip.select("a")]
            assert f"tel:{crisis['phone']}" in hrefs and f"sms:{crisis['text']}" in hrefs
            assert f"tel:{crisis['emergency']}" in hrefs and crisis["chat_url"] in hrefs
            assert any(h.rstrip("/").endswith("get-help-now") for h in hrefs)
            assert strip.find("button") is None  # nothing to dismiss it with
            text = plain(strip.get_text(" ", strip=True))
            if file.relative_to(site.root).parts[0] == "es":
                # Spanish pages (plugins/i18n/): the Lifeline's Spanish options.
                spanish = crisis["languages"]["es"]
                call = f"Llame al {crisis['phone']} y marque el {spanish['press']}"
                text_word = f"envíe {spanish['text_keyword']} por texto al {crisis['text']}"
                assert f"¿Está en crisis? {call} o {text_word}" in text
                assert f"Emergencias: {crisis['emergency']}" in text
                continue
            assert f"In crisis? Call or text {crisis['phone']}" in text
            assert f"Emergency: {crisis['emergency']}" in text


def article_page(dev_site, source):
    return dev_site.html(f"/articles/{source.meta['slug']}/")


@pytest.mark.parametrize("source", PUBLISHED, ids=lambda s: s.meta["slug"])
def test_article_footer_reply_privately_and_call_to_action(dev_site, source):
    page = article_page(dev_site, source)
    reply = page.select_one(".reply")
    mail = reply.select_one("a[href^='mailto:']")
    address, _, query = mail["href"].partition("?")
    assert address == f"mailto:{SETTINGS['PRACTICE']['email']}"
    from urllib.parse import parse_qs

    assert plain(parse_qs(query)["subject"][0]) == plain(f"Re: {source.meta['title']}")
    note = plain(reply.get_text(" ", strip=True))
    assert "not secure" in note and "not monitored around the clock" in note
    # Crisis help is the strip and the disclaimer's link: the reply note doesn't repeat it.
    assert reply.select_one("a[href^='tel:']") is None
    cta = page.select_one(".cta")
    assert plain(cta.h2.get_text()) == plain(SETTINGS["CTA_TITLE"])
    assert plain(SETTINGS["CTA_TEXT"]) in plain(cta.get_text(" ", strip=True))
    assert (
        cta.find("a", string="Request an appointment")["href"]
        == SETTINGS["PRACTICE"]["booking_url"]
    )
    assert page.find(attrs={"id": re.compile("comment", re.I)}) is None


@pytest.mark.parametrize("source", PUBLISHED, ids=lambda s: s.meta["slug"])
def test_contents_list_only_for_four_or_more_subheadings(dev_site, source):
    page = article_page(dev_site, source)
    written = [line for line in source.body.splitlines() if line.startswith("## ")]
    toc = page.select_one("nav.toc")
    if len(written) >= SETTINGS["TOC_MIN_HEADINGS"]:
        entries = [(a["href"], plain(a.get_text())) for a in toc.select("a")]
        headings = [("#" + h["id"], plain(h.get_text())) for h in page.select(".post-body h2")]
        assert entries == headings and len(entries) == len(written)
    else:
        assert toc is None


@pytest.mark.parametrize("source", PUBLISHED, ids=lambda s: s.meta["slug"])
def test_older_newer_and_related_articles(dev_site, source):
    page = article_page(dev_site, source)
    by_date = sorted(PUBLISHED, key=lambda a: a.date)
    position = by_date.index(source)
    by_slug = {a.meta["slug"]: a for a in PUBLISHED}

    def slug(link):
        return link["href"].rstrip("/").rsplit("/", 1)[-1]

    older, newer = page.select_one("a[rel=prev]"), page.select_one("a[rel=next]")
    assert (slug(older) if older else None) == (
        by_date[position - 1].meta["slug"] if position else None
    )
    expected_newer = by_date[position + 1].meta["slug"] if position + 1 < len(by_date) else None
    assert (slug(newer) if newer else None) == expected_newer
    related = [slug(link) for link in page.select(".related a")]
    sharing = [a for a in PUBLISHED if a is not source and set(a.tags) & set(source.tags)]
    assert len(related) <= min(SETTINGS["RELATED_POSTS_MAX"], len(sharing))
    neighbours = {slug(link) for link in (older, newer) if link}
    # Listed once: an older or newer article is not also a related one.
    assert not neighbours & set(related)
    if {a.meta["slug"] for a in sharing} - neighbours:
        assert related
    for related_slug in related:
        assert set(by_slug[related_slug].tags) & set(source.tags)


def test_author_page_shows_credential_license_bio_and_articles(dev_site):
    from content_sources import AUTHORS

    for name, profile in AUTHORS.items():
        page = dev_site.html(f"/authors/{name.lower().replace(' ', '-')}/")
        text = plain(page.select_one("main").get_text(" ", strip=True))
        assert plain(page.h1.get_text()) == f"{name}, {profile['credential']}"
        for field in ("bio", "license", "license_number", "education"):
            assert plain(profile[field]) in text, field
        listed = {plain(a.get_text()) for a in page.select(".post-list h3 a")}
        assert listed == {plain(a.meta["title"]) for a in PUBLISHED if a.meta["author"] == name}


def test_author_photo_is_shown_when_there_is_one(variant_site):
    site, _, author = variant_site
    page = site.html(f"/authors/{author.lower().replace(' ', '-')}/")
    photo = page.select_one("img.author-photo")
    assert author in photo["alt"] and photo["width"] and photo["height"]
    assert site.path(urlsplit(urljoin(f"/authors/{author}/", photo["src"])).path).is_file()


def test_pagination_is_labelled_numbered_and_reaches_every_article(variant_site, open_page):
    site, base, _ = variant_site
    per_page = 3
    pages = -(-len(PUBLISHED) // per_page)
    seen, url = [], "/"
    for number in range(1, pages + 1):
        page = site.html(url)
        nav = page.select_one("nav.pagination")
        assert nav["aria-label"]
        numbers = [a.get_text(" ", strip=True) for a in nav.select("a:not([rel])")]
        assert numbers == [f"Page {n}" for n in range(1, pages + 1)]
        assert nav.select_one("[aria-current=page]").get_text(" ", strip=True) == f"Page {number}"
        assert bool(nav.select_one("a[rel=prev]")) == (number > 1)
        seen += [
            plain(a.get_text()) for a in page.select("section[aria-labelledby=latest-title] h3 a")
        ]
        browser_page = open_page(url, base=base, viewport=PHONE)
        assert browser_page.evaluate(SIDEWAYS) <= 0
        following = nav.select_one("a[rel=next]")
        if number < pages:
            url = urlsplit(urljoin(url, following["href"])).path
        else:
            assert following is None
    newest_first = sorted(PUBLISHED, key=lambda a: a.date, reverse=True)
    assert seen == [plain(a.meta["title"]) for a in newest_first]


def test_404_page_offers_a_way_back_and_search(dev_site, published_site):
    crisis = SETTINGS["PRACTICE"]["crisis"]
    for site in (dev_site, published_site):
        page = site.html("/404.html")
        links = links_by_text(page.select_one("main"), "a")
        assert links[crisis["phone"]] == f"tel:{crisis['phone']}"
        assert urlsplit(links["Get help now"]).path == "/" + SETTINGS["GET_HELP_URL"]
        for text in ("Go to the home page", "Browse all articles", "Search the articles"):
            # Served at any missing address: links must not depend on where it is.
            assert urlsplit(links[text]).path.startswith("/"), links[text]
        assert site.path(urlsplit(links["Search the articles"]).path).is_file()
