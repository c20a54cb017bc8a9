"""The whole run on a copy of the project: all or nothing, refusals, the
summary and the authors.toml block."""

import io
import os
import tomllib
from pathlib import Path

import pytest

from conftest import copy_project
from tools.wix_import.importer import run
from tools.wix_import.test_text_capture import CAPTURE


@pytest.fixture
def site(tmp_path):
    return copy_project(tmp_path / "site")


def articles(site):
    folder = site / "content" / "articles"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.md")}


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
    assert fields["Status"] == "draft"
    assert out.startswith("Imported 1 article(s) and 0 picture(s); skipped 0;")
    assert "'Joanna Park Lee' is not in content/data/authors.toml" in out
    report = (site / "wix-import-report.txt").read_text(encoding="utf-8")
    assert f"Full report: {site / 'wix-import-report.txt'}" in out
    block = report.split("fill in the empty fields):\n\n")[1]
    profile = tomllib.loads(block)["Joanna Park Lee"]
    assert profile["credential"] == "LMFT"


def test_add_authors_writes_the_new_author_into_authors_toml(site, tmp_path):
    authors = site / "content" / "data" / "authors.toml"
    before = tomllib.loads(authors.read_text(encoding="utf-8"))
    status, out, _ = import_into(site, capture_file(tmp_path), add_authors=True)
    assert status == 0 and "fill in its empty fields" in out
    after = tomllib.loads(authors.read_text(encoding="utf-8"))
    assert {k: v for k, v in after.items() if k in before} == before
    assert after["Joanna Park Lee"]["credential"] == "LMFT"


def test_author_and_category_maps_rename_what_wix_called_them(site, tmp_path):
    capture = CAPTURE.replace("By Joanna Park Lee, LMFT", "").replace("Jo Park", "jo-wix")
    status, out, _ = import_into(
        site,
        capture_file(tmp_path, text=capture),
        author_map={"jo-wix": "Daniel Reyes"},
        publish=True,
    )
    assert status == 0
    fields = header(site / "content/articles/five-small-ways-to-rest.md")
    assert fields["Author"] == "Daniel Reyes" and fields["Status"] == "published"
    assert "authors.toml" not in out


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
    assert "--force" in out and out.startswith("Imported 0 article(s) and 0 picture(s); skipped 1")

    status, out, _ = import_into(site, source, force=True)
    assert "An edit by hand." not in target.read_text()
    assert "(replaced)" in (site / "wix-import-report.txt").read_text(encoding="utf-8")


def test_the_same_title_twice_in_one_import_is_written_once(site, tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    capture_file(folder, "a.txt")
    capture_file(folder, "b.txt")
    status, out, _ = import_into(site, folder)
    assert status == 0 and out.startswith("Imported 1 article(s) and 0 picture(s); skipped 1")
    assert "same slug" in out


def test_a_missing_source_is_an_error(site, tmp_path):
    status, _, err = import_into(site, tmp_path / "nope.txt")
    assert status == 1 and "nope.txt: no such file or folder" in err


def test_a_post_without_text_is_listed_and_the_others_are_imported(site, tmp_path):
    folder = tmp_path / "old-blog"
    folder.mkdir()
    capture_file(folder)
    capture_file(folder, "photos.txt", CAPTURE.split("By Joanna")[0].replace("Five Small", "Six"))
    status, out, err = import_into(site, folder)
    assert status == 0 and err == ""
    assert out.startswith("Imported 1 article(s) and 0 picture(s); skipped 1;")
    assert "photos.txt: 'Six Ways to Rest' has a title but no text" in out
    assert "five-small-ways-to-rest.md" in articles(site)


def test_an_update_on_the_day_of_publishing_is_no_modified_date(site, tmp_path):
    capture = CAPTURE.replace("Updated: Feb 3", "Updated: Jan 12")
    import_into(site, capture_file(tmp_path, text=capture))
    fields = header(site / "content/articles/five-small-ways-to-rest.md")
    assert fields["Date"] == "2026-01-12 00:00" and "Modified" not in fields
    assert "Modified:" not in (site / "wix-import-report.txt").read_text(encoding="utf-8")


def test_a_spanish_capture_becomes_a_spanish_article_and_a_co_author_is_on_screen(site, tmp_path):
    from tools.wix_import.test_text_capture import SPANISH

    capture = SPANISH.replace(
        "Por Joanna Park Lee, LMFT", "Por Joanna Park Lee, LMFT y Sam Ortiz, LPC"
    )
    status, out, _ = import_into(site, capture_file(tmp_path, text=capture))
    assert status == 0
    fields = header(site / "content/articles/es/descansar-tambien-es-cuidarse.md")
    assert fields["Lang"] == "es" and fields["Author"] == "Joanna Park Lee"
    assert "also names Sam Ortiz, LPC" in out


def test_a_sites_address_typed_without_https_is_read_as_an_address(site):
    status, _, err = import_into(site, Path("127.0.0.1:9"))  # a closed port
    assert status == 1
    assert "could not read the site's sitemap (https://127.0.0.1:9/sitemap.xml:" in err


def test_a_captures_old_address_is_its_first_line_or_a_guess_to_check(site, tmp_path):
    import_into(site, capture_file(tmp_path))
    report = (site / "wix-import-report.txt").read_text(encoding="utf-8")
    assert (
        "its old address is not in the capture (probably /post/five-small-ways-to-rest)" in report
    )

    address = "https://www.old-practice.com/post/rest-five-ways"
    status, _, _ = import_into(
        site, capture_file(tmp_path, "b.txt", f"{address}\n{CAPTURE}"), force=True
    )
    redirects = tomllib.loads((site / "content/data/redirects.toml").read_text(encoding="utf-8"))
    assert (
        status == 0
        and redirects["redirects"]["/post/rest-five-ways"] == "articles/rest-five-ways.md"
    )
    assert header(site / "content/articles/rest-five-ways.md")["Title"] == "Five Small Ways to Rest"


def test_the_topics_line_counts_the_posts_written_and_publish_is_said_as_done(site, tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    capture_file(folder, "a.txt")
    capture_file(folder, "b.txt")  # the same post again: skipped
    status, out, _ = import_into(site, folder, publish=True)
    assert status == 0 and "'Uncategorized' (1);" in out
    assert "The new articles are published" in out and "are drafts" not in out


def test_two_posts_with_one_title_are_both_written_with_wixs_slugs(site, tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    capture_file(folder, "a.txt")
    capture_file(folder, "b.txt", CAPTURE.replace("Rest is more than sleep.", "Rest is not sleep."))
    status, out, _ = import_into(site, folder)
    assert status == 0 and out.startswith("Imported 2 article(s)")
    second = header(site / "content/articles/five-small-ways-to-rest-1.md")
    assert second["Slug"] == "five-small-ways-to-rest-1"
