"""Accessibility: axe-core in Chromium on every kind of page, light and dark,
plus the structure every page must share (language, landmarks, skip link)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no rules tagged wcag22a).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
AXE = Axe()


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


# Light on a desktop, dark on a phone: each scheme and each layout is checked.
VIEWPORT = {"light": {"width": 1280, "height": 800}, "dark": {"width": 320, "height": 640}}


@pytest.fixture(scope="module")
def axe_tabs(browser):
    """One tab per colour scheme with axe-core loaded into every document."""
    tabs = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=VIEWPORT[scheme], color_scheme=scheme)
        context.add_init_script(AXE.axe_script)
        tabs[scheme] = context.new_page()
    yield tabs
    for tab in tabs.values():
        tab.context.close()


def violations_at(tab, url):
    tab.goto(url)
    return tab.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations_on_any_kind_of_page(axe_tabs, dev_server, theme_pages, scheme):
    found = {}
    for kind, path in theme_pages.items():
        violations = violations_at(axe_tabs[scheme], dev_server + path)
        if violations:
            found[kind] = describe(violations)
    assert found == {}, "\n".join(f"{kind}:\n{text}" for kind, text in found.items())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations_on_a_later_page_of_articles_or_an_author_with_a_photo(
    axe_tabs, variant_site, scheme
):
    _, base, author = variant_site
    for path in ("/page/2/", f"/authors/{author.lower().replace(' ', '-')}/"):
        violations = violations_at(axe_tabs[scheme], base + path)
        assert violations == [], f"{path}:\n{describe(violations)}"


def test_axe_finds_a_planted_violation(axe_tabs, dev_server):
    """The check can fail: an image without alt text and a low-contrast line are caught."""
    tab = axe_tabs["light"]
    tab.goto(dev_server + "/")
    tab.evaluate(
        """() => { const p = document.createElement("p");
        p.textContent = "faint"; p.style.color = "#eeeeee";
        document.querySelector("main").append(p, document.createElement("img")); }"""
    )
    found = tab.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]
    assert {"image-alt", "color-contrast"} <= {v["id"] for v in found}


def every_page(site):
    for file in site.pages():
        yield file, site.html("/" + file.relative_to(site.root).as_posix())


def test_every_page_has_language_landmarks_and_a_skip_link_first(dev_site, published_site):
    for site in (dev_site, published_site):
        for file, page in every_page(site):
            # English, or Spanish for everything under /es/ (plugins/i18n/).
            spanish = file.relative_to(site.root).parts[0] == "es"
            assert page.html.get("lang") == ("es" if spanish else "en"), file
            assert len(page.select("main#main")) == 1, file
            body_children = page.body.find_all(recursive=False)
            assert [c.name for c in body_children[:1]] == ["a"], file
            skip = body_children[0]
            assert skip["href"] == "#main" and "skip" in skip["class"][0], file
            # header, nav and footer landmarks directly inside <body>
            assert page.body.find("header", recursive=False), file
            assert page.body.find("footer", recursive=False), file
            assert page.select_one("header nav[aria-label]"), file
            first_focusable = page.select_one("a[href], button, input, select, textarea")
            assert first_focusable is skip, file


def test_every_image_has_alt_text_and_a_size(dev_site, published_site):
    for site in (dev_site, published_site):
        for file, page in every_page(site):
            for image in page.select("img"):
                assert image.has_attr("alt"), (file, image)
                assert image.get("width") and image.get("height"), (file, image)
