"""Content checks through real builds: each bad input stops the build with a
report naming the file, the line and the field; good content builds without a
single warning.

The bad inputs are built together, in two small copies of the content folder (the
sample pages, images, data and a few sample articles, plus every case's broken files)
with the project's real settings and build flags: a build reports every problem it finds,
and each case passes only if the report names its own file, line and field."""

import gzip
import os
import pickle
import re
import shutil
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import forked_python
import pytest
from content_checks.text_checks import FINDINGS_KEY

from conftest import (
    ROOT,
    SMALL_SITE_ARTICLES,
    Site,
    copy_project,
    invoke,
    small_fixture_site,
)
from content_sources import AUTHORS, FIXTURE_SITE, articles, published_articles, read_source
from sitebuild.pipeline import DEV_SETTINGS, PUBLISH_SETTINGS, pelican_command

AUTHOR, OTHER_AUTHOR = list(AUTHORS)[:2]
SAMPLE = published_articles()
# The cases' category and tag exist in the small copies of the fixture site they build in.
IN_SMALL_SITE = next(a for a in SAMPLE if a.path.name in SMALL_SITE_ARTICLES)
CATEGORY = IN_SMALL_SITE.meta["category"]
TAG = IN_SMALL_SITE.tags[0]
PRACTICE = tomllib.loads((FIXTURE_SITE / "data" / "practice.toml").read_text())
SITE_TODAY = datetime.now(ZoneInfo("America/Los_Angeles"))
PROBLEM_LINE = re.compile(r"^(?P<path>[^:\s]+):(?:(?P<line>\d+):)? (?P<field>[^:]+): (.+) — (.+)$")


SLUG = "rest-is-part-of-the-work"


def article(body="We rest. We ask for help. Small steps count.", **fields):
    """A correct article; a field set to None is left out."""
    header = {
        "Title": "Rest Is Part of the Work",
        "Date": "2025-01-10 09:00",
        "Author": AUTHOR,
        "Category": CATEGORY,
        "Tags": TAG,
        "Slug": SLUG,
        "Summary": "Why rest helps, in plain words.",
    }
    header.update(fields)
    lines = [f"{key}: {value}" if value else f"{key}:" for key, value in header.items()]
    lines = [line for line, value in zip(lines, header.values(), strict=True) if value is not None]
    return "\n".join(lines) + "\n\n" + body + "\n"


def line_of(text, needle):
    """The 1-based line of the first occurrence: how an editor would find it."""
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@dataclass
class Case:
    name: str
    files: dict  # path inside content/ -> text
    expected: list = field(default_factory=list)  # (path, line or None, field, words)


FAR = (SITE_TODAY + timedelta(days=400)).strftime("%Y-%m-%d 09:00")


def file_of(name):
    """The case's own file: the cases are built together, a few folders at a time."""
    return f"articles/{re.sub(r'[^a-z0-9]+', '-', name.lower())}.md"


def single(name, text, field_name, words, needle=None):
    """A case with one broken article (with a slug of its own); `needle` finds the line
    at fault (else line 1)."""
    path = file_of(name)
    line = line_of(text, needle) if needle else 1
    text = text.replace(f"Slug: {SLUG}", f"Slug: {Path(path).stem}")
    return Case(name, {path: text}, [(path, line, field_name, words)])


def bad_link(name, body, field_name, words):
    text = article(body=f"We rest.\n\n{body}\n")
    return single(name, text, field_name, words, needle=body.split("(")[-1].rstrip(")"))


