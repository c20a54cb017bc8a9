"""The internal link check: on small hand-written sites, then through a real build."""

import textwrap
import tomllib
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import copy_project, invoke
from sitebuild.link_check import check_site, format_report, target_path


def write_site(root, files):
    for name, text in files.items():
        path = Path(root) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return Path(root)


def page(body, head=""):
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>\n"


GOOD_SITE = {
    "index.html": page(
        '<main id="main"></main><a href="articles/rest/">rest</a>'
        '<a href="/articles/rest/#why">why</a>'
        '<a href="articles/rest">no slash</a> <a href="#top">top</a> <a href="#">self</a>'
        '<a href="mailto:hello@example.org">mail</a> <a href="tel:+15550100142">call</a>'
        '<a href="https://988lifeline.org/chat/">chat</a> <a href="//cdn.example.net/x">x</a>'
        '<img src="images/leaf.png" srcset="images/leaf.png 1x, images/leaf@2x.png 2x" alt="">'
        '<a href="files/sleep%20log.pdf">log</a> <a href="search/?q=sleep">search</a>'
        '<form action="search/"><input name="q"></form>',
        head='<link rel="stylesheet" href="theme/site.css"><script src="/theme/site.js"></script>'
        '<meta property="og:image" content="/images/leaf.png">',
    ),
    "articles/rest/index.html": page(
        '<h2 id="why">Why</h2><a name="old-anchor"></a>'
        '<a href="../../">home</a> <a href="#old-anchor">old</a>'
        '<a href="../../index.html#main">main</a>'
    ),
    "search/index.html": page('<main id="main"></main>'),
    "theme/site.css": "body{}",
    "theme/site.js": "",
    "images/leaf.png": "png",
    "images/leaf@2x.png": "png",
    "files/sleep log.pdf": "pdf",
}


def test_a_consistent_site_has_no_broken_links(tmp_path):
    assert check_site(write_site(tmp_path, GOOD_SITE)) == []


@pytest.mark.parametrize(
    "body,url,problem",
    [
        (
            '<a href="articles/sleep/">x</a>',
            "articles/sleep/",
            "about/articles/sleep/index.html does not exist",
        ),
        ('<a href="/articles/rest/#how">x</a>', "/articles/rest/#how", 'no element with id="how"'),
        ('<a href="#later">x</a>', "#later", 'no element with id="later" on this page'),
        ('<img src="images/gone.png" alt="">', "images/gone.png", "about/images/gone.png does not"),
        (
            '<img src="/images/leaf.png" srcset="/images/leaf.png 1x, /images/leaf@3x.png 3x">',
            "/images/leaf@3x.png",
            "",
        ),
        (
            '<picture><source srcset="a.webp"><img src="../images/leaf.png" alt=""></picture>',
            "a.webp",
            "",
        ),
        ('<script src="theme/app.js"></script>', "theme/app.js", "about/theme/app.js does not"),
        (
            '<video src="/images/leaf.png" poster="/images/poster.jpg"></video>',
            "/images/poster.jpg",
            "",
        ),
        ('<form action="/contact/"></form>', "/contact/", "contact/index.html does not"),
        ('<a href="../outside.html">x</a>', "../outside.html", "outside.html does not"),
    ],
)
def test_each_kind_of_broken_internal_link_is_reported(tmp_path, body, url, problem):
    site = write_site(tmp_path, {**GOOD_SITE, "about/index.html": page(f"<p>intro</p>\n{body}")})
    broken = check_site(site)
    assert [(b.page, b.link.url, b.line) for b in broken] == [("about/index.html", url, 2)]
    assert broken[0].problem.startswith(problem)


def test_a_broken_stylesheet_and_social_cards_in_the_head_are_reported(tmp_path):
    head = (
        '<link rel="stylesheet" href="/theme/gone.css"><meta property="og:image" content="/x.png">'
        '<meta name="twitter:image" content="/t.png"><meta property="og:url" content="/gone/">'
        '<meta name="description" content="/not-a-link/">'
    )
    site = write_site(tmp_path, {**GOOD_SITE, "about/index.html": page("", head=head)})
    urls = {b.link.url for b in check_site(site)}
    assert urls == {"/theme/gone.css", "/x.png", "/t.png", "/gone/"}


def test_absolute_links_on_the_site_host_are_checked_and_other_hosts_are_not(tmp_path):
    body = (
        '<a href="https://blog.example.org/articles/rest/">ok</a>'
        '<a href="http://blog.example.org/articles/sleep/">gone</a>'
        '<a href="https://example.org/request-appointment">booking</a>'
    )
    site = write_site(tmp_path, {**GOOD_SITE, "about/index.html": page(body)})
    broken = check_site(site, "https://blog.example.org")
    assert [b.link.url for b in broken] == ["http://blog.example.org/articles/sleep/"]


def test_a_site_built_for_a_sub_path_rejects_links_that_leave_it(tmp_path):
    body = '<a href="/blog/articles/rest/">ok</a><a href="/articles/rest/">leaves /blog/</a>'
    site = write_site(tmp_path, {**GOOD_SITE, "about/index.html": page(body)})
    broken = [
        b
        for b in check_site(site, "https://practice.github.io/blog")
        if b.page == "about/index.html"
    ]
    assert [b.link.url for b in broken] == ["/articles/rest/"]
    assert "outside the site, which lives under /blog/" in broken[0].problem


