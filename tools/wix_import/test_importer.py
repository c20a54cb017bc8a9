"""The whole run on a copy of the project: all or nothing, refusals, the
summary and the authors.toml block."""

import io
import os
import tomllib

import pytest

from conftest import copy_project
from tools.wix_import.importer import run
from tools.wix_import.test_text_capture import CAPTURE


@pytest.fixture
def site(tmp_path):
    return copy_project(tmp_path / "site")


def articles(site):
    return {p.name: p.read_bytes() for p in (site / "content" / "articles").iterdir()}


def capture_file(folder, name="rest.txt", text=CAPTURE, year=2026):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    moment = __import__("datetime").datetime(year, 3, 2, 10).timestamp()
    os.utime(path, (moment, moment))
    return path


def import_into(site, source, **options):
    out, err = io.StringIO(), io.StringIO()
    status = run(source, root=site, out=out, err=err, **options)
    return status, out.getvalue(), err.getvalue()


def header(path):
    fields = {}
    for line in path.read_text(encoding="utf-8").split("\n\n")[0].splitlines():
        key, _, value = line.partition(": ")
        fields[key] = value
    return fields


def test_one_bad_file_in_a_folder_means_nothing_is_written(site, tmp_path):
    folder = tmp_path / "old-blog"
    folder.mkdir()
    capture_file(folder)
    (folder / "notes.txt").write_text("Shopping: milk, bread\n")
    before = articles(site)
    status, out, err = import_into(site, folder)
    assert status == 1 and out == ""
    assert 'notes.txt: no "Writer:" or "N min read" line found' in err
    assert "Nothing was written" in err
    assert articles(site) == before


def test_a_new_author_is_reported_with_the_block_to_add(site, tmp_path):
    status, out, _ = import_into(site, capture_file(tmp_path), category="Self-care")
    assert status == 0
    written = site / "content" / "articles" / "five-small-ways-to-rest.md"
    fields = header(written)
    assert fields["Author"] == "Joanna Park Lee"
    assert fields["Category"] == "Self-care"
    assert fields["Date"] == "2026-01-12 00:00" and fields["Modified"] == "2026-02-03 00:00"
    block = out.split("fill in the empty fields):\n\n")[1].split("\n\nDone:")[0]
    profile = tomllib.loads(block)["Joanna Park Lee"]
    assert profile["credential"] == "LMFT"
    assert "Done: 1 imported, 0 skipped, " in out


def test_an_author_the_site_knows_is_used_as_the_site_spells_it(site, tmp_path):
    capture = CAPTURE.replace("By Joanna Park Lee, LMFT", "").replace("Jo Park", "daniel reyes")
    status, out, _ = import_into(site, capture_file(tmp_path, text=capture))
    assert status == 0
    assert header(site / "content/articles/five-small-ways-to-rest.md")["Author"] == "Daniel Reyes"
    assert "authors.toml" not in out


def test_author_option_replaces_the_sources_author(site, tmp_path):
    import_into(site, capture_file(tmp_path), author="Maya Okafor")
    assert header(site / "content/articles/five-small-ways-to-rest.md")["Author"] == "Maya Okafor"


def test_without_any_author_nothing_is_written_and_author_option_is_suggested(site, tmp_path):
    capture = CAPTURE.replace("By Joanna Park Lee, LMFT", "").replace("• Writer: Jo Park", "")
    capture = capture.replace("    Jo Park\n", "")
    before = articles(site)
    status, _, err = import_into(site, capture_file(tmp_path, text=capture))
    assert status == 1 and "no author found" in err and "--author" in err
    assert articles(site) == before


def test_missing_category_is_filled_and_the_sites_topics_are_named(site, tmp_path):
    _, out, _ = import_into(site, capture_file(tmp_path))
    assert header(site / "content/articles/five-small-ways-to-rest.md")["Category"] == (
        "Uncategorized"
    )
    topics = {header(p).get("Category") for p in (site / "content/articles").glob("*.md")}
    for topic in topics - {"Uncategorized"}:
        assert topic in out


def test_an_existing_slug_is_refused_unless_forced(site, tmp_path):
    source = capture_file(tmp_path)
    import_into(site, source)
    target = site / "content/articles/five-small-ways-to-rest.md"
    target.write_text(target.read_text() + "\nAn edit by hand.\n")
    edited = target.read_bytes()

    status, out, _ = import_into(site, source)
    assert status == 0 and target.read_bytes() == edited
    assert "Skipped 1" in out and "--force" in out and "Done: 0 imported, 1 skipped" in out

    status, out, _ = import_into(site, source, force=True)
    assert "An edit by hand." not in target.read_text()
    assert "(replaced)" in out


def test_the_same_title_twice_in_one_import_is_written_once(site, tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    capture_file(folder, "a.txt")
    capture_file(folder, "b.txt")
    status, out, _ = import_into(site, folder)
    assert status == 0 and "Done: 1 imported, 1 skipped" in out
    assert "same slug" in out


def test_a_missing_source_is_an_error(site, tmp_path):
    status, _, err = import_into(site, tmp_path / "nope.txt")
    assert status == 1 and "nope.txt: no such file or folder" in err
