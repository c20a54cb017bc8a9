import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest
from feedgenerator import Atom1Feed, Rss201rev2Feed

from feed_style.feed_style import (
    plain_text,
    restyle_feed,
    stylesheet_href,
    stylesheet_url,
    with_stylesheet,
)

PACIFIC = timezone(timedelta(hours=-7))


def test_the_stylesheet_is_addressed_relative_to_the_feed():
    assert stylesheet_href("https://x.org/feeds/all.atom.xml", "/theme/feed.xsl") == (
        "../theme/feed.xsl"
    )
    # A project page under /blog/, and a feed at the top of the site.
    assert (
        stylesheet_href("https://x.org/blog/feeds/a.rss.xml", "https://x.org/blog/theme/feed.xsl")
        == "../theme/feed.xsl"
    )
    assert stylesheet_href("https://x.org/blog/atom.xml", "/blog/theme/feed.xsl") == (
        "theme/feed.xsl"
    )


def test_the_instruction_goes_between_the_declaration_and_the_root_element():
    xml = '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"/>'
    styled = with_stylesheet(xml, "../theme/feed.xsl")
    lines = styled.splitlines()
    assert lines[0] == '<?xml version="1.0" encoding="utf-8"?>'
    assert lines[1] == '<?xml-stylesheet type="text/xsl" href="../theme/feed.xsl"?>'
    assert ET.fromstring(styled.encode()).tag == "{http://www.w3.org/2005/Atom}feed"


def test_summaries_become_the_plain_words_a_reader_sees():
    assert plain_text("<p>We&rsquo;re here&nbsp;to <em>help</em>.</p>") == "We’re here to help ."


def sample_feed(feed_class, settings):
    """A feed as Pelican writes it, then restyled as on Pelican's `feed_written` signal."""
    kind = "rss" if feed_class is Rss201rev2Feed else "atom"
    feed = feed_class(
        title="Site",
        link="https://x.org/blog/",
        description="About",
        feed_url=f"https://x.org/blog/feeds/all.{kind}.xml",
    )
    feed.add_item(
        title="First",
        link="https://x.org/blog/articles/first/",
        description="<p>Short &amp; sweet&nbsp;summary</p>",
        content="<p>Whole text</p>",
        author_name="Maya Okafor",
        unique_id="tag:x.org,2026-01-02:/blog/articles/first/",
        pubdate=datetime(2026, 1, 2, 9, 0, tzinfo=PACIFIC),
        updateddate=datetime(2026, 1, 5, 14, 30, tzinfo=PACIFIC),
    )
    feed.add_item(
        title="Second",
        link="https://x.org/blog/articles/second/",
        description="<p>Never changed</p>",
        author_name="Daniel Reyes",
        unique_id="tag:x.org,2026-02-01:/blog/articles/second/",
        pubdate=datetime(2026, 2, 1, 9, 0, tzinfo=PACIFIC),
    )
    path = Path(settings["THEME"]) / f"all.{kind}.xml"
    with open(path, "w", encoding="utf-8") as handle:
        feed.write(handle, "utf-8")
    restyle_feed(str(path), context=settings, feed=feed)
    return path.read_text(encoding="utf-8")


@pytest.fixture
def settings(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "feed.xsl").write_text("<xsl:stylesheet/>")
    return {
        "SITEURL": "https://x.org/blog",
        "DEFAULT_LANG": "en",
        "THEME": str(tmp_path),
        "THEME_STATIC_DIR": "theme",
        "FEED_STYLESHEET": "feed.xsl",
    }


def test_rss_items_carry_an_update_date_and_say_their_guid_is_not_a_link(settings):
    xml = sample_feed(Rss201rev2Feed, settings)
    assert '<?xml-stylesheet type="text/xsl" href="../theme/feed.xsl"?>' in xml
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    first, second = parsed.entries
    assert first.updated_parsed[:5] == (2026, 1, 5, 21, 30)  # 14:30 at -07:00, in UTC
    # Never modified: updated is the publish date, present in its own right.
    assert dict.__contains__(second, "updated")
    assert second.updated_parsed == second.published_parsed
    assert not first.guidislink and first.link == "https://x.org/blog/articles/first/"


def test_atom_summaries_are_plain_text_and_content_stays_html(settings):
    parsed = feedparser.parse(sample_feed(Atom1Feed, settings))
    assert not parsed.bozo
    first = parsed.entries[0]
    assert first.summary_detail.type == "text/plain"
    assert first.summary == "Short & sweet summary"
    assert first.content[0].type == "text/html" and first.content[0].value == "<p>Whole text</p>"


def test_a_feed_in_another_language_names_that_languages_stylesheet(settings):
    assert stylesheet_url(settings, "en") == "/blog/theme/feed.xsl"
    assert stylesheet_url(settings, "es") == "/blog/theme/es/feed.xsl"


def test_a_missing_stylesheet_stops_the_build_with_the_setting_named(settings):
    settings["FEED_STYLESHEET"] = "feeds.xsl"
    with pytest.raises(FileNotFoundError, match=r"FEED_STYLESHEET = 'feeds.xsl'.*does not exist"):
        stylesheet_url(settings)


def test_without_a_stylesheet_setting_feeds_have_no_instruction(settings):
    del settings["FEED_STYLESHEET"]
    assert "xml-stylesheet" not in sample_feed(Atom1Feed, settings)
