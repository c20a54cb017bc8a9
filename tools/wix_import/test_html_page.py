"""A Wix post page saved as HTML. The page below is made up, with the
data-hook names and JSON-LD that Wix's server-rendered post pages carry."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tools.wix_import.blocks import HEADING, OTHER, PARAGRAPH
from tools.wix_import.html_page import parse
from tools.wix_import.model import SourceError

PACIFIC = ZoneInfo("America/Los_Angeles")
CAPTURED = datetime(2024, 1, 5)
PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>Finding Calm in a Busy Week | Harbor Wellness</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting",
"headline":"Finding Calm in a Busy Week","datePublished":"2023-03-14T17:05:00.000Z",
"dateModified":"2023-04-02T16:00:00.000Z","author":{"@type":"Person","name":"Sam Rivera"},
"keywords":"Stress, Self-Care"}</script>
<script>window.viewerModel = {};</script><style>p{color:red}</style>
</head><body>
<nav><a href="/blog/categories/couples">Couples</a></nav>
<article>
<h1 data-hook="post-title">Finding Calm in a Busy Week</h1>
<span data-hook="user-name">Sam Rivera</span>
<span data-hook="time-ago" title="Mar 14, 2023">Mar 14, 2023</span>
<span data-hook="time-to-read">4 min read</span>
<section data-hook="post-description"><div class="rcv">
<div><p>By Samuel Ortiz Rivera, LMFT</p></div><div><p>&nbsp;</p></div>
<div><p>Weeks fill up <em>fast</em>, so keep a <strong>little</strong> room for yourself.</p></div>
<div><h2>Start small</h2></div>
<figure><img src="https://static.wixstatic.com/media/a.jpg" alt="A calm lake"></figure>
<div><p>Who could you call?</p></div><div><p>Where could you walk?</p></div>
<div><p>When could you rest?</p></div>
</div></section>
<div data-hook="post-footer"><a href="/blog/categories/stress">Stress</a>
<a href="/blog/tags/breathing">#breathing</a></div>
</article></body></html>"""


@pytest.fixture
def post():
    return parse(Path("calm.html"), PAGE, captured=CAPTURED, timezone=PACIFIC)


def test_metadata_comes_from_json_ld_in_local_time(post):
    assert post.title == "Finding Calm in a Busy Week"
    assert post.date == datetime(2023, 3, 14, 10, 5)  # 17:05 UTC is 10:05 in Oregon (PDT)
    assert post.modified == datetime(2023, 4, 2, 9, 0)
    assert post.tags == ["Stress", "Self-Care", "breathing"]
    assert post.category == "Stress"  # from the post's footer, not the site's menu


def test_the_bylines_full_name_beats_the_shorter_writer_name(post):
    assert (post.author, post.credential) == ("Samuel Ortiz Rivera", "LMFT")
    assert post.other_names == ["Sam Rivera"]


def test_body_is_clean_markdown_and_every_paragraph_stays_one(post):
    assert [b.kind for b in post.body] == [PARAGRAPH, HEADING, OTHER, *[PARAGRAPH] * 3]
    assert post.body[0].markdown == (
        "Weeks fill up *fast*, so keep a **little** room for yourself."
    )
    assert post.body[2].markdown == "![A calm lake](wix-image:a.jpg)"
    assert post.body[3].markdown == "Who could you call?"
    assert [i.url for i in post.found.images] == ["https://static.wixstatic.com/media/a.jpg"]
    assert all("color" not in b.markdown and "viewerModel" not in b.markdown for b in post.body)


def test_without_json_ld_the_time_ago_title_and_meta_tags_serve():
    page = PAGE.split('<script type="application/ld+json">')[0] + PAGE.split("</script>", 1)[1]
    post = parse(Path("calm.html"), page, captured=CAPTURED, timezone=PACIFIC)
    assert post.title == "Finding Calm in a Busy Week"
    assert post.date == datetime(2023, 3, 14)
    assert post.modified is None
    assert post.other_names == ["Sam Rivera"]


def test_a_page_without_an_article_is_refused():
    with pytest.raises(SourceError) as raised:
        parse(
            Path("home.html"),
            "<html><body><p>Welcome!</p></body></html>",
            captured=CAPTURED,
            timezone=PACIFIC,
        )
    assert "no article body" in raised.value.message
    assert "data-hook" in raised.value.message


def test_pictures_a_browser_saved_beside_the_page_are_read_from_there(tmp_path):
    page = tmp_path / "post" / "finding-calm.html"
    saved = page.parent / "Finding Calm_files"
    saved.mkdir(parents=True)
    (saved / "lake photo.jpg").write_bytes(b"picture")
    (tmp_path / "secret.jpg").write_bytes(b"not the page's")
    html = PAGE.replace(
        "https://static.wixstatic.com/media/a.jpg", "Finding%20Calm_files/lake%20photo.jpg"
    ).replace("</section>", '<p><img src="../secret.jpg" alt="x"></p></section>')
    post = parse(page, html, captured=CAPTURED, timezone=PACIFIC)
    lake, outside = post.found.images
    assert lake.url == (saved / "lake photo.jpg").resolve().as_uri()
    assert not outside.url.startswith("file:")  # outside the page's folder: not read


def test_the_title_pasted_again_over_the_text_is_not_kept():
    html = PAGE.replace(
        "<div><p>By Samuel",
        "<div><h2><strong>Finding calm in a busy week!</strong></h2></div><div><p>By Samuel",
    )
    post = parse(Path("calm.html"), html, captured=CAPTURED, timezone=PACIFIC)
    assert post.body[0].text.startswith("Weeks fill up")
