"""`invoke new "Title"`: a new article that is filled in, builds cleanly as a
draft, can't be published unchanged, and never overwrites anything."""

import os
import re
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import forked_python
import pytest

from conftest import SMALL_SITE_ARTICLES, Site, copy_project, small_fixture_site
from content_sources import AUTHORS, plain, published_articles, read_source

SECOND_AUTHOR = list(AUTHORS)[1]
# The project copy holds the small fixture site: these are its articles' categories.
SAMPLES = [a for a in published_articles() if a.path.name in SMALL_SITE_ARTICLES]
CATEGORIES = sorted({a.meta["category"] for a in SAMPLES})


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("new")
    return copy_project(folder / "project", small_fixture_site(folder / "content"))


def invoke(*args, cwd, check=True, input="", env=None):
    """Run an invoke task in the project copy, typing `input` at its prompts."""
    result = forked_python.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=cwd,
        input=input,
        env={**os.environ, **(env or {})},
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def assert_clean(result):
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    for word in ("WARNING", "ERROR", "Content checks:", "Readability", "Traceback"):
        assert word not in output, output


def test_new_writes_a_filled_in_draft_that_builds_cleanly(project, tmp_path):
    before = datetime.now(ZoneInfo("America/Los_Angeles")).replace(
        tzinfo=None, second=0, microsecond=0
    )
    result = invoke(
        "new", "Coping With Winter Blues", "--author", SECOND_AUTHOR, "--category", CATEGORIES[0],
        "--tags", "Winter, mood", cwd=project,
    )  # fmt: skip
    path = project / "content" / "articles" / "coping-with-winter-blues.md"
    assert "content/articles/coping-with-winter-blues.md" in result.stdout
    source = read_source(path)
    assert source.meta["title"] == "Coping With Winter Blues"
    assert source.meta["author"] == SECOND_AUTHOR
    assert source.meta["category"] == CATEGORIES[0]
    assert source.tags == ["winter", "mood"]
    assert source.meta["slug"] == "coping-with-winter-blues"
    assert source.meta["status"] == "draft"
    assert source.meta["summary"]
    assert before <= source.date <= before + timedelta(minutes=2)
    # The optional fields are explained, ready to copy into the header.
    for optional in ("Modified:", "Sensitive: yes", "Reviewed_by:", "Last_reviewed:"):
        assert optional in source.body

    dev = tmp_path / "dev"
    assert_clean(invoke("build", "--output", str(dev), cwd=project, check=False))
    draft = Site(dev).html("/drafts/coping-with-winter-blues/")
    assert plain(draft.find("h1").get_text()) == "Coping With Winter Blues"
    assert "DRAFT" in draft.select_one(".draft-banner").get_text()

    published = tmp_path / "published"
    env = {"SITEURL": "https://blog.example.org"}
    assert_clean(invoke("preview", "--output", str(published), cwd=project, env=env, check=False))
    for page in published.rglob("*.html"):
        assert "Coping With Winter Blues" not in page.read_text(encoding="utf-8"), page


def test_new_asks_for_author_and_category_from_the_lists(project):
    result = invoke("new", "Sleep After a Loss", cwd=project, input="2\n1\n")
    for name in AUTHORS:
        assert name in result.stdout
    for category in CATEGORIES:
        assert category in result.stdout
    source = read_source(project / "content" / "articles" / "sleep-after-a-loss.md")
    assert source.meta["author"] == SECOND_AUTHOR
    assert source.meta["category"] == CATEGORIES[0]


def test_new_refuses_an_unknown_author_or_no_answer(project):
    for args, answers in ((["--author", "Dr. Nobody"], ""), ([], "")):
        result = invoke("new", "A Third Article", *args, cwd=project, check=False, input=answers)
        assert result.returncode != 0
        assert all(name in result.stderr for name in AUTHORS), result.stderr
    assert not (project / "content" / "articles" / "a-third-article.md").exists()


def test_new_never_overwrites_an_article(project):
    folder = project / "content" / "articles"
    invoke("new", "Twice", "--author", SECOND_AUTHOR, "--category", "Self-care", cwd=project)
    # A sample article's file name, as a title: "understanding-anxiety" -> "Understanding Anxiety".
    sample = SAMPLES[0].path.stem
    for title in ("Twice", sample.replace("-", " ").title()):
        path = folder / f"{title.lower().replace(' ', '-')}.md"
        before, files = path.read_text(), sorted(folder.iterdir())
        result = invoke("new", title, "--author", SECOND_AUTHOR, cwd=project, check=False)
        assert result.returncode != 0
        assert "already exists" in result.stderr
        assert path.read_text() == before and sorted(folder.iterdir()) == files


@pytest.mark.usefixtures("nu_checker")  # invoke check validates every page, as a publish does
def test_a_new_article_is_published_only_once_its_example_text_is_replaced(project, tmp_path):
    invoke("new", "Small Steps", "--author", SECOND_AUTHOR, "--category", "Self-care", cwd=project)
    path = project / "content" / "articles" / "small-steps.md"
    text = path.read_text().replace("Status: draft\n", "")
    path.write_text(text)
    refused = invoke("check", cwd=project, check=False)
    assert refused.returncode != 0
    lines = text.splitlines()
    summary_line = next(n for n, x in enumerate(lines, 1) if x.startswith("Summary:"))
    notes_line = next(n for n, x in enumerate(lines, 1) if x.startswith("<!--"))
    report = refused.stdout + refused.stderr
    assert f"content/articles/small-steps.md:{summary_line}: Summary: " in report
    assert f"content/articles/small-steps.md:{notes_line}: text: " in report

    header, _, _ = text.partition("\n\n")
    header = re.sub(r"Summary: .*", "Summary: Small steps add up on hard days.", header)
    path.write_text(header + "\n\nWe start small. We rest. We ask for help.\n")
    assert_clean(invoke("check", cwd=project, check=False))
    site = tmp_path / "site"
    assert_clean(invoke("build", "--output", str(site), cwd=project, check=False))
    page = Site(site).html("/articles/small-steps/")
    assert plain(page.find("h1").get_text()) == "Small Steps"
    assert page.select_one(".draft-banner") is None
