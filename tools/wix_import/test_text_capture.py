"""A Wix post captured as text: title, metadata and body out of the chrome.

The capture below is made up for these tests, in the layout Wix pages have;
tests/test_import_wix.py imports the real captured page (tests/fixtures/wix_seeds/).
"""

from datetime import datetime
from pathlib import Path

import pytest

from tools.wix_import.blocks import HEADING, LIST, PARAGRAPH
from tools.wix_import.model import SourceError
from tools.wix_import.text_capture import parse

CAPTURED = datetime(2026, 3, 2, 10, 0)
CAPTURE = """top of page

Five Small Ways to Rest

  • Writer: Jo Park
    Jo Park
  • Jan 12
  • 2 min read

Updated: Feb 3

By Joanna Park Lee, LMFT


Rest is more than sleep. It is any moment that lets the body stand down, \
and most of us get far fewer of them than we need in a busy week, which is why this post is

about small and ordinary things.

Where to begin

Start with what you already do:

• a slow cup of tea
• five minutes outside

Could you try one today?

...or tomorrow?

...or this weekend?

More at https://example.org/rest or write to hello@example.org.
\xa0
\xa0

Comments

12 views
bottom of page
"""


@pytest.fixture
def post():
    return parse(Path("rest.txt"), CAPTURE, captured=CAPTURED)


def test_title_dates_and_the_bylines_full_name(post):
    assert post.title == "Five Small Ways to Rest"
    assert post.date == datetime(2026, 1, 12)
    assert post.modified == datetime(2026, 2, 3)
    assert (post.author, post.credential) == ("Joanna Park Lee", "LMFT")
    assert post.other_names == ["Jo Park"]
    assert any("2026" in note and "--year" in note for note in post.notes)


def test_body_keeps_the_article_and_drops_the_chrome(post):
    kinds = [b.kind for b in post.body]
    assert kinds == [PARAGRAPH, HEADING, PARAGRAPH, LIST, LIST, PARAGRAPH]
    text = " ".join(b.markdown for b in post.body)
    for chrome in ("top of page", "Writer", "min read", "Updated", "Comments", "views", "LMFT"):
        assert chrome not in text
    assert post.body[0].text.endswith("which is why this post is about small and ordinary things.")
    assert post.body[1].markdown == "## Where to begin"
    assert post.body[3].markdown == "- a slow cup of tea\n- five minutes outside"
    assert post.body[4].markdown.splitlines()[1] == "- ...or tomorrow?"
    assert "<https://example.org/rest>" in post.body[5].markdown


def test_year_option_is_used_for_both_dates():
    post = parse(Path("rest.txt"), CAPTURE, captured=CAPTURED, year=2021)
    assert (post.date, post.modified) == (datetime(2021, 1, 12), datetime(2021, 2, 3))


def test_the_writer_line_is_the_author_when_there_is_no_byline():
    capture = CAPTURE.replace("By Joanna Park Lee, LMFT", "")
    post = parse(Path("rest.txt"), capture, captured=CAPTURED)
    assert post.author == "Jo Park" and post.other_names == []


def test_tags_and_category_lines_are_read():
    capture = CAPTURE.replace("Comments", "Category: Self-care\nTags: rest, #sleep\n\nComments")
    post = parse(Path("rest.txt"), capture, captured=CAPTURED)
    assert (post.category, post.tags) == ("Self-care", ["rest", "sleep"])


def test_metadata_on_one_line_and_relative_dates_are_read():
    capture = "Rest Notes\n\nJo Park · 3 days ago · 1 min read\n\nOne paragraph.\n\nComments\n"
    post = parse(Path("rest.txt"), capture, captured=CAPTURED)
    assert (post.title, post.author, post.date) == ("Rest Notes", "Jo Park", datetime(2026, 2, 27))
    assert [b.markdown for b in post.body] == ["One paragraph."]
    assert any("relative" in note for note in post.notes)


@pytest.mark.parametrize(
    "capture,expected",
    [
        ("Grocery list\n\nmilk\neggs\n", 'no "Writer:" or "N min read" line'),
        (CAPTURE.replace("  • Jan 12\n", ""), "no publish date"),
        ("top of page\n\n  • Writer: Jo\n  • Jan 2\n  • 1 min read\n\nComments\n", "no title"),
        (CAPTURE.split("By Joanna")[0], "no article text"),
    ],
)
def test_what_is_not_a_capture_is_refused_saying_what_was_expected(capture, expected):
    with pytest.raises(SourceError) as raised:
        parse(Path("odd.txt"), capture, captured=CAPTURED)
    assert expected in raised.value.message
    assert "expected the text of a Wix blog post page" in raised.value.message
    assert str(raised.value).startswith("odd.txt: ")
