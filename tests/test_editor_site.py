"""The browser editor at /admin/ as the build writes it (plugins/editor): configured
from the site's own data, kept away from readers, search engines and feeds.
What it does in Chromium is in tests/test_editor.py."""

import json
import re
import tomllib

from bs4 import BeautifulSoup

from conftest import ROOT, fixture_settings, is_editor_file
from content_sources import FIXTURE_SITE, articles

SETTINGS = fixture_settings()
AUTHORS = list(tomllib.loads((FIXTURE_SITE / "data/authors.toml").read_text(encoding="utf-8")))
# The tests build the fixture site; an author's build names content/ the same way.
CONTENT = FIXTURE_SITE.relative_to(ROOT).as_posix()


def config(site):
    text = site.path("/admin/config.yml").read_text(encoding="utf-8")
    return json.loads(text.split("\n", 1)[1])  # JSON is YAML; the first line is a comment


def collections(site):
    return {c["name"]: c for c in config(site)["collections"]}


def fields(site, collection="articles"):
    return {f["name"]: f for f in collections(site)[collection]["fields"]}


def test_the_choices_come_from_the_sites_data(dev_site):
    found = fields(dev_site)
    assert found["Author"]["options"] == AUTHORS
    assert found["Reviewed_by"]["options"] == AUTHORS
    topics = sorted({a.meta["category"] for a in articles()}, key=str.lower)
    assert found["Category"]["options"] == topics
    assert found["Status"]["options"] == ["draft", "published", "hidden"]


def test_the_summary_limit_is_the_content_checks_own(dev_site):
    pattern = re.compile(fields(dev_site)["Summary"]["pattern"][0])
    limit = SETTINGS.get("SUMMARY_MAX_CHARACTERS", 300)
    assert pattern.match("a" * limit)
    assert not pattern.match("a" * (limit + 1))
    slug = re.compile(fields(dev_site)["Slug"]["pattern"][0])
    assert slug.match("coping-with-grief") and not slug.match("Coping With Grief")


def test_new_articles_go_to_the_articles_folder_and_images_to_content_images(dev_site):
    settings = config(dev_site)
    collection = collections(dev_site)["articles"]
    assert collection["folder"] == f"{CONTENT}/articles"
    assert collection["format"] == "pelican" and collection["extension"] == "md"
    assert settings["media_folder"] == f"{CONTENT}/images"
    assert fields(dev_site)["Image"]["public_folder"] == "images"
    assert settings["publish_mode"] == "editorial_workflow"


def test_each_language_has_its_folders_and_a_language_field(dev_site):
    """From LANGUAGES: articles and pages of each language in the folders the build reads
    (content/articles/, content/articles/es/, content/pages/, content/pages/es/), each
    with a Language choice of the site's languages that defaults to the folder's own."""
    default = SETTINGS["DEFAULT_LANG"]
    assert list(collections(dev_site)) == [
        kind if code == default else f"{kind}_{code}"
        for kind in ("articles", "pages")
        for code in SETTINGS["LANGUAGES"]
    ]
    for kind in ("articles", "pages"):
        spanish = collections(dev_site)[f"{kind}_es"]
        assert spanish["folder"] == f"{CONTENT}/{kind}/es"
        assert spanish["format"] == "pelican" and spanish["slug"] == "{{fields.Slug}}"
        assert collections(dev_site)[kind]["folder"] == f"{CONTENT}/{kind}"
        for name, lang in ((kind, "en"), (f"{kind}_es", "es")):
            language = fields(dev_site, name)["Lang"]
            assert language["options"] == [
                {"label": info["name"], "value": code}
                for code, info in SETTINGS["LANGUAGES"].items()
            ]
            assert language["default"] == lang
    assert "Translator" in fields(dev_site, "articles_es")
    assert "Translator" not in fields(dev_site, "articles")
    page_fields = fields(dev_site, "pages")
    assert not {"Author", "Date", "Category"} & set(page_fields)
    assert page_fields["Template"]["options"] == ["contact", "feeds", "search", "team"]


def site_data(site):
    script = site.html("/admin/").find("script", id="editor-site-data")
    return json.loads(script.string)


