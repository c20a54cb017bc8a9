"""`invoke import-wix`, end to end, always into a copy of the project.

The real captured Wix page is in tests/fixtures/wix_seeds/ (copied from the team's
shared/seeds, so that CI has it); its text is never copied into content/.
Expected values come from that capture (read by the simple rules below) or
from the site's own Markdown sources, never from the importer's output.
"""

import re
import shutil
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import markdown
import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from conftest import ROOT, Site, copy_project, invoke
from content_sources import plain, published_articles, read_source

SEEDS = ROOT / "tests" / "fixtures" / "wix_seeds"
SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
DATE_LINE = re.compile(r"^(?:[•·]\s*)?([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?$")
TOML_START = "fill in the empty fields):\n\n"


def words(text):
    return " ".join(text.split())


@dataclass
class Capture:
    """The seed capture, read with rules independent of the importer's."""

    path: object
    lines: list = field(default_factory=list)

    def __post_init__(self):
        self.lines = [words(line) for line in self.path.read_text(encoding="utf-8").splitlines()]

    def first(self, pattern):
        return next(m for line in self.lines if (m := re.match(pattern, line)))

    @property
    def title(self):
        return next(line for line in self.lines if line and line != "top of page")

    @property
    def writer(self):
        return self.first(r"^(?:• )?Writer: (.+)$")[1]

    @property
    def byline(self):
        return self.first(r"^By (.+), ([A-Z][\w. ]+)$")

    @property
    def minutes(self):
        return int(self.first(r"^(?:• )?(\d+) min read$")[1])

    def day(self, prefix=""):
        line = self.first(rf"^{prefix}(?:• )?[A-Z][a-z]{{2}} \d{{1,2}}(?:, \d{{4}})?$")[0]
        month, day, year = DATE_LINE.match(line.removeprefix(prefix)).groups()
        saved = datetime.fromtimestamp(self.path.stat().st_mtime, ZoneInfo(SETTINGS["TIMEZONE"]))
        return f"{int(year or saved.year):04d}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"

    @property
    def chrome(self):
        """Every line around the article: none of them may reach the body."""
        found = {"top of page", "bottom of page", "Comments", self.writer, self.byline[0]}
        found |= {line for line in self.lines if re.search(r"Writer:|min read|^Updated:", line)}
        found |= {line for line in self.lines if DATE_LINE.match(line)}
        return found

    @property
    def paragraphs(self):
        """The article's paragraphs: between the byline and "Comments", blank-line separated."""
        start = self.lines.index(self.byline[0]) + 1
        end = self.lines.index("Comments")
        paragraphs, current = [], []
        for line in [*self.lines[start:end], ""]:
            if line:
                current.append(line)
            elif current:
                paragraphs.append(" ".join(current))
                current = []
        return paragraphs


def seed_capture():
    if not SEEDS.is_dir():
        pytest.fail(
            f"The captured Wix page is missing: expected the folder {SEEDS} "
            "with the capture in it (a copy of shared/seeds)."
        )
    captures = sorted(p for p in SEEDS.iterdir() if p.is_file() and p.suffix == ".txt")
    if not captures:
        pytest.fail(f"No captured Wix page (*.txt) in {SEEDS}.")
    return Capture(captures[0])


@pytest.fixture(scope="module")
def capture():
    return seed_capture()


def article_files(site):
    return {p.name: p.read_bytes() for p in sorted((site / "content" / "articles").glob("*"))}


def split_article(path):
    header, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    return fields, body


def rendered_blocks(body):
    """The body's paragraphs, list items and headings as a reader sees them."""
    page = BeautifulSoup(markdown.markdown(body, extensions=["extra"]), "html.parser")
    return [words(e.get_text(" ")) for e in page.find_all(["p", "li", "h2", "h3", "h4"])]


@dataclass
class Imported:
    site: object
    result: object
    path: object

    @property
    def fields(self):
        return split_article(self.path)[0]

    @property
    def body(self):
        return split_article(self.path)[1]


