"""Read the fixture site's metadata straight from the Markdown sources, so
tests compare the built pages with what the author wrote, not with the code."""

import math
import re
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sitebuild.headers import read_header

ROOT = Path(__file__).resolve().parent.parent
# The tests' own content: articles, pages, images and data that clinicians never edit, so
# that deleting or rewriting the sample articles in content/ breaks no test. Builds read
# it through SITE_CONTENT, which pelicanconf.py honours (conftest.invoke sets it).
FIXTURE_SITE = Path(__file__).resolve().parent / "fixtures" / "site"
ARTICLES = FIXTURE_SITE / "articles"
AUTHORS = tomllib.loads((FIXTURE_SITE / "data" / "authors.toml").read_text())


@dataclass
class Source:
    path: Path
    meta: dict
    body: str
    tags: list = field(default_factory=list)

    @property
    def is_draft(self):
        return self.meta.get("status", "published").lower() == "draft"

    @property
    def date(self):
        return datetime.fromisoformat(self.meta["date"])

    @property
    def modified(self):
        return datetime.fromisoformat(self.meta["modified"]) if "modified" in self.meta else None

    @property
    def words(self):
        prose = re.sub(r"\]\([^)]*\)", " ", self.body)  # drop link targets
        return len([w for w in prose.split() if re.search(r"\w", w)])

    @property
    def minutes(self):
        return max(1, math.ceil(self.words / 250))


def read_source(path):
    header = read_header(path)
    meta, body = header.values(), "\n".join(header.body_lines)
    tags = [t.strip() for t in meta.get("tags", "").split(",") if t.strip()]
    return Source(Path(path), meta, body, tags)


def articles():
    return [read_source(p) for p in sorted(ARTICLES.glob("*.md"))]


def published_articles():
    return [a for a in articles() if not a.is_draft]


def spanish_articles():
    """The Spanish articles (articles/es/, `Lang: es`), drafts included."""
    return [read_source(p) for p in sorted((ARTICLES / "es").glob("*.md"))]


def published_spanish_articles():
    return [a for a in spanish_articles() if not a.is_draft]


def published_spanish_pages():
    sources = [read_source(p) for p in sorted((FIXTURE_SITE / "pages" / "es").glob("*.md"))]
    return [p for p in sources if p.meta.get("status", "published").lower() == "published"]


def published_pages():
    """Pages readers can find: not drafts, not hidden (such as the search page)."""
    sources = [read_source(p) for p in sorted((FIXTURE_SITE / "pages").glob("*.md"))]
    return [p for p in sources if p.meta.get("status", "published").lower() == "published"]


def plain(text):
    """Text as an author typed it: typogrify's curly quotes, dashes and
    non-breaking spaces turned back into plain characters."""
    for fancy, simple in (
        ("\xa0", " "),
        ("’", "'"),
        ("‘", "'"),
        ("“", '"'),
        ("”", '"'),
        ("—", "--"),
        ("–", "-"),
    ):
        text = text.replace(fancy, simple)
    return " ".join(text.split())
