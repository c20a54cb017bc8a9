from pathlib import Path

import markdown
import pytest
from pelican import Pelican, signals
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.utils import SafeDatetime

from clinical_review.clinical_review import (
    accessible_references,
    add_review_dates,
    link_reviewers,
    prepare_content,
    references_in_language,
)
from clinical_review.review_dates import ReviewMetadataError
from sitebuild.html_text import parse_html


def render(text):
    """Markdown the way our settings render it (extra brings footnotes; toc gives ids)."""
    return markdown.markdown(
        text, extensions=["markdown.extensions.extra", "markdown.extensions.toc"],
        output_format="html5",
    )  # fmt: skip


CITED = "A claim.[^one] Another.[^two]\n\n[^one]: First source.\n[^two]: Second source.\n"


def references(html, rewrite=True):
    """What a screen reader meets in the rewritten HTML: the References section's
    heading (id, words), the spoken back-links, and what each note number points to."""
    tree = parse_html(accessible_references(html) if rewrite else html, fragment=True)
    section = tree.css_first("section.references")
    heading = section.css_first("h2")
    assert section.attrs["aria-labelledby"] == heading.id
    return {
        "heading": (heading.id, heading.text()),
        "back-links": [(a.attrs.get("aria-label"), a.text()) for a in section.css("a[href]")],
        "notes point to": [a.attrs.get("aria-describedby") for a in tree.css("a.footnote-ref")],
        "headings": [h.text() for h in tree.css("h2")],
        "old shapes left": [n.tag for n in tree.css("div.footnote, hr, a[title]")],
    }


def test_footnotes_become_a_labelled_references_section_with_spoken_back_links():
    assert references(render(CITED)) == {
        "heading": ("references", "References"),
        "back-links": [
            ("Back to reference 1 in the text", "\u21a9\ufe0e"),
            ("Back to reference 2 in the text", "\u21a9\ufe0e"),
        ],
        "notes point to": ["references", "references"],
        "headings": ["References"],
        "old shapes left": [],
    }
    html = accessible_references(render(CITED))
    assert html.index("A claim.") < html.index("<section") < html.index("First source.")


def test_a_references_heading_written_by_the_author_is_reused_not_repeated():
    found = references(render("A claim.[^one]\n\n## References\n\n[^one]: Source.\n"))
    assert found["heading"] == ("references", "References")
    assert found["headings"] == ["References"]


def test_an_uppercase_heading_written_in_html_is_reused_too():
    text = 'A claim.[^one]\n\n<H2 ID="sources" CLASS="a>b">References</H2>\n\n[^one]: Source.\n'
    found = references(render(text))
    assert found["heading"] == ("sources", "References")
    assert found["headings"] == ["References"]


def test_notes_beside_a_hand_written_reference_list_get_their_own_name():
    text = "A claim.[^one]\n\n## References\n\n1. A book.\n\n## Later\n\nMore.\n\n[^one]: Aside.\n"
    found = references(render(text))
    assert found["heading"] == ("notes", "Notes")
    assert found["headings"] == ["References", "Later", "Notes"]
    assert found["notes point to"] == ["notes"]


def test_a_references_heading_in_a_comment_or_in_code_is_no_heading():
    text = (
        "A claim.[^one]\n\n<!-- <h2>References</h2> -->\n\n"
        '    <h2 id="references">References</h2>\n\n[^one]: Source.\n'
    )
    found = references(render(text))
    assert found["heading"] == ("references", "References")
    assert found["headings"] == ["References"]


@pytest.mark.parametrize("written", ["Sources", "Works cited", "Bibliography", "Referencias"])
def test_a_references_heading_by_another_common_name_is_reused_with_its_name(written):
    found = references(render(f"A claim.[^one]\n\n## {written}\n\n[^one]: Source.\n"))
    assert found["heading"][1] == written
    assert found["headings"] == [written]


