"""English and Spanish (plugins/i18n/, issue 19): every template string has a Spanish
translation, Spanish pages show no English template text, the language links machines
read agree with each other (hreflang, sitemap, feeds, JSON-LD), and in Chromium the
Spanish search searches Spanish, the switcher moves between versions, Spanish pages pass
axe and fit a 320 px screen."""

import json
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from playwright.sync_api import expect
from test_accessibility import AXE_OPTIONS, axe_tabs, describe, violations_at  # noqa: F401

from content_sources import FIXTURE_SITE, published_articles, published_spanish_articles

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "theme" / "translations" / "es" / "LC_MESSAGES" / "messages.po"
SITEURL = "https://blog.example.org"
SPANISH = published_spanish_articles()
PLACEHOLDER_OR_TAG = re.compile(r"%\(\w+\)s|<[^>]+>|&\w+;")


def template_msgids():
    """Every string the templates translate, as Babel extracts it: {msgid: [where]}; a
    plural is a (singular, plural) pair. gettext_in(lang, msgid) is plugins/i18n's
    sentence in another language than the page's."""
    found = {}
    for filename, line, message, _, _ in extract_from_dir(
        ROOT / "theme" / "templates",
        method_map=[
            ("**.html", "jinja2.ext:babel_extract"),
            ("**.xml", "jinja2.ext:babel_extract"),
            ("**.xsl", "jinja2.ext:babel_extract"),
        ],
        options_map={"**": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true"}},
        keywords={**DEFAULT_KEYWORDS, "gettext_in": (2,)},
    ):
        found.setdefault(message, []).append(f"theme/templates/{filename}:{line}")
    return found


def settings_msgids():
    """Strings held in settings that the templates pass through gettext."""
    settings = {"__file__": str(ROOT / "pelicanconf.py")}
    exec(compile((ROOT / "pelicanconf.py").read_text(), "pelicanconf.py", "exec"), settings)
    practice = tomllib.loads((ROOT / "content" / "data" / "practice.toml").read_text())
    labels = [label for label, _ in settings["NAV_LINKS"] + settings["FOOTER_LINKS"]]
    return {
        text: ["pelicanconf.py / practice.toml"]
        for text in [
            *labels,
            "Search",
            settings["DISCLAIMER"],
            settings["CRISIS_LINE_NAME"],
            settings["CTA_TITLE"],
            settings["CTA_TEXT"],
            practice["tagline"],
            practice["hours"],
            practice["default_image_alt"],
        ]
    }


def spanish_catalog():
    with open(CATALOG, "rb") as handle:
        return read_po(handle, abort_invalid=True)


def test_every_template_and_settings_string_has_a_spanish_translation():
    catalog = spanish_catalog()
    wanted = {**template_msgids(), **settings_msgids()}
    assert len(wanted) > 60, "the templates should translate their strings"
    missing = {
        msgid: where
        for msgid, where in wanted.items()
        if msgid not in catalog or not all(forms(catalog[msgid].string)) or catalog[msgid].fuzzy
    }
    assert missing == {}, "no Spanish in theme/translations/es/.../messages.po for:\n" + "\n".join(
        f"  {where[0]}: {msgid!r}" for msgid, where in missing.items()
    )


def forms(message):
    """The forms of a msgid or msgstr: one text, or each plural form."""
    return list(message) if isinstance(message, (tuple, list)) else [message]


def test_translations_keep_every_placeholder():
    for message in spanish_catalog():
        if message.id and message.string:
            wanted = {p for form in forms(message.id) for p in re.findall(r"%\(\w+\)s", form)}
            for form in forms(message.string):
                assert set(re.findall(r"%\(\w+\)s", form)) == wanted, message.id


def spanish_pages(site):
    for file in site.pages():
        html = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        if html.html.get("lang") == "es":
            yield file.relative_to(site.root).as_posix(), html


def english_fragments():
    """Pieces of English template text (between placeholders and tags) that a Spanish
    page must not show; a piece the Spanish translation repeats (`Chat`) is left out."""
    catalog = spanish_catalog()
    pieces = set()
    for msgid in {**template_msgids(), **settings_msgids()}:
        translation = " ".join(forms(catalog[msgid].string)) if msgid in catalog else ""
        for raw in (part for form in forms(msgid) for part in PLACEHOLDER_OR_TAG.split(form)):
            piece = " ".join(raw.split()).strip(" .,:;()")
            if len(piece) > 3 and piece not in translation:
                pieces.add(piece)
    return pieces


def visible_text(html):
    """What a reader sees or hears outside the article body, which is the author's."""
    html = BeautifulSoup(str(html), "html.parser")
    for body in html.select(".post-body > *:not(.page-extra)"):
        body.decompose()
    # Text marked as another language (the 404 page's way to the English site, the
    # switcher, authors.toml's English on a Spanish author page) is meant to be there.
    for other in html.select('[lang]:not([lang="es"])'):
        other.decompose()
    for address in html.select(".print-url"):  # the page's address: /es/articles/...
        address.decompose()
    words = [html.get_text(" ")]
    for element in html.select("[aria-label], [title], [alt], [data-placeholder]"):
        words += [element.get(name, "") for name in ("aria-label", "title", "alt")]
        words.append(element.get("data-placeholder", ""))
    return " ".join(" ".join(words).split())


def test_spanish_pages_show_no_english_template_text(published_site):
    pieces = english_fragments()
    checked, found = 0, {}
    for path, html in spanish_pages(published_site):
        checked += 1
        text = visible_text(html.body)
        english = sorted(p for p in pieces if re.search(rf"\b{re.escape(p)}\b", text))
        if english:
            found[path] = english
    assert checked >= 8, "the Spanish home, articles and pages should be built"
    assert found == {}, f"English template text on Spanish pages: {found}"


# What machines read from a page and show people: the tab's title, the search result's
# and the share card's text and picture description, the topic; and the same in JSON-LD.
HEAD_TEXT = 'title, meta[name="description"], meta[property^="og:"], meta[property^="article:"]'
SHOWN_META = ("og:title", "og:description", "og:image:alt", "article:section")
SHOWN_JSON_LD = ("headline", "description", "articleSection", "alternativeHeadline")


def machine_read_text(html):
    """The text of a page's head and JSON-LD that people see in search results, share
    cards and feed readers (not addresses, dates or the practice's and writers' names)."""
    words = []
    for element in html.select(HEAD_TEXT):
        if element.name == "title":
            words.append(element.get_text())
        elif element.get("name") == "description" or element.get("property") in SHOWN_META:
            words.append(element.get("content", ""))
    for data in json_ld_of(html):
        words += [str(data[key]) for key in SHOWN_JSON_LD if key in data]
    return " ".join(" ".join(words).split())


def fixture_topics():
    """The topics of the fixture's articles (data, translated through the catalog)."""
    return {a.meta["category"] for a in published_articles() + SPANISH}


def test_spanish_pages_head_and_structured_data_are_in_spanish(published_site):
    """The tagline as the home page's description, the topic as article:section and
    articleSection, the shared picture's description: Spanish on Spanish pages."""
    pieces = english_fragments() | fixture_topics()
    found = {}
    for path, html in spanish_pages(published_site):
        text = machine_read_text(html)
        english = sorted(p for p in pieces if re.search(rf"\b{re.escape(p)}\b", text))
        if english:
            found[path] = english
    assert found == {}, f"English in the head or JSON-LD of Spanish pages: {found}"
    tagline = tomllib.loads((FIXTURE_SITE / "data" / "practice.toml").read_text())["tagline"]
    home = published_site.html("/es/")
    assert home.select_one('meta[name="description"]')["content"] == (
        spanish_catalog()[tagline].string
    )


def test_spanish_pages_name_topics_in_spanish_or_mark_them_english(published_site):
    """A topic's English name (the English topic feeds on the feeds page) is read with
    English pronunciation: marked lang="en"; everywhere else it is translated."""
    found = {}
    for path, html in spanish_pages(published_site):
        body = BeautifulSoup(str(html.body), "html.parser")  # the text the theme adds too
        for other in body.select('[lang]:not([lang="es"])'):
            other.decompose()
        labels = [e["aria-label"] for e in body.select("[aria-label]")]
        text = " ".join([body.get_text(" "), *labels])
        english = sorted(t for t in fixture_topics() if re.search(rf"\b{re.escape(t)}\b", text))
        if english:
            found[path] = english
    assert found == {}, f"English topic names on Spanish pages, not marked as English: {found}"


def test_the_english_check_catches_an_untranslated_string(published_site):
    """The check above can fail: an English crisis strip on a Spanish page is found."""
    _, html = next(spanish_pages(published_site))
    english = published_site.html("/").select_one(".crisis-strip")
    html.body.insert(0, english)
    text = visible_text(html.body)
    assert any(re.search(rf"\b{re.escape(p)}\b", text) for p in english_fragments())


def hreflang_links(html):
    return {
        link["hreflang"]: link["href"]
        for link in html.select('head link[rel="alternate"][hreflang]')
    }


def test_hreflang_alternates_are_reciprocal_with_x_default(published_site):
    pages = {}
    for file in published_site.pages():
        url = SITEURL + "/" + file.relative_to(published_site.root).as_posix()
        url = url.removesuffix("index.html")
        pages[url] = published_site.html(urlsplit(url).path)
    with_alternates = {url: hreflang_links(html) for url, html in pages.items()}
    with_alternates = {url: links for url, links in with_alternates.items() if links}
    assert SITEURL + "/es/articles/self-compassion-on-hard-days/" in with_alternates
    assert SITEURL + "/es/" in with_alternates
    for url, links in with_alternates.items():
        html = pages[url]
        lang = html.html["lang"]
        assert links[lang] == url, f"{url}: its own hreflang={lang} should point at itself"
        assert links["x-default"] == links["en"], url
        for other_lang, other_url in links.items():
            assert other_url in pages, f"{url}: hreflang={other_lang} {other_url} is not built"
            assert pages[other_url].html["lang"] == other_lang or other_lang == "x-default"
            assert hreflang_links(pages[other_url]) == links, f"{url} <-> {other_url}"
        locales = {m["content"] for m in html.select('meta[property="og:locale:alternate"]')}
        assert html.select_one('meta[property="og:locale"]')["content"].startswith(lang + "_")
        assert {loc[:2] for loc in locales} == set(links) - {lang, "x-default"}, url


def test_the_sitemap_lists_the_same_alternates_as_the_pages(published_site):
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ET.parse(published_site.path("/sitemap.xml"))
    checked = 0
    for entry in tree.getroot().findall("sm:url", ns):
        loc = entry.findtext("sm:loc", namespaces=ns)
        in_sitemap = {
            link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)
        }
        on_page = hreflang_links(published_site.html(urlsplit(loc).path))
        assert in_sitemap == on_page, loc
        checked += bool(in_sitemap)
    assert checked >= 2 * 6, "English and Spanish versions of 3 articles and 3 pages, at least"


