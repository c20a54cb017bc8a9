"""Article HTML to Markdown blocks: structure and inline formatting kept,
what the site can't show left out with a note."""

import markdown
from bs4 import BeautifulSoup

from tools.wix_import.blocks import HEADING, LIST, OTHER, PARAGRAPH
from tools.wix_import.html_to_markdown import html_to_blocks, visible_text
from tools.wix_import.media import Found


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


def test_images_are_kept_at_their_original_size_with_their_captions():
    found = Found()
    blocks = html_to_blocks(
        '<p>Before.</p><figure><img src="https://static.wixstatic.com/media/ab~mv2.jpg/v1/fill/'
        'w_147,h_98,blur_2/ab~mv2.jpg" alt="A lake"><figcaption>Dawn</figcaption></figure>'
        '<figure><img src="https://static.wixstatic.com/media/cd.png"></figure>'
        '<iframe src="https://video.example.com/v"></iframe><p>After.</p>',
        [],
        found,
    )
    assert [b.markdown for b in blocks] == [
        "Before.",
        "![A lake](wix-image:ab-mv2.jpg)\n\n*Dawn*",
        "![TODO: describe this image](wix-image:cd.png)",
        "[Embedded content on video.example.com](https://video.example.com/v)",
        "After.",
    ]
    assert [i.url for i in found.images] == [
        "https://static.wixstatic.com/media/ab~mv2.jpg",
        "https://static.wixstatic.com/media/cd.png",
    ]
    assert [e.url for e in found.embeds] == ["https://video.example.com/v"]


def test_embeds_become_plain_links_to_their_page_and_wix_html_boxes_are_listed():
    found = Found()
    blocks = html_to_blocks(
        '<iframe src="https://www.instagram.com/p/C1a2/embed/"></iframe>'
        '<blockquote class="instagram-media" data-instgrm-permalink='
        '"https://www.instagram.com/reel/Xy9/?utm_source=ig"><a href="#">View</a></blockquote>'
        '<iframe src="https://open.spotify.com/embed/episode/4rO" title="Episode 12"></iframe>'
        '<iframe src="https://www.google.com/maps/embed?pb=!1m18" title="Our office"></iframe>'
        '<iframe src="https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook'
        '.com%2Fpractice%2Fposts%2F9"></iframe>'
        '<div><iframe src="https://abc.filesusr.com/html/cd0f76_01.html"></iframe></div>'
        '<audio src="https://static.wixstatic.com/mp3/cd0f76_g.mp3"></audio><p>After.</p>',
        [],
        found,
    )
    assert [b.markdown for b in blocks] == [
        "[Instagram post](https://www.instagram.com/p/C1a2/)",
        "[Instagram post](https://www.instagram.com/reel/Xy9/)",
        "[Episode 12](https://open.spotify.com/episode/4rO)",
        "[Map: Our office](https://www.google.com/maps/embed?pb=!1m18)",
        "[on Facebook](https://www.facebook.com/practice/posts/9)",
        "[Audio: audio](https://static.wixstatic.com/mp3/cd0f76_g.mp3)",
        "After.",
    ]
    assert len(found.embeds) == 5
    assert found.left_out == ["embedded iframe https://abc.filesusr.com/html/cd0f76_01.html"]
    assert found.videos[0].on_wix and found.videos[0].kind == "Audio"


def test_a_linked_picture_and_a_file_stored_on_wix_are_kept_and_the_file_listed():
    found = Found()
    blocks = html_to_blocks(
        '<div><a href="https://example.org/book"><img src="https://static.wixstatic.com/media/'
        'b.jpg" alt="Book now"></a></div>'
        '<p><a href="https://www.example.org/_files/ugd/cd0f76_h.pdf">Worksheet</a></p>',
        [],
        found,
    )
    assert [b.markdown for b in blocks] == [
        "[![Book now](wix-image:b.jpg)](https://example.org/book)",
        "[Worksheet](https://www.example.org/_files/ugd/cd0f76_h.pdf)",
    ]
    assert found.wix_files == ["https://www.example.org/_files/ugd/cd0f76_h.pdf"]


def test_a_table_without_header_cells_is_headed_by_its_first_row_and_invisibles_go():
    blocks = html_to_blocks(
        "<table><tr><td>7 am</td><td>Light</td></tr><tr><td>9 pm</td><td>Dark</td></tr></table>"
        "<p>zero\u200bwidth and soft\u00adhyphen</p><p>one<br>\u200b<br>two</p>",
        [],
    )
    assert [b.markdown for b in blocks] == [
        "| 7 am | Light |\n| --- | --- |\n| 9 pm | Dark |",
        "zerowidth and softhyphen",
        "one  \ntwo",  # one paragraph still: its invisible line is no blank line
    ]