def test_a_spanish_articles_references_are_in_spanish():
    """The words come from the theme's catalog for the article's language."""
    settings = read_settings(str(Path(__file__).resolve().parents[2] / "pelicanconf.py"))
    spanish = references_in_language(render(CITED), {"lang": "es"}, settings)
    found = references(spanish, rewrite=False)
    assert found["heading"] == ("references", "Referencias")
    assert [label for label, _ in found["back-links"]] == [
        "Volver a la referencia 1 del texto",
        "Volver a la referencia 2 del texto",
    ]
    english = references_in_language(render(CITED), {}, settings)
    assert references(english, rewrite=False)["heading"] == ("references", "References")


def test_text_without_footnotes_is_left_alone():
    html = render("## References\n\n1. A book.\n")
    assert accessible_references(html) == html


def article(**metadata):
    settings = {**DEFAULT_CONFIG, "DEFAULT_DATE_FORMAT": "%B %-d, %Y"}
    base = {"title": "T", "date": SafeDatetime(2025, 3, 18, 9, 0)}
    return Article("<p>Body</p>", metadata={**base, **metadata}, settings=settings,
                   source_path="content/articles/t.md")  # fmt: skip


def test_review_date_is_read_and_formatted_like_the_other_dates():
    reviewed = article(reviewed_by="Daniel Reyes", last_reviewed="2025-10-06")
    add_review_dates(reviewed)
    assert reviewed.last_reviewed_date.isoformat() == "2025-10-06"
    assert reviewed.locale_last_reviewed == "October 6, 2025"
    unreviewed = article()
    add_review_dates(unreviewed)
    assert unreviewed.last_reviewed_date is None


@pytest.mark.parametrize(
    "metadata,expected",
    [
        ({"reviewed_by": "Daniel Reyes"}, "Last_reviewed is missing"),
        ({"last_reviewed": "2025-10-06"}, "Reviewed_by is missing"),
        ({"reviewed_by": "Daniel Reyes", "last_reviewed": "Oct 6"}, "is not a date"),
    ],
)
def test_half_filled_or_unreadable_review_metadata_is_refused(metadata, expected):
    with pytest.raises(ReviewMetadataError, match=expected) as problem:
        add_review_dates(article(**metadata))
    assert "t.md" in str(problem.value)


def test_reviewer_links_to_an_author_page_only_when_one_exists(tmp_path):
    """A real Pelican run: only people who wrote a published article get an author page."""
    content = tmp_path / "content"
    content.mkdir()
    for title, author, reviewer, day in (
        ("A", "Ann Lee", "Bo Kim", 5),
        ("B", "Bo Kim", "Cy Dunn", 7),
    ):
        (content / f"{title}.md").write_text(
            f"Title: {title}\nDate: 2026-01-0{day}\nAuthor: {author}\nReviewed_by: {reviewer}\n"
            f"Last_reviewed: 2026-01-0{day + 1}\n\nText.\n",
            encoding="utf-8",
        )
    settings = read_settings(
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "PLUGIN_PATHS": [str(Path(__file__).resolve().parent.parent)],
            "PLUGINS": ["clinical_review"],
            "AUTHORS_INFO": {"Bo Kim": {"credential": "LMFT"}},
            "CACHE_CONTENT": False,
        }
    )
    seen = {}

    def remember(generator, content):
        seen[content.title] = (content.reviewer, content.locale_last_reviewed)

    signals.article_generator_write_article.connect(remember)
    try:
        Pelican(settings).run()
    finally:
        signals.article_generator_write_article.disconnect(remember)
        # Leave no receivers behind for other tests that run Pelican in this process.
        signals.content_object_init.disconnect(prepare_content)
        signals.article_generator_finalized.disconnect(link_reviewers)

    assert seen["A"] == ({"name": "Bo Kim", "credential": "LMFT", "url": "author/bo-kim.html"},
                         "Tue 06 January 2026")  # fmt: skip
    assert seen["B"][0] == {"name": "Cy Dunn", "credential": "", "url": ""}
