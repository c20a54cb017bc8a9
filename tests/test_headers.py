"""sitebuild.headers: a Markdown source's header read as Pelican's Markdown reader reads it."""

from pelican.readers import MarkdownReader
from pelican.settings import DEFAULT_CONFIG

from sitebuild.headers import parse_header, read_fields

SOURCE = (
    "Title: A calm start\n"
    "SUMMARY: first line\n"
    "    second line\n"
    "Last_Reviewed: 2026-01-02\n"
    "Title: again\n"
    "\n"
    "Date: not-metadata\n"
)


def test_fields_stop_at_the_first_blank_line_join_indented_lines_and_keep_line_numbers():
    header = parse_header(SOURCE)
    assert header.values() == {
        "title": "A calm start",
        "summary": "first line second line",
        "last_reviewed": "2026-01-02",
    }
    assert [header.line_of(k) for k in ("title", "summary", "last_reviewed")] == [1, 2, 4]
    assert header.fields["summary"].name == "SUMMARY"
    assert [(r.key, r.line) for r in header.repeated] == [("title", 5)]
    assert header.body_start == 7
    assert header.body_lines == ["Date: not-metadata"]


def test_a_line_that_is_not_a_field_ends_the_header_and_fields_below_are_stranded():
    header = parse_header("Title: A\nAuthor Maya\nSlug: a\n\nText.\n")
    assert header.stop == 2 and header.body_start == 2
    assert header.stranded == {"slug"}
    assert header.values() == {"title": "A"}


def test_reads_the_same_fields_as_pelicans_markdown_reader(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "---\nTitle: A calm start\nTags: rest, sleep\nSummary: one\n    two\n...\nBody.\n",
        encoding="utf-8",
    )
    settings = {**DEFAULT_CONFIG, "MARKDOWN": {"extensions": ["markdown.extensions.meta"]}}
    _, pelican_metadata = MarkdownReader(settings).read(str(path))
    ours = read_fields(path)
    assert set(ours) == set(pelican_metadata)
    assert ours["title"] == pelican_metadata["title"]
    assert ours["tags"] == ", ".join(str(t) for t in pelican_metadata["tags"])
