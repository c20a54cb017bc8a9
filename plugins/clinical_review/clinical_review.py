"""Clinical review line and accessible references for articles.

- `Reviewed_by:` + `Last_reviewed:` metadata become `article.reviewer` (name,
  credential, author-page URL when that page exists) and
  `article.last_reviewed_date` / `article.locale_last_reviewed` for the theme's
  "Clinically reviewed by ..." line. Whether the reviewer is in the author list
  and reviewed after publishing is checked by the content_checks plugin; here
  we only refuse what would print a broken line (one field without the other,
  a date we can't read).
- Markdown footnotes become a "References" section: a real heading (reused when
  the author wrote `## References` right above the notes), back-links with a
  spoken label instead of a bare "↩", and note numbers that announce
  "References" to screen readers. typeset_markdown's Markdown reader makes this section
  as it reads each file (rewrite_along), so Pelican's content cache keeps it.
"""

import logging
import re

from pelican import signals
from pelican.contents import Article
from pelican.utils import strftime
from typeset_markdown.typeset_markdown import report_not_read, rewrite_along

from .review_dates import REVIEW_DATE_FIELD, REVIEWER_FIELD, ReviewMetadataError, parse_review_date

logger = logging.getLogger(__name__)

# Set in the metadata by typeset_markdown's reader once it has made the References section.
REFERENCES_KEY = "accessible_references"

# Python-Markdown's footnotes extension writes exactly this shape.
NOTES = re.compile(
    r'<div class="footnote">\s*<hr\s*/?>\s*(?P<list><ol>.*</ol>)\s*</div>', re.DOTALL
)
AUTHOR_HEADING = re.compile(r'<h2 id="(?P<id>[^"]+)"[^>]*>\s*References\s*</h2>\s*$')
ANY_REFERENCES_HEADING = re.compile(r"<h2[^>]*>\s*References\s*</h2>")
BACKLINK_TITLE = re.compile(r'title="Jump back to footnote (\d+) in the text">&#8617;')
NOTE_REF = re.compile(r'<a class="footnote-ref" href="#fn:')


def accessible_references(html):
    """Rewrite the footnotes block of rendered HTML as a labelled References section."""
    notes = NOTES.search(html)
    if not notes:
        return html
    before, after = html[: notes.start()], html[notes.end() :]
    heading = AUTHOR_HEADING.search(before)
    if heading:
        anchor = heading["id"]
        before = before[: heading.start()]
        title = "References"
    else:
        # A `## References` elsewhere (say, a hand-written list) keeps its name.
        title = "Notes" if ANY_REFERENCES_HEADING.search(html) else "References"
        anchor = title.lower()
        while f'id="{anchor}"' in html:
            anchor += "-list"
    notes_list = BACKLINK_TITLE.sub(
        r'aria-label="Back to reference \1 in the text">&#8617;&#65038;', notes["list"]
    )
    section = (
        f'<section class="references" aria-labelledby="{anchor}">\n'
        f'<h2 id="{anchor}">{title}</h2>\n{notes_list}\n</section>'
    )
    before = NOTE_REF.sub(f'<a class="footnote-ref" aria-describedby="{anchor}" href="#fn:', before)
    return before + section + after


def add_review_dates(content):
    """Parse the review date; refuse half-filled review metadata."""
    meta = content.metadata
    reviewer = meta.get(REVIEWER_FIELD.lower(), "").strip()
    reviewed_on = meta.get(REVIEW_DATE_FIELD.lower(), "").strip()
    content.last_reviewed_date = None
    if not reviewer and not reviewed_on:
        return
    source = content.relative_source_path
    if not reviewed_on:
        raise ReviewMetadataError(
            f"{source}: {REVIEWER_FIELD} is set but {REVIEW_DATE_FIELD} is missing: add "
            f"`{REVIEW_DATE_FIELD}: YYYY-MM-DD` (the day of the clinical review) or remove "
            f"{REVIEWER_FIELD}."
        )
    if not reviewer:
        raise ReviewMetadataError(
            f"{source}: {REVIEW_DATE_FIELD} is set but {REVIEWER_FIELD} is missing: add "
            f"`{REVIEWER_FIELD}: <name from content/data/authors.toml>` or remove "
            f"{REVIEW_DATE_FIELD}."
        )
    content.last_reviewed_date = parse_review_date(reviewed_on, source)
    content.locale_last_reviewed = strftime(content.last_reviewed_date, content.date_format)


def prepare_content(content):
    if isinstance(content, Article):
        try:
            add_review_dates(content)
        except ReviewMetadataError as problem:
            # Logged as an error: `--fatal warnings` stops the build with this text.
            logger.error("%s", problem)
    if REFERENCES_KEY not in content.metadata:
        report_not_read(content, "references", "its footnotes get no References section")


def link_reviewers(generator):
    """Give each reviewed article its reviewer's credential and author page (if any)."""
    profiles = generator.settings.get("AUTHORS_INFO", {})
    pages = {author.name: author.url for author, _ in generator.authors}
    for article in [*generator.articles, *generator.translations, *generator.hidden_articles,
                    *generator.drafts]:  # fmt: skip
        name = article.metadata.get(REVIEWER_FIELD.lower(), "").strip()
        article.reviewer = None
        if name:
            article.reviewer = {
                "name": name,
                "credential": profiles.get(name, {}).get("credential", ""),
                "url": pages.get(name, ""),
            }


def make_references_while_reading():
    rewrite_along(REFERENCES_KEY, accessible_references, files=[__file__])


def register():
    make_references_while_reading()
    signals.content_object_init.connect(prepare_content)
    signals.article_generator_finalized.connect(link_reviewers)
