"""The browser editor at /admin/ in Chromium, against a throwaway clone of the
project with a local bare origin and a real decap-server (npm, pinned) on
127.0.0.1: it writes exactly the files an author would write by hand."""

import os
import re
import shutil
import socket
import subprocess
import time

import pytest
from bs4 import BeautifulSoup
from live_preview import free_port
from PIL import Image

from conftest import ROOT, copy_project, invoke, serve_folder
from content_sources import FIXTURE_SITE

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
FIXTURES = ROOT / "tests" / "fixtures" / "editor"


def git(project, *args):
    return subprocess.run(
        ["git", *args], cwd=project, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A git clone of the project (origin: a local bare repository), built with the
    development settings for a decap-server on a free port; yields (folder, site URL, port)."""
    assert DECAP_SERVER.is_file(), "decap-server is missing: run `npm ci`"
    base = tmp_path_factory.mktemp("editor")
    source = copy_project(base / "source")  # with node_modules linked
    (source / ".gitignore").write_text("node_modules\noutput\ncache\n", encoding="utf-8")
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "Start"]):
        git(source, "-c", "user.name=Test", "-c", "user.email=test@example.org", *command)
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(source), str(base / "origin.git")], check=True
    )
    folder = base / "clone"
    subprocess.run(["git", "clone", "-q", str(base / "origin.git"), str(folder)], check=True)
    git(folder, "config", "user.name", "Test")
    git(folder, "config", "user.email", "test@example.org")
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    port = free_port()
    invoke("build", cwd=folder, env={"EDITOR_PROXY_PORT": str(port)})
    # Articles only the editor reads (the build's checks would refuse some of them).
    for fixture in FIXTURES.glob("*.md"):
        shutil.copyfile(fixture, folder / "content" / "articles" / fixture.name)
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "Editor fixtures")
    server = serve_folder(folder / "output")
    yield folder, f"http://127.0.0.1:{server.server_address[1]}", port
    server.shutdown()


def start_decap_server(folder, port, mode):
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": mode}
    env["GIT_REPO_DIRECTORY"] = str(folder)
    process = subprocess.Popen(
        ["node", str(DECAP_SERVER)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # until it accepts connections
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise AssertionError(f"decap-server did not start on port {port}")


@pytest.fixture
def decap_server(request, project):
    folder, _, port = project
    process = start_decap_server(folder, port, request.param)
    yield process
    process.terminate()
    process.wait(timeout=10)


def open_editor(page, base, path):
    page.on("dialog", lambda dialog: dialog.accept())  # Decap confirms status changes
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Login").click()
    page.goto(f"{base}/admin/#/collections/articles/{path}")
    title_box(page).wait_for(timeout=30_000)


def title_box(page):
    # Not a label lookup: an image in the text has a "Title" field of its own.
    return page.locator('input[id^="Title-field-"]')


def publish_now(page):
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_role("menuitem", name="Publish now").click()


def save_change(page, path, expected):
    """Publish the change in simple mode (decap-server's fs mode); return the file
    once decap-server has written what was expected, or after 20 s what it holds."""
    page.get_by_text("Unsaved changes").wait_for()
    publish_now(page)
    deadline = time.monotonic() + 20
    while path.read_bytes() != expected and time.monotonic() < deadline:
        time.sleep(0.05)  # decap-server truncates, then writes
    return path.read_bytes()


def until(condition, seconds=20):
    """Wait for a condition outside the browser (git, files); return whether it came."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def refusal(page, message):
    """Wait for an error message beside a field (the editor shows them in capitals)."""
    page.get_by_text(re.compile(re.escape(message), re.IGNORECASE)).wait_for()


def choose(page, label, value):
    box = page.get_by_label(label, exact=True)
    box.fill(value)
    box.press("Enter")


def header_line(text, key):
    return next(line for line in text.splitlines() if line.lower().startswith(key + ":"))


@pytest.mark.parametrize("decap_server", ["fs"], indirect=True)
def test_saving_an_article_changes_only_the_edited_line(page, project, decap_server):
    """Every article, English and Spanish (and the pages of each header shape), opened
    and saved after a change to its title, differs from before by exactly that line:
    unknown fields, continuation lines, spacing, CRLF line ends and the text all come
    back byte for byte. Changing the title back then gives the original file."""
    folder, base, _ = project
    english = sorted((folder / "content" / "articles").glob("*.md"))
    # Not this one: the editor refuses to save it (the next test).
    english.remove(folder / "content" / "articles" / "editor-unknown-author.md")
    assert len(english) >= 5 and any(a.name.startswith("editor-") for a in english)
    spanish = sorted((folder / "content" / "articles" / "es").glob("*.md"))
    assert spanish, "the fixture site has Spanish articles"
    articles = [("articles", path) for path in english]
    articles += [("articles_es", path) for path in spanish]
    # Pages: the Spanish ones, and the English ones with a layout (Template:).
    pages = folder / "content" / "pages"
    articles += [("pages_es", path) for path in sorted((pages / "es").glob("*.md"))]
    articles += [
        ("pages", path)
        for path in sorted(pages.glob("*.md"))
        if "\nTemplate:" in path.read_text(encoding="utf-8").split("\n\n", 1)[0]
    ]
    open_editor(page, base, f"entries/{english[0].stem}")
    for collection, path in articles:
        before = path.read_bytes()
        text = before.decode("utf-8")
        page.goto(f"{base}/admin/#/collections/{collection}/entries/{path.stem}")
        page.reload()  # a fresh editor for each file
        title = title_box(page)
        title.wait_for()
        original_title = title.input_value()
        title.fill(original_title + " (edited)")
        line = header_line(text, "title")
        expected = text.replace(line, line + " (edited)", 1)
        expected = expected.encode("utf-8")
        assert save_change(page, path, expected) == expected, path.name
        page.reload()  # the editor now reads the edited file
        title.wait_for()
        title.fill(original_title)
        assert save_change(page, path, before) == before, path.name


@pytest.mark.parametrize("decap_server", ["fs"], indirect=True)
def test_the_editor_refuses_what_the_checks_refuse_before_saving(page, project, decap_server):
    folder, base, _ = project
    articles = folder / "content" / "articles"
    unknown = articles / "editor-unknown-author.md"
    before = unknown.read_bytes()
    open_editor(page, base, "entries/editor-unknown-author")
    title_box(page).fill("Written by Someone We Do Not Know")
    publish_now(page)
    refusal(page, "“Dr. Nobody” is not in content/data/authors.toml")
    assert unknown.read_bytes() == before

    everything = articles / "editor-every-field.md"
    before = everything.read_bytes()
    page.goto(f"{base}/admin/#/collections/articles/entries/editor-every-field")
    page.reload()  # a fresh editor for this file
    title_box(page).wait_for()
    page.get_by_label("Summary (at most 300 characters)").fill("Too long. " * 40)
    page.get_by_label("Image description (alt text) (optional)").fill("")
    publish_now(page)
    refusal(page, "At most 300 characters fit in search results")
    refusal(page, "Describe the image for people who cannot see it")
    assert everything.read_bytes() == before


@pytest.mark.parametrize("decap_server", ["git"], indirect=True)
def test_a_new_article_goes_from_draft_through_review_to_published(
    page, project, decap_server, tmp_path
):
    folder, base, _ = project
    picture = tmp_path / "walk-by-the-river.jpg"
    Image.new("RGB", (800, 450), (90, 120, 140)).save(picture)
    start = git(folder, "rev-parse", "main")
    open_editor(page, base, "new")
    title_box(page).fill("Walking for Calm")
    page.get_by_label("Slug (the address: /articles/slug/)").fill("walking-for-calm")
    page.get_by_label("Date", exact=True).fill("2026-01-15T09:00")
    choose(page, "Author", "Maya Okafor")
    choose(page, "Topic", "Anxiety and Stress")
    page.get_by_label("Tags (optional)").fill("walking, calm")
    summary = "A short walk can settle a busy mind: how to start, and what to notice on the way."
    page.get_by_label("Summary (at most 300 characters)").fill(summary)
    page.get_by_role("button", name="Choose an image").click()
    page.locator('input[type="file"]').set_input_files(picture)
    page.get_by_role("button", name="Choose selected").click()
    page.get_by_label("Image description (alt text) (optional)").fill("A path by a river")
    body = page.locator('[data-slate-editor="true"]')
    body.click()
    body.type("Walking is one of the simplest ways to calm a busy mind.")
    preview = page.frame_locator("iframe").first
    preview.get_by_role("heading", name="Walking for Calm").wait_for()
    preview.get_by_text("By Maya Okafor, LCSW").wait_for()

    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("button", name="Status: Draft").wait_for()
    branch = "cms/articles/walking-for-calm"
    assert git(folder, "branch", "--list", branch) != ""
    assert git(folder, "rev-parse", "main") == start  # nothing published yet

    # The review: a second clinician signs it off and marks it published.
    page.get_by_role("button", name="Status: Draft").click()
    page.get_by_role("menuitem", name="In review").click()
    choose(page, "Clinically reviewed by (optional)", "Daniel Reyes")
    page.get_by_label("Last reviewed (optional)").fill("2026-01-20")
    choose(page, "Status", "published")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Changes saved").wait_for()
    # Saving a change puts it back to Draft (Decap's rule): the reviewer marks it Ready.
    page.get_by_role("button", name="Status: Draft").click()
    page.get_by_role("menuitem", name="Ready").click()
    page.get_by_role("button", name="Status: Ready").wait_for()
    publish_now(page)
    merged = until(lambda: git(folder, "branch", "--list", branch) == "")
    assert merged, f"{branch} was not merged into main"
    assert git(folder, "rev-parse", "main") != start
    # decap-server runs git commands (stash, checkout, back) for each request the editor
    # makes after publishing: stop it, so that nothing but this test touches the clone,
    # then retry the checkout while a git command it started may still hold the lock.
    decap_server.terminate()
    decap_server.wait(timeout=10)
    checkout = ["git", "checkout", "-q", "main"]
    attempts = []

    def checked_out():
        attempts.append(
            subprocess.run(checkout, cwd=folder, capture_output=True, text=True, check=False)
        )
        return attempts[-1].returncode == 0

    assert until(checked_out), f"git checkout main failed: {attempts[-1].stderr}"
    article = folder / "content" / "articles" / "walking-for-calm.md"
    assert article.read_text(encoding="utf-8") == (
        "Title: Walking for Calm\n"
        "Date: 2026-01-15 09:00\n"
        "Author: Maya Okafor\n"
        "Reviewed_by: Daniel Reyes\n"
        "Last_reviewed: 2026-01-20\n"
        "Category: Anxiety and Stress\n"
        "Tags: walking, calm\n"
        "Slug: walking-for-calm\n"
        "Status: published\n"
        f"Summary: {summary}\n"
        "Image: images/walk-by-the-river.jpg\n"
        "Image_alt: A path by a river\n"
        "\n"
        "Walking is one of the simplest ways to calm a busy mind.\n"
    )
    assert (folder / "content/images/walk-by-the-river.jpg").read_bytes() == picture.read_bytes()
    for fixture in FIXTURES.glob("*.md"):  # not articles an author would keep
        (folder / "content" / "articles" / fixture.name).unlink()
    result = invoke("check", cwd=folder)
    assert "Content checks passed" in result.stdout
    git(folder, "checkout", "-q", "--", ".")  # the fixtures back: a clean tree for decap-server


def reader_pages_request_nothing_from_the_editor(page, base, paths):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in paths:
        page.goto(base + path)
    return [url for url in requested if "/admin" in url or "decap" in url]


def test_reader_pages_request_nothing_from_the_editor(page, dev_server, theme_pages):
    assert (
        reader_pages_request_nothing_from_the_editor(page, dev_server, theme_pages.values()) == []
    )


def test_the_editor_runs_under_its_own_policy_without_violations(page, project):
    """No decap-server here: the editor still loads, offers to sign in, and nothing it
    does breaks its policy."""
    _, base, _ = project
    problems = []
    page.on("console", lambda m: "Content Security Policy" in m.text and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Login").wait_for(timeout=30_000)
    assert problems == []


def save_draft(page, folder, branch, path):
    """Save the open entry as a new draft; the file as the editor committed it."""
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("button", name="Status: Draft").wait_for()
    return saved_file(folder, branch, path)


def saved_file(folder, branch, path):
    """A file as the editor committed it on its draft's branch (git mode)."""
    assert until(lambda: git(folder, "branch", "--list", branch) != ""), f"no branch {branch}"
    return git(folder, "show", f"{branch}:{path}") + "\n"


def built_with(tmp_path, files):
    """The fixture site built with `files` ({path inside content/: text}) added."""
    content = shutil.copytree(FIXTURE_SITE, tmp_path / "content")
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    invoke("build", "--output", str(output), content=content)
    return output


def page_at(output, address):
    return BeautifulSoup(
        (output / address / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


def switcher(page):
    return {a["hreflang"]: a["href"] for a in page.select(".language-switch a")}


@pytest.mark.parametrize("decap_server", ["git"], indirect=True)
def test_spanish_articles_and_translations_written_in_the_editor_build_under_es(
    page, project, decap_server, tmp_path
):
    """A new article with Language: Español is written with `Lang: es` and built under
    /es/; "Start the Español translation" on an English article opens a Spanish draft
    with its slug (the translation id), author, topic, crisis box and text, saved in
    content/articles/es/, and the built pages link to each other."""
    folder, base, _ = project
    open_editor(page, base, "new")
    title_box(page).fill("Respirar antes de responder")
    choose(page, "Language", "Español")
    page.get_by_label("Slug (the address: /articles/slug/)").fill("respirar-antes-de-responder")
    choose(page, "Status", "published")
    page.get_by_label("Date", exact=True).fill("2026-01-15T09:00")
    choose(page, "Author", "Daniel Reyes")
    choose(page, "Topic", "Families")
    summary = "Una pausa breve antes de contestar ayuda a que una discusión no crezca."
    page.get_by_label("Summary (at most 300 characters)").fill(summary)
    body = page.locator('[data-slate-editor="true"]')
    body.click()
    body.type("Antes de responder, respire hondo y cuente hasta cinco.")
    preview = page.frame_locator("iframe").first
    preview.get_by_text("Por Daniel Reyes").wait_for()  # the byline in the article's language
    preview.get_by_text("15 de enero de 2026").wait_for()
    spanish_only = save_draft(
        page, folder, "cms/articles/respirar-antes-de-responder",
        "content/articles/respirar-antes-de-responder.md",
    )  # fmt: skip
    assert spanish_only.startswith(
        "Title: Respirar antes de responder\n"
        "Date: 2026-01-15 09:00\n"
        "Author: Daniel Reyes\n"
        "Lang: es\n"
        "Category: Families\n"
    )

    original_file = FIXTURE_SITE / "articles" / "talking-about-suicide.md"
    original = original_file.read_text(encoding="utf-8")
    page.goto(f"{base}/admin/#/collections/articles/entries/talking-about-suicide")
    page.reload()  # a fresh editor for this entry
    page.get_by_role("link", name="Start the Español translation").click()
    page.wait_for_url(re.compile(r"#/collections/articles_es/new\?translation_of="))
    title_box(page).wait_for()
    assert title_box(page).input_value() == header_line(original, "title").split(": ", 1)[1]
    preview = page.frame_locator("iframe").first
    preview.get_by_role("heading", name="Hay ayuda disponible ahora mismo").wait_for()
    preview.get_by_text("BORRADOR", exact=True).wait_for()  # the draft banner, in Spanish
    assert preview.get_by_text("DRAFT").count() == 0
    title_box(page).fill("Hablar del suicidio con alguien que le importa")
    page.get_by_label("Translated by (optional)").fill("Lucía Fernández")
    page.get_by_label("Date", exact=True).fill("2026-01-16T09:00")  # not after the test clock
    choose(page, "Status", "published")
    translation = save_draft(
        page, folder, "cms/articles_es/talking-about-suicide",
        "content/articles/es/talking-about-suicide.md",
    )  # fmt: skip
    header, text = translation.split("\n\n", 1)
    lines = header.splitlines()
    for key in ("author", "category", "slug", "summary"):
        assert header_line(original, key) in lines, key
    assert "Lang: es" in lines and "Translator: Lucía Fernández" in lines
    assert "Sensitive: yes" in lines  # tagged about suicide in English: the crisis box stays
    assert "Tags:" in lines  # empty, as `invoke new` writes it: tag pages are English
    # The text to translate, apostrophes and all; its links reach the same files from es/.
    original_text = original.split("\n\n", 1)[1]
    assert text == original_text.replace("{filename}../", "{filename}../../")

    # A page the same way: its Spanish version in content/pages/es/.
    original_page = (FIXTURE_SITE / "pages" / "about.md").read_text(encoding="utf-8")
    page.goto(f"{base}/admin/#/collections/pages/entries/about")
    page.reload()
    page.get_by_role("link", name="Start the Español translation").click()
    page.wait_for_url(re.compile(r"#/collections/pages_es/new\?translation_of=about"))
    title_box(page).wait_for()
    title_box(page).fill("Quiénes somos")
    choose(page, "Status", "published")
    page_translation = save_draft(page, folder, "cms/pages_es/about", "content/pages/es/about.md")
    header, text = page_translation.split("\n\n", 1)
    assert header.splitlines() == [
        "Title: Quiénes somos",
        "Lang: es",
        "Slug: about",
        "Status: published",
        header_line(original_page, "summary"),
    ]
    assert text == re.sub(
        r"\{(filename|static|attach)\}(?!/)", r"{\1}../", original_page.split("\n\n", 1)[1]
    )

    output = built_with(
        tmp_path,
        {
            "articles/respirar-antes-de-responder.md": spanish_only,
            "articles/es/talking-about-suicide.md": translation,
            "pages/es/about.md": page_translation,
        },
    )
    assert switcher(page_at(output, "about"))["es"].endswith("/es/about/")
    assert switcher(page_at(output, "es/about"))["en"].endswith("/about/")
    built = page_at(output, "es/articles/respirar-antes-de-responder")
    assert built.html["lang"] == "es"
    english = page_at(output, "articles/talking-about-suicide")
    spanish = page_at(output, "es/articles/talking-about-suicide")
    assert spanish.html["lang"] == "es"
    assert switcher(english)["es"].endswith("/es/articles/talking-about-suicide/")
    assert switcher(spanish)["en"].endswith("/articles/talking-about-suicide/")
    assert "Traducción de Lucía Fernández" in spanish.get_text()
