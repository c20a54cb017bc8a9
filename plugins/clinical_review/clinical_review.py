"""Clinical review line and accessible references for articles.

- `Reviewed_by:` + `Last_reviewed:` metadata become `article.reviewer` (name,
  credential, author-page URL when that page exists) and
  `article.last_reviewed_date` / `article.locale_last_reviewed` for the theme's
  "Clinically reviewed by ..." line. Whether the reviewer is in the author list
  and reviewed after publishing is checked by the content_checks plugin; here
  we only refuse what would print a broken line (one field without the other,
  a date we can't read).
- Markdown footnotes become a "References" section: a real heading (reused when
  the author wrote one right above the notes: `## References`, `## Sources`,
  `## Referencias`...), back-links with a spoken label instead of a bare "↩", and
  note numbers that announce "References" to screen readers; in the article's
  language (the theme's catalog: "Referencias", "Volver a la referencia 1 del
  texto"). typeset_markdown's Markdown reader makes this section as it reads each
  file (rewrite_along), so Pelican's content cache keeps it.
"""

import logging
from html import escape
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.utils import strftime
from typeset_markdown.typeset_markdown import report_not_read, rewrite_along

from sitebuild.html_text import parse_html

from .review_dates import REVIEW_DATE_FIELD, REVIEWER_FIELD, ReviewMetadataError, parse_review_date

logger = logging.getLogger(__name__)

# Set in the metadata by typeset_markdown's reader once it has made the References section.
REFERENCES_KEY = "accessible_references"

# What Python-Markdown's footnotes extension writes on each back-link.
BACKLINK_TITLE = "Jump back to footnote "
# Headings an author may write above the footnotes, in the site's languages (lowercase).
REFERENCES_HEADINGS = {
    *("references", "sources", "bibliography", "works cited", "citations", "notes"),
    *("referencias", "fuentes", "bibliografía", "obras citadas", "citas", "notas"),
}
# The theme's catalogs give the section's words in the article's language.
CATALOGS = sorted((Path(__file__).resolve().parents[2] / "theme" / "translations").glob("*/*/*.po"))


def accessible_references(html, gettext=str):
    """Rewrite the footnotes block of rendered HTML as a labelled References section,
    its words translated by `gettext` (English as written without one)."""
    tree = parse_html(html, fragment=True)
    notes = tree.css_first("div.footnote")
    notes_list = notes.css_first("ol") if notes else None
    if notes_list is None:
        return html
    heading, gap = notes.prev, []
    while heading is not None and heading.is_empty_text_node:
        heading, gap = heading.prev, [*gap, heading]
    if heading is not None and heading.tag == "h2" and heading.id and is_references(heading):
        anchor, title = heading.id, " ".join(heading.text().split())
        for node in [heading, *gap]:
            node.decompose()
    else:
        # A `## References` elsewhere (say, a hand-written list) keeps its name.
        title = "Notes" if any(map(is_references, tree.css("h2"))) else "References"
        anchor, title = title.lower(), gettext(title)
        while tree.css_first(f"#{anchor}"):
            anchor += "-list"
    for link in notes_list.css("a.footnote-backref"):
        said = link.attrs.get("title") or ""
        if said.startswith(BACKLINK_TITLE):
            del link.attrs["title"]
            number = said[len(BACKLINK_TITLE) :].removesuffix(" in the text")
            label = gettext("Back to reference %(number)s in the text") % {"number": number}
            link.attrs["aria-label"] = label
            link.first_child.replace_with("\u21a9\ufe0e")  # ↩ as text, not as an emoji
    for note_ref in tree.css("a.footnote-ref"):
        href = note_ref.attrs["href"]  # written again after the label, as before
        del note_ref.attrs["href"]
        note_ref.attrs["aria-describedby"] = anchor
        note_ref.attrs["href"] = href
    section = (
        f'<section class="references" aria-labelledby="{escape(anchor)}">\n'
        f'<h2 id="{escape(anchor)}">{escape(title)}</h2>\n{notes_list.html}\n</section>'
    )
    notes.replace_with(parse_html(section, fragment=True).root)
    return tree.html


def is_references(heading):
    return " ".join(heading.text().split()).lower() in REFERENCES_HEADINGS


def references_in_language(html, metadata, settings):
    """rewrite_along: the References section in the article's language."""
    from i18n.i18n import translations  # here: i18n imports content_checks, which imports us

    lang = metadata.get("lang") or settings["DEFAULT_LANG"]
    return accessible_references(html, translations(settings, lang).gettext)


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
    rewrite_along(
        REFERENCES_KEY,
        references_in_language,
        files=[__file__, *CATALOGS],
        libraries=["selectolax", "babel"],
    )


def register():
    make_references_while_reading()
    signals.content_object_init.connect(prepare_content)
    signals.article_generator_finalized.connect(link_reviewers)