def import_capture(tmp_path, capture, *options):
    site = copy_project(tmp_path / "site")
    before = set(article_files(site))
    result = invoke("import-wix", str(capture.path), *options, cwd=site)
    (new,) = set(article_files(site)) - before
    return Imported(site, result, site / "content" / "articles" / new)


@pytest.fixture(scope="module")
def imported(tmp_path_factory, capture):
    return import_capture(tmp_path_factory.mktemp("wix"), capture)


def test_article_has_the_captures_title_author_and_dates(imported, capture):
    fields = imported.fields
    assert fields["Title"] == capture.title
    assert fields["Slug"] == re.sub(r"[^a-z0-9]+", "-", capture.title.lower()).strip("-")
    assert imported.path.name == f"{fields['Slug']}.md"
    # The byline's full name wins over the shorter "Writer:" line.
    name = capture.byline[1]
    assert fields["Author"] == name != capture.writer
    assert set(capture.writer.split()) <= set(name.split())
    assert fields["Date"].startswith(capture.day())
    assert fields["Modified"].startswith(capture.day("Updated: "))
    summary = fields["Summary"]
    assert 0 < len(summary) <= 300 and words(capture.paragraphs[0]).startswith(summary)


def test_the_tool_says_where_the_missing_year_came_from(imported, capture):
    out = imported.result.stdout
    assert f"used {capture.day()[:4]}" in out and "--year" in out
    assert "Done: 1 imported, 0 skipped" in out


def test_body_paragraphs_match_the_capture(imported, capture):
    blocks = rendered_blocks(imported.body)
    expected = [words(p) for p in capture.paragraphs]
    # The same words in the same order: nothing lost, nothing added.
    assert " ".join(blocks) == " ".join(expected)
    # Every paragraph of the capture is whole within one block, in order (a
    # paragraph Wix cut mid-sentence is joined with the next one).
    position = 0
    for paragraph in expected:
        while paragraph not in blocks[position]:
            position += 1
            assert position < len(blocks), f"not found whole: {paragraph[:60]}"
    # The practice's closing paragraph stays, as body text.
    assert blocks[-1] == expected[-1]


def test_a_run_of_short_questions_becomes_a_list(imported, capture):
    page = BeautifulSoup(markdown.markdown(imported.body, extensions=["extra"]), "html.parser")
    items = [words(li.get_text()) for li in page.find_all("li")]
    questions = [p for p in capture.paragraphs if p.endswith("?") and len(p) < 120]
    assert len(questions) >= 3
    assert items == questions


def test_no_page_chrome_reaches_the_body(imported, capture):
    blocks = rendered_blocks(imported.body)
    body_text = " ".join(blocks)
    for line in capture.chrome:
        assert words(line.lstrip("• ")) not in blocks
    for chrome in ("top of page", "bottom of page", "Writer:", "min read", "Updated:", "Comments"):
        assert chrome not in body_text
    assert capture.writer not in body_text
    assert capture.byline[0] not in body_text
    assert "\n\n\n" not in imported.body and "\xa0" not in imported.body


def test_year_option_sets_the_year(tmp_path, capture):
    result = import_capture(tmp_path, capture, "--year", "2019")
    assert result.fields["Date"].startswith("2019" + capture.day()[4:])
    assert "from --year" in result.result.stdout


def test_the_imported_article_builds_after_its_author_is_added(imported, capture):
    site, name = imported.site, imported.fields["Author"]
    output = site / "out"
    refused = invoke("build", "--output", str(output), cwd=site, check=False)
    assert refused.returncode != 0 and name in refused.stdout + refused.stderr

    block = imported.result.stdout.split(TOML_START)[1].split("\n\nDone:")[0]
    assert tomllib.loads(block)[name]["credential"] == capture.byline[2]
    authors = site / "content" / "data" / "authors.toml"
    authors.write_text(authors.read_text(encoding="utf-8") + "\n" + block + "\n", encoding="utf-8")
    invoke("build", "--output", str(output), cwd=site)

    page = Site(output).html(f"/articles/{imported.fields['Slug']}/")
    assert plain(page.find("h1").get_text(" ", strip=True)) == capture.title
    assert name in page.select_one(".byline").get_text(" ", strip=True)
    meta = page.select_one(".post-meta").get_text(" ", strip=True)
    assert f"{capture.minutes} min read" in meta
    assert "Updated" in meta
    body_text = plain(page.select_one(".post-body").get_text(" "))
    assert words(plain(capture.paragraphs[-1])) in words(body_text)
    for chrome in ("top of page", "bottom of page", "min read", "Writer:"):
        assert chrome not in body_text


