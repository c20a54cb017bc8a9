"""`invoke livereload` as an author meets it: a taken port gets a clear message and
the next free one; saved edits (to an article, to the settings) reach the open tab,
a broken save shows its problems over the last good page, search follows; the
editor at /admin/ works through a decap-server that listens on 127.0.0.1 only."""

import json
import re
import socket
import urllib.error
import urllib.request

import pytest
from live_preview import fetch, free_port, open_connected, running_task, wait_for
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from conftest import copy_project


def listening_addresses(port):
    """The IPv4 addresses something listens on at `port` (Linux's /proc/net/tcp)."""
    found = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, _, hex_port = local.partition(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_a_taken_port_moves_to_the_next_and_the_editor_backend_starts(tmp_path):
    project = copy_project(tmp_path / "project")  # with node_modules linked
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    log = tmp_path / "livereload.log"
    with running_task(project, log, "livereload", "--port", str(port)):
        serving = wait_for(lambda: re.search(r"Serving the site at (\S+)", log.read_text()))
        text = log.read_text()
        assert f"Port {port} is in use" in text and "--port" in text
        base = serving.group(1).rstrip("/")
        assert base != f"http://127.0.0.1:{port}"
        assert wait_for(lambda: fetch(base + "/"))
        editor = re.search(r"decap-server on 127\.0\.0\.1:(\d+)", text)
        assert editor, text
        config = json.loads(fetch(base + "/admin/config.yml").split("\n", 1)[1])
        proxy = f"http://127.0.0.1:{editor.group(1)}/api/v1"
        assert config["local_backend"]["url"] == proxy
        info = json.loads(wait_for(lambda: fetch(proxy, b'{"action": "info"}')))
        assert info["type"] == "local_fs"  # it writes the working tree
        assert listening_addresses(int(editor.group(1))) == {"127.0.0.1"}
    taken.close()


DRAFT = """Title: Winter Walks for a Busy Mind
Date: 2026-01-12 09:00
Author: {author}
Category: {category}
Tags: walking
Slug: winter-walks
Status: draft
Summary: Short walks in the cold months, and what they do for a racing mind.

A walk around the block counts.
"""


@pytest.fixture
def live_preview(tmp_path):
    """`invoke livereload` in a copy of the project with a draft of its own;
    yields (project, base URL, log file)."""
    from sitebuild.headers import read_fields

    project = copy_project(tmp_path / "project")
    articles = project / "content" / "articles"
    fields = next(read_fields(p) for p in sorted(articles.glob("*.md")))
    (articles / "winter-walks.md").write_text(
        DRAFT.format(author=fields["author"], category=fields["category"]), encoding="utf-8"
    )
    log = tmp_path / "livereload.log"
    with running_task(project, log, "livereload", "--port", str(free_port())):
        serving = wait_for(lambda: re.search(r"Serving the site at (\S+)", log.read_text()))
        base = serving.group(1).rstrip("/")
        wait_for(lambda: fetch(base + "/"))
        yield project, base, log


# The open page's text, spaces normalised (typogrify joins the last two words of a
# paragraph with a no-break space); empty while a reload has no <body> yet.
BODY_TEXT = "() => (document.body?.innerText || '').replace(/\\s+/g, ' ')"


def shows(page, text):
    """Wait until the open tab shows `text` (after the save's rebuild and reload)."""
    page.wait_for_function(f"text => ({BODY_TEXT})().includes(text)", arg=text, timeout=60_000)


def test_a_saved_edit_shows_a_broken_one_keeps_the_last_good_page_until_fixed(live_preview, page):
    """Each save is built by a Pelican started ahead of it (devserver.ReadyPelican):
    the edit reaches the open tab, a broken save shows its problems over the last good
    page, and the fixed file comes back."""
    from axe_playwright_python.sync_playwright import Axe

    project, base, log = live_preview
    draft = project / "content" / "articles" / "winter-walks.md"
    open_connected(page, base + "/drafts/winter-walks/", log)
    assert page.locator("#build-report").count() == 0

    edited = draft.read_text(encoding="utf-8") + "\nA first saved edit about frosty mornings.\n"
    draft.write_text(edited, encoding="utf-8")
    shows(page, "A first saved edit about frosty mornings.")

    broken = edited.replace("Author: ", "Author: Dr. Nobody, not ", 1)
    draft.write_text(broken + "\nA sentence from the broken save.\n", encoding="utf-8")
    report = page.locator("#build-report")
    report.wait_for(timeout=60_000)
    assert "content/articles/winter-walks.md:3" in report.inner_text()
    assert "Author" in report.inner_text()
    assert report.get_attribute("role") == "alert"
    # Over the last good version of the page, not a half-built or empty one.
    assert "A first saved edit about frosty mornings." in page.evaluate(BODY_TEXT)
    assert "A sentence from the broken save." not in page.evaluate(BODY_TEXT)
    assert "Traceback" not in report.inner_text()
    axe = Axe()
    page.add_script_tag(content=axe.axe_script)
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
               "wcag21aa", "wcag22aa"]}, "resultTypes": ["violations"]}  # fmt: skip
    violations = page.evaluate("options => axe.run('#build-report', options)", options)[
        "violations"
    ]
    assert violations == [], violations

    draft.write_text(edited + "\nThe fixed save, back on track.\n", encoding="utf-8")
    report.wait_for(state="detached", timeout=60_000)
    shows(page, "The fixed save, back on track.")


