"""What every parser returns: one Post per article, or a SourceError."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


class SourceError(Exception):
    """A source file that can't be understood; nothing gets written."""

    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")
        self.path = Path(path)
        self.message = message


class EmptyPost(SourceError):
    """A post read whole that has no text (pictures or a video only): it is left out
    and listed, while the other posts are imported."""


@dataclass
class Post:
    """One article as read from a source, before it becomes a Markdown file.

    `body` holds blocks.Block items (paragraphs, headings, lists), in order.
    `notes` say where a value came from when the author should know (a year
    that was guessed, an image left behind); they are printed as warnings.
    """

    source: Path
    title: str = ""
    date: datetime | None = None
    modified: datetime | None = None
    author: str = ""
    credential: str = ""
    other_names: list[str] = field(default_factory=list)  # e.g. the shorter "Writer:" name
    category: str = ""
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    body: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    origin: str = ""  # which entry of a feed, for messages
    old_url: str = ""  # the post's address on the Wix site
    teaser: str = ""  # the page's description or the feed's excerpt
    cover: object = None  # media.Image for the Image: field
    found: object = None  # media.Found: images, videos, links of the body
    needs_page: bool = False  # an excerpt-only feed entry: the text is on the post page
    source_category: str = ""  # as the source names it, before --category-map
    # What the source says about its language: language.statement() tuples, and its
    # versions in other languages {language: address} (hreflang alternates).
    statements: list = field(default_factory=list)
    alternates: dict = field(default_factory=dict)
    lang: str = ""  # the language decided (language.decide), "" for the site's default
    translation_of: str = ""  # the slug of its default-language version, when linked
