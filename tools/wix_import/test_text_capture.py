"""A Wix post captured as text: title, metadata and body out of the chrome.

The capture below is made up for these tests, in the layout Wix pages have;
tests/test_import_wix.py imports the real captured page (tests/fixtures/wix_seeds/).
"""

from datetime import datetime
from pathlib import Path

import pytest

from tools.wix_import.blocks import HEADING, LIST, PARAGRAPH
from tools.wix_import.language import decide
from tools.wix_import.model import EmptyPost, SourceError
from tools.wix_import.text_capture import PAGE_TOPS, parse

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
    ],
)
def test_what_is_not_a_capture_is_refused_saying_what_was_expected(capture, expected):
    with pytest.raises(SourceError) as raised:
        parse(Path("odd.txt"), capture, captured=CAPTURED)
    assert expected in raised.value.message
    assert "expected the text of a Wix blog post page" in raised.value.message
    assert str(raised.value).startswith("odd.txt: ")


def test_a_post_with_a_title_and_no_text_is_an_empty_post_not_a_bad_file():
    with pytest.raises(EmptyPost) as raised:
        parse(Path("soon.txt"), CAPTURE.split("By Joanna")[0], captured=CAPTURED)
    assert "'Five Small Ways to Rest' has a title but no text" in raised.value.message


# What a browser's "select all" gives on a Wix post page (innerText): the site's
# menu and the blog's header, then writer, date and reading time, then the title;
# after the article its category labels, counters, other posts and the site's footer.
INNER_TEXT = """top of page
Home
About
Services
Blog
Contact
All Posts
Anxiety
Grief
Parenting
Search
Log in / Sign up
Writer's picture
Sam Ortiz
Jun 4, 2022
2 min read
Updated: Jun 9, 2022
When Grief Arrives Sideways

Grief rarely keeps to a schedule, and it often shows up when we least expect it to.

Let it come, and let it go again.

Grief
•
Parenting
Facebook
Twitter
LinkedIn
Link copied
48 views
1 comment
1 like. Post not marked as liked
Recent Posts
See All
Sleep and Worry
1 min read
12
0
Post not marked as liked
Our Office
12 Elm Street, Springfield
Book Now
bottom of page
"""


def test_innertext_layout_title_after_the_metadata_and_no_chrome_around_it():
    post = parse(Path("grief.txt"), INNER_TEXT, captured=CAPTURED)
    assert (post.title, post.author) == ("When Grief Arrives Sideways", "Sam Ortiz")
    assert (post.date, post.modified) == (datetime(2022, 6, 4), datetime(2022, 6, 9))
    assert [b.text for b in post.body] == [
        "Grief rarely keeps to a schedule, and it often shows up when we least expect it to.",
        "Let it come, and let it go again.",
    ]
    # The labels under the article are the blog's categories (its header lists them).
    assert (post.category, post.tags) == ("Grief", ["Parenting"])


def test_a_writer_line_without_label_between_title_and_date_is_the_author():
    capture = "top of page\n\nQuiet Hours\n\nSam Ortiz\n\nJun 4, 2022\n\n2 min read\n\n"
    capture += "Quiet is something we can practise.\n\nComments\n"
    post = parse(Path("quiet.txt"), capture, captured=CAPTURED)
    assert (post.title, post.author, post.date) == (
        "Quiet Hours",
        "Sam Ortiz",
        datetime(2022, 6, 4),
    )
    assert [b.text for b in post.body] == ["Quiet is something we can practise."]


SPANISH = """top of page

Descansar también es cuidarse

  • Escritor: Jo Park
    Jo Park
  • 9 de octubre de 2023
  • 3 min de lectura

Actualizado: 12 oct 2023

Por Joanna Park Lee, LMFT


Descansar no es perder el tiempo: es darle al cuerpo lo que necesita.

Empieza con cinco minutos al día.


Comentarios

Escribe un comentario...

Publicaciones recientes

Ver todo

Dormir mejor en invierno

2 min de lectura

bottom of page
"""