def test_youtube_and_vimeo_embeds_become_links_with_the_videos_title():
    found = Found()
    blocks = html_to_blocks(
        '<iframe src="https://www.youtube.com/embed/abc123?rel=0" title="Breathing"></iframe>'
        '<div><iframe src="https://player.vimeo.com/video/42"></iframe></div>',
        [],
        found,
    )
    assert [b.markdown for b in blocks] == [
        "[Video: Breathing](https://www.youtube.com/watch?v=abc123)",
        "[Video: on Vimeo](https://vimeo.com/42)",
    ]
    assert len(found.videos) == 2


def test_wix_inline_styles_give_bold_and_italic_and_headings_drop_their_bold():
    html = (
        '<p><span style="font-weight:700">Bold</span> and '
        '<span style="font-style:italic">slanted</span> words.</p>'
        "<h2><strong>Heading</strong></h2><p><u>Label</u></p>"
    )
    assert [b.markdown for b in html_to_blocks(html, [])] == [
        "**Bold** and *slanted* words.",
        "## Heading",
        "**Label**",
    ]


def test_every_paragraph_stays_one_and_line_breaks_stay():
    html = "<p>Foto: one</p><p>Foto: two</p><p>Line one\n- line two</p>"
    blocks = html_to_blocks(html, [])
    assert [b.markdown for b in blocks] == ["Foto: one", "Foto: two", "Line one  \n\\- line two"]


def test_scheme_less_links_get_https_and_links_between_posts_are_marked():
    found = Found(blog_hosts={"www.example.org"})
    (block,) = html_to_blocks(
        '<p><a href="www.example.de/x">www.example.de/x</a> and '
        '<a href="https://www.example.org/post/other-post">that post</a> and '
        '<a href="https://elsewhere.org/post/x">elsewhere</a></p>',
        [],
        found,
    )
    assert block.markdown == (
        "[www.example.de/x](https://www.example.de/x) and [that post](wix-post:other-post) "
        "and [elsewhere](https://elsewhere.org/post/x)"
    )
    assert found.fixed_links == [("www.example.de/x", "https://www.example.de/x")]
    assert found.cross_links == {"other-post": "https://www.example.org/post/other-post"}


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


def test_a_wix_video_player_without_an_address_is_listed_not_dropped_silently():
    found = Found()
    blocks = html_to_blocks(
        '<p>Watch this.</p><div data-hook="videoPlayer"><div class="overlay"></div></div>'
        '<div data-hook="videoPlayer"><video src="https://video.wixstatic.com/video/ab/file.mp4">'
        "</video></div>",
        [],
        found,
    )
    assert [b.markdown for b in blocks] == [
        "Watch this.",
        "[Video: video](https://video.wixstatic.com/video/ab/file.mp4)",
    ]
    assert found.left_out == [
        "a video whose address the page does not hold (see the post on the old site)"
    ]
    assert found.videos[0].on_wix


def test_a_picture_inside_a_sentence_stays_in_its_line():
    (block,) = html_to_blocks(
        '<p>We like this: <img src="https://static.wixstatic.com/media/c.gif" alt="A cat"> '
        "it makes us smile.</p>",
        [],
    )
    assert block.markdown == "We like this: ![A cat](wix-image:c.gif) it makes us smile."


def test_links_to_the_old_sites_pages_become_whole_addresses_and_script_links_text():
    found = Found(base="https://www.old.org/post/this", blog_hosts={"www.old.org"})
    (block,) = html_to_blocks(
        '<p><a href="/book-online">Book</a>, <a href="../post/next">next</a>, '
        '<a href="javascript:alert(1)">click</a> and <a href="https://www.old.org/team">us</a>.</p>',
        [],
        found,
    )
    assert block.markdown == (
        "[Book](https://www.old.org/book-online), [next](wix-post:next), click and "
        "[us](https://www.old.org/team)."
    )
    assert found.old_site_links == ["https://www.old.org/book-online", "https://www.old.org/team"]
    assert found.cross_links == {"next": "https://www.old.org/post/next"}
    assert found.left_out == ["the javascript: link on 'click' (its text stays)"]


def test_struck_out_and_raised_text_keep_their_look_and_pass_the_sites_checks():
    from content_checks.markup import check_markup
    from content_checks.sources import parse as parse_source

    (block,) = html_to_blocks(
        "<p>Was <s>$90</s> now $80 for 1 m<sup>2</sup> of H<sub>2</sub>O.</p>", []
    )
    assert block.markdown == "Was <del>$90</del> now $80 for 1 m<sup>2</sup> of H<sub>2</sub>O."
    header = "Title: T\nDate: 2024-01-01\nAuthor: A\nCategory: C\nSlug: t\n"
    assert check_markup(parse_source("t.md", f"{header}\n{block.markdown}\n", "article")) == []
