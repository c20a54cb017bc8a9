"""Article HTML to Markdown blocks: structure and inline formatting kept,
what the site can't show left out with a note."""

import markdown
from bs4 import BeautifulSoup

from tools.wix_import.blocks import HEADING, LIST, OTHER, PARAGRAPH
from tools.wix_import.html_to_markdown import html_to_blocks, visible_text


def test_structure_emphasis_and_links_survive_wrapper_divs():
    notes = []
    blocks = html_to_blocks(
        "<div><div><p>Some <em>gentle</em> and <strong>firm</strong> words, "
        '<a href="https://example.org/x">a link</a>.</p></div>'
        "<div><h3>Next</h3></div><ol><li>one</li><li>two</li></ol>"
        "<blockquote><p>Quoted.</p></blockquote></div>",
        notes,
    )
    assert [b.kind for b in blocks] == [PARAGRAPH, HEADING, LIST, OTHER]
    assert blocks[0].markdown == (
        "Some *gentle* and **firm** words, [a link](https://example.org/x)."
    )
    assert blocks[0].text == "Some gentle and firm words, a link."
    assert blocks[1].markdown == "### Next"
    assert blocks[2].markdown == "1. one\n2. two"
    assert blocks[3].markdown == "> Quoted."
    assert notes == []


def test_an_h1_in_the_body_steps_down_below_the_title():
    blocks = html_to_blocks("<h1>Part one</h1><p>x</p><h2>Detail</h2>", [])
    assert [b.markdown for b in blocks] == ["## Part one", "x", "### Detail"]


def test_images_and_embeds_are_left_out_with_a_note():
    notes = []
    blocks = html_to_blocks(
        '<p>Before.</p><figure><img src="https://static.wixstatic.com/m.jpg" alt="A lake">'
        "<figcaption>Dawn</figcaption></figure>"
        '<iframe src="https://video.example.com/v"></iframe><p>After.</p>',
        notes,
    )
    assert [b.markdown for b in blocks] == ["Before.", "After."]
    assert "https://static.wixstatic.com/m.jpg" in notes[0] and '"A lake"' in notes[0]
    assert '"Dawn"' in notes[0] and "content/images/" in notes[0]
    assert "https://video.example.com/v" in notes[1]


def test_literal_markdown_characters_and_list_like_starts_stay_text():
    html = "<p>1. Not a list *really* [ok] &lt;b&gt; &amp;amp; snake_case</p>"
    markdown_text = html_to_blocks(html, [])[0].markdown
    page = BeautifulSoup(markdown.markdown(markdown_text, extensions=["extra"]), "html.parser")
    assert [t.name for t in page.find_all(True)] == ["p"]
    assert page.get_text() == "1. Not a list *really* [ok] <b> &amp; snake_case"


def test_in_page_anchors_keep_their_text_and_spacers_vanish():
    blocks = html_to_blocks('<p>&nbsp;</p><p>See <a href="#viewer-1">below</a>.</p><hr>', [])
    assert [b.markdown for b in blocks] == ["See below."]


def test_footnotes_go_back_to_markdown_footnotes():
    # What Python-Markdown's footnotes extension writes for "[^src]".
    html = markdown.markdown(
        "A claim.[^src]\n\n[^src]: A *source*, 2020.", extensions=["footnotes"]
    )
    blocks = html_to_blocks(html, [])
    assert [b.markdown for b in blocks] == ["A claim.[^src]", "[^src]: A *source*, 2020."]


def test_visible_text_keeps_punctuation_next_to_inline_tags():
    page = BeautifulSoup("<p>It is <em>hard</em>.</p><p>Next</p>", "html.parser")
    assert visible_text(page) == "It is hard. Next"
