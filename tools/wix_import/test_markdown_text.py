"""Plain text written as Markdown reads back as the same text."""

import markdown
import pytest
from bs4 import BeautifulSoup

from tools.wix_import.markdown_text import text_to_markdown


def rendered(markdown_text):
    html = markdown.markdown(markdown_text, extensions=["extra"])
    return BeautifulSoup(html, "html.parser")


@pytest.mark.parametrize(
    "text",
    [
        "1. Not a list, just a sentence with a number.",
        "- not a list",
        "# not a heading",
        "> not a quote",
        "Stars *stay* stars and _underscores_ stay [too](here).",
        "Tags like <b>this</b> and entities like &amp; stay visible.",
        "...to find common ground?",
    ],
)
def test_special_characters_stay_literal(text):
    page = rendered(text_to_markdown(text))
    assert [p.name for p in page.find_all(True)] == ["p"]
    assert page.get_text() == text


def test_web_and_email_addresses_become_links():
    page = rendered(text_to_markdown("See https://example.org/a_b. Or write to me@example.org!"))
    links = page.find_all("a")
    assert links[0]["href"] == "https://example.org/a_b"
    assert links[1].get_text() == "me@example.org"
    assert page.get_text() == "See https://example.org/a_b. Or write to me@example.org!"
