"""The article file reads back through Pelican's own Markdown reader."""

from datetime import datetime
from pathlib import Path

import pytest
from pelican.readers import MarkdownReader

from conftest import fixture_settings
from tools.wix_import.blocks import PARAGRAPH, Block
from tools.wix_import.model import Post
from tools.wix_import.writer import (
    existing_slugs,
    old_path,
    render,
    slug_for,
)


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
    path.write_text(render(post, slug), encoding="utf-8")
    content, meta = MarkdownReader(settings).read(str(path))
    assert meta["title"] == "Calm: a *first* step"
    assert (meta["date"], meta["modified"]) == (post.date, post.modified)
    assert str(meta["author"]) == "Ana María López"
    assert str(meta["category"]) == "Self-care"
    assert [str(t) for t in meta["tags"]] == ["rest", "sleep naps"]
    assert meta["slug"] == "calm-a-first-step"
    assert "Two stars * and an_underscore stay." in str(meta["summary"])
    assert content == "<p>Hello <em>there</em>.</p>"


def test_existing_slugs_come_from_slug_fields_or_titles(tmp_path, settings):
    (tmp_path / "a.md").write_text("Title: Whatever\nSlug: kept-slug\n\nText\n")
    (tmp_path / "b.md").write_text("Title: From The Title\n\nText\n")
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "a.md").write_text("Title: Lo que sea\nLang: es\nSlug: kept-slug\n\nTexto\n")
    assert existing_slugs([tmp_path], settings) == {
        ("en", "kept-slug"): tmp_path / "a.md",
        ("en", "from-the-title"): tmp_path / "b.md",
        ("es", "kept-slug"): tmp_path / "es" / "a.md",
    }


def test_the_old_address_keeps_wix_multilingual_language_folder():
    post = Post(source=Path("x.html"), old_url="https://example.org/es/post/calma%C3%B1")
    post.lang = "es"
    assert old_path(post) == "/es/post/calmañ"
    post.old_url = "https://example.org/post/calma-2?lang=es"
    assert old_path(post) == "/post/calma-2"
    # A free Wix site's folder is not a language.
    post.old_url, post.lang = "https://user.wixsite.com/mysite/post/calm", ""
    assert old_path(post) == "/post/calm"


def test_a_spanish_post_gets_a_lang_line_and_an_english_one_none(settings):
    post = Post(source=Path("x.html"), title="Calma", date=datetime(2024, 5, 6), author="A")
    post.body = [Block.of(PARAGRAPH, "Hola.", "Hola.")]
    assert "\nLang:" not in render(post, "calma")
    post.lang = "es"
    assert "\nLang: es\n" in render(post, "calma")


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