CASES = [
    single("missing title", article(Title=None), "Title", "missing"),
    single("empty title", article(Title=""), "Title", "empty", "Title:"),
    single("missing date", article(Date=None), "Date", "missing"),
    single("unparseable date", article(Date="13/02/2025"), "Date", "YYYY-MM-DD HH:MM", "Date:"),
    single(
        "modified before date",
        article(Modified="2024-12-01 09:00"),
        "Modified",
        "earlier than the Date",
        "Modified:",
    ),
    single("date far ahead", article(Date=FAR), "Date", "more than a year ahead", "Date:"),
    single("status wrong case", article(Status="Draft"), "Status", "`Status: draft`", "Status:"),
    single("status unknown", article(Status="unlisted"), "Status", "published, draft", "Status:"),
    single(
        "author not in the list",
        article(Author=AUTHOR.lower()),
        "Author",
        f"did you mean '{AUTHOR}'",
        "Author:",
    ),
    single("missing author", article(Author=None), "Author", AUTHOR),
    single("missing category", article(Category=None), "Category", "missing"),
    single("missing summary", article(Summary=None), "Summary", "missing"),
    single("summary too long", article(Summary="Rest. " * 60), "Summary", "300", "Summary:"),
    single("empty file", "", "file", "empty"),
    Case(
        "no body",
        {file_of("no body"): article(body="", Slug="no-body")},
        # Reported where the text should start: after the header and its blank line.
        [(file_of("no body"), len(article().split("\n\n")[0].splitlines()) + 2, "text", "no text")],
    ),
    single(
        "reviewer not in the list",
        article(Reviewed_by="Dr. Nobody", Last_reviewed="2025-02-01"),
        "Reviewed_by",
        "Dr. Nobody",
        "Reviewed_by:",
    ),
    single(
        "review before publishing",
        article(Reviewed_by=OTHER_AUTHOR, Last_reviewed="2024-12-01"),
        "Last_reviewed",
        "before the Date",
        "Last_reviewed:",
    ),
    single(
        "review date unparseable",
        article(Reviewed_by=OTHER_AUTHOR, Last_reviewed="last spring"),
        "Last_reviewed",
        "YYYY-MM-DD",
        "Last_reviewed:",
    ),
    single(
        "header line without colon",
        article(Author=None, Category=None).replace("Title:", f"Author {AUTHOR}\nTitle:", 1),
        "Author",
        f"`Author: {AUTHOR}`",
        f"Author {AUTHOR}",
    ),
    single(
        "social card image missing",
        article(Image="images/no-such.jpg", Image_alt="A lake"),
        "Image",
        "does not exist",
        "Image:",
    ),
    single(
        "misspelt field",
        article(Summary=None).replace("Slug:", "Sumary: Why rest helps.\nSlug:"),
        "Sumary",
        "`Summary:`",
        "Sumary:",
    ),
    single(
        "field given twice",
        article().replace("Summary:", f"Tags: {TAG}, more\nSummary:"),
        "Tags",
        "twice",
        f"{TAG}, more",
    ),
    single(
        "committed suicide",
        article(body="He committed suicide in 1990."),
        "safe messaging",
        "died by suicide",
        "committed",
    ),
    single(
        "successful suicide",
        article(body="It was described as a successful suicide."),
        "safe messaging",
        "died by suicide",
        "successful",
    ),
    single(
        "failed attempt",
        article(body="After a failed attempt, he was scared to talk about suicide."),
        "safe messaging",
        "survived a suicide attempt",
        "failed",
    ),
    single(
        "method details",
        article(body="Talking about suicide: she overdosed on her medication."),
        "safe messaging",
        "method",
        "overdosed",
    ),
    bad_link("filename target missing", "[Sleep]({filename}no-such-article.md)", "link", "exist"),
    bad_link("static target missing", "[Log]({static}/extra/no-such.pdf)", "link", "exist"),
    bad_link("attach link", "[Log]({attach}../extra/handout.pdf)", "link", "is not used"),
    bad_link("image file missing", "![A lake]({static}/images/no-such.jpg)", "image", "exist"),
    bad_link("image without alt", "![]({static}/images/logo.png)", "image", "alt text"),
    bad_link("tag that does not exist", "[more]({tag}no-such-tag)", "link", "tag"),
    bad_link("category that does not exist", "[more]({category}nowhere)", "link", "category"),
    bad_link("author that does not exist", "[more]({author}nobody)", "link", "author"),
    bad_link(
        "external image",
        "![A lake](https://images.example.com/lake.jpg)",
        "image",
        "another website",
    ),
    bad_link("hand-written site address", "[Contact](/contact/)", "link", "{filename}"),
    single(
        "link syntax left as text",
        article(body="See [the sleep log] ({filename}sleep-log-for-stress.md) too."),
        "link",
        "shown as text",
        "the sleep log",
    ),
    Case(
        "duplicate slug",
        {
            "articles/duplicate-slug-a.md": article(Slug="twice"),
            "articles/duplicate-slug.md": article(Slug="twice", Title="Another title"),
        },
        [
            (
                "articles/duplicate-slug.md",
                line_of(article(), "Slug:"),
                "Slug",
                "content/articles/duplicate-slug-a.md",
            )
        ],
    ),
    Case(
        "two files write one page",
        {"pages/clash.md": "Title: Clash\nSlug: tags\nSummary: A page.\n\nText.\n"},
        [("pages/clash.md", 2, "Slug", "tags/index.html")],
    ),
    Case(
        "not UTF-8 text",
        {file_of("latin-1"): article(Title="Caf\xe9 Conversations", Slug="cafe").encode("latin-1")},
        [(file_of("latin-1"), None, "file", "UTF-8")],
    ),
    Case(
        "not a markdown file",
        {"articles/notes.txt": "Some notes"},
        [("articles/notes.txt", None, "file", ".md")],
    ),
    Case(
        "link from a published article to a draft",
        {
            "articles/later.md": article(Slug="later", Status="draft"),
            "articles/now.md": article(
                Slug="now", body="Read [the next part]({filename}later.md)."
            ),
        },
        [("articles/now.md", 9, "link", "draft")],
    ),
    Case(
        "category spelled two ways",
        {"articles/shouting.md": article(Category=CATEGORY.upper(), Slug="shouting")},
        [("articles/shouting.md", 4, "Category", f"'{CATEGORY}'")],
    ),
]


