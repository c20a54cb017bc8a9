"""RSS 2.0 and Atom feeds read with the real feedparser."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tools.wix_import.blocks import PARAGRAPH
from tools.wix_import.feed import parse
from tools.wix_import.model import SourceError

PACIFIC = ZoneInfo("America/Los_Angeles")

WIX_RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbor Wellness</title><link>https://www.example.org/blog</link>
<generator>Wix.com</generator>
<item>
  <title><![CDATA[Boundaries & Belonging]]></title>
  <link>https://www.example.org/post/boundaries-belonging</link>
  <pubDate>Tue, 14 Mar 2023 17:05:00 GMT</pubDate>
  <dc:creator>Sam Rivera</dc:creator>
  <category>Relationships</category><category>Boundaries</category>
  <description><![CDATA[Boundaries are not walls. They are the lines that let...]]></description>
  <content:encoded><![CDATA[<p>By Samuel Ortiz Rivera, LMFT</p>
  <p>Boundaries are not walls. They are the lines that let us stay close.</p>
  <p>What do you need?</p><p>...to rest?</p><p>...to say no?</p>
  <p><img src="https://static.wixstatic.com/media/b.jpg" alt="Fence"></p>]]></content:encoded>
</item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>https://blog.example.org/</id>
<updated>2025-09-12T11:15:00-07:00</updated>
<entry><title>Sleep &amp; Stress</title>
<link href="https://blog.example.org/articles/sleep/" rel="alternate"/>
<published>2025-11-03T09:00:00-08:00</published><updated>2025-11-10T16:45:00-08:00</updated>
<author><name>Priya Natarajan</name></author>
<id>tag:blog.example.org,2025-11-03:/articles/sleep/</id>
<summary type="html">&lt;p&gt;A one-week log helps you spot&amp;nbsp;patterns.&lt;/p&gt;</summary>
<content type="html">&lt;p&gt;Stress and sleep feed each other.&lt;/p&gt;
&lt;h2 id="x"&gt;How&lt;/h2&gt;&lt;p&gt;Write it down.&lt;/p&gt;</content>
<category term="Self-care"/><category term="sleep"/><category term="stress"/></entry>
</feed>"""


def test_a_wix_rss_feed_gives_full_posts():
    (post,) = parse(Path("blog-feed.xml"), WIX_RSS, timezone=PACIFIC)
    assert post.title == "Boundaries & Belonging"
    assert post.date == datetime(2023, 3, 14, 10, 5)
    assert (post.author, post.other_names) == ("Samuel Ortiz Rivera", ["Sam Rivera"])
    assert (post.category, post.tags) == ("Relationships", ["Boundaries"])
    # Wix's description is only the opening words: not used as the Summary.
    assert post.summary == ""
    assert post.body[0].text.startswith("Boundaries are not walls.")
    # Every <p> stays its own paragraph, short questions too.
    assert [b.kind for b in post.body[1:4]] == [PARAGRAPH] * 3
    assert [b.text for b in post.body[1:4]] == ["What do you need?", "...to rest?", "...to say no?"]
    # The picture is kept, to be downloaded at its original address.
    assert [i.url for i in post.found.images] == ["https://static.wixstatic.com/media/b.jpg"]
    assert post.body[-1].markdown == "![Fence](wix-image:b.jpg)"


def test_an_atom_feed_keeps_dates_summary_category_and_tags():
    (post,) = parse(Path("all.atom.xml"), ATOM, timezone=PACIFIC)
    assert post.title == "Sleep & Stress"
    assert (post.date, post.modified) == (datetime(2025, 11, 3, 9), datetime(2025, 11, 10, 16, 45))
    assert post.author == "Priya Natarajan"
    assert (post.category, post.tags) == ("Self-care", ["sleep", "stress"])
    assert post.summary == "A one-week log helps you spot patterns."
    assert [b.markdown for b in post.body] == [
        "Stress and sleep feed each other.",
        "## How",
        "Write it down.",
    ]


def test_a_wix_feed_of_excerpts_asks_for_the_post_pages_rather_than_importing_cut_short():
    excerpts = WIX_RSS.split(b"<content:encoded>")[0] + WIX_RSS.split(b"</content:encoded>")[1]
    (post,) = parse(Path("blog-feed.xml"), excerpts, timezone=PACIFIC)
    assert post.needs_page and post.body == []
    assert post.old_url == "https://www.example.org/post/boundaries-belonging"
    assert post.teaser.startswith("Boundaries are not walls.")


def test_a_feed_of_excerpts_without_post_addresses_is_refused():
    excerpts = WIX_RSS.split(b"<content:encoded>")[0] + WIX_RSS.split(b"</content:encoded>")[1]
    excerpts = excerpts.replace(b"/post/boundaries-belonging", b"/boundaries")
    with pytest.raises(SourceError) as raised:
        parse(Path("blog-feed.xml"), excerpts, timezone=PACIFIC)
    assert "only an excerpt" in raised.value.message
    assert "save the post pages" in raised.value.message


@pytest.mark.parametrize(
    "data,expected",
    [
        (ATOM[: len(ATOM) // 2], "not a well-formed feed"),
        (b"<?xml version='1.0'?><notes><note>hi</note></notes>", "not an RSS or Atom feed"),
        (ATOM.split(b"<entry>")[0] + b"</feed>", "the feed has no entries"),
        (
            ATOM.replace(b"<published>2025-11-03T09:00:00-08:00</published>", b"").replace(
                b"<updated>2025-11-10T16:45:00-08:00</updated>", b""
            ),
            "has no date",
        ),
    ],
)
def test_feeds_that_cant_be_understood_are_refused(data, expected):
    with pytest.raises(SourceError) as raised:
        parse(Path("feed.xml"), data, timezone=PACIFIC)
    assert expected in raised.value.message
    assert "expected an RSS 2.0 or Atom feed" in raised.value.message


def test_embeds_in_a_feeds_text_are_kept_as_links_and_an_entry_without_text_is_set_aside():
    data = WIX_RSS.replace(
        b'<p><img src="https://static.wixstatic.com/media/b.jpg" alt="Fence"></p>',
        b'<div><iframe src="https://www.youtube.com/embed/abc123" title="Saying no"></iframe></div>'
        b'<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com'
        b'/p/ZZ9/"><a href="#">View</a></blockquote><script>alert(1)</script>',
    ).replace(
        b"</channel>",
        b"<item><title>Only a video</title><link>https://www.example.org/post/video</link>"
        b"<pubDate>Tue, 14 Mar 2023 18:00:00 GMT</pubDate><dc:creator>Sam Rivera</dc:creator>"
        b"<content:encoded><![CDATA[<p>&nbsp;</p>]]></content:encoded></item></channel>",
    )
    empty = []
    (post,) = parse(Path("blog-feed.xml"), data, timezone=PACIFIC, empty=empty)
    markdown = [b.markdown for b in post.body]
    assert markdown[-2:] == [
        "[Video: Saying no](https://www.youtube.com/watch?v=abc123)",
        "[Instagram post](https://www.instagram.com/p/ZZ9/)",
    ]
    assert not any("alert" in m for m in markdown)
    (problem,) = empty
    assert 'entry 2 ("Only a video") has a title but no text' in problem.message