def test_a_capture_of_a_blog_shown_in_spanish():
    post = parse(Path("descanso.txt"), SPANISH, captured=CAPTURED)
    assert post.title == "Descansar también es cuidarse"
    assert (post.author, post.credential, post.other_names) == (
        "Joanna Park Lee",
        "LMFT",
        ["Jo Park"],
    )
    assert (post.date, post.modified) == (datetime(2023, 10, 9), datetime(2023, 10, 12))
    assert [b.text for b in post.body] == [
        "Descansar no es perder el tiempo: es darle al cuerpo lo que necesita.",
        "Empieza con cinco minutos al día.",
    ]
    assert decide(post.statements)[0] == "es"
    assert decide(parse(Path("rest.txt"), CAPTURE, captured=CAPTURED).statements)[0] == ""


@pytest.mark.parametrize(
    "bylines",
    [
        "By Joanna Park Lee, LMFT\nBy Sam Ortiz, PhD, LPC",
        "By Joanna Park Lee, LMFT\n\nBy Sam Ortiz, PhD, LPC",
        "By Joanna Park Lee, LMFT and Sam Ortiz, PhD, LPC",
    ],
)
def test_a_second_byline_is_a_co_author_for_a_person_not_text(bylines):
    post = parse(
        Path("rest.txt"), CAPTURE.replace("By Joanna Park Lee, LMFT", bylines), captured=CAPTURED
    )
    assert (post.author, post.credential) == ("Joanna Park Lee", "LMFT")
    assert not any("Ortiz" in b.text for b in post.body)
    (note,) = [n for n in post.notes if n.startswith("TODO co-author")]
    assert "Sam Ortiz, PhD, LPC" in note


def test_the_title_repeated_over_the_article_is_not_kept():
    capture = CAPTURE.replace("By Joanna", "Five Small Ways to Rest\n\nBy Joanna")
    post = parse(Path("rest.txt"), capture, captured=CAPTURED)
    assert post.body[0].text.startswith("Rest is more than sleep.")


def test_chrome_after_the_article_is_dropped_and_tags_under_a_label_are_read():
    end = (
        "Tags:\n\nSleep\n\nSelf-care\n\nCategories:\n\nWellbeing\n\n"
        "Facebook\nX (Twitter)\nLinkedIn\nCopy link\n\n1 like. Post not marked as liked\n\n"
        "12 views0 comments\n\nComments\n\nAna R.\nJan 14\n\nThank you, this helped.\n\n"
        "Like\nReply\n"
    )
    post = parse(Path("rest.txt"), CAPTURE.replace("Comments\n", end), captured=CAPTURED)
    assert (post.category, post.tags) == ("Wellbeing", ["Sleep", "Self-care"])
    assert post.body[-1].text.startswith("More at https://example.org/rest")
    text = " ".join(b.text for b in post.body)
    for chrome in ("Tags", "Facebook", "Copy link", "liked", "views", "Ana R.", "Thank you"):
        assert chrome not in text


def test_lines_of_one_paragraph_stay_lines_and_a_list_of_links_is_not_joined_to_the_next():
    links = (
        "Where to find help near you and online, from the people we trust most:\n\n"
        "Crisis line – https://example.org/crisis\nSupport groups – https://example.org/groups\n\n"
        "Photo: a lamp by a window at dusk\n\nSee you next week."
    )
    capture = CAPTURE.replace(
        "More at https://example.org/rest or write to hello@example.org.", links
    )
    post = parse(Path("rest.txt"), capture, captured=CAPTURED)
    markdown = [b.markdown for b in post.body]
    assert (
        "Crisis line – <https://example.org/crisis>  \n"
        "Support groups – <https://example.org/groups>"
    ) in markdown
    # A caption stays a paragraph (not a heading), and the missing picture is reported.
    assert "Photo: a lamp by a window at dusk" in markdown and markdown[-1] == "See you next week."
    assert any(n.startswith("TODO picture") and "lamp" in n for n in post.notes)


def test_characters_that_show_nothing_are_dropped():
    capture = CAPTURE.replace("Five Small", "Five\u200b Small\u200e").replace(
        "Rest is more", "Rest\u00ad is\x0b more\x07"
    )
    post = parse(Path("rest.txt"), capture, captured=CAPTURED)
    assert post.title == "Five Small Ways to Rest"
    assert post.body[0].text.startswith("Rest is more than sleep.")