def build_command(site, settings=DEV_SETTINGS, output="output"):
    """Pelican with the settings and flags of every real build, for another folder."""
    return pelican_command(settings, site / output, content=site / "content")


def content_copy(site, files):
    """A small copy of the sample content (conftest.SMALL_SITE_ARTICLES: each of the many
    builds reads a handful of files) with `files` added."""
    small_fixture_site(site / "content")
    for name, text in files.items():
        path = site / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return site


def build(site, settings=DEV_SETTINGS, output="output", env=None, extra=()):
    """Build from the site folder, so the report names files relative to it.

    publishconf.py imports pelicanconf.py from the project folder: PYTHONPATH."""
    result = forked_python.run(
        [*build_command(site, settings, output), *extra],
        cwd=site,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SITE_CONTENT": str(site / "content"),
            **(env or {}),
        },
    )
    result.output = result.stdout + result.stderr
    return result


def build_many(sites):
    """Build each site like build() does, all at once."""
    with ThreadPoolExecutor(len(sites)) as pool:
        return list(pool.map(build, sites))


# A case's mistake is found either by the checks of the sources, which report every such
# mistake before Pelican reads a file and then stop the build, or only while Pelican reads
# (the link targets it resolves, the pages it writes), reported when the first checks
# found nothing. So the cases are built in two batches, each one small copy of the fixture
# site holding every case's files; each case's report lines name its own file.
FOUND_WHILE_READING = {
    "filename target missing",
    "tag that does not exist",
    "category that does not exist",
    "author that does not exist",
    "external image",
    "hand-written site address",
    "link syntax left as text",
    "two files write one page",
    "link from a published article to a draft",
}