@pytest.mark.parametrize(
    "feed_path,lang",
    [
        ("feeds/all.atom.xml", "en"),
        ("feeds/all.rss.xml", "en"),
        ("feeds/es.atom.xml", "es"),
        ("feeds/es.rss.xml", "es"),
    ],
)
def test_each_feed_parses_and_declares_its_language(published_site, feed_path, lang):
    parsed = feedparser.parse(published_site.path(feed_path).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == lang
    assert parsed.entries
    for entry in parsed.entries:
        page = published_site.html(urlsplit(entry.link).path)
        assert page.html["lang"] == lang, entry.link
    if lang == "es":
        assert {urlsplit(e.link).path for e in parsed.entries} == {
            f"/es/articles/{a.meta['slug']}/" for a in SPANISH
        }


# The stylesheet is XSLT around the HTML page a browser shows: read as HTML on purpose.
@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
@pytest.mark.parametrize(
    "feed_path,lang",
    [("feeds/all.atom.xml", "en"), ("feeds/es.atom.xml", "es"), ("feeds/es.rss.xml", "es")],
)
def test_a_feed_opened_in_a_browser_explains_itself_in_its_language(
    published_site, feed_path, lang
):
    """The stylesheet a feed names is written in the feed's language: a Spanish reader
    who opens the Spanish feed reads what a feed is in Spanish and is led to the Spanish
    feeds page and home page."""
    text = published_site.path(feed_path).read_text(encoding="utf-8")
    href = re.search(r'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>', text).group(1)
    stylesheet = published_site.path(urlsplit(urljoin(f"{SITEURL}/{feed_path}", href)).path)
    page = BeautifulSoup(stylesheet.read_text(encoding="utf-8"), "html.parser")
    assert page.find("html")["lang"] == lang
    home = "es/" if lang == "es" else ""
    assert [a["href"] for a in page.select("header a")] == [
        "{$site}" + home + "feeds/",
        "{$site}" + home,
    ]
    shown = page.select_one("header").get_text(" ")
    if lang == "es":
        english = sorted(p for p in english_fragments() if re.search(rf"\b{re.escape(p)}\b", shown))
        assert english == [], english


def test_json_ld_in_language_matches_the_page_language(published_site):
    checked = 0
    for file in published_site.pages():
        html = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for script in html.select('script[type="application/ld+json"]'):
            data = json.loads(script.string)
            if "inLanguage" in data:
                assert data["inLanguage"] == html.html["lang"], file
                checked += 1
    assert checked >= len(SPANISH) + 8


def json_ld_of(html):
    return [json.loads(s.string) for s in html.select('script[type="application/ld+json"]')]


def test_spanish_breadcrumbs_start_at_the_spanish_home_page(published_site):
    checked = 0
    for path, html in spanish_pages(published_site):
        for data in json_ld_of(html):
            if data["@type"] == "BreadcrumbList":
                crumbs = [urlsplit(item["item"]).path for item in data["itemListElement"]]
                assert crumbs[0] == "/es/" and all(c.startswith("/es/") for c in crumbs), path
                checked += 1
    assert checked >= len(SPANISH)


def test_json_ld_links_each_translation_with_its_original_both_ways(published_site):
    """workTranslation on the English original, translationOfWork on the Spanish
    version: each names a page that is built, in the language it says."""
    links, pages = {}, {}
    for file in published_site.pages():
        html = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        for data in json_ld_of(html):
            for role in ("workTranslation", "translationOfWork"):
                for other in data.get(role, []) if role == "workTranslation" else [data.get(role)]:
                    if other:
                        links.setdefault(data["url"], []).append((role, other))
                        pages[data["url"]] = (html.html["lang"], data["@id"])
    for path in ("/articles/self-compassion-on-hard-days/", "/contact/"):
        assert [role for role, _ in links[SITEURL + path]] == ["workTranslation"], path
        assert [role for role, _ in links[SITEURL + "/es" + path]] == ["translationOfWork"]
    # The Spanish-only article is nobody's translation.
    assert SITEURL + "/es/articles/hablar-de-emociones-en-dos-idiomas/" not in links
    for url, found in links.items():
        lang, own_id = pages[url]
        for role, other in found:
            other_page = published_site.html(urlsplit(other["url"]).path)
            assert other_page.html["lang"] == other["inLanguage"] != lang, (url, other)
            assert role == ("workTranslation" if lang == "en" else "translationOfWork"), url
            back = [o for r, o in links[other["url"]]]
            assert {"@id": own_id, "url": url} in [
                {"@id": o["@id"], "url": o["url"]} for o in back
            ], f"{other['url']} does not link back to {url}"
            assert other["@id"] in [d.get("@id") for d in json_ld_of(other_page)], other


SPANISH_LISTINGS = {
    "topic": "/es/topics/self-care/",
    "tag": "/es/tags/autocompasion/",
    "tag in both languages": "/es/tags/mindfulness/",
    "author": "/es/authors/maya-okafor/",
    "topics": "/es/topics/",
    "tags": "/es/tags/",
    "authors": "/es/authors/",
    "archives": "/es/archives/",
    "year archive": "/es/archives/2025/",
}


def listed_articles(html):
    return {urlsplit(a["href"]).path for a in html.select("main .post-list h3 a, .archive a")}


def test_a_spanish_articles_topic_tags_and_author_lead_to_spanish_listings(published_site):
    spanish = {f"/es/articles/{a.meta['slug']}/" for a in SPANISH}
    links_followed = 0
    for path in sorted(spanish):
        article = published_site.html(path)
        links = article.select(".post-category a, .byline a[rel=author], .tags a[rel=tag]")
        assert article.select_one(".post-category a"), f"{path}: its topic is not a link"
        for link in links:
            listing_path = urlsplit(link["href"]).path
            assert listing_path.startswith("/es/"), f"{path}: {link.get_text()} -> {listing_path}"
            listing = published_site.html(listing_path)
            assert listing.html["lang"] == "es", listing_path
            listed = listed_articles(listing)
            assert path in listed and listed <= spanish, f"{listing_path} lists {listed}"
            links_followed += 1
    assert links_followed >= 3 * 2 + 6  # topic and author of 3 articles, 6 tags
    # The Spanish archive lists every published Spanish article, and only those.
    assert listed_articles(published_site.html("/es/archives/")) == spanish
    # The Spanish menu's "Artículos" and "Temas" stay in Spanish.
    nav = [a["href"] for a in published_site.html("/es/").select(".site-nav a")]
    assert f"{SITEURL}/es/archives/" in nav and f"{SITEURL}/es/topics/" in nav


def test_spanish_pages_link_to_the_spanish_version_of_every_page_that_has_one(published_site):
    """Wherever a Spanish page links within the site (menu, footer, search page, 404,
    listings, articles), it leads to the Spanish version when one exists; only a link
    that says it leads to English (hreflang or lang "en", like the switcher) may not."""
    pages = {}
    for file in published_site.pages():
        path = "/" + file.relative_to(published_site.root).as_posix().removesuffix("index.html")
        pages[path] = published_site.html(path)
    spanish_of = {}
    for html in pages.values():
        links = hreflang_links(html)
        if "en" in links and "es" in links:
            spanish_of[urlsplit(links["en"]).path] = urlsplit(links["es"]).path
    assert "/archives/" in spanish_of and "/search/" in spanish_of
    wrong = []
    for path, html in pages.items():
        if html.html.get("lang") != "es":
            continue
        for link in html.select("a[href]"):
            target = urlsplit(link["href"])
            if target.netloc not in ("", urlsplit(SITEURL).netloc):
                continue
            in_lang = link.get("lang") or link.find_parent(lang=True).get("lang")
            says_english = "en" in (link.get("hreflang"), in_lang)
            if target.path in spanish_of and not says_english:
                wrong.append(f"{path}: {link.get_text(' ', strip=True)!r} -> {target.path}")
    assert not wrong, "\n".join(wrong)


def test_spanish_listings_have_hreflang_to_the_english_listing_when_it_exists(published_site):
    for kind, path in SPANISH_LISTINGS.items():
        links = hreflang_links(published_site.html(path))
        english = path.removeprefix("/es")
        if published_site.path(english).is_file():
            assert links == {
                "en": SITEURL + english,
                "es": SITEURL + path,
                "x-default": SITEURL + english,
            }, kind
            assert hreflang_links(published_site.html(english)) == links, f"{english} ({kind})"
        else:
            assert links == {}, f"{kind}: {path} has no English version to name"
    # A tag only Spanish articles use has no English page, and says no alternates.
    assert not published_site.path("/tags/autocompasion/").exists()


def test_the_spanish_404_page_and_the_root_one_lead_spanish_readers_on(published_site):
    spanish = published_site.html("/es/404.html")
    assert spanish.html["lang"] == "es"
    assert spanish.select_one("h1").get_text() == "No encontramos esa página"
    main_links = {urlsplit(a["href"]).path for a in spanish.select('main a[href^="http"]')}
    assert {"/es/", "/es/search/", "/es/get-help-now/", "/es/archives/"} <= main_links
    english_block = spanish.select_one('main [lang="en"]')
    assert {urlsplit(a["href"]).path for a in english_block.select("a")} == {
        "/",
        "/search/",
        "/get-help-now/",
    }
    # GitHub Pages serves only /404.html: it offers the Spanish site, marked as Spanish.
    root = published_site.html("/404.html")
    assert root.html["lang"] == "en"
    block = root.select_one('main [lang="es"]')
    assert "Este sitio en español" in block.get_text()
    targets = {urlsplit(a["href"]).path for a in block.select("a")}
    assert targets == {"/es/", "/es/search/", "/es/get-help-now/"}
    for target in targets | main_links - {"/"}:
        assert published_site.path(target).is_file(), target


def test_the_preview_server_answers_a_missing_spanish_address_with_the_spanish_404(
    published_site,
):
    from sitebuild.devserver import static_site

    app = static_site(published_site.root)

    def get(path):
        answer = {}
        body = b"".join(
            app({"PATH_INFO": path}, lambda status, headers: answer.update(status=status))
        )
        return answer["status"], BeautifulSoup(body.decode("utf-8"), "html.parser")

    status, page = get("/es/articulo-que-no-existe/")
    assert status.startswith("404") and page.html["lang"] == "es"
    status, page = get("/no-such-page/")
    assert status.startswith("404") and page.html["lang"] == "en"


def test_spanish_dates_and_byline_are_in_spanish(published_site):
    html = published_site.html("/es/articles/self-compassion-on-hard-days/")
    posting = next(d for d in json_ld_of(html) if d["@type"] == "BlogPosting")
    assert posting["translator"] == {"@type": "Person", "name": "Lucía Fernández"}
    assert html.select_one(".post-meta time").get_text() == "18 de marzo de 2025"
    assert html.select_one(".byline").get_text(" ", strip=True).startswith("Por Maya Okafor")
    assert "Traducción de Lucía Fernández" in html.select_one(".byline").get_text(" ")
    assert "6 de octubre de 2025" in html.select_one(".review-line").get_text()


def test_writer_pages_show_authors_toml_in_spanish_where_it_has_spanish(published_site):
    """authors.toml's `<field>_es` on Spanish pages; a field without it stays English and
    says so (lang="en"); English pages never show the Spanish."""
    from content_sources import FIXTURE_SITE

    people = tomllib.loads((FIXTURE_SITE / "data" / "authors.toml").read_text(encoding="utf-8"))
    daniel, maya = people["Daniel Reyes"], people["Maya Okafor"]
    assert daniel["bio_es"] and "bio_es" not in maya  # the fixture has both cases
    spanish = published_site.html("/es/authors/daniel-reyes/")
    title = spanish.select_one(".author-header .lede")
    assert title.get_text() == daniel["title_es"] and not title.has_attr("lang")
    bio = spanish.find("p", string=daniel["bio_es"])
    assert bio is not None and bio.find_parent(attrs={"lang": "en"}) is None
    assert spanish.find("meta", attrs={"name": "description"})["content"] == daniel["bio_es"]
    education = spanish.find("dd", string=daniel["education"])
    assert education["lang"] == "en"  # no education_es: English, marked as such
    listing = published_site.html("/es/authors/")
    assert listing.find("p", string=daniel["bio_es"]) is not None
    assert listing.find("p", string=maya["bio"])["lang"] == "en"
    english = published_site.html("/authors/daniel-reyes/")
    assert english.find("p", string=daniel["bio"]) is not None
    assert daniel["bio_es"] not in str(english)
    # The Spanish Team page likewise, each name leading to the Spanish writer page.
    team = published_site.html("/es/team/")
    assert team.find("p", string=daniel["bio_es"]) is not None
    assert team.find("p", string=daniel["title_es"]) is not None
    assert team.find("p", string=maya["bio"])["lang"] == "en"
    names = {a.get_text(): urlsplit(a["href"]).path for a in team.select(".people h2 a")}
    assert names["Daniel Reyes, LMFT"] == "/es/authors/daniel-reyes/"
    assert daniel["bio_es"] not in str(published_site.html("/team/"))


def test_every_spanish_page_carries_the_spanish_crisis_options(published_site):
    practice = tomllib.loads((ROOT / "content" / "data" / "practice.toml").read_text())
    spanish = practice["crisis"]["languages"]["es"]
    for path, html in spanish_pages(published_site):
        strip = html.select_one(".crisis-strip").get_text(" ")
        strip = " ".join(strip.split())
        assert f"marque el {spanish['press']}" in strip, path
        assert f"envíe {spanish['text_keyword']} por texto al 988" in strip, path
        assert html.select_one(".crisis-strip a")["href"].endswith("/es/get-help-now/"), path
    help_page = published_site.html("/es/get-help-now/").get_text(" ")
    assert "988lifeline.org/get-help/what-to-expect" in help_page  # the cited source


# ---- in Chromium ------------------------------------------------------------------


def test_spanish_search_finds_spanish_articles_only(page, served_published_site):
    _, base = served_published_site
    page.goto(base + "/es/search/?q=autocompasión")
    page.wait_for_selector(".pagefind-ui__result-link")
    assert page.locator("#search input[type=text]").get_attribute("placeholder") == (
        "Buscar artículos"
    )
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
    assert base + "/es/articles/self-compassion-on-hard-days/" in links
    assert all(urlsplit(link).path.startswith("/es/") for link in links), links
    # The filters are named in Spanish: "Autor" and "Tema", never "Author" and "Topic".
    filters = page.locator(".pagefind-ui__filter-name")
    # Pagefind's interface adds the filters one by one: wait for both, whatever their names.
    expect(filters).to_have_count(2)
    assert sorted(filters.all_inner_texts()) == ["Autor", "Tema"]
    page.locator(".pagefind-ui__filter-name", has_text="Tema").click()
    assert "Cuidado personal" in page.locator(".pagefind-ui__filter-panel").inner_text()
    # The same word on the English search page finds nothing Spanish.
    page.goto(base + "/search/?q=autocompasión")
    page.wait_for_selector(".pagefind-ui__message")
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "els => els.map(e => e.href)")
    assert not any("/es/" in link for link in links), links
    assert page.locator("#search input[type=text]").get_attribute("placeholder") == (
        "Search articles"
    )