def test_edits_to_the_settings_count_at_the_next_save(live_preview, page):
    """The ready Pelican reads pelicanconf.py only when it builds."""
    project, base, log = live_preview
    open_connected(page, base + "/", log)
    subtitle = page.locator(".lede")
    subtitle.wait_for()
    settings = project / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\nSITESUBTITLE = "Notes on a changed setting"\n',
        encoding="utf-8",
    )
    expect(subtitle).to_have_text("Notes on a changed setting", timeout=60_000)


def test_template_edits_count_at_the_next_save(live_preview, page):
    """The preview keeps the templates Jinja compiled between saves (pelicanconf.py,
    COMPILED_TEMPLATES_FOLDER): an edited template is compiled again, each time, and so is
    every template after a change to Python code they depend on (here the settings'
    Jinja filter, which Jinja runs once when it compiles `"…"|filter`)."""
    project, base, log = live_preview
    template = project / "theme" / "templates" / "index.html"
    settings = project / "pelicanconf.py"
    lede = '<p class="lede">{{ SITESUBTITLE|translated }}</p>\n'
    original, settings_text = template.read_text(encoding="utf-8"), settings.read_text("utf-8")
    assert lede in original
    open_connected(page, base + "/", log)
    marker = page.locator("#template-edit")

    def edit_template(line):
        template.write_text(original.replace(lede, lede + line + "\n"), encoding="utf-8")

    edit_template('<p id="template-edit">A first template edit</p>')
    expect(marker).to_have_text("A first template edit", timeout=60_000)
    # A content save: the page is built with the edited template, not an older one.
    draft = project / "content" / "articles" / "winter-walks.md"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("Busy Mind", "Quiet Mind"), encoding="utf-8"
    )
    shows(page, "Winter Walks for a Quiet Mind")
    expect(marker).to_have_text("A first template edit")

    filter_code = (
        "\n\ndef weather(text):\n    return text + ', {}'\n\n\n"
        "JINJA_FILTERS = {{**JINJA_FILTERS, 'weather': weather}}\n"
    )
    settings.write_text(settings_text + filter_code.format("at dawn"), encoding="utf-8")
    edit_template('<p id="template-edit">{{ "Frost on the window"|weather }}</p>')
    expect(marker).to_have_text("Frost on the window, at dawn", timeout=60_000)
    settings.write_text(settings_text + filter_code.format("at noon"), encoding="utf-8")
    expect(marker).to_have_text("Frost on the window, at noon", timeout=60_000)


def test_the_compiled_templates_are_private_to_the_preview_and_go_when_it_stops(
    tmp_path, monkeypatch
):
    """Jinja loads its compiled templates as code: they stay in a folder of this one
    preview, readable by this user only, removed when it is stopped (SIGTERM here)."""
    project = copy_project(tmp_path / "project")
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))  # where the preview makes its folder
    log = tmp_path / "livereload.log"
    with running_task(project, log, "livereload", "--port", str(free_port())):
        wait_for(lambda: "Serving the site at" in log.read_text(), what="the first build")
        compiled = list(temporary.glob("preview-*/compiled-templates/*"))
        assert compiled, "the first build should have kept its compiled templates"
        assert compiled[0].parent.parent.stat().st_mode & 0o077 == 0
    assert not list(temporary.glob("preview-*"))


NEW_ARTICLE = """Title: Birdsong at Dawn
Date: 2026-01-14 09:00
Author: {author}
Category: {category}
Tags: walking
Slug: birdsong-at-dawn
Summary: Listening to the first birds of the morning as a small daily pause.

Early birdsong gives a quiet minute before the day starts. Some people call the habit
their chiffchaff minute, after the small bird that sings its own name.
"""