def test_importing_again_refuses_unless_forced(tmp_path, capture):
    first = import_capture(tmp_path, capture)
    original = first.path.read_bytes()
    first.path.write_text(first.path.read_text(encoding="utf-8") + "\nEdited by hand.\n")
    edited = first.path.read_bytes()

    again = invoke("import-wix", str(capture.path), cwd=first.site)
    assert first.path.read_bytes() == edited
    assert "--force" in again.stdout and "0 imported, 1 skipped" in again.stdout

    invoke("import-wix", str(capture.path), "--force", cwd=first.site)
    assert first.path.read_bytes() == original


def rendered_text(markdown_body):
    """Article text as the site renders it (its own Markdown settings), made plain."""
    extensions = list(SETTINGS["MARKDOWN"]["extension_configs"])
    html = markdown.markdown(markdown_body, extensions=extensions)
    return words(plain(BeautifulSoup(html, "html.parser").get_text(" ")))


def test_our_published_feed_imports_back_into_an_empty_site(published_site, tmp_path):
    site = copy_project(tmp_path / "site")
    for article in (site / "content" / "articles").glob("*.md"):
        article.unlink()
    feed = published_site.root / "feeds" / "all.atom.xml"
    invoke("import-wix", str(feed), cwd=site)

    imported = {}
    for path in (site / "content" / "articles").glob("*.md"):
        source = read_source(path)
        imported[plain(source.meta["title"])] = source
    originals = {plain(a.meta["title"]): a for a in published_articles()}
    assert sorted(imported) == sorted(originals)
    for title, original in originals.items():
        copy = imported[title]
        assert copy.meta["date"] == original.meta["date"], title
        assert copy.meta.get("modified") == original.meta.get("modified"), title
        assert copy.meta["author"] == original.meta["author"], title
        assert copy.meta["category"] == original.meta["category"], title
        assert copy.tags == original.tags, title
        assert plain(copy.meta["summary"]) == plain(original.meta["summary"]), title
        assert rendered_text(copy.body) == rendered_text(original.body), title


@pytest.mark.parametrize("kind", ["unrelated text", "empty file", "malformed feed", "folder"])
def test_bad_input_is_refused_clearly_and_nothing_is_written(
    tmp_path, published_site, capture, kind
):
    site = copy_project(tmp_path / "site")
    before = article_files(site)
    sources = tmp_path / "sources"
    sources.mkdir()
    if kind == "unrelated text":
        bad = sources / "recipe.txt"
        bad.write_text("Pancakes\n\n2 eggs, 1 cup flour, 1 cup milk.\nWhisk and fry.\n")
        source, expected = bad, "expected the text of a Wix blog post page"
    elif kind == "empty file":
        bad = source = sources / "empty.txt"
        bad.write_bytes(b"")
        expected = "the file is empty"
    elif kind == "malformed feed":
        data = (published_site.root / "feeds" / "all.atom.xml").read_bytes()
        bad = source = sources / "all.atom.xml"
        bad.write_bytes(data[: len(data) // 2])
        expected = "not a well-formed feed"
    else:  # a good capture beside a bad file: all or nothing
        shutil.copy2(capture.path, sources / capture.path.name)
        bad = sources / "notes.txt"
        bad.write_bytes(b"")
        source, expected = sources, "the file is empty"

    result = invoke("import-wix", str(source), cwd=site, check=False)
    assert result.returncode != 0
    assert f"{bad}: " in result.stderr and expected in result.stderr
    assert "Nothing was written" in result.stderr
    assert article_files(site) == before
