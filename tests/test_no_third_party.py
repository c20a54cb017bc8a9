"""Privacy: nothing on any page loads from another host. Checked twice: in the
HTML and CSS of both builds, and by recording every request Chromium makes."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import load_every_image

PUBLISHED_HOST = "blog.example.org"  # the SITEURL the published_site fixture builds with

# Attributes through which the browser fetches something by itself.
FETCHING = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "input": ["src"],
    "image": ["href", "xlink:href"],
    "use": ["href", "xlink:href"],
    "a": ["ping"],
    "area": ["ping"],
}
# <link> relations that only name a page (never fetched); any other rel may fetch.
NAMING_RELS = {
    "canonical", "alternate", "author", "license", "me", "help", "next", "prev",
    "search", "bookmark", "external", "tag", "nofollow", "noopener", "noreferrer",
}  # fmt: skip
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def addresses(value, attribute):
    if attribute == "srcset" or attribute == "ping":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    return [value.strip()]


def fetched_addresses(page):
    """(what, address) for everything this page makes the browser fetch."""
    for tag, attributes in FETCHING.items():
        for element in page.find_all(tag):
            for attribute in attributes:
                if element.get(attribute):
                    for address in addresses(element[attribute], attribute):
                        yield f"<{tag} {attribute}>", address
    for link in page.find_all("link", href=True):
        rels = set(link.get("rel") or [])
        if not rels or not rels <= NAMING_RELS:
            yield f"<link rel={' '.join(rels)}>", link["href"]
        if link.get("imagesrcset"):
            for address in addresses(link["imagesrcset"], "srcset"):
                yield "<link imagesrcset>", address
    for refresh in page.find_all("meta", attrs={"http-equiv": re.compile("refresh", re.I)}):
        yield "<meta refresh>", refresh.get("content", "").partition("url=")[2]
    for style in page.find_all("style"):
        for match in CSS_URL.finditer(style.get_text()):
            yield "<style>", match.group(1) or match.group(2)
    for element in page.find_all(style=True):
        for match in CSS_URL.finditer(element["style"]):
            yield "style=", match.group(1) or match.group(2)


def foreign(address, allowed_host):
    parts = urlsplit(address)
    if parts.scheme in ("", "http", "https") and not parts.netloc:
        return False  # relative: our own host
    if parts.scheme == "data":
        return False  # inline data: no request at all
    return parts.netloc != allowed_host


@pytest.mark.parametrize("build,host", [("dev_site", None), ("published_site", PUBLISHED_HOST)])
def test_no_page_or_stylesheet_loads_from_another_host(request, build, host):
    site = request.getfixturevalue(build)
    found = []
    pages = site.pages()
    assert len(pages) > 40
    for file in pages:
        page = site.html("/" + file.relative_to(site.root).as_posix())
        checked = list(fetched_addresses(page))
        assert checked, f"{file}: nothing found to check, the parser must be broken"
        found += [(file, what, a) for what, a in checked if foreign(a, host)]
    for css in site.root.rglob("*.css"):
        for match in CSS_URL.finditer(css.read_text(encoding="utf-8")):
            address = match.group(1) or match.group(2)
            if foreign(address, host):
                found.append((css, "css url()", address))
    assert found == []


def test_the_checker_sees_every_way_of_loading(dev_site):
    """A page planting one foreign load of each kind is caught on each."""
    from bs4 import BeautifulSoup

    planted = BeautifulSoup(
        '<link rel="stylesheet" href="https://cdn.example.net/a.css">'
        '<link rel="preconnect" href="https://fonts.example.net">'
        '<script src="//cdn.example.net/a.js"></script>'
        '<img src="https://img.example.net/a.png" alt="">'
        '<img src="/ok.png" srcset="/ok.png 1x, https://img.example.net/b.png 2x" alt="">'
        '<picture><source srcset="https://img.example.net/c.webp"></picture>'
        '<iframe src="https://embed.example.net/v"></iframe>'
        '<video poster="https://img.example.net/p.jpg"></video>'
        '<a href="/x" ping="https://track.example.net/p">x</a>'
        '<svg><image href="https://img.example.net/d.svg"/></svg>'
        '<style>body{background:url("https://img.example.net/e.png")}</style>'
        '<link rel="canonical" href="https://elsewhere.example.net/">',
        "html.parser",
    )
    flagged = [a for _, a in fetched_addresses(planted) if foreign(a, None)]
    assert len(flagged) == 11
    assert "https://elsewhere.example.net/" not in flagged  # names a page, fetches nothing


def test_chromium_requests_nothing_from_another_host(browser, served_published_site, theme_pages):
    """The published build, served locally under its own address: every request
    the browser makes while showing each kind of page goes to that address."""
    _, site_url = served_published_site
    own = urlsplit(site_url).netloc
    context = browser.new_context(reduced_motion="reduce")  # scroll at once, not smoothly
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    try:
        for path in theme_pages.values():
            if path.startswith("/drafts/"):
                continue  # never published
            page.goto(urljoin(site_url + "/", path.lstrip("/")))
            load_every_image(page)  # lazy images too
    finally:
        context.close()
    assert len(requested) > len(theme_pages)
    assert [url for url in requested if urlsplit(url).netloc != own] == []