def test_the_switcher_moves_between_the_two_versions(page, served_published_site):
    _, base = served_published_site
    page.goto(base + "/articles/sleep-log-for-stress/")
    link = page.locator(".language-switch a")
    assert link.get_attribute("hreflang") == "es" and link.get_attribute("lang") == "es"
    link.click()
    assert page.url == base + "/es/articles/sleep-log-for-stress/"
    assert page.locator("html").get_attribute("lang") == "es"
    page.locator(".language-switch a", has_text="English").click()
    assert page.url == base + "/articles/sleep-log-for-stress/"
    # A page in one language only has no switcher.
    page.goto(base + "/es/articles/hablar-de-emociones-en-dos-idiomas/")
    assert page.locator(".language-switch").count() == 0


def test_what_the_scripts_write_on_a_spanish_page_is_spanish(page, served_published_site):
    """The dark-mode button's name after the script takes over and the printed page's
    date line come from the page's language, in the page itself and in print."""
    _, base = served_published_site
    page.emulate_media(color_scheme="light")
    page.goto(base + "/es/articles/self-compassion-on-hard-days/")
    toggle = page.locator(".theme-toggle")
    assert toggle.inner_text().strip() == "Modo oscuro"
    toggle.click()
    assert toggle.inner_text().strip() == "Modo claro"
    page.emulate_media(media="print")
    printed = page.locator(".print-date").inner_text()
    assert re.fullmatch(r" ?· Impreso el \d{1,2} de [a-z]+ de \d{4}", printed), printed
    page.goto(base + "/articles/self-compassion-on-hard-days/")
    assert page.locator(".theme-toggle").inner_text().strip() in ("Dark mode", "Light mode")
    assert "Printed" in page.locator(".print-date").inner_text()