@pytest.fixture(scope="session")
def bad_builds(tmp_path_factory):
    """{case name: the build of its batch}."""
    batches = [
        [case for case in CASES if case.name not in FOUND_WHILE_READING],
        [case for case in CASES if case.name in FOUND_WHILE_READING],
    ]
    sites = []
    for batch in batches:
        files = {name: text for case in batch for name, text in case.files.items()}
        assert len(files) == sum(len(case.files) for case in batch), "two cases share a file"
        sites.append(content_copy(tmp_path_factory.mktemp("batch"), files))
    results = build_many(sites)
    return {
        case.name: result for batch, result in zip(batches, results, strict=True) for case in batch
    }


def report_lines(output):
    """The reported problems (readability warnings share the format but are not problems)."""
    return [
        line
        for line in output.splitlines()
        if PROBLEM_LINE.match(line) and PROBLEM_LINE.match(line)["field"] != "readability"
    ]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_stops_the_build_naming_file_line_and_field(bad_builds, case):
    result = bad_builds[case.name]
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    lines = report_lines(result.output)
    for path, line, field_name, words in case.expected:
        where = f"content/{path}:{line}: " if line else f"content/{path}: "
        matching = [x for x in lines if x.startswith(f"{where}{field_name}: ")]
        assert matching, f"no '{where}{field_name}:' in:\n{result.output}"
        assert any(words in x for x in matching), matching
    assert not (ROOT / "output").is_relative_to(Path(result.args[0]).parent)


def test_every_problem_line_reads_path_line_field_what_and_fix(bad_builds):
    for name, result in {id(r): (n, r) for n, r in bad_builds.items()}.values():
        header = [x for x in result.output.splitlines() if x.startswith("Content checks: ")]
        assert len(header) == 1, (name, result.output)
        count = int(header[0].split()[2])
        assert len(report_lines(result.output)) == count, (name, result.output)


def test_every_problem_is_reported_in_one_run(tmp_path):
    # Mistakes Pelican would survive, in four files and in both passes of the checks.
    files = {
        "articles/one.md": article(Slug="one", Summary="Long. " * 60),
        "articles/two.md": article(Slug="two", body="See [more]({tag}no-such-tag)."),
        "articles/three.md": article(Slug="three", body="He committed suicide."),
        "pages/four.md": "Title: Four\nSummary: A page.\n\n![A lake](https://example.com/l.jpg)\n",
    }
    result = build(content_copy(tmp_path / "soft", files))
    assert result.returncode != 0
    found = {
        (m["path"], m["line"], m["field"])
        for m in map(PROBLEM_LINE.match, report_lines(result.output))
    }
    assert found >= {
        ("content/articles/one.md", "7", "Summary"),
        ("content/articles/two.md", "9", "link"),
        ("content/articles/three.md", "9", "safe messaging"),
        ("content/pages/four.md", "4", "image"),
    }
    # Mistakes that make Pelican drop a file: all reported before Pelican reads any.
    files = {
        "articles/one.md": article(Slug="one", Date="yesterday"),
        "articles/two.md": article(Slug="two", Title=None),
        "articles/three.md": article(Slug="three", Status="Hidden"),
    }
    result = build(content_copy(tmp_path / "hard", files))
    found = {(m["path"], m["field"]) for m in map(PROBLEM_LINE.match, report_lines(result.output))}
    assert found == {
        ("content/articles/one.md", "Date"),
        ("content/articles/two.md", "Title"),
        ("content/articles/three.md", "Status"),
    }


def cached_readings(cache):
    """Pelican's content cache of the articles: {source path: (stamp, (html, metadata))}."""
    with gzip.open(cache / "ArticlesGenerator-Readers", "rb") as handle:
        return pickle.load(handle)


