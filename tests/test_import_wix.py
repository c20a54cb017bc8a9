"""`invoke import-wix`, end to end, always into a copy of the project: the captured
seed page, real Wix feeds and saved pages (tests/fixtures/wix_real/), and a whole
Wix site served on 127.0.0.1 and imported by its address, built, and its old
addresses followed in Chromium.

The real captured Wix page is in tests/fixtures/wix_seeds/ (copied from the team's
shared/seeds, so that CI has it); its text is never copied into content/.
Expected values come from that capture (read by the simple rules below) or
from the site's own Markdown sources, never from the importer's output.
"""

import http.server
import json
import re
import shutil
import threading
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from urllib.parse import unquote, urlparse
from zoneinfo import ZoneInfo

import feedparser
import markdown
import pytest
from bs4 import BeautifulSoup, Comment
from content_checks.markup import check_markup
from content_checks.sources import parse as parse_source
from pelican.utils import slugify
from PIL import Image

from conftest import ROOT, Site, copy_project, fixture_settings, invoke, serve_folder
from content_sources import plain, published_articles, read_source
from tools.wix_import import html_page, text_capture

SEEDS = ROOT / "tests" / "fixtures" / "wix_seeds"
SETTINGS = fixture_settings()
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
DATE_LINE = re.compile(r"^(?:[•·]\s*)?([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?$")
TOML_START = "fill in the empty fields):\n\n"
INVISIBLE = "\u200b\u200e\u200f\u2060\ufeff\u00ad"  # characters that show nothing


def words(text):
    return " ".join(text.split())


def seen(text):
    """The words a reader sees: characters that show nothing left out."""
    return words(re.sub(f"[{INVISIBLE}]", "", text))


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
    folder = site / "content" / "articles"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.md"))}


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
    assert out.startswith("Imported 1 article(s)") and "skipped 0" in out


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

    report = (site / "wix-import-report.txt").read_text(encoding="utf-8")
    block = report.split(TOML_START)[1]
    assert tomllib.loads(block)[name]["credential"] == capture.byline[2]
    authors = site / "content" / "data" / "authors.toml"
    authors.write_text(authors.read_text(encoding="utf-8") + "\n" + block + "\n", encoding="utf-8")
    # Imported articles are drafts until someone has read them; then they publish them.
    assert imported.fields["Status"] == "draft"
    text = imported.path.read_text(encoding="utf-8")
    imported.path.write_text(text.replace("Status: draft", "Status: published"), encoding="utf-8")
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
    assert "--force" in again.stdout and "Imported 0 article(s)" in again.stdout

    invoke("import-wix", str(capture.path), "--force", cwd=first.site)
    assert first.path.read_bytes() == original


def rendered_text(markdown_body):
    """Article text as the site renders it (its own Markdown settings), made plain."""
    extensions = list(SETTINGS["MARKDOWN"]["extension_configs"])
    html = markdown.markdown(markdown_body, extensions=extensions)
    return words(plain(BeautifulSoup(html, "html.parser").get_text(" ")))


def test_our_published_feed_imports_back_into_an_empty_site(published_site, tmp_path):
    site = copy_project(tmp_path / "site")
    # Every article, the Spanish ones too (one shares an English slug, content/articles/es/).
    for article in (site / "content" / "articles").rglob("*.md"):
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


# --- Real Wix data (tests/fixtures/wix_real/SOURCES.md names where each file comes from) ---

REAL = ROOT / "tests" / "fixtures" / "wix_real"
SAVED_PAGE_NAMES = sorted(p.stem for p in (REAL / "pages").glob("*.html"))
WIX_MEDIA = "https://static.wixstatic.com"
BLOCK_NAMES = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "table",
    "figure",
    "pre",
    "hr",
    "div",
    "section",
    "article",
    "iframe",
    "img",
}
PICTURE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}


def picture_bytes(name):
    """A small real picture in the format its name says (what the CDN would send)."""
    buffer = BytesIO()
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ".jpg"
    Image.new("RGB", (40, 30), (90, 140, 170)).save(buffer, PICTURE_FORMATS.get(suffix, "JPEG"))
    return buffer.getvalue()


class WixHost:
    """A local stand-in for a Wix site and its picture host on 127.0.0.1:
    `routes` {path: bytes}, and any /media/<name> answered with a picture."""

    def __init__(self):
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.split("?")[0]
                host.requests.append(path)
                if path in host.routes:
                    body, kind = host.routes[path], "text/html; charset=utf-8"
                    if path.endswith(".xml"):
                        kind = "application/xml"
                elif path.startswith("/media/"):
                    body, kind = picture_bytes(path.rsplit("/", 1)[-1]), "image/octet-stream"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.routes, self.requests = {}, []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def local(self, text):
        """Real Wix text with its pictures served from here instead of Wix's host."""
        return text.replace(WIX_MEDIA, self.url)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def wix_host():
    host = WixHost()
    yield host
    host.close()


SKIPPED_BLOCKS = {
    "ul",
    "ol",
    "blockquote",
    "table",
    "pre",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "iframe",
    "img",
    "figure",
    "script",
    "style",
    "svg",
    "wow-image",
}


def source_blocks(container):
    """The paragraphs of a source body as a reader sees them, in order: every
    non-empty <p> (not inside a list, quote or table) and every run of text
    standing outside any block."""
    found, run = [], []
    for line_break in container.find_all("br"):
        line_break.replace_with(" ")

    def flush():
        text = seen(" ".join(run))
        if text:
            found.append(text)
        run.clear()

    def walk(node):
        for child in node.children:
            name = getattr(child, "name", None)
            if name is None:
                if not isinstance(child, Comment):
                    run.append(str(child))
            elif name == "br":
                run.append(" ")
            elif name == "p":
                flush()
                found.append(seen(child.get_text()))
                if not found[-1]:  # a spacer: empty, or zero-width spaces
                    found.pop()
            elif name in SKIPPED_BLOCKS:
                flush()
            elif name in ("div", "section", "article"):
                flush()
                walk(child)
                flush()
            else:
                run.append(child.get_text())

    walk(container)
    flush()
    return found


