"""fast_writer on small sites built by real Pelican in a subprocess.

tests/test_build_equivalence.py checks the whole site against a stock serial build; these
tests check what a plugin or an author sees: files written before `content_written`, and
a template error reported whichever process rendered the page.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fast_writer.fast_writer import render_in_forks

PLUGINS = Path(__file__).resolve().parent.parent
ARTICLES = 40

# A plugin that records, for every `content_written`, whether the file was complete then.
WATCHER = """
from pathlib import Path
from pelican import signals

def check(path, context):
    complete = Path(path).read_text(encoding="utf-8").rstrip().endswith("</html>")
    with open(context["WATCH_LOG"], "a") as log:
        log.write(f"{Path(path).name}:{complete}\\n")

def register():
    signals.content_written.connect(check)
"""


def write_site(root, template_body="{{ article.content }}"):
    content = root / "content" / "articles"
    content.mkdir(parents=True)
    for number in range(ARTICLES):
        (content / f"a{number:02d}.md").write_text(
            f"Title: Article {number}\nDate: 2026-01-01 09:{number:02d}\n"
            f"Tags: t{number % 7}, all\n\nBody of article {number}.\n",
            encoding="utf-8",
        )
    templates = root / "templates"
    templates.mkdir()
    (templates / "article.html").write_text(
        '{% extends "!simple/base.html" %}{% block content %}' + template_body + "{% endblock %}",
        encoding="utf-8",
    )
    (root / "watcher").mkdir()
    (root / "watcher" / "watcher.py").write_text(WATCHER, encoding="utf-8")
    settings = root / "settings.py"
    settings.write_text(
        textwrap.dedent(f"""\
            SITEURL = ""
            TIMEZONE = "UTC"
            PATH = "content"
            ARTICLE_PATHS = ["articles"]
            PLUGIN_PATHS = [{str(PLUGINS)!r}, {str(root / "watcher")!r}]
            PLUGINS = ["fast_writer", "watcher"]
            THEME_TEMPLATES_OVERRIDES = [{str(templates)!r}]
            WATCH_LOG = {str(root / "watch.log")!r}
            FEED_ALL_ATOM = None
            CATEGORY_FEED_ATOM = None
            AUTHOR_FEED_ATOM = None
            AUTHOR_FEED_RSS = None
            TRANSLATION_FEED_ATOM = None
            SLUGIFY_SOURCE = "basename"
            ARTICLE_SAVE_AS = "{{slug}}.html"
            DEFAULT_PAGINATION = 5
        """),
        encoding="utf-8",
    )
    return settings


def build(root, settings, processes, output="output"):
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(root / "content"),
            "--settings",
            str(settings),
            "--output",
            str(root / output),
            "--fatal",
            "errors",
            "--extra-settings",
            f"FAST_WRITER_PROCESSES={processes}",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def pages(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}


def test_two_processes_write_the_same_files_as_one(tmp_path):
    settings = write_site(tmp_path)
    assert build(tmp_path, settings, 1, "one").returncode == 0
    assert build(tmp_path, settings, 2, "two").returncode == 0
    one, two = pages(tmp_path / "one"), pages(tmp_path / "two")
    assert len(one) > ARTICLES  # articles, paginated index, tag, category, author pages
    assert two == one
    assert b"Body of article 7." in two["a07.html"]


@pytest.mark.parametrize("processes", [1, 2])
def test_every_page_is_complete_on_disk_when_content_written_is_sent(tmp_path, processes):
    settings = write_site(tmp_path)
    assert build(tmp_path, settings, processes).returncode == 0
    log = (tmp_path / "watch.log").read_text().splitlines()
    written = sorted(pages(tmp_path / "output"))
    assert sorted(line.split(":")[0] for line in log) == sorted(Path(p).name for p in written)
    assert all(line.endswith(":True") for line in log)


@pytest.mark.parametrize("processes", [1, 2])
def test_a_template_error_fails_the_build_with_its_message(tmp_path, processes):
    # Only one article breaks the template, in whichever process renders it.
    settings = write_site(
        tmp_path, "{% if article.title == 'Article 39' %}{{ article.missing.attribute }}{% endif %}"
    )
    result = build(tmp_path, settings, processes)
    assert result.returncode != 0
    assert "missing" in result.stdout + result.stderr


class FilePage:
    """The one method render_in_forks needs: write a file, or fail like a bad template."""

    def __init__(self, path, fail=False):
        self.path, self.fail = path, fail

    def render_and_write(self):
        if self.fail:
            raise ValueError(f"cannot render {self.path.name}")
        self.path.write_text("done", encoding="utf-8")


def test_pages_of_a_forked_share_are_written_and_its_failure_is_reported(tmp_path):
    here = [FilePage(tmp_path / "here.html")]
    forked = [FilePage(tmp_path / "forked.html")]
    render_in_forks([here, forked])
    assert (tmp_path / "forked.html").read_text() == "done"
    assert (tmp_path / "here.html").read_text() == "done"

    failing = [FilePage(tmp_path / "ok.html"), FilePage(tmp_path / "bad.html", fail=True)]
    with pytest.raises(RuntimeError, match=r"cannot render bad\.html"):
        render_in_forks([[FilePage(tmp_path / "fine.html")], failing])
    assert (tmp_path / "ok.html").exists()