def test_search_in_the_preview_finds_an_article_saved_while_it_runs(live_preview, page):
    """The search index follows the saves, a moment after the page (the browser is
    refreshed first); a search page refreshed before the index caught up still works."""
    from test_search import search

    project, base, log = live_preview
    open_connected(page, base + "/search/", log)
    draft = project / "content" / "articles" / "winter-walks.md"
    header = draft.read_text(encoding="utf-8").split("\n\n", 1)[0]
    fields = dict(line.split(": ", 1) for line in header.splitlines())
    article = project / "content" / "articles" / "birdsong-at-dawn.md"
    article.write_text(
        NEW_ARTICLE.format(author=fields["Author"], category=fields["Category"]),
        encoding="utf-8",
    )

    def found():
        page.goto(base + "/search/")
        try:
            return search(page, "chiffchaff") == ["/articles/birdsong-at-dawn/"]
        except (AssertionError, PlaywrightError):  # refreshed while searching
            return False

    wait_for(found, 60)

    # Another save while the search page is open: it is refreshed at once, with the
    # index of the save before, which the newer index replaces a moment later.
    connected = log.read_text().count("Browser Connected")
    page.reload()
    wait_for(lambda: log.read_text().count("Browser Connected") > connected)
    entry = project / "output" / "pagefind" / "pagefind-entry.json"
    indexed = entry.read_text(encoding="utf-8")
    page.evaluate("() => { window.beforeTheSave = true; }")
    article.write_text(
        article.read_text(encoding="utf-8") + "\nWrens sing loudly for their size.\n",
        encoding="utf-8",
    )
    page.wait_for_function("() => !window.beforeTheSave", timeout=60_000)
    wait_for(lambda: entry.read_text(encoding="utf-8") != indexed, 60)
    assert search(page, "chiffchaff") == ["/articles/birdsong-at-dawn/"]


def test_the_previews_search_index_keeps_the_files_of_two_indexes_not_more(tmp_path):
    """update_search_index() keeps the index it replaces (for a search page refreshed
    in between), and drops the one before that."""
    from sitebuild.pipeline import build_site, update_search_index

    project = copy_project(tmp_path / "project")
    output, settings = project / "output", project / "pelicanconf.py"
    article = sorted((project / "content" / "articles").glob("*.md"))[0]
    newest, shown = [], []  # after each update: the files Pagefind wrote, those served
    for edit in ("ruminating", "lighthouse", "marigold"):
        with open(article, "a", encoding="utf-8") as source:
            source.write(f"\nA sentence about a {edit}.\n")
        build_site(settings, output, search_index_after_swap=True)
        update_search_index(output, settings)
        folder = output / "pagefind"
        listed = (folder / ".newest-index-files").read_text(encoding="utf-8")
        newest.append(set(listed.splitlines()))
        shown.append({str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()})
    assert shown[2] == newest[2] | newest[1] | {".newest-index-files"}
    assert newest[0] - newest[1] - newest[2], "the edits should have changed the index"


def test_publishing_a_draft_moves_the_open_tab_to_its_new_address(live_preview, page):
    project, base, log = live_preview
    draft = project / "content" / "articles" / "winter-walks.md"
    url = base + "/drafts/winter-walks/"
    open_connected(page, url, log)
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("Status: draft", "Status: published"),
        encoding="utf-8",
    )
    page.wait_for_url(base + "/articles/winter-walks/", timeout=60_000)
    # (a no-break space keeps the last two words together)
    assert page.locator("h1").inner_text().replace("\xa0", " ") == "Winter Walks for a Busy Mind"


def status_and_body(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_missing_pages_get_the_sites_own_404_page(live_preview, tmp_path):
    """In livereload, and in `invoke preview --serve`, which serves the published
    build made for its local address."""
    project, base, _ = live_preview
    status, body = status_and_body(base + "/no-such-page/")
    site_404 = (project / "output" / "404.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", site_404).group(1)
    assert status == 404 and f"<title>{title}</title>" in body

    log = tmp_path / "preview.log"
    port = free_port()
    published = str(tmp_path / "published")
    with running_task(
        project, log, "preview", "--serve", "--port", str(port), "--output", published
    ):
        local = f"http://127.0.0.1:{port}"
        wait_for(lambda: fetch(local + "/"))
        status, home = status_and_body(local + "/")
        assert status == 200 and f"{local}/get-help-now/" in home  # addresses are local
        status, body = status_and_body(local + "/no-such-page/")
        assert status == 404 and f"<title>{title}</title>" in body
        assert "DRAFT" not in home  # the published settings: no drafts
