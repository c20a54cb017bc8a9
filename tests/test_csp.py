"""The site's Content-Security-Policy: strict, defined once, and every page
works under it in Chromium, both as GitHub Pages serves it (the policy in a
<meta>) and as Netlify or Cloudflare Pages serve it (the headers in _headers).

Each mode builds the site with publishconf.py for the address it is served at
on 127.0.0.1, so 'self' means what it will mean on the real host.
"""

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import fixture_settings, invoke, is_editor_file

SETTINGS = fixture_settings()
POLICY = SETTINGS["CONTENT_SECURITY_POLICY"]
# Every page but search: stricter, in its <meta>.
PAGE_POLICY = SETTINGS["PAGE_CONTENT_SECURITY_POLICY"]
# What each directive may allow: our own origin, nothing, and Pagefind's WebAssembly.
ALLOWED_SOURCES = {"'self'", "'none'", "'wasm-unsafe-eval'"}
# Listing pages that differ only by their list: one of each is enough.
ONE_OF_EACH = ("tags", "topics", "authors", "archives", "page")
SEARCH_WORD = "sleep"


def directives(policy):
    return {
        name: sources
        for name, *sources in (part.split() for part in policy.split(";") if part.strip())
    }


def test_the_policy_allows_only_the_sites_own_files():
    rules = directives(POLICY)
    assert rules["default-src"] == ["'self'"]
    assert "'wasm-unsafe-eval'" in rules["script-src"]
    for name, sources in rules.items():
        assert set(sources) <= ALLOWED_SOURCES, f"{name} allows {sources}"
    assert rules["object-src"] == ["'none'"]
    assert {"base-uri", "form-action", "style-src", "img-src", "connect-src"} <= rules.keys()
    page_rules = directives(PAGE_POLICY)
    assert page_rules["default-src"] == ["'self'"] and "script-src" not in page_rules
    assert page_rules["object-src"] == page_rules["frame-src"] == ["'none'"]
    assert page_rules["require-trusted-types-for"] == ["'script'"]


def read_headers_file(path):
    """Parse a Netlify/Cloudflare `_headers` file: [(path pattern, {name: value})]."""
    rules = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), {}))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1][name.strip()] = value.strip()
    return rules


def headers_for(rules, url_path):
    headers = {}
    for pattern, values in rules:
        regex = "".join(".*" if c == "*" else re.escape(c) for c in pattern)
        if re.fullmatch(regex, url_path):
            headers.update(values)
    return headers


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    rules = ()  # the _headers rules to send; none for GitHub Pages

    def end_headers(self):
        for name, value in headers_for(self.rules, urlsplit(self.path).path).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


def serve_published_build(tmp_path_factory, send_headers):
    """Build with publishconf.py for the 127.0.0.1 address it is then served at."""
    folder = tmp_path_factory.mktemp("csp") / "site"
    handler_class = type("Handler", (SiteHandler,), {})
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    invoke("preview", "--output", str(folder), env={"SITEURL": base})
    if send_headers:
        handler_class.rules = read_headers_file(folder / "_headers")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base, folder


@pytest.fixture(scope="module")
def github_pages(tmp_path_factory):
    server, base, folder = serve_published_build(tmp_path_factory, send_headers=False)
    yield base, folder
    server.shutdown()


@pytest.fixture(scope="module")
def netlify(tmp_path_factory):
    server, base, folder = serve_published_build(tmp_path_factory, send_headers=True)
    yield base, folder
    server.shutdown()


def page_types(folder):
    """Every page of the build, but one of each kind of listing (tags, topics...)."""
    urls, seen = [], set()
    for path in sorted(folder.rglob("*.html")):
        if is_editor_file(path, folder):
            continue  # its own policy: tests/test_editor.py
        parts = path.relative_to(folder).parts
        kind = (parts[0], len(parts)) if parts[0] in ONE_OF_EACH and len(parts) > 2 else parts
        if kind in seen:
            continue
        seen.add(kind)
        url = "/" + "/".join(parts).removesuffix("index.html")
        urls.append(f"{url}?q={SEARCH_WORD}" if parts[0] == "search" else url)
    return urls