def test_a_cached_file_with_a_problem_fails_every_build_until_it_is_fixed(tmp_path):
    # The checks of a file's own text and HTML run as Pelican reads it, and its content
    # cache keeps what they found: unchanged files are not read again, and their
    # problems must come back from the cache on every build.
    files = {
        "articles/wording.md": article(Slug="wording", body="He committed suicide in 1990."),
        "articles/markup.md": article(Slug="markup", body="Call <www.example.org/help> now."),
        "articles/policy.md": article(Slug="policy", body='<p onclick="go()">Hello.</p>'),
        "articles/address.md": article(Slug="address", body="See [help](/contact/) today."),
        "articles/gone.md": article(Slug="gone", body="See [it]({filename}no-such.md)."),
    }
    expected = {
        ("content/articles/wording.md", "safe messaging"),
        ("content/articles/markup.md", "text"),
        ("content/articles/policy.md", "HTML"),
        ("content/articles/address.md", "link"),
        ("content/articles/gone.md", "link"),
    }
    site = content_copy(tmp_path / "site", files)
    cache = ("--cache-path", str(site / "cache"))
    reports = []
    for _ in range(2):  # cold, then warm with nothing changed
        result = build(site, extra=cache)
        assert result.returncode != 0
        assert "Traceback" not in result.output
        reports.append(sorted(report_lines(result.output)))
        found = {(m["path"], m["field"]) for m in map(PROBLEM_LINE.match, reports[-1])}
        assert found == expected, result.output
    assert reports[0] == reports[1]  # the same lines, line numbers and all
    # The warm build took those files from the cache, findings included.
    readings = cached_readings(site / "cache")
    wording = next(m for path, (_, (_, m)) in readings.items() if path.endswith("wording.md"))
    assert any("committed suicide" in p[2] for p in wording[FINDINGS_KEY]["problems"])
    # Fixing one file clears its problem only; fixing the others too builds the site
    # (each edited file is read again, so none of its cached findings may remain).
    fixed = {
        "articles/wording.md": article(Slug="wording", body="He died by suicide in 1990."),
        "articles/markup.md": article(Slug="markup", body="Call <https://www.example.org/help>."),
        "articles/policy.md": article(Slug="policy", body="<p>Hello.</p>"),
        "articles/address.md": article(
            Slug="address", body="See [help]({filename}../pages/contact.md)."
        ),
        "articles/gone.md": article(Slug="gone", body="See the contact page."),
    }
    first, *others = fixed
    (site / "content" / first).write_text(fixed[first], encoding="utf-8")
    result = build(site, extra=cache)
    found = {(m["path"], m["field"]) for m in map(PROBLEM_LINE.match, report_lines(result.output))}
    assert found == {e for e in expected if e[0] != f"content/{first}"}, result.output
    for name in others:
        (site / "content" / name).write_text(fixed[name], encoding="utf-8")
    pelican_output_is_clean(build(site, extra=cache))


def test_an_author_without_credential_fails_in_the_author_list_and_the_article(tmp_path):
    project = copy_project(tmp_path / "project")
    authors_file = project / "content" / "data" / "authors.toml"
    text = authors_file.read_text()
    credential = f'credential = "{AUTHORS[OTHER_AUTHOR]["credential"]}"\n'
    table = text.index(f'["{OTHER_AUTHOR}"]')
    authors_file.write_text(text[:table] + text[table:].replace(credential, "", 1))
    result = invoke("build", "--output", str(tmp_path / "out"), cwd=project, check=False)
    assert result.returncode != 0
    lines = report_lines(result.stdout + result.stderr)
    toml_line = line_of(text, f'["{OTHER_AUTHOR}"]')
    assert any(
        x.startswith(f"content/data/authors.toml:{toml_line}: credential: {OTHER_AUTHOR}")
        for x in lines
    ), lines
    by_other = [a for a in articles() if a.meta["author"] == OTHER_AUTHOR]
    for source in by_other:
        line = line_of(source.path.read_text(), "Author:")
        where = f"content/articles/{source.path.name}:{line}: Author: '{OTHER_AUTHOR}'"
        assert any(x.startswith(f"{where} has no credential") for x in lines), lines
    assert not (tmp_path / "out").exists()