def rendered_paragraphs(body):
    html = markdown.markdown(body, extensions=list(SETTINGS["MARKDOWN"]["extension_configs"]))
    page = BeautifulSoup(html, "html.parser")
    for line_break in page.find_all("br"):
        line_break.replace_with(" ")
    paragraphs = [
        words(p.get_text())
        for p in page.find_all("p")
        if p.find_parent(["li", "blockquote", "table"]) is None
    ]
    # Pictures and video links are paragraphs the importer adds in place of embeds.
    return page, [p for p in paragraphs if p and not p.startswith("Video: ")]


def strong_texts(element):
    """Bold text outside headings; Wix's underlined labels (not links) count as bold."""
    found = []
    for bold in element.find_all(["strong", "b", "u", "span"]):
        if bold.name == "span" and "font-weight:700" not in (bold.get("style") or ""):
            continue
        if bold.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "a"]) is not None:
            continue
        if bold.name == "u" and bold.find_parent(["strong", "b"]) is not None:
            continue
        if re.search(r"\w", bold.get_text()):
            found.append(words(bold.get_text()))
    return sorted(found)


def external_links(element):
    """Links to other sites; one written without https:// counts with it (it gets it)."""
    found = []
    for link in element.find_all("a", href=True):
        href = link["href"].strip()
        if re.match(r"^(www\.|[\w-]+(\.[\w-]+)*\.[a-z]{2,}/)", href):
            href = f"https://{href}"
        if href.startswith("http") and "/post/" not in href and words(link.get_text()):
            found.append(href)
    return sorted(found)


RAW_TAG = re.compile(r"<(?!https?://)[A-Za-z/!?]")


def assert_faithful(fields, body, source_body, site):
    """What every imported post must keep of its source."""
    page, paragraphs = rendered_paragraphs(body)
    assert paragraphs == [p for p in source_blocks(source_body)], fields["Title"]
    assert strong_texts(page) == strong_texts(source_body), fields["Title"]
    assert external_links(page) == external_links(source_body), fields["Title"]
    assert RAW_TAG.search(body) is None, fields["Title"]
    # Nothing the site's markup check refuses (raw tags, links without https://).
    header = "".join(f"{k}: {v}\n" for k, v in fields.items())
    assert check_markup(parse_source("imported.md", f"{header}\n{body}", "article")) == []
    summary = fields["Summary"]
    assert "http" not in summary and "www." not in summary and "©" not in summary
    assert len(re.findall(r"[^\W\d_]{2,}", summary)) >= 4, summary
    assert fields["Status"] == "draft"
    if "Image" in fields:
        assert (site / "content" / fields["Image"]).is_file()
    for picture in re.findall(r"\{static\}/(images/[^)\s]+)", body):
        assert (site / "content" / picture).is_file(), picture


def localised_copy(tmp_path, host, name):
    source = REAL / name
    copy = tmp_path / "sources" / name
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(host.local(source.read_text(encoding="utf-8")), encoding="utf-8")
    return copy


def article_for(site, old_url):
    from urllib.parse import unquote

    slug = unquote(urlparse(old_url).path.split("/post/")[1])
    slug = slugify(slug, regex_subs=SETTINGS["SLUG_REGEX_SUBSTITUTIONS"])
    return site / "content" / "articles" / f"{slug}.md"


@pytest.mark.parametrize("name", ["adolfstock-blog-feed.xml", "novicom-blog-feed.xml"])
def test_a_real_wix_feed_imports_every_post_faithfully(tmp_path, wix_host, name):
    site = copy_project(tmp_path / "site")
    source = localised_copy(tmp_path, wix_host, name)
    result = invoke("import-wix", str(source), cwd=site)
    entries = feedparser.parse(source.read_bytes()).entries
    assert result.stdout.startswith(f"Imported {len(entries)} article(s)")
    # One short report: counts and what needs a person, the rest in the file it names.
    assert len(result.stdout.splitlines()) <= 12 and "wix-import-report.txt" in result.stdout
    for entry in entries:
        fields, body = split_article(article_for(site, entry.link))
        assert fields["Title"] == words(entry.title)
        source_body = BeautifulSoup(entry.content[0].value, "html.parser")
        assert_faithful(fields, body, source_body, site)
        assert "Image" in fields, f"{entry.title}: the feed's <enclosure> is the cover"
    redirects = tomllib.loads((site / "content/data/redirects.toml").read_text(encoding="utf-8"))
    assert len(redirects["redirects"]) == len(entries)


def test_real_saved_wix_pages_import_faithfully(tmp_path, wix_host):
    site = copy_project(tmp_path / "site")
    pages = sorted((REAL / "pages").glob("*.html"))
    for page in pages:
        localised_copy(tmp_path, wix_host, f"pages/{page.name}")
    result = invoke("import-wix", str(tmp_path / "sources" / "pages"), cwd=site)
    assert result.stdout.startswith(f"Imported {len(pages)} article(s)")
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        address = soup.find("link", rel="canonical")["href"]
        fields, body = split_article(article_for(site, address))
        source_body = soup.select_one('[data-hook="post-description"]')
        for dropped in source_body.find_all(["style", "script", "svg"]):
            dropped.decompose()
        assert_faithful(fields, body, source_body, site)
        # The picture at its original size, not Wix's blurred 147-pixel placeholder.
        assert "Image" in fields and "blur" not in body and "/v1/" not in body
    requested = [p for p in wix_host.requests if p.startswith("/media/")]
    assert requested and not any("/v1/" in p for p in requested)