SPANISH_KINDS = {
    "home": "/es/",
    "article": "/es/articles/self-compassion-on-hard-days/",
    "article in Spanish only": "/es/articles/hablar-de-emociones-en-dos-idiomas/",
    "get help now": "/es/get-help-now/",
    "contact page": "/es/contact/",
    "privacy": "/es/privacy/",
    "search": "/es/search/",
    "feeds": "/es/feeds/",
    "team": "/es/team/",
    **SPANISH_LISTINGS,
    "404": "/es/404.html",
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations_on_spanish_pages(axe_tabs, served_published_site, scheme):  # noqa: F811
    _, base = served_published_site
    found = {}
    for kind, path in SPANISH_KINDS.items():
        violations = violations_at(axe_tabs[scheme], base + path)
        if violations:
            found[kind] = describe(violations)
    assert found == {}, "\n".join(f"{kind}:\n{text}" for kind, text in found.items())


def test_spanish_pages_fit_a_320_px_screen(browser, served_published_site):
    _, base = served_published_site
    tab = browser.new_page(viewport={"width": 320, "height": 640})
    try:
        for kind, path in SPANISH_KINDS.items():
            tab.goto(base + path)
            width = tab.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 320, f"{kind} ({path}) is {width} px wide at 320 px"
    finally:
        tab.close()


# ---- content checks in both languages -----------------------------------------------

SPANISH_ARTICLE = """Title: Descansar también es parte del trabajo
Date: 2025-01-10 09:00
Author: Maya Okafor
Category: Self-care
Slug: descansar-es-parte-del-trabajo
Lang: {lang}
{extra}Summary: Por qué descansar ayuda, en palabras sencillas.

Descansamos. Pedimos ayuda. Los pasos pequeños cuentan.
{body}"""

REFUSALS = {
    # name: (files written into content/, expected report line start, words in it)
    "a language the site does not have": (
        {"articles/es/bad.md": SPANISH_ARTICLE.format(lang="sp", extra="", body="")},
        "content/articles/es/bad.md:6: Lang: 'sp' is not a language of this site",
        "`Lang: es`",
    ),
    "two Spanish versions of one article": (
        {
            "articles/es/copy.md": SPANISH_ARTICLE.format(lang="es", extra="", body="").replace(
                "descansar-es-parte-del-trabajo", "sleep-log-for-stress"
            )
        },
        # Reported at the second file in path order; both are Spanish (Lang: es).
        "content/articles/es/sleep-log-for-stress.md:7: Slug: 'sleep-log-for-stress' is ",
        "the slug of content/articles/es/copy.md",
    ),
    "a translation of nothing": (
        {
            "articles/es/bad.md": SPANISH_ARTICLE.format(
                lang="es", extra="Translation: true\n", body=""
            )
        },
        "content/articles/es/bad.md:7: Translation: no article in another language has the "
        "slug 'descansar-es-parte-del-trabajo'",
        "`Slug:`",
    ),
    "a Spanish page where the Spanish topics page goes": (
        {"pages/es/temas.md": "Title: Temas\nLang: es\nSlug: topics\nSummary: Temas.\n\nTexto.\n"},
        "content/pages/es/temas.md:3: Slug: this page would be written to es/topics/index.html",
        "choose another slug",
    ),
    "unsafe Spanish wording": (
        {
            "articles/es/bad.md": SPANISH_ARTICLE.format(
                lang="es", extra="", body="\nSu hermano cometió suicidio hace años.\n"
            )
        },
        'content/articles/es/bad.md:11: safe messaging: "cometió suicidio" is wording',
        "murió por suicidio",
    ),
}


@pytest.fixture(scope="module")
def checked_project(tmp_path_factory):
    """A copy of the project with a good build in out/ (what must survive a refusal)."""
    from conftest import copy_project, invoke

    project = copy_project(tmp_path_factory.mktemp("languages") / "project")
    invoke("build", "--output", "out", cwd=project)
    return project


@pytest.mark.parametrize("name", REFUSALS)
def test_each_language_mistake_stops_the_build_naming_file_and_line(checked_project, name):
    from conftest import invoke

    files, report_start, fix_words = REFUSALS[name]
    good_home = (checked_project / "out" / "es" / "index.html").read_bytes()
    for path, text in files.items():
        (checked_project / "content" / path).write_text(text, encoding="utf-8")
    try:
        result = invoke("build", "--output", "out", cwd=checked_project, check=False)
    finally:
        for path in files:
            (checked_project / "content" / path).unlink()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if line.startswith(report_start)]
    assert lines, f"no line starting {report_start!r} in:\n{output}"
    assert fix_words in lines[0], lines[0]
    # The last good site stays as it was.
    assert (checked_project / "out" / "es" / "index.html").read_bytes() == good_home