def pelican_output_is_clean(result):
    assert result.returncode == 0, result.stdout + result.stderr
    output = result.stdout + result.stderr
    for word in ("WARNING", "ERROR", "CRITICAL", "Content checks", "Readability", "Traceback"):
        assert word not in output, output


def one_article_content(folder):
    """The bundled content/ with all but its first published article deleted, and links
    to articles that are gone made plain text (the content checks ask for that), as a
    clinician who starts afresh would leave it."""
    shutil.copytree(ROOT / "content", folder)
    sources = [read_source(p) for p in sorted((folder / "articles").glob("*.md"))]
    kept = next(s for s in sources if not s.is_draft)
    for source in sources:
        if source is not kept:
            source.path.unlink()
    # {filename} is relative to the linking file's folder.
    link = re.compile(r"\[([^\]]+)\]\(\{filename\}([^)#]+)(#[^)]*)?\)")
    for path in folder.glob("*/*.md"):
        text = path.read_text(encoding="utf-8")
        here = path.parent
        kept_links = link.sub(lambda m, here=here: m[0] if (here / m[2]).exists() else m[1], text)
        path.write_text(kept_links, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "content", ["fixture site", "bundled content/", "bundled content/ with one article"]
)
def test_the_site_builds_with_zero_warnings(tmp_path, content, request):
    # The bundled content/ is what the README's first command serves; clinicians edit it,
    # down to a single article, and it must keep building.
    if content == "fixture site":
        # The session's own builds of the fixture site (conftest.py), with their output.
        folder = FIXTURE_SITE
        dev_site = request.getfixturevalue("dev_site")
        published_site = request.getfixturevalue("published_site")
        dev, published = dev_site.build, published_site.build
        published_root = published_site.root
    else:
        folder = {
            "bundled content/": ROOT / "content",
            "bundled content/ with one article": one_article_content(tmp_path / "one"),
        }[content]
        dev = invoke("build", "--output", str(tmp_path / "dev"), check=False, content=folder)
        published_root = tmp_path / "published"
        published = invoke(
            "preview",
            "--output",
            str(published_root),
            env={"SITEURL": "https://blog.example.org"},
            check=False,
            content=folder,
        )
    pelican_output_is_clean(dev)
    pelican_output_is_clean(published)
    home = Site(published_root).html("/")
    articles_shown = {a["href"] for a in home.select("main a[href*='/articles/']")}
    published_sources = [
        s for s in map(read_source, (folder / "articles").glob("*.md")) if not s.is_draft
    ]
    assert published_sources, "a site needs at least one published article"
    for source in published_sources:
        assert f"https://blog.example.org/articles/{source.meta['slug']}/" in articles_shown
    if content == "bundled content/":
        # The editor at /admin/ saves new articles where authors keep theirs.
        config = (published_root / "admin" / "config.yml").read_text(encoding="utf-8")
        assert '"folder": "content/articles"' in config


def test_articles_about_suicide_or_self_harm_show_the_crisis_box(dev_site):
    for source in SAMPLE:
        page = dev_site.html(f"/articles/{source.meta['slug']}/")
        box = page.select_one("aside.crisis-box")
        sensitive = source.meta.get("sensitive", "").lower() == "yes" or any(
            word in tag.lower() for tag in source.tags for word in ("suicide", "self-harm")
        )
        if not sensitive:
            assert box is None, source.path
            continue
        hrefs = [a["href"] for a in box.find_all("a")]
        assert f"tel:{PRACTICE['crisis']['phone']}" in hrefs
        assert f"sms:{PRACTICE['crisis']['text']}" in hrefs
        assert f"tel:{PRACTICE['crisis']['emergency']}" in hrefs
        assert any(h.rstrip("/").endswith("get-help-now") for h in hrefs)
        # Before the article's text, where a reader in crisis sees it first.
        body = page.select_one(".post-body")
        assert box.sourceline < body.sourceline
    assert any(page for page in SAMPLE if "suicide" in " ".join(page.tags))


