"""Metadata an author writes is text, never markup: a Title, Summary, Tag,
Category, Image_alt or authors.toml field full of script, an entity-encoded
`<meta http-equiv=refresh>` and a `"` that tries to leave an attribute, built
into the published site and loaded in Chromium. The templates must hold on
their own, so the build leaves the content checks out (they refuse much of
this before a template ever sees it)."""

import functools
import http.server
import json
import os
import sys
import threading
import xml.etree.ElementTree as ET

import forked_python
import pytest
from selectolax.lexbor import LexborHTMLParser

from conftest import copy_project, fixture_settings

# Requested only if one of the payloads became a live element.
EVIL_JS = "/images/evil.js"
REFRESH_TARGET = "/refreshed/"
SCRIPT = f'<script src="{EVIL_JS}"></script>'
TAG = f"calm {SCRIPT}"
ALT = f'A "quiet" harbour {SCRIPT}'
# Written-out tags without quotes: typogrify would curl quotes in text.
WRITTEN_SCRIPT = f"<script src={EVIL_JS}></script>"
WRITTEN_REFRESH = f"<meta http-equiv=refresh content=0;url={REFRESH_TARGET}>"
SUMMARY = (
    f'Breathe " onfocus="alert(1)" data-x=" out. '
    f"&lt;meta http-equiv=refresh content=0;url={REFRESH_TARGET}&gt; {SCRIPT}"
)
BIO = f'Works with adults."><img src=x onerror=alert(1)>{SCRIPT}'
ARTICLE = f"""Title: Rest {SCRIPT} now &lt;script src={EVIL_JS}&gt;&lt;/script&gt;
Date: 2025-12-01 09:00
Category: Self-care
Tags: sleep, {TAG}
Author: Maya Okafor
Image: images/calm-harbor-dawn.jpg
Image_alt: {ALT}
Summary: {SUMMARY}

An ordinary paragraph.
"""
# What the payloads would do if they ran: set a global and fetch an address.
EVIL_SCRIPT = "window.hostileRan = true; fetch('/hostile-script-ran');"


class RecordingHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.requested.append(self.path)
        super().do_GET()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    (project / "content" / "articles" / "hostile.md").write_text(ARTICLE, encoding="utf-8")
    authors = project / "content" / "data" / "authors.toml"
    text = authors.read_text(encoding="utf-8")
    first = text.index('credential = "LCSW"')
    text = text[:first] + text[first:].replace(
        'credential = "LCSW"', f"credential = {json.dumps('LCSW ' + SCRIPT)}", 1
    )
    text = text.replace("bio = ", f"bio = {json.dumps(BIO)}\nold_bio = ", 1)
    authors.write_text(text, encoding="utf-8")
    output = project / "output"
    plugins = [name for name in fixture_settings()["PLUGINS"] if "check" not in name]
    handler = functools.partial(RecordingHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.requested = []
    site_url = f"http://127.0.0.1:{server.server_address[1]}"
    result = forked_python.run(
        [sys.executable, "-m", "pelican", "content", "--settings", "publishconf.py",
         "--output", str(output), "--extra-settings", f"PLUGINS={json.dumps(plugins)}",
         f"SITEURL={json.dumps(site_url)}", "SEARCH_INDEX_AFTER_PELICAN=true"],
        cwd=project, env={**os.environ, "SITEURL": site_url},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    # The script every payload points at exists, so a live one would run.
    (output / "images").mkdir(exist_ok=True)
    (output / EVIL_JS.lstrip("/")).write_text(EVIL_SCRIPT, encoding="utf-8")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield output, site_url, server
    server.shutdown()


def html_of(output, path):
    """A page read the way browsers read it (a `<` in an attribute value or in <title>
    is text there, not a tag, however it is written)."""
    return LexborHTMLParser((output / path / "index.html").read_text(encoding="utf-8"))


def attribute(page, selector, name="content"):
    return page.css_first(selector).attributes[name]


def article_path(output):
    return next(
        p for p in (output / "articles").iterdir() if p.name.startswith("rest")
    ).relative_to(output)


def test_no_payload_runs_in_chromium_on_any_page_that_shows_the_metadata(hostile_site, page):
    output, site_url, server = hostile_site
    first_request = len(server.requested)
    article = article_path(output).as_posix()
    tag = next(p.name for p in (output / "tags").iterdir() if p.name.startswith("calm"))
    paths = [f"/{article}/", "/", f"/tags/{tag}/", "/tags/", "/topics/self-care/",
             "/authors/maya-okafor/", "/authors/", "/team/", "/archives/"]  # fmt: skip
    for path in paths:
        page.goto(site_url + path, wait_until="load")
        assert page.evaluate("() => window.hostileRan") is None, path
        live = page.evaluate(
            "() => document.querySelectorAll('script[src*=evil], meta[http-equiv=refresh],"
            " img[onerror], [onfocus]').length"
        )
        assert live == 0, path
    assert page.url == site_url + paths[-1]
    # A live payload would have asked the server for these.
    requested = server.requested[first_request:]
    assert not [p for p in requested if p in (EVIL_JS, "/hostile-script-ran", REFRESH_TARGET)]
    # The pages were really served (a 404 everywhere would prove nothing).
    assert f"/{article}/" in requested


def test_the_article_shows_its_metadata_as_text(hostile_site):
    output, _, _ = hostile_site
    page = html_of(output, article_path(output))
    heading = page.css_first("h1").text().replace("\xa0", " ")  # typogrify: no lone last word
    # The written-out tag is text; the raw one, which typogrify passes on as HTML, is gone.
    assert heading.startswith("Rest") and heading.endswith(WRITTEN_SCRIPT)
    assert page.css_first("title").text().startswith(heading)
    description = attribute(page, "meta[name=description]")
    assert description.startswith("Breathe") and "onfocus=" in description
    assert WRITTEN_REFRESH in description
    assert attribute(page, "meta[property='og:description']") == description
    assert attribute(page, "meta[property='og:image:alt']") == ALT
    assert TAG in [a.text() for a in page.css("a[rel=tag]")]
    assert f"LCSW {SCRIPT}" in page.css_first(".byline").text()
    assert not page.css("script[src*=evil], [onfocus], [onerror], [data-x]")


def test_json_ld_carries_the_text_and_cannot_close_its_script(hostile_site):
    output, _, _ = hostile_site
    scripts = html_of(output, article_path(output)).css("script[type='application/ld+json']")
    blocks = [json.loads(script.text()) for script in scripts]
    posting = next(b for b in blocks if b["@type"] == "BlogPosting")
    assert TAG in posting["keywords"]
    assert posting["author"]["honorificSuffix"] == f"LCSW {SCRIPT}"
    assert WRITTEN_REFRESH in posting["description"]
    assert posting["headline"].endswith(WRITTEN_SCRIPT)
    for script in scripts:
        assert "<" not in script.text()


def test_author_fields_are_text_on_the_author_and_team_pages(hostile_site):
    output, _, _ = hostile_site
    for path in ("authors/maya-okafor", "team"):
        page = html_of(output, path)
        text = page.body.text()
        assert BIO in text and f"Maya Okafor, LCSW {SCRIPT}" in text, path
        assert not page.css("img[onerror], script[src*=evil]"), path


def test_feeds_hold_the_metadata_as_text(hostile_site):
    output, _, _ = hostile_site
    for feed in sorted((output / "feeds").glob("*.xml")):
        root = ET.parse(feed).getroot()  # well-formed, whatever the titles held
        raw = feed.read_text(encoding="utf-8")
        assert "<script" not in raw and "<meta" not in raw, feed.name
        terms = [c.get("term") for c in root.iter("{http://www.w3.org/2005/Atom}category")]
        terms += [c.text for c in root.iter("category")]
        if "all" in feed.name:
            assert TAG in terms, feed.name


def test_no_element_from_metadata_anywhere_in_the_build(hostile_site):
    output, _, _ = hostile_site
    for file in output.rglob("*.html"):
        page = LexborHTMLParser(file.read_text(encoding="utf-8"))
        live = page.css("script[src*=evil], meta[http-equiv=refresh], [onerror], [onfocus]")
        assert not live, file


def test_the_payload_script_would_run_if_it_were_an_element(hostile_site, page):
    """The check above can fail: the same script, put on a page as an element, runs."""
    output, site_url, _ = hostile_site
    (output / "planted.html").write_text(
        f'<!DOCTYPE html><html lang="en"><title>x</title>{SCRIPT}</html>', encoding="utf-8"
    )
    page.goto(site_url + "/planted.html", wait_until="load")
    assert page.evaluate("() => window.hostileRan") is True
    (output / "planted.html").unlink()
