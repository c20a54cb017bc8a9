from pelican.generators import ArticlesGenerator
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.urlwrappers import Tag

from published_tags.published_tags import drop_tags_without_articles


def test_a_tag_only_drafts_have_gets_no_page_and_the_others_keep_theirs(tmp_path):
    settings = read_settings(override={"PATH": str(tmp_path), "CACHE_PATH": str(tmp_path)})
    generator = ArticlesGenerator(
        context={},
        settings=settings,
        path=str(tmp_path),
        theme=DEFAULT_CONFIG["THEME"],
        output_path=str(tmp_path / "output"),
    )
    grief, firsts = Tag("grief", settings), Tag("firsts", settings)
    generator.tags[grief].append("a published article")
    generator.tags[firsts]  # related_posts' lookup of a draft's tag leaves this empty entry
    drop_tags_without_articles([generator])
    assert dict(generator.tags) == {grief: ["a published article"]}