def capture_with(
    meta, body="Quiet is something we can practise.\n\nComments (2)\n\nAna\nJun 5\nYes!\n"
):
    return f"top of page\n\nQuiet Hours\n\n{meta}\n\n{body}"


@pytest.mark.parametrize(
    "meta",
    [
        "Sam Ortiz\nJun 4, 2022",  # the blog shows no reading time
        "Sam Ortiz\n·\nJun 4, 2022\n·\n2 min read",  # a phone's layout: separators on lines
        "Writer's picture\nSam Ortiz\nJun 4, 2022\n2 min read",  # the avatar under the title
        "Sam Ortiz · Jun 4, 2022 · 2 min read",
        "Sam Ortiz\nAdmin\nJun 4, 2022 · 2 min read · 48 views",  # an owner's badge, a counter
    ],
)
def test_the_title_first_layouts_without_a_writer_label(meta):
    post = parse(Path("quiet.txt"), capture_with(meta), captured=CAPTURED)
    assert (post.title, post.author, post.date) == (
        "Quiet Hours",
        "Sam Ortiz",
        datetime(2022, 6, 4),
    )
    assert [b.text for b in post.body] == ["Quiet is something we can practise."]


def test_a_date_line_is_no_capture_without_wix_around_it():
    with pytest.raises(SourceError, match='no "Writer:" or "N min read" line'):
        parse(
            Path("notes.txt"),
            "Team notes\n\nJun 4, 2022\n\nCall the landlord.\n",
            captured=CAPTURED,
        )


def test_the_blogs_list_of_posts_is_refused_as_not_one_post():
    listing = (
        "top of page\nAll Posts\nSearch\nLog in / Sign up\n"
        "Sam Ortiz\nJun 4, 2022\n2 min read\nQuiet Hours\nQuiet is something...\n"
        "12 views\n0 comments\nPost not marked as liked\n"
        "Sam Ortiz\nMay 2, 2022\n3 min read\nSleep and Worry\nWorry likes...\n8 views\n"
        "bottom of page\n"
    )
    with pytest.raises(SourceError, match="this is a list of posts"):
        parse(Path("blog.txt"), listing, captured=CAPTURED)


def test_a_written_by_line_with_a_colon_and_a_doctors_title():
    capture = CAPTURE.replace(
        "By Joanna Park Lee, LMFT", "Written by: Dr. Joanna Park Lee, Ph.D., LCSW-S"
    )
    post = parse(Path("rest.txt"), capture, captured=CAPTURED)
    assert (post.author, post.credential) == ("Joanna Park Lee", "Ph.D., LCSW-S")
    assert not any("Written" in b.text for b in post.body)


def test_a_photo_credit_is_no_heading_and_is_listed_and_a_source_line_is_plain_text():
    body = (
        "Rest is more than sleep, and most of us get far fewer breaks than we need.\n\n"
        "Photo by Jo Park on Unsplash\n\nSo start small.\n\n"
        "Source: a survey of our clients\n\nThat is all.\n\nComments\n"
    )
    post = parse(Path("rest.txt"), capture_with("Jo Park\nJun 4, 2022", body), captured=CAPTURED)
    assert [b.kind for b in post.body] == [PARAGRAPH] * 5
    (note,) = [n for n in post.notes if n.startswith("TODO picture")]
    assert "Photo by Jo Park on Unsplash" in note


def test_two_pages_pasted_into_one_file_are_refused_saying_so():
    second = len(CAPTURE.splitlines()) + 1
    with pytest.raises(SourceError) as raised:
        parse(Path("two.txt"), CAPTURE + CAPTURE, captured=CAPTURED)
    assert f'holds 2 pages (lines 1, {second} each say "top of page")' in raised.value.message


def test_updated_under_the_byline_and_the_title_repeated_in_capitals():
    capture = CAPTURE.replace("Updated: Feb 3\n", "").replace(
        "By Joanna Park Lee, LMFT",
        "FIVE SMALL WAYS TO REST.\n\nBy Joanna Park Lee, LMFT\n\nUpdated: Feb 3",
    )
    post = parse(Path("rest.txt"), capture, captured=CAPTURED)
    assert post.modified == datetime(2026, 2, 3)
    assert post.body[0].text.startswith("Rest is more than sleep.")