def test_a_spanish_original_is_named_as_the_original_when_the_english_says_translation(
    checked_project,
):
    """`Translation: true` on the English file makes the Spanish one the original in the
    JSON-LD; the English version still appears in the English lists."""
    from conftest import Site, invoke

    english = checked_project / "content" / "articles" / "sleep-log-for-stress.md"
    original_text = english.read_text(encoding="utf-8")
    english.write_text(original_text.replace("\nSummary:", "\nTranslation: true\nSummary:", 1))
    try:
        invoke("preview", "--output", "out-original", cwd=checked_project, env={"SITEURL": SITEURL})
    finally:
        english.write_text(original_text, encoding="utf-8")
    site = Site(checked_project / "out-original")

    def posting(path):
        return next(d for d in json_ld_of(site.html(path)) if d["@type"] == "BlogPosting")

    english_json = posting("/articles/sleep-log-for-stress/")
    spanish_json = posting("/es/articles/sleep-log-for-stress/")
    assert english_json["translationOfWork"]["@id"] == spanish_json["@id"]
    assert english_json["translationOfWork"]["inLanguage"] == "es"
    assert [t["@id"] for t in spanish_json["workTranslation"]] == [english_json["@id"]]
    assert "workTranslation" not in english_json and "translationOfWork" not in spanish_json
    for path in ("/archives/", "/topics/self-care/"):
        hrefs = [a["href"] for a in site.html(path).select("main a")]
        assert f"{SITEURL}/articles/sleep-log-for-stress/" in hrefs, path