# Records what Chromium reports while the page runs; Playwright injects it
# through DevTools, so the policy under test does not block it.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"}`);
});
"""


def violations_on(page, base, urls):
    """{url: [problems]} for each url; problems are CSP reports, console
    messages about a policy, script errors, and requests to other hosts."""
    problems = {}
    current = {"url": None}

    def note(text):
        problems.setdefault(current["url"], []).append(text)

    def console(message):
        if re.search(r"Security.Policy|Permissions-Policy", message.text):
            note(f"console: {message.text}")

    page.add_init_script(LISTEN)
    page.on("console", console)
    page.on("pageerror", lambda error: note(f"script error: {error}"))
    page.on(
        "request",
        lambda r: None if r.url.startswith((base, "data:")) else note(f"request to {r.url}"),
    )
    for url in urls:
        current["url"] = url
        page.goto(base + url)
        if url.startswith("/search/"):
            # The query runs Pagefind: its WebAssembly, worker and index files.
            page.locator(".pagefind-ui__result").first.wait_for(timeout=10_000)
        page.wait_for_timeout(50)
        for violation in page.evaluate("window.__violations"):
            note(f"violation: {violation}")
    return problems


def assert_the_policy_is_enforced(page, base):
    """An inline script is refused and reported: the listener and the policy both work.
    Trusted Types stop it first on most pages; script-src on the search page."""
    for url, directive in (("/", "require-trusted-types-for"), ("/search/", "script-src")):
        page.goto(base + url)
        ran = page.evaluate(
            """() => new Promise((done) => {
                 const script = document.createElement("script");
                 try { script.textContent = "window.__inlineRan = true"; }
                 catch (error) { done(error.name); return; }
                 document.head.append(script);
                 setTimeout(() => done(window.__inlineRan === true), 50);
               })"""
        )
        assert ran in (False, "TypeError"), url
        assert any(v.startswith(directive) for v in page.evaluate("window.__violations")), url


def test_every_page_type_works_under_the_meta_policy_as_on_github_pages(page, github_pages):
    base, folder = github_pages
    urls = page_types(folder)
    assert f"/search/?q={SEARCH_WORD}" in urls and "/404.html" in urls
    assert violations_on(page, base, urls) == {}
    assert_the_policy_is_enforced(page, base)


def test_every_page_type_works_under_the_headers_as_on_netlify(page, netlify):
    base, folder = netlify
    assert violations_on(page, base, page_types(folder)) == {}
    assert_the_policy_is_enforced(page, base)
    response = page.goto(base + "/")
    assert response.headers["content-security-policy"] == f"{POLICY}; frame-ancestors 'none'"


def test_every_page_carries_the_policy_before_anything_it_could_block(published_site):
    for path in published_site.pages():
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        expected = POLICY if path.parent.name == "search" else PAGE_POLICY
        assert [m["content"] for m in metas] == [expected], path
        earlier = metas[0].find_all_previous(["script", "link", "style", "img"])
        assert earlier == [], f"{path}: {earlier} comes before the policy"


def test_headers_file_sends_the_same_policy_and_the_privacy_headers(published_site):
    rules = read_headers_file(published_site.root / "_headers")
    every_page = headers_for(rules, "/articles/some-article/")
    assert every_page["Content-Security-Policy"] == f"{POLICY}; frame-ancestors 'none'"
    assert every_page["Referrer-Policy"] == "no-referrer"
    assert every_page["X-Content-Type-Options"] == "nosniff"
    denied = {item.strip() for item in every_page["Permissions-Policy"].split(",")}
    assert {"camera=()", "microphone=()", "geolocation=()", "payment=()"} <= denied
    assert "Cache-Control" not in every_page


def test_only_files_named_after_their_content_are_cached_for_a_year(published_site):
    """A year-long cache on a file that keeps its name would show stale pages."""
    rules = read_headers_file(published_site.root / "_headers")
    cached = []
    for path in published_site.root.rglob("*"):
        url = "/" + path.relative_to(published_site.root).as_posix()
        if path.is_file() and "immutable" in headers_for(rules, url).get("Cache-Control", ""):
            cached.append(url)
            assert re.search(r"[_.][0-9a-f]{7,}\.pf_[a-z]+$", url), url
    assert cached, "the search index files should be cached long"


def test_pages_but_search_refuse_to_turn_a_string_into_html(page, github_pages):
    """Trusted Types: on every page but search (Pagefind's UI writes its results as
    HTML), a script that tries to write HTML from a string is stopped."""
    base, _ = github_pages
    write_html = """() => {
      try { document.body.insertAdjacentHTML("beforeend", "<b>planted</b>"); return "written"; }
      catch (error) { return error.name; }
    }"""
    for url in ("/", "/about/", "/404.html"):
        page.goto(base + url)
        assert page.evaluate(write_html) == "TypeError", url
    page.goto(base + "/search/")
    assert page.evaluate(write_html) == "written"
