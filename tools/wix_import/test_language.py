"""A post's language from what its source states: every form of a tag, the rule when
the statements disagree, and what a real saved Wix page says."""

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from tools.wix_import import feed
from tools.wix_import.language import (
    address_language,
    alternates_of,
    decide,
    language_alternates,
    language_of,
    page_statements,
    statement,
)

REAL_PAGE = (
    Path(__file__).parents[2] / "tests" / "fixtures" / "wix_real" / "pages" / "13-youtube-tips.html"
)


@pytest.mark.parametrize(
    "written",
    ["es", "ES", "es-ES", "es_ES", "es-es", "es-MX", "es_MX", "es-419", "es_419", "ES-419",
     "es_LA", "es-Latn-MX", " es ", "Spanish", "spanish"],
)  # fmt: skip
def test_every_way_of_writing_spanish_is_spanish(written):
    assert language_of(written) == "es"
    assert language_of({"@type": "Language", "name": "Spanish", "alternateName": written}) == "es"


@pytest.mark.parametrize("written", ["", "x-default", "und", "zz", "mysite", "es-", "12", None, 3])
def test_what_names_no_language_gives_none(written):
    assert language_of(written) == ""


def test_the_page_s_own_language_wins_and_the_disagreement_is_a_todo():
    lang, said, notes = decide([statement("og:locale", "en_US"), statement("html lang", "es")])
    assert (lang, said) == ("es", '<html lang="es">')
    assert len(notes) == 1 and notes[0].startswith("TODO language:")
    assert 'og:locale "en_US"' in notes[0] and "imported as 'es'" in notes[0]
    # JSON-LD before Wix Multilingual before og:locale, when there is no html lang.
    lang, said, _ = decide(
        [
            statement("og:locale", "fr_FR"),
            statement("Wix Multilingual", "en", "Wix Multilingual's current language"),
            statement("JSON-LD inLanguage", "es-MX"),
        ]
    )
    assert (lang, said) == ("es", 'JSON-LD "inLanguage": "es-MX"')


def test_agreeing_regional_tags_are_no_disagreement_and_nothing_means_the_default():
    assert decide([statement("html lang", "es-419"), statement("og:locale", "es_MX")])[2] == []
    assert decide([]) == ("", "", [])
    lang, _, notes = decide([statement("html lang", "klingon!")])
    assert lang == "" and "names no language" in notes[0]


def test_wix_multilingual_addresses_carry_the_language():
    assert address_language("https://x.org/post/a-2?lang=es", {})[0] == "es"
    assert address_language("https://x.org/es-mx/post/a", {})[0] == "es-mx"
    own = {"es-es": "https://es.x.org/post/a"}  # a subdomain: its hreflang names itself
    assert address_language("https://es.x.org/post/a", own)[0] == "es-es"
    # A free site's folder is not a language.
    assert address_language("https://user.wixsite.com/mysite/post/a", {}) is None
    assert address_language("https://x.org/post/a", {"en-us": "https://x.org/post/b"}) is None


def test_a_real_saved_wix_page_states_english_three_ways_and_names_its_translations():
    soup = BeautifulSoup(REAL_PAGE.read_text(encoding="utf-8"), "html.parser")
    posting = next(
        json.loads(s.string)
        for s in soup.find_all("script", type="application/ld+json")
        if "BlogPosting" in s.string
    )
    url = soup.find("link", rel="canonical")["href"]
    hreflang = alternates_of(soup)
    said = page_statements(soup, posting, url, hreflang)
    assert [marker for marker, _, _ in said] == ["html lang", "Wix Multilingual"]
    assert decide(said)[0] == "en" and decide(said)[2] == []
    alternates = language_alternates(hreflang)
    assert sorted(alternates) == ["ar", "en", "es", "nl"]  # x-default is no language
    assert alternates["es"].endswith("/post/13-youtube-tips-2?lang=es")


def test_a_feed_s_language_applies_to_its_entries():
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>
<language>es-MX</language><item><title>Calma</title><link>https://x.org/calma</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description>Un texto completo.</description>
</item></channel></rss>"""
    (post,) = feed.parse("blog.xml", rss.encode(), timezone=ZoneInfo("UTC"))
    assert decide(post.statements)[:2] == ("es", 'the feed\'s language "es-MX"')
