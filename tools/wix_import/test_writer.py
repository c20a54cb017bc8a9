"""The article file reads back through Pelican's own Markdown reader."""

from datetime import datetime
from pathlib import Path

import pytest
from pelican.readers import MarkdownReader

from conftest import fixture_settings
from tools.wix_import.blocks import PARAGRAPH, Block
from tools.wix_import.model import Post
from tools.wix_import.writer import existing_slugs, render, slug_for, write_atomically


@pytest.fixture(scope="module")
def settings():
    return fixture_settings()


def test_pelican_reads_back_every_field(tmp_path, settings):
    post = Post(
        source=Path("x.txt"),
        title="Calm:  a *first* step",
        date=datetime(2024, 5, 6),
        modified=datetime(2024, 5, 8, 14, 30),
        author="Ana María López",
        category="Self-care",
        tags=["rest", "sleep, naps"],
        summary="Two stars * and an_underscore stay.",
        body=[Block.of(PARAGRAPH, "Hello *there*.", "Hello there.")],
    )
    slug = slug_for(post.title, settings)
    path = tmp_path / f"{slug}.md"
    write_atomically(path, render(post, slug))
    content, meta = MarkdownReader(settings).read(str(path))
    assert meta["title"] == "Calm: a *first* step"
    assert (meta["date"], meta["modified"]) == (post.date, post.modified)
    assert str(meta["author"]) == "Ana María López"
    assert str(meta["category"]) == "Self-care"
    assert [str(t) for t in meta["tags"]] == ["rest", "sleep naps"]
    assert meta["slug"] == "calm-a-first-step"
    assert "Two stars * and an_underscore stay." in str(meta["summary"])
    assert content == "<p>Hello <em>there</em>.</p>"
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)  # readable like any other file


def test_existing_slugs_come_from_slug_fields_or_titles(tmp_path, settings):
    (tmp_path / "a.md").write_text("Title: Whatever\nSlug: kept-slug\n\nText\n")
    (tmp_path / "b.md").write_text("Title: From The Title\n\nText\n")
    assert existing_slugs([tmp_path], settings) == {
        "kept-slug": tmp_path / "a.md",
        "from-the-title": tmp_path / "b.md",
    }


def test_links_between_posts_lead_to_the_imported_article_or_keep_the_old_address():
    from tools.wix_import.media import Found

    found = Found()
    found.cross_links = {
        "moved": "https://old.example/post/moved",
        "kept": "https://old.example/post/kept",
    }
    post = Post(source=Path("x.html"), title="T", date=datetime(2024, 5, 6), author="A")
    post.found = found
    post.body = [
        Block(
            PARAGRAPH, "See [this](wix-post:moved) and [that](wix-post:kept).", "See this and that."
        )
    ]
    text = render(post, "t", article_files={"moved": "articles/moved.md"})
    assert (
        "See [this]({filename}/articles/moved.md) and [that](https://old.example/post/kept)."
        in text
    )
    assert "Status: draft" in text
