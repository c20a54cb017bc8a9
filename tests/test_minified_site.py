"""A published build's stylesheets are minified before Pagefind indexes it; a preview's
are not, and HTML pages are left as written. Minifying changes nothing a reader sees."""

from pathlib import Path

import pytest

import pelicanconf
import publishconf

ROOT = Path(__file__).resolve().parent.parent


def test_minification_runs_only_when_publishing():
    assert publishconf.MINIFY_CSS is True and publishconf.MINIFY_JS is True
    assert not getattr(pelicanconf, "MINIFY_CSS", False)
    assert not getattr(pelicanconf, "MINIFY_JS", False)


THEME_CSS = ROOT / "theme" / "static" / "css"


def test_published_stylesheets_are_minified_and_previews_keep_the_theme_s(published_site, dev_site):
    sources = sorted(THEME_CSS.glob("*.css"))
    assert len(sources) >= 2
    for source in sources:
        written = source.read_text(encoding="utf-8")
        published = published_site.path(f"/theme/css/{source.name}").read_text(encoding="utf-8")
        assert len(published) < len(written) * 0.9, f"{source.name} is not minified"
        assert "/*" not in published and "\n" not in published.strip()
        assert dev_site.path(f"/theme/css/{source.name}").read_text(encoding="utf-8") == written


# Every computed property of the body and every element in it, in document order, with
# the page's own address taken out (resolved url() values name the server). The head
# differs on purpose (a published page has its canonical address, feeds and cards).
# Custom properties (--text) keep their source text, spaces and all: what they do is
# compared in the properties that use them.
COMPUTED_STYLES = """() => [document.body, ...document.body.querySelectorAll('*')].map(element => {
    const style = getComputedStyle(element);
    const values = [...style].filter(name => !name.startsWith('--'))
        .map(name => name + ': ' + style.getPropertyValue(name));
    return element.tagName + ' { ' + values.join('; ').replaceAll(location.origin, '') + ' }';
})"""


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["article with contents", "page", "search", "404"])
def test_minified_pages_and_stylesheets_look_exactly_like_the_preview(
    browser, dev_server, served_published_site, theme_pages, kind, color_scheme
):
    """A phone shows every element of a published page with the same styles as the
    readable preview: minifying changed no rule."""
    _, published_url = served_published_site
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, color_scheme=color_scheme, java_script_enabled=False
    )
    try:
        page = context.new_page()
        styles = {}
        for base in (dev_server, published_url):
            page.goto(base + theme_pages[kind])
            styles[base] = page.evaluate(COMPUTED_STYLES)
    finally:
        context.close()
    preview, published = styles[dev_server], styles[published_url]
    assert len(preview) > 50
    assert len(published) == len(preview)
    for number, (expected, shown) in enumerate(zip(preview, published, strict=True)):
        assert shown == expected, f"element {number} of {theme_pages[kind]} differs"