def test_an_excerpt_only_feed_offline_is_refused_clearly(tmp_path):
    site = copy_project(tmp_path / "site")
    before = article_files(site)
    source = REAL / "girlplusenvironment-blog-feed.xml"
    feed_text = source.read_text(encoding="utf-8")
    # Its first two posts: each unreachable page is tried three times, pausing between.
    head, *items = feed_text.split("<item>")
    tail = "</channel>" + items[-1].split("</channel>", 1)[1]
    feed_text = "<item>".join([head, *(item.split("</item>")[0] + "</item>" for item in items[:2])])
    # Offline: the feed's post addresses lead nowhere (a closed local port).
    offline = tmp_path / "feed.xml"
    offline.write_text(
        feed_text.replace("https://www.girlplusenvironment.org", "http://127.0.0.1:9") + tail,
        encoding="utf-8",
    )
    result = invoke("import-wix", str(offline), cwd=site, check=False)
    assert result.returncode != 0
    assert "carries only an excerpt" in result.stderr and "can't be reached" in result.stderr
    assert "Nothing was written" in result.stderr
    assert article_files(site) == before
    assert not (site / "content" / "data" / "redirects.toml").exists()
    assert not list(site.glob(".wix-import-*"))


@pytest.mark.parametrize("page", SAVED_PAGE_NAMES)
def test_a_browsers_select_all_of_a_real_post_reads_as_its_saved_page_does(page):
    """The text capture of a real Wix page (innerText: no markup) gives the same
    title, writer, date and words as the page saved as HTML."""
    saved = REAL / "pages" / f"{page}.html"
    captured = REAL / "innertext" / f"{page}.txt"
    moment = datetime(2026, 11, 30)
    from_html = html_page.parse(
        saved, saved.read_text(encoding="utf-8"), captured=moment, timezone=ZoneInfo("UTC")
    )
    from_text = text_capture.parse(captured, captured.read_text(encoding="utf-8"), captured=moment)
    assert (from_text.title, from_text.author) == (from_html.title, from_html.author)
    assert from_text.date.date() == from_html.date.date()

    def article_words(post):  # list markers aside: plain text keeps no list
        text = " ".join(block.text for block in post.body)
        return [word for word in text.split() if not re.fullmatch(r"-|\d+\.", word)]

    assert article_words(from_text) == article_words(from_html)
    assert from_text.category == "" or from_text.category in captured.read_text(encoding="utf-8")


# --- Shapes the real samples lack (tests/fixtures/wix_variants/, written by us) ---

VARIANTS = ROOT / "tests" / "fixtures" / "wix_variants"


def test_pictures_embeds_same_titles_and_other_capture_layouts_import_and_build(tmp_path, wix_host):
    site = copy_project(tmp_path / "site")
    sources = tmp_path / "variants"
    shutil.copytree(VARIANTS, sources, ignore=shutil.ignore_patterns("README.md"))
    for page in (sources / "pages").glob("*.html"):
        page.write_text(wix_host.local(page.read_text(encoding="utf-8")), encoding="utf-8")
    # A picture whose name says GIF, though the host sends a JPEG.
    wix_host.routes["/media/cd0f76_stretch.gif"] = picture_bytes("stretch.jpg")
    reports = []
    for folder in ("pages", "captures"):
        invoke(
            "import-wix", str(sources / folder), "--publish",
            "--author-map", "Dana Whitfield=Maya Okafor", cwd=site,
        )  # fmt: skip
        reports.append((site / "wix-import-report.txt").read_text(encoding="utf-8"))
    articles = site / "content" / "articles"
    report = reports[0]

    fields, body = split_article(articles / "light-in-the-dark-months.md")
    blocks = rendered_blocks(body)
    # The text around a picture Wix no longer has stays; the picture is listed.
    assert "This one is gone from Wix: but this sentence stays." in blocks
    assert "picture not downloaded, left out (" in report and "cd0f76_old.jpg" in report
    assert "A moving picture we like: it makes us smile." in blocks  # a picture in a line
    # A caption stays under its picture; a linked picture keeps picture and link.
    assert "Our waiting room in December." in blocks
    assert "[![Book a session]({static}/images/light-in-the-dark-months/" in body
    # The GIF that is a JPEG is saved as what it is (the build checks the bytes).
    pictures = {p.name for p in (site / "content/images/light-in-the-dark-months").iterdir()}
    assert "cd0f76_stretch.jpg" in pictures and "cd0f76_stretch.gif" not in pictures
    assert "({static}/images/light-in-the-dark-months/cd0f76_stretch.jpg)" in body
    assert len(pictures) == 7  # the cover, three in the gallery, the lamp, the button, the GIF
    # Embeds are plain links to their pages; what lives on Wix is listed for a person.
    assert "[Instagram post](https://www.instagram.com/p/C1a2B3c4D5e/)" in body
    assert "(https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk)" in body
    assert "filesusr.com" not in body and "filesusr.com/html/" in report
    assert "_files/ugd/cd0f76_worksheet.pdf is a file stored on Wix" in report
    assert "\u200b" not in body and "| 7 am | Light and a short walk |" in body
    assert "were <del>$140</del> and are now $120; the room is 20 m<sup>2</sup>." in body

    # A page saved "complete" by a browser: its picture is read from the folder beside it.
    saved = site / "content/images/saying-no-kindly/a-door-ajar.png"
    assert (
        saved.read_bytes()
        == (VARIANTS / "pages/Saying No Kindly_files/a-door-ajar.png").read_bytes()
    )
    assert (
        "![A door left ajar]({static}/images/saying-no-kindly/a-door-ajar.png)"
        in (split_article(articles / "saying-no-kindly.md")[1])
    )

    # Two posts with the same title keep their own Wix slugs.
    for slug in ("holiday-hours", "holiday-hours-1"):
        assert split_article(articles / f"{slug}.md")[0]["Title"] == "Holiday Hours"

    # A browser's select-all, with a byte order mark and Windows line ends.
    fields, body = split_article(articles / "when-worry-arrives-at-bedtime.md")
    assert (fields["Title"], fields["Date"][:10]) == ("When Worry Arrives at Bedtime", "2022-06-04")
    assert (fields["Category"], fields["Tags"]) == ("Self-care", "anxiety")
    blocks = rendered_blocks(body)
    assert blocks[0].startswith("Worry likes the quiet") and blocks[-1] == (
        "Sleep is not a test you can fail."
    )
    for chrome in ("views", "Facebook", "Recent Posts", "Small Habits", "Elm Street"):
        assert chrome not in body
    # A capture of the blog in Spanish is a Spanish article.
    fields, body = split_article(articles / "es" / "la-preocupacion-a-la-hora-de-dormir.md")
    assert (fields["Lang"], fields["Date"][:10], fields["Modified"][:10]) == (
        "es",
        "2023-10-09",
        "2023-10-12",
    )
    assert "Comentarios" not in body and "Ver todo" not in body

    # Everything imported passes the site's checks and builds.
    invoke("build", "--output", str(tmp_path / "out"), cwd=site)