GOOD_VARIANTS = {
    "articles/sensitive.md": article(
        Slug="sensitive", Title="After a Loss", Sensitive="yes", body="We grieve together."
    ),
    "articles/dense.md": article(
        Slug="dense",
        Title="A Dense Article",
        body="Interpersonal neurobiological considerations substantially complicate "
        "conventional conceptualizations of physiological dysregulation. " * 3,
    ),
    "articles/tomorrow.md": article(
        Slug="scheduled-for-tomorrow",
        Title="Scheduled For Tomorrow",
        Date=(SITE_TODAY + timedelta(days=1)).strftime("%Y-%m-%d 09:00"),
    ),
    "articles/yesterday.md": article(
        Slug="dated-yesterday",
        Title="Dated Yesterday",
        Date=(SITE_TODAY - timedelta(days=1)).strftime("%Y-%m-%d 09:00"),
    ),
}


@pytest.fixture(scope="session")
def good_variants(tmp_path_factory):
    """Content beyond the sample: dev and published builds of it."""
    site = content_copy(tmp_path_factory.mktemp("variants"), GOOD_VARIANTS)
    dev = build(site)
    env = {"SITEURL": "https://blog.example.org"}
    published = build(site, PUBLISH_SETTINGS, "published", env)
    return dev, Site(site / "output"), published, Site(site / "published")


def test_readability_above_grade_9_is_a_warning_that_never_fails(good_variants):
    dev, _, published, _ = good_variants
    for result in (dev, published):
        assert result.returncode == 0, result.stdout + result.stderr
        warnings = [x for x in result.stderr.splitlines() if "readability" in x]
        assert len(warnings) == 1, result.stderr
        assert warnings[0].startswith("content/articles/dense.md: readability: ")
        assert "above 9" in warnings[0]


def test_sensitive_yes_shows_the_crisis_box(good_variants):
    _, dev_site, _, _ = good_variants
    assert dev_site.html("/articles/sensitive/").select_one("aside.crisis-box")
    assert dev_site.html("/articles/dated-yesterday/").select_one("aside.crisis-box") is None


def every_file_text(site):
    """Every file of a build as text, compressed search-index files included."""
    for path in sorted(site.root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path, data.decode("utf-8", errors="replace")


def test_a_future_date_schedules_the_article(good_variants):
    _, dev_site, _, published_site = good_variants
    # The preview shows it as a draft; the published build has no trace of it.
    preview = dev_site.html("/drafts/scheduled-for-tomorrow/")
    assert "DRAFT" in preview.select_one(".draft-banner").get_text()
    assert published_site.path("/articles/dated-yesterday/").exists()
    for path, text in every_file_text(published_site):
        assert "scheduled-for-tomorrow" not in text, path
        assert "Scheduled For Tomorrow" not in text, path


def test_drafts_never_reach_the_published_pages_feeds_sitemap_or_search(published_site):
    drafts = [a for a in articles() if a.is_draft]
    assert drafts
    names = {p.name for p in published_site.root.rglob("*")}
    assert "sitemap.xml" in names and any(n.endswith(".xml") for n in names)
    for path, text in every_file_text(published_site):
        for draft in drafts:
            assert draft.meta["slug"] not in text, path
            assert draft.meta["title"] not in text, path


def test_the_daily_run_the_readme_promises_for_scheduled_articles_exists():
    readme = (ROOT / "README.md").read_text()
    hour, minute = re.search(r"runs once a day at (\d+):(\d+) UTC", readme).groups()
    workflows = "".join(p.read_text() for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert re.search(
        rf"schedule:\s*\n(?:\s*#.*\n)*\s*- cron: \"{int(minute)} {int(hour)} \* \* \*\"", workflows
    )
