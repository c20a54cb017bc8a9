"""A published build is minified before Pagefind indexes it; a preview is not."""

from minify.minify import minify

import pelicanconf
import publishconf


def test_every_published_page_is_minified(published_site):
    pages = published_site.pages()
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert minify(html) == html, f"{path} is not minified"
        assert html.startswith("<!doctype html><html lang=en><head>")


def test_preview_pages_stay_readable(dev_site):
    html = dev_site.path("/").read_text(encoding="utf-8")
    assert minify(html) != html
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n')


def test_minification_runs_before_the_search_index_and_only_when_publishing():
    # `finalized` receivers run in plugin order: Pagefind must index the minified pages.
    assert publishconf.PLUGINS.index("minify") < publishconf.PLUGINS.index("search_index")
    assert publishconf.MINIFY_HTML is True
    assert not getattr(pelicanconf, "MINIFY_HTML", False)