# --- A whole Wix site by its address, on 127.0.0.1 ---

SAVED_PAGES = sorted((REAL / "pages").glob("*.html"))
# One post served at a non-ASCII slug, percent-encoded as Wix writes it in its sitemap.
NON_ASCII = ("13-youtube-tips", "tipps-f%C3%BCr-youtube")
AUTHOR_MAP = ("--author-map", "Bart=Daniel Reyes", "--author-map", "Linyola=Maya Okafor")


def sitemap(kind, locations):
    tag = "sitemap" if kind == "sitemapindex" else "url"
    items = "".join(f"<{tag}><loc>{loc}</loc></{tag}>" for loc in locations)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<{kind} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</{kind}>'
    ).encode()


# One post links to another, as posts of a blog do: the link's target is swapped for
# another post of the same site (the saved page links to another site there).
CROSS_LINK = (
    "youtube-influencer-marketing",
    "https://youtube.googleblog.com/2020/06/introducing-youtube-brandconnect.html",
    "the-instagram-algorithm-explained",
)


def serve_wix_site(host, extra_posts=()):
    """The saved pages at /post/<slug>, Wix's two sitemaps, pictures at /media/."""
    slugs = []
    for page in SAVED_PAGES:
        slug = NON_ASCII[1] if page.stem == NON_ASCII[0] else page.stem
        text = host.local(page.read_text(encoding="utf-8"))
        if page.stem == CROSS_LINK[0]:
            text = text.replace(CROSS_LINK[1], f"{host.url}/post/{CROSS_LINK[2]}")
        host.routes[f"/post/{slug}"] = text.encode()
        slugs.append(slug)
    posts = [f"{host.url}/post/{s}" for s in [*slugs, *extra_posts]]
    host.routes["/sitemap.xml"] = sitemap(
        "sitemapindex", [f"{host.url}/pages-sitemap.xml", f"{host.url}/blog-posts-sitemap.xml"]
    )
    host.routes["/pages-sitemap.xml"] = sitemap("urlset", [f"{host.url}/about"])
    host.routes["/blog-posts-sitemap.xml"] = sitemap("urlset", posts)
    return slugs


