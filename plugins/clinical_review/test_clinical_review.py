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
)
from clinical_review.review_dates import ReviewMetadataError


def render(text):
    """Markdown the way our settings render it (extra brings footnotes; toc gives ids)."""
    return markdown.markdown(
        text, extensions=["markdown.extensions.extra", "markdown.extensions.toc"],
        output_format="html5",
    )  # fmt: skip


CITED = "A claim.[^one] Another.[^two]\n\n[^one]: First source.\n[^two]: Second source.\n"


def test_footnotes_become_a_labelled_references_section_with_spoken_back_links():
    html = accessible_references(render(CITED))
    assert '<section class="references" aria-labelledby="references">' in html
    assert '<h2 id="references">References</h2>' in html
    assert '<div class="footnote">' not in html and "<hr" not in html
    assert 'aria-label="Back to reference 1 in the text"' in html
    assert 'aria-label="Back to reference 2 in the text"' in html
    assert "Jump back to footnote" not in html
    assert html.count('aria-describedby="references" href="#fn:') == 2
    assert html.index("A claim.") < html.index("<section") < html.index("First source.")


def test_a_references_heading_written_by_the_author_is_reused_not_repeated():
    html = accessible_references(render("A claim.[^one]\n\n## References\n\n[^one]: Source.\n"))
    assert html.count(">References</h2>") == 1
    assert '<section class="references" aria-labelledby="references">\n<h2 id="references">' in html


def test_notes_beside_a_hand_written_reference_list_get_their_own_name():
    text = "A claim.[^one]\n\n## References\n\n1. A book.\n\n## Later\n\nMore.\n\n[^one]: Aside.\n"
    html = accessible_references(render(text))
    assert html.count(">References</h2>") == 1
    assert '<h2 id="notes">Notes</h2>' in html
    assert 'aria-describedby="notes"' in html


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