def test_the_editor_knows_which_articles_have_a_translation(dev_site):
    """Each slug's versions by language, from the files: the editor opens a translation
    that exists and offers to start one that does not."""
    versions = site_data(dev_site)["versions"]["articles"]
    assert versions["sleep-log-for-stress"] == {
        "en": ["articles", "sleep-log-for-stress"],
        "es": ["articles_es", "sleep-log-for-stress"],
    }
    assert versions["hablar-de-emociones-en-dos-idiomas"] == {
        "es": ["articles_es", "hablar-de-emociones-en-dos-idiomas"]
    }
    assert list(versions["understanding-anxiety"]) == ["en"]
    pages = site_data(dev_site)["versions"]["pages"]
    assert pages["contact"] == {"en": ["pages", "contact"], "es": ["pages_es", "contact"]}
    assert list(pages["about"]) == ["en"]


def test_a_published_editor_names_no_draft(dev_site, published_site):
    drafts = [a.meta["slug"] for a in articles() if a.is_draft]
    assert drafts
    assert set(drafts) <= set(site_data(dev_site)["versions"]["articles"])
    assert not set(drafts) & set(site_data(published_site)["versions"]["articles"])


def test_the_preview_speaks_the_articles_language(dev_site):
    """The byline's words come from the theme's catalog, and the crisis box is there in
    each language, as the article page shows them."""
    languages = site_data(dev_site)["languages"]
    assert languages["es"]["words"]["by"] == "Por %(writer)s"
    assert languages["en"]["words"]["by"] == "By %(writer)s"
    for kind in ("draftArticle", "draftPage"):  # the banner of a draft's preview
        assert languages["es"]["words"][kind].startswith("<strong>BORRADOR</strong>: ")
        assert languages["en"]["words"][kind].startswith("<strong>DRAFT</strong>: ")
    page = dev_site.html("/admin/")
    spanish_box = page.find("template", id="editor-crisis-box-es")
    assert "AYUDA" in spanish_box.decode_contents()
    assert "AYUDA" not in page.find("template", id="editor-crisis-box-en").decode_contents()


def test_only_the_development_build_talks_to_the_local_decap_server(dev_site, published_site):
    assert config(dev_site)["local_backend"]["url"].startswith("http://127.0.0.1:")
    assert "local_backend" not in config(published_site)
    assert config(published_site)["backend"]["name"] == "github"
    published_policy = editor_policy(published_site)
    assert "127.0.0.1" not in published_policy and "localhost" not in published_policy


def editor_policy(site):
    page = site.html("/admin/")
    (meta,) = page.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
    return meta["content"]


def test_the_editor_page_is_noindex_with_its_own_policy_and_served_from_the_site(published_site):
    page = published_site.html("/admin/")
    assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
    assert not page.select("[data-pagefind-body]")
    assert editor_policy(published_site) != SETTINGS["CONTENT_SECURITY_POLICY"]
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert scripts == ["decap-cms.js", "editor.js"]
    for script in scripts:
        assert (published_site.root / "admin" / script).stat().st_size > 0
    headers = (published_site.root / "_headers").read_text(encoding="utf-8")
    assert editor_policy(published_site) in headers.split("/admin/*", 1)[1]


def test_readers_never_meet_the_editor(published_site):
    """Not in the sitemap, the feeds or the search index; no reader page links to it
    or loads any of its files."""
    for name in ("sitemap.xml", *(p.name for p in (published_site.root / "feeds").iterdir())):
        text = (
            published_site.root / name
            if name == "sitemap.xml"
            else published_site.root / "feeds" / name
        ).read_text(encoding="utf-8")
        assert "/admin" not in text, name
    pagefind = published_site.root / "pagefind"
    assert pagefind.is_dir()
    for page_file in published_site.pages():
        page = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
        for element in page.find_all(href=True) + page.find_all(src=True):
            address = element.get("href") or element.get("src")
            assert "/admin" not in address and "decap" not in address, (page_file, address)
    assert all(not is_editor_file(p, published_site.root) for p in published_site.pages())