def content_files(site):
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted((site / "content").rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def site_import(tmp_path_factory):
    """A Wix site imported by its address, then built for publishing and served."""
    host = WixHost()
    slugs = serve_wix_site(host)
    root = tmp_path_factory.mktemp("wix-site")
    site = copy_project(root / "site")
    first = invoke("import-wix", host.url, "--publish", *AUTHOR_MAP, cwd=site)
    after_first = content_files(site)
    second = invoke("import-wix", host.url, "--publish", *AUTHOR_MAP, cwd=site)

    served = root / "served"
    served.mkdir()
    server = serve_folder(served)
    site_url = f"http://127.0.0.1:{server.server_address[1]}"
    output = served / "out"
    build = invoke("preview", "--output", str(output), cwd=site, env={"SITEURL": site_url + "/out"})
    yield {
        "site": site,
        "slugs": slugs,
        "first": first,
        "second": second,
        "after_first": after_first,
        "after_second": content_files(site),
        "output": output,
        "url": site_url + "/out",
        "build": build,
        "host": host,
    }
    server.shutdown()
    host.close()


def test_importing_a_site_by_its_address_brings_every_post_and_picture(site_import):
    site, slugs = site_import["site"], site_import["slugs"]
    assert site_import["first"].stdout.startswith(f"Imported {len(slugs)} article(s) and ")
    table = tomllib.loads((site / "content/data/redirects.toml").read_text(encoding="utf-8"))
    assert sorted(table["redirects"]) == sorted(f"/post/{unquote(s)}" for s in slugs)
    pictures = {p.stem for p in (site / "content" / "images").rglob("*") if p.is_file()}
    requested = {
        p.rsplit("/", 1)[-1].replace("~", "-").rsplit(".", 1)[0]
        for p in site_import["host"].requests
        if p.startswith("/media/")
    }
    assert requested and requested <= pictures
    for article in table["redirects"].values():
        fields, _ = split_article(site / "content" / article)
        assert fields["Status"] == "published"
        assert fields["Author"] in ("Daniel Reyes", "Maya Okafor")
        assert (site / "content" / fields["Image"]).is_file()
    # The non-ASCII slug keeps its words, the site's way.
    assert "/post/tipps-für-youtube" in table["redirects"]
    assert table["redirects"]["/post/tipps-für-youtube"] == "articles/tipps-fur-youtube.md"


def test_a_link_to_another_imported_post_leads_to_its_new_article(site_import):
    site, output = site_import["site"], site_import["output"]
    source = (site / "content/articles" / f"{CROSS_LINK[0]}.md").read_text(encoding="utf-8")
    assert f"]({{filename}}/articles/{CROSS_LINK[2]}.md)" in source
    page = Site(output).html(f"/articles/{CROSS_LINK[0]}/")
    hrefs = [a["href"] for a in page.select(".post-body a[href]")]
    assert f"{site_import['url']}/articles/{CROSS_LINK[2]}/" in hrefs


def test_a_second_import_of_the_site_changes_nothing(site_import):
    assert site_import["after_second"] == site_import["after_first"]
    assert "already imported" in site_import["second"].stdout
    assert site_import["second"].stdout.startswith("Imported 0 article(s)")


def test_the_sitemap_lists_only_the_new_addresses(site_import):
    output = site_import["output"]
    sitemap_text = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/post/" not in sitemap_text
    for slug in ("tipps-fur-youtube", "the-instagram-algorithm-explained"):
        assert f"/articles/{slug}/" in sitemap_text
    rules = (output / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/post/tipps-f%C3%BCr-youtube /out/articles/tipps-fur-youtube/ 301" in rules


def test_every_old_address_leads_to_the_new_article_in_chromium(site_import, page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    site = site_import["site"]
    for slug in site_import["slugs"]:
        old = f"{site_import['url']}/post/{slug}"
        table = tomllib.loads((site / "content/data/redirects.toml").read_text(encoding="utf-8"))
        article = table["redirects"][f"/post/{unquote(slug)}"]
        fields, _ = split_article(site / "content" / article)
        new = f"{site_import['url']}/articles/{fields['Slug']}/"
        page.goto(old)
        page.wait_for_url(new)
        assert plain(page.locator("h1").first.inner_text()) == plain(fields["Title"])
    # The redirect pages work under the site's Content-Security-Policy: nothing refused.
    assert not [e for e in errors if "Content Security Policy" in e]


@pytest.mark.parametrize("kind", ["unreachable site", "a post that is gone", "not a Wix site"])
def test_a_bad_site_is_refused_clearly_and_nothing_is_written(tmp_path, kind):
    host = WixHost()
    try:
        if kind == "unreachable site":
            address, expected = "http://127.0.0.1:9", "can't be reached"
        elif kind == "a post that is gone":
            serve_wix_site(host, extra_posts=["removed-post"])
            address, expected = host.url, "/post/removed-post: the server answered 404"
        else:
            host.routes["/sitemap.xml"] = sitemap("urlset", [f"{host.url}/", f"{host.url}/shop"])
            address, expected = host.url, "list no blog posts"
        site = copy_project(tmp_path / "site")
        before = content_files(site)
        result = invoke("import-wix", address, cwd=site, check=False)
    finally:
        host.close()
    assert result.returncode != 0
    assert expected in result.stderr and "Nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    assert content_files(site) == before
    assert not list(site.glob(".wix-import-*"))


def excerpt_feed(host, slugs):
    """A current Wix feed (excerpts only, as since 2025) of the served posts."""
    items = []
    for page, slug in zip(SAVED_PAGES, slugs, strict=True):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")

        def meta(name, soup=soup):
            return soup.find("meta", property=name)["content"]

        published = datetime.fromisoformat(meta("article:published_time").replace("Z", "+00:00"))
        items.append(
            f"<item><title><![CDATA[{meta('og:title')}]]></title>"
            f"<description><![CDATA[{meta('og:description')}...]]></description>"
            f"<link>{host.url}/post/{slug}</link>"
            f"<pubDate>{published.strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate>"
            f'<enclosure url="{host.local(meta("og:image"))}" length="0" type="image/png"/>'
            f"<dc:creator>{meta('article:author')}</dc:creator></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'version="2.0"><channel><title>Blog</title><link>' + host.url + "/blog</link>"
        "<generator>RSS for Node</generator>" + "".join(items) + "</channel></rss>"
    )


def test_an_excerpt_only_feed_is_completed_from_the_post_pages(tmp_path, wix_host):
    slugs = serve_wix_site(wix_host)
    feed_file = tmp_path / "blog-feed.xml"
    feed_file.write_text(excerpt_feed(wix_host, slugs), encoding="utf-8")
    site = copy_project(tmp_path / "site")
    result = invoke("import-wix", str(feed_file), "--add-authors", "--publish", cwd=site)
    assert result.stdout.startswith(f"Imported {len(slugs)} article(s)")
    for page, slug in zip(SAVED_PAGES, slugs, strict=True):
        fields, body = split_article(article_for(site, f"{wix_host.url}/post/{slug}"))
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        source_body = soup.select_one('[data-hook="post-description"]')
        if page.stem == CROSS_LINK[0]:
            continue  # its served copy links to another post (checked by the site test)
        page_paragraphs = source_blocks(source_body)
        assert rendered_paragraphs(body)[1] == page_paragraphs, fields["Title"]
        assert fields["Status"] == "published"

    # The authors --add-authors wrote make the checks name what is missing, nothing else.
    output = tmp_path / "out"
    refused = invoke("build", "--output", str(output), cwd=site, check=False)
    message = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "credential" in message and "authors.toml" in message
    authors = site / "content/data/authors.toml"
    # The field the build named, filled in as the author would.
    filled = authors.read_text(encoding="utf-8").replace('credential = ""', 'credential = "LPC"')
    authors.write_text(filled, encoding="utf-8")
    invoke("build", "--output", str(output), cwd=site)


# --- A post's language (issue 19): Spanish variants of the real saved pages ---
#
# Each variant is a real saved Wix page with its language markers set the way Wix
# Multilingual writes them and its text replaced by Spanish (or French) written here.

NOVICOM = "https://www.novicommarketinggroup.com"
SPANISH_TEXT = [
    "Publicar con constancia ayuda más que publicar mucho. Elija dos días de la semana y "
    "manténgalos durante un mes antes de cambiar nada.",
    "Mire qué preguntas le hacen sus clientes y conviértalas en videos cortos: cada "
    "respuesta clara es una razón para volver al canal.",
    "Revise las cifras una vez por semana, no todos los días. Los cambios pequeños tardan "
    "en notarse.",
]
FRENCH_TEXT = [
    "Choisissez une seule plateforme et apprenez à bien la connaître avant d'en ajouter une autre.",
    "Un message simple et régulier vaut mieux qu'une grande campagne sans suite.",
]


def language_variant(page, *, address, title, paragraphs, html_lang=None, og_locale=None,
                     in_language=None, current_language=None, alternates=None):  # fmt: skip
    """The real saved page `page` as Wix would serve another post: its address, title and
    text, and the language markers given (None: the marker is removed)."""
    soup = BeautifulSoup((REAL / "pages" / page).read_text(encoding="utf-8"), "html.parser")
    if html_lang is None:
        del soup.html["lang"]
    else:
        soup.html["lang"] = html_lang
    for meta in soup.find_all("meta", property="og:locale"):
        meta.decompose()
    if og_locale is not None:
        soup.head.append(soup.new_tag("meta", property="og:locale", content=og_locale))
    soup.find("link", rel="canonical")["href"] = address
    soup.find("meta", property="og:url")["content"] = address
    soup.find("meta", property="og:title")["content"] = title
    soup.select_one('[data-hook="post-title"]').string = title
    for script in soup.find_all("script", type="application/ld+json"):
        posting = json.loads(script.string)
        if posting.get("@type") == "BlogPosting":
            posting["headline"] = title
            posting.pop("inLanguage", None)
            if in_language is not None:
                posting["inLanguage"] = in_language
            script.string = json.dumps(posting)
    model = soup.find("script", id="wix-viewer-model")
    if current_language is None:
        model.decompose()
    else:
        data = json.loads(model.string)
        data["siteFeaturesConfigs"]["multilingual"]["currentLanguage"]["languageCode"] = (
            current_language
        )
        model.string = json.dumps(data)
    for link in soup.find_all("link", hreflang=True):
        link.decompose()
    for hreflang, href in (alternates or {}).items():
        soup.head.append(soup.new_tag("link", rel="alternate", href=href, hreflang=hreflang))
    body = soup.select_one('[data-hook="post-description"]')
    body.clear()
    for text in paragraphs:
        paragraph = soup.new_tag("p")
        paragraph.string = text
        body.append(paragraph)
    return str(soup)


@pytest.fixture(scope="module")
def language_import(tmp_path_factory, wix_host):
    """The real English page and its Spanish translation (Wix Multilingual with ?lang=es,
    as the real page's hreflang names it), a Spanish-only post in Wix's /es/ folder with
    regional tags, a French post, and a page whose markers disagree: imported, published."""
    root = tmp_path_factory.mktemp("languages")
    sources = root / "sources"
    sources.mkdir()
    english = f"{NOVICOM}/post/13-youtube-tips"
    spanish = f"{NOVICOM}/post/13-youtube-tips-2?lang=es"
    variants = {
        "13-youtube-tips.html": (REAL / "pages" / "13-youtube-tips.html").read_text(
            encoding="utf-8"
        ),
        "13-consejos.html": language_variant(
            "13-youtube-tips.html",
            address=spanish,
            title="13 consejos para su canal",
            paragraphs=SPANISH_TEXT,
            html_lang="es",
            og_locale="es_ES",
            current_language="es",
            alternates={"en-us": english, "es-es": spanish, "x-default": NOVICOM},
        ),
        "novedades.html": language_variant(
            "new-facebook-features.html",
            address=f"{NOVICOM}/es/post/novedades-de-facebook",
            title="Novedades para páginas de empresa",
            paragraphs=SPANISH_TEXT[1:],
            html_lang="ES-419",
            og_locale="es_MX",
            in_language="es-MX",
        ),
        "influence.html": language_variant(
            "youtube-influencer-marketing.html",
            address=f"{NOVICOM}/fr/post/marketing-d-influence",
            title="Le marketing d'influence, simplement",
            paragraphs=FRENCH_TEXT,
            html_lang="fr-FR",
            og_locale="fr_FR",
            current_language="fr",
        ),
        "algoritmo.html": language_variant(
            "the-instagram-algorithm-explained.html",
            address=f"{NOVICOM}/post/algoritmo-de-instagram",
            title="Cómo decide Instagram qué mostrar",
            paragraphs=SPANISH_TEXT[:2],
            html_lang="es",
            og_locale="en_US",
        ),
    }
    for name, text in variants.items():
        (sources / name).write_text(wix_host.local(text), encoding="utf-8")
    site = copy_project(root / "site")
    before = content_files(site)
    result = invoke("import-wix", str(sources), "--publish", *AUTHOR_MAP, cwd=site)
    output = root / "out"
    build = invoke("preview", "--output", str(output), cwd=site, env={"SITEURL": NOVICOM})
    return {"site": site, "before": before, "result": result, "output": output, "build": build}


def test_a_spanish_post_and_its_english_original_are_linked_translations(language_import):
    site, output = language_import["site"], language_import["output"]
    articles = site / "content" / "articles"
    english, _ = split_article(articles / "13-youtube-tips.md")
    spanish, body = split_article(articles / "es" / "13-youtube-tips.md")
    assert "Lang" not in english  # English stays the default: no Lang line
    assert spanish["Lang"] == "es" and spanish["Title"] == "13 consejos para su canal"
    assert spanish["Slug"] == english["Slug"] == "13-youtube-tips"  # the translation id
    assert rendered_paragraphs(body)[1] == SPANISH_TEXT

    page = BeautifulSoup(
        (output / "es/articles/13-youtube-tips/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert page.html["lang"] == "es" and page.find("h1").get_text(strip=True).startswith("13")
    original = BeautifulSoup(
        (output / "articles/13-youtube-tips/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    for one, other, lang in ((page, original, "en"), (original, page, "es")):
        links = {
            link["hreflang"]: link["href"]
            for link in one.select('head link[rel="alternate"][hreflang]')
        }
        assert links[lang] == other.find("link", rel="canonical")["href"]
        switch = one.select_one(f'.language-switch a[hreflang="{lang}"][lang="{lang}"]')
        assert switch is not None and switch["href"] == links[lang]

    # Its old address (Wix's ?lang=es is a query: the page is at the path) leads to it.
    table = tomllib.loads((site / "content/data/redirects.toml").read_text(encoding="utf-8"))
    assert table["redirects"]["/post/13-youtube-tips-2"] == "articles/es/13-youtube-tips.md"
    moved = BeautifulSoup(
        (output / "post/13-youtube-tips-2/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert moved.html["lang"] == "es"
    assert moved.find("link", rel="canonical")["href"].endswith("/es/articles/13-youtube-tips/")


def test_regional_and_uppercase_tags_make_a_spanish_only_post(language_import):
    site, output = language_import["site"], language_import["output"]
    fields, _ = split_article(site / "content/articles/es/novedades-de-facebook.md")
    assert fields["Lang"] == "es" and fields["Slug"] == "novedades-de-facebook"
    page = BeautifulSoup(
        (output / "es/articles/novedades-de-facebook/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert page.html["lang"] == "es" and page.select_one(".language-switch") is None
    table = tomllib.loads((site / "content/data/redirects.toml").read_text(encoding="utf-8"))
    # Wix Multilingual's /es/ folder is part of the old address.
    old = "/es/post/novedades-de-facebook"
    assert table["redirects"][old] == "articles/es/novedades-de-facebook.md"
    assert (output / old.strip("/") / "index.html").is_file()


def test_a_language_the_site_does_not_publish_is_reported_not_dropped(language_import):
    site, result = language_import["site"], language_import["result"]
    written = set(content_files(site)) - set(language_import["before"])
    assert not any("marketing-d-influence" in name for name in written)
    assert "Le marketing" not in "".join(
        p.read_text(encoding="utf-8") for p in (site / "content/articles").rglob("*.md")
    )
    report = (site / "wix-import-report.txt").read_text(encoding="utf-8")
    for text in (result.stdout, report):
        line = next(line for line in text.splitlines() if "influence.html" in line)
        assert "is in French" in line and '<html lang="fr-FR">' in line, line
        assert "not imported" in line and "LANGUAGES in pelicanconf.py" in line, line
    # Counted: four articles imported, the French one skipped.
    assert result.stdout.startswith("Imported 4 article(s)") and "skipped 1;" in result.stdout


def test_disagreeing_language_markers_follow_the_rule_and_are_reported(language_import):
    site, result = language_import["site"], language_import["result"]
    fields, _ = split_article(site / "content/articles/es/algoritmo-de-instagram.md")
    assert fields["Lang"] == "es"  # <html lang> comes before og:locale
    report = (site / "wix-import-report.txt").read_text(encoding="utf-8")
    for text in (result.stdout, report):
        line = next(line for line in text.splitlines() if "instagram.md: language:" in line)
        assert '<html lang="es">' in line and 'og:locale "en_US"' in line, line
        assert "imported as 'es'" in line and "html lang, then" in line, line
    assert language_import["build"].returncode == 0


def test_a_translation_imported_later_is_linked_and_one_imported_first_is_explained(
    tmp_path, wix_host
):
    english = f"{NOVICOM}/post/13-youtube-tips"
    spanish = f"{NOVICOM}/post/13-youtube-tips-2?lang=es"

    def source(name, **markers):
        path = tmp_path / name
        text = language_variant("13-youtube-tips.html", paragraphs=SPANISH_TEXT, **markers)
        path.write_text(wix_host.local(text), encoding="utf-8")
        return path

    original = localised_copy(tmp_path, wix_host, "pages/13-youtube-tips.html")
    translation = source(
        "consejos.html",
        address=spanish,
        title="13 consejos",
        html_lang="es-ES",
        alternates={"en-us": english, "es-es": spanish},
    )
    # A second Spanish page naming the same original: only one can be its translation.
    second = source(
        "otra.html",
        address=f"{NOVICOM}/es/post/otra-version",
        title="Otra versión",
        html_lang="es",
        alternates={"en-us": english},
    )

    # The English post first, its translations in a later import.
    site = copy_project(tmp_path / "site")
    invoke("import-wix", str(original), *AUTHOR_MAP, cwd=site)
    invoke("import-wix", str(translation), *AUTHOR_MAP, cwd=site)
    fields, _ = split_article(site / "content/articles/es/13-youtube-tips.md")
    assert fields["Lang"] == "es" and fields["Slug"] == "13-youtube-tips"
    later = invoke("import-wix", str(second), *AUTHOR_MAP, cwd=site)
    fields, _ = split_article(site / "content/articles/es/otra-version.md")
    assert fields["Slug"] == "otra-version"  # on its own, not a second translation
    line = next(
        line for line in later.stdout.splitlines() if "otra-version.md: translation" in line
    )
    assert "already the 'es' version of content/articles/13-youtube-tips.md" in line, line

    # The translation first: it stands alone, and the English import says how to link them.
    site = copy_project(tmp_path / "other-site")
    invoke("import-wix", str(translation), *AUTHOR_MAP, cwd=site)
    assert (site / "content/articles/es/13-youtube-tips-2.md").is_file()
    result = invoke("import-wix", str(original), *AUTHOR_MAP, cwd=site)
    line = next(line for line in result.stdout.splitlines() if "translation:" in line)
    assert "content/articles/es/13-youtube-tips-2.md is its 'es' version" in line, line
    assert "`Slug: 13-youtube-tips`" in line and "redirects.toml" in line, line


def test_lang_option_names_the_language_of_pages_that_state_none(tmp_path, wix_host):
    """A one-language Spanish Wix blog whose pages state no language: `--lang es` imports
    them as Spanish; a page that states another language keeps it, and is reported; a
    language the site does not publish is refused before anything is written."""
    sources = tmp_path / "sources"
    sources.mkdir()
    unstated = language_variant(
        "new-facebook-features.html",
        address=f"{NOVICOM}/post/publicar-con-constancia",
        title="Publicar con constancia",
        paragraphs=SPANISH_TEXT,
    )  # no <html lang>, og:locale, inLanguage, Wix Multilingual or hreflang
    stated = language_variant(
        "youtube-influencer-marketing.html",
        address=f"{NOVICOM}/post/influencer-marketing",
        title="Influencer marketing, simply",
        paragraphs=["Pick one platform and learn it well before you add another."],
        html_lang="en-US",
    )
    (sources / "sin-idioma.html").write_text(wix_host.local(unstated), encoding="utf-8")
    (sources / "stated.html").write_text(wix_host.local(stated), encoding="utf-8")

    site = copy_project(tmp_path / "site")
    before = content_files(site)
    for bad in ("fr", "xx"):
        refused = invoke("import-wix", str(sources), "--lang", bad, cwd=site, check=False)
        assert refused.returncode != 0 and "Traceback" not in refused.stderr
        assert f"--lang '{bad}' is not one of the site's languages (en, es)" in refused.stderr
    assert content_files(site) == before

    result = invoke("import-wix", str(sources), "--lang", "es", "--publish", *AUTHOR_MAP, cwd=site)
    articles = site / "content" / "articles"
    spanish, _ = split_article(articles / "es" / "publicar-con-constancia.md")
    assert spanish["Lang"] == "es" and spanish["Title"] == "Publicar con constancia"
    english, _ = split_article(articles / "influencer-marketing.md")
    assert "Lang" not in english  # its page says en-US: that wins over --lang
    report = (site / "wix-import-report.txt").read_text(encoding="utf-8")
    for text in (result.stdout, report):
        line = next(
            line for line in text.splitlines() if "influencer-marketing.md: language" in line
        )
        assert '<html lang="en-US">' in line and "not --lang 'es'" in line, line
    output = tmp_path / "out"
    invoke("build", "--output", str(output), cwd=site)
    page = BeautifulSoup(
        (output / "es/articles/publicar-con-constancia/index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    assert page.html["lang"] == "es"

    # Without the option, the same page is English, as before.
    site = copy_project(tmp_path / "plain-site")
    invoke("import-wix", str(sources / "sin-idioma.html"), *AUTHOR_MAP, cwd=site)
    assert "Lang" not in split_article(site / "content/articles/publicar-con-constancia.md")[0]


def test_a_multilingual_wix_site_by_its_address(tmp_path):
    """Wix Multilingual in folders: the blog's sitemap names each post's translations as
    hreflang alternates; every one is read, the Spanish linked, the French reported."""
    host = WixHost()
    try:
        english = f"{host.url}/post/13-youtube-tips"
        spanish = f"{host.url}/es/post/13-consejos"
        french = f"{host.url}/fr/post/13-conseils"
        real = (REAL / "pages" / "13-youtube-tips.html").read_text(encoding="utf-8")
        real = real.replace(f"{NOVICOM}/post/13-youtube-tips-2?lang=es", spanish)
        host.routes["/post/13-youtube-tips"] = host.local(real.replace(NOVICOM, host.url)).encode()
        for address, lang, title, text in (
            (spanish, "es", "13 consejos", SPANISH_TEXT),
            (french, "fr", "13 conseils", FRENCH_TEXT),
        ):
            page = language_variant(
                "13-youtube-tips.html",
                address=address,
                title=title,
                paragraphs=text,
                html_lang=lang,
                current_language=lang,
                alternates={"en-us": english, lang: address},
            )
            host.routes[urlparse(address).path] = host.local(page).encode()
        host.routes["/sitemap.xml"] = sitemap(
            "sitemapindex", [f"{host.url}/blog-posts-sitemap.xml"]
        )
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{lang}" href="{href}"/>'
            for lang, href in (("en-us", english), ("es-es", spanish), ("fr-fr", french))
        )
        host.routes["/blog-posts-sitemap.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?><urlset '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
            f"<url><loc>{english}</loc>{links}</url></urlset>"
        ).encode()

        site = copy_project(tmp_path / "site")
        first = invoke("import-wix", host.url, "--publish", *AUTHOR_MAP, cwd=site)
        assert first.stdout.startswith("Imported 2 article(s)") and "skipped 1;" in first.stdout
        assert "/fr/post/13-conseils" in first.stdout and "is in French" in first.stdout
        fields, _ = split_article(site / "content/articles/es/13-youtube-tips.md")
        assert (fields["Lang"], fields["Slug"]) == ("es", "13-youtube-tips")
        table = tomllib.loads((site / "content/data/redirects.toml").read_text(encoding="utf-8"))
        assert table["redirects"] == {
            "/post/13-youtube-tips": "articles/13-youtube-tips.md",
            "/es/post/13-consejos": "articles/es/13-youtube-tips.md",
        }
        # A second run fetches only what was not imported (the French post, reported again).
        after_first = content_files(site)
        host.requests.clear()
        second = invoke("import-wix", host.url, "--publish", *AUTHOR_MAP, cwd=site)
        assert second.stdout.startswith("Imported 0 article(s)")
        assert [p for p in host.requests if "/post/" in p] == ["/fr/post/13-conseils"]
        assert content_files(site) == after_first
    finally:
        host.close()