def test_the_report_names_each_link_once_with_its_pages_lines_and_sources(tmp_path):
    files = {**GOOD_SITE}
    for n in range(5):
        files[f"p{n}/index.html"] = page('<nav>\n<a href="/search-old/">s</a></nav>')
    files["p0/index.html"] = page(
        '<p>\n\n<a href="../missing/">m</a></p><a href="/search-old/">s</a>'
    )
    broken = check_site(write_site(tmp_path, files))
    report = format_report(broken, {"p0/index.html": "content/articles/p0.md"})
    assert report.splitlines()[0] == "2 broken internal links:"
    assert '- <a href="../missing/">: missing/index.html does not exist' in report
    assert "on p0/index.html line 3 (from content/articles/p0.md)" in report
    assert "on 5 pages, e.g." in report and "theme's templates" in report


@pytest.mark.parametrize(
    "url",
    ["a/", "../b/c.html", "../../x", "./", ".", "..", "../", "/abs/", "?q=1", "#f",
     "a/./b/../c/", "https://blog.example.org/p/#f", "//blog.example.org/q", "../../../../far"],
)  # fmt: skip
@pytest.mark.parametrize("page", ["/index.html", "/articles/x/index.html", "/blog/a/b/c.html"])
def test_addresses_resolve_as_a_browser_resolves_them(url, page):
    expected = urlsplit(urljoin(f"https://blog.example.org{page}", url))
    assert target_path(url, page, "blog.example.org") == (expected.path, expected.fragment)


# Hand-written site addresses are already refused by the content checks, so the
# broken links here are the kind only the built site can reveal: anchors.
BROKEN_ARTICLE = """\
Title: A note with broken links
Date: 2025-03-01 09:00
Author: {author}
Category: Self-care
Slug: broken-links-note
Summary: An article that links to headings that do not exist.

See [the sleep log's missing section]({{filename}}sleep-log-for-stress.md#no-such-section)
and [a missing heading](#no-such-heading).
"""


def test_a_build_with_a_broken_link_fails_naming_the_article_page_and_link(tmp_path):
    project = copy_project(tmp_path / "project")
    author = next(iter(tomllib.loads((project / "content/data/authors.toml").read_text())))
    (project / "content/articles/broken-links-note.md").write_text(
        BROKEN_ARTICLE.format(author=author), encoding="utf-8"
    )
    output = tmp_path / "output"
    result = invoke("build", "--output", str(output), cwd=project, check=False)
    report = result.stderr
    assert result.returncode != 0
    assert "Link check: 2 broken internal links:" in report
    assert (
        '<a href="../../articles/sleep-log-for-stress/#no-such-section">: '
        'no element with id="no-such-section" on articles/sleep-log-for-stress/index.html'
    ) in report
    assert (
        '<a href="#no-such-heading">: no element with id="no-such-heading" on this page' in report
    )
    assert "on articles/broken-links-note/index.html line" in report
    assert "(from content/articles/broken-links-note.md)" in report
    assert "Traceback" not in report
    assert not output.exists()


# Markup a reader's browser reads in its own way; each line's links, {url: broken?}.
TRICKY_MARKUP = {
    '<a href="/gone/" title="x > y">a</a><a href=\'/gone2/\'>b</a><a href=/gone3/>c</a>': {
        "/gone/", "/gone2/", "/gone3/"
    },
    '<A HREF="/GONE/">x</A><IMG SRC="/gone.png" alt="">': {"/GONE/", "/gone.png"},
    '<a href="/search/?q=a&amp;b=2">ok</a><a href="/files/sleep%20log.pdf">ok</a>': set(),
    '<!-- <a href="/in-a-comment/"> --><a href="/after-comment/">x</a>': {"/after-comment/"},
    '<script type="application/ld+json">{"url": "<a href=\\"/in-script/\\">"}</script>'
    '<a href="/after-script/">x</a>': {"/after-script/"},
    '<textarea><a href="/in-textarea/"></textarea><title><a href="/in-title/"></title>': set(),
    '<code>href="/in-text/"</code> 3 < 4 > 2 <a\nhref="/multi-line/"\n>x</a>': {"/multi-line/"},
    '<a href="/first/" href="/articles/rest/">repeated: the first counts</a>': {"/first/"},
    '<picture><source srcset="/a.webp 480w, /images/leaf.png 800w" type="image/webp">'
    '<img src="/images/leaf.png" alt=""></picture>': {"/a.webp"},
    '<video src="/images/leaf.png" poster="/p.jpg"></video><object data="/o.pdf"></object>': {
        "/p.jpg", "/o.pdf"
    },
}  # fmt: skip


@pytest.mark.parametrize("markup", TRICKY_MARKUP)
def test_links_are_read_as_a_browser_reads_them(tmp_path, markup):
    site = write_site(tmp_path, {**GOOD_SITE, "about/index.html": page(markup)})
    assert {b.link.url for b in check_site(site)} == TRICKY_MARKUP[markup]


def test_an_id_written_any_way_a_browser_accepts_is_a_target(tmp_path):
    targets = '<div id=bare></div><a name="old"></a><h2 ID="Shout">x</h2><p id="caf&eacute;"></p>'
    links = (
        '<a href="#bare">1</a><a href="#old">2</a><a href="#Shout">3</a><a href="#caf%C3%A9">4</a>'
    )
    site = write_site(tmp_path, {**GOOD_SITE, "about/index.html": page(targets + links)})
    assert check_site(site) == []
    (site / "about/index.html").write_text(page(links), encoding="utf-8")
    assert len(check_site(site)) == 4


def test_a_base_element_changes_where_relative_links_lead(tmp_path):
    markup = '<base href="/articles/"><a href="rest/">ok</a><a href="sleep/">gone</a>'
    site = write_site(tmp_path, {**GOOD_SITE, "about/index.html": page(markup, head="")})
    assert [b.link.url for b in check_site(site)] == ["sleep/"]
