"""tools/content_report.py: the build's problem lines as GitHub annotations and a
plain-words summary, read back from a real failing `invoke check`."""

import os
import subprocess
import sys

from conftest import copy_project
from tools.content_report import Problem, annotations, drafts, drafts_note, summary


def test_a_broken_article_becomes_annotations_and_a_summary(tmp_path):
    project = copy_project(tmp_path / "project")
    article = next((project / "content" / "articles").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text.replace("Author: ", "Author: Dr. Nobody", 1).replace(
            "\nSummary: ", "\nSummary: " + "Far too long. " * 30, 1
        ),
        encoding="utf-8",
    )
    summary_file = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary_file)}
    result = subprocess.run(
        [sys.executable, "-m", "tools.content_report"],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    relative = f"content/articles/{article.name}"
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert any(f"file={relative},line=" in e and "Author" in e for e in errors), result.stdout
    assert any("Summary" in e and "characters" in e for e in errors), result.stdout
    written = summary_file.read_text(encoding="utf-8")
    assert "to fix before this can be published" in written
    assert f"`{relative}` line" in written and "Summary" in written


def test_annotations_escape_what_github_would_misread():
    problem = Problem("content/a,b.md", 3, "Title", "has 100% caps", "write it calmly")
    (line,) = annotations([problem])
    assert line == (
        "::error file=content/a%2Cb.md,line=3,title=Title%3A has 100%25 caps"
        "::has 100%25 caps — write it calmly"
    )
    assert "| `content/a,b.md` line 3 | Title |" in summary([problem])


def test_drafts_are_counted_and_named(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("Title: A\nStatus: draft\n\nText\n")
    (tmp_path / "content" / "b.md").write_text("Title: B\n\nText\n")
    found = drafts(tmp_path / "content")
    assert [p.name for p in found] == ["a.md"]
    note = drafts_note(found, tmp_path)
    assert note.startswith("1 draft is not going to be published") and "content/a.md" in note
    assert drafts_note([], tmp_path) == "Every article and page is ready to publish."