def test_asterisk_bullets_make_a_list():
    capture = CAPTURE.replace("• a slow cup of tea\n• five", "* a slow cup of tea\n* five")
    post = parse(Path("rest.txt"), capture, captured=CAPTURED)
    assert post.body[3].markdown == "- a slow cup of tea\n- five minutes outside"


def test_paragraphs_a_capture_kept_no_blank_line_between_stay_paragraphs():
    one = "Rest is more than sleep: it is any moment that lets the body stand down, and we get few."
    two = "Start with what you already do each day, and make it a little slower than it was before."
    body = (
        f"{one} Most of us need more of them.\nWhere to begin\n{two} Then notice it.\n"
        "Call us:\n(555) 010-2233\nComments\n"
    )
    post = parse(Path("rest.txt"), capture_with("Jo Park\nJun 4, 2022", body), captured=CAPTURED)
    assert [b.markdown for b in post.body] == [
        f"{one} Most of us need more of them.",
        "## Where to begin",
        f"{two} Then notice it.",
        "Call us:  \n(555) 010-2233",
    ]


def test_a_credential_on_the_writer_line_is_no_part_of_the_name():
    capture = CAPTURE.replace("By Joanna Park Lee, LMFT", "").replace("Jo Park", "Jo Park, LCSW")
    post = parse(Path("rest.txt"), capture, captured=CAPTURED)
    assert (post.author, post.credential) == ("Jo Park", "LCSW")


def test_a_last_line_that_is_a_menu_item_is_text_not_a_category():
    capture = INNER_TEXT.replace("Let it come, and let it go again.\n", "Let it come.\n\nContact\n")
    post = parse(Path("grief.txt"), capture, captured=CAPTURED)
    assert post.body[-1].text == "Contact" and post.category == "Grief"


SPANISH_INNER_TEXT = """Inicio
Sobre nosotros
Todas las publicaciones
Descanso
Familias
Buscar
Iniciar sesión / Registrarse
Foto del escritor
Jo Park
9 oct 2023
2 min de lectura
Actualizado: 12 oct 2023
¿Qué es el descanso?

Descansar es darle al cuerpo una pausa de verdad, y casi siempre \
necesitamos más de las que nos damos en la semana.

Empieza por poco.

Descanso
•
Familias
Facebook
X (Twitter)
LinkedIn
Enlace copiado
12 visualizaciones
0 comentarios
Publicación no marcada como Me gusta
Publicaciones recientes
Ver todo
Otra entrada
1 min de lectura
"""


def test_a_browsers_select_all_of_a_blog_shown_in_spanish():
    post = parse(Path("descanso.txt"), SPANISH_INNER_TEXT, captured=CAPTURED)
    assert (post.title, post.author) == ("¿Qué es el descanso?", "Jo Park")
    assert (post.date, post.modified) == (datetime(2023, 10, 9), datetime(2023, 10, 12))
    assert (post.category, post.tags) == ("Descanso", ["Familias"])
    assert [b.text for b in post.body][-1] == "Empieza por poco."
    assert len(post.body) == 2 and decide(post.statements)[0] == "es"


def test_a_paragraph_that_starts_with_a_number_of_views_is_text():
    body = "3 views of anxiety we often hear, and why each is only part of it.\n\nComments\n"
    post = parse(Path("a.txt"), capture_with("Jo Park\nJun 4, 2022", body), captured=CAPTURED)
    assert [b.text for b in post.body] == [
        "3 views of anxiety we often hear, and why each is only part of it."
    ]


@pytest.mark.parametrize("top", sorted(PAGE_TOPS))
def test_the_title_under_the_pages_top_in_any_of_its_wordings(top):
    capture = capture_with("Jun 4, 2022\n2 min read").replace("top of page", top, 1)
    post = parse(Path("quiet.txt"), capture, captured=CAPTURED)
    assert (post.title, post.date) == ("Quiet Hours", datetime(2022, 6, 4))
