"""Shared fixtures: the fixture site (tests/fixtures/site/, never the editable content/
folder) built through the project's real settings and tasks, served on 127.0.0.1, and
Debian's Chromium for Playwright."""

import fcntl
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import forked_python
import pytest
from bs4 import BeautifulSoup

from content_sources import FIXTURE_SITE

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Pagefind writes its filter and metadata files in a different order on every run, even
# for identical pages (two stock builds differ there too); every other file of two builds
# of the same content must match.
PAGEFIND_NONDETERMINISTIC = re.compile(
    r"^pagefind/(filter/|pagefind\.[^/]*\.pf_meta$|pagefind-entry\.json$)"
)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


# Every build of a run (each a fresh Pelican, compiling ~40 templates) shares the compiled
# templates through Jinja's bytecode cache (pelicanconf.py), in a folder private to this
# run: Jinja checks each template's source and compiles it again when it changed (tests
# that edit a template see their edit). Its files are named after each template's path, so
# a copy of the project compiles its own. Jinja also folds a filter called on constants
# into the compiled code: a test that edits a filter's Python must then build from a new
# copy. Set here, before any build or xdist worker starts (they inherit it); removed by
# the process that made it.
TEMPLATE_BYTECODE = "COMPILED_TEMPLATES_FOLDER"


def pytest_configure(config):
    if not os.environ.get(TEMPLATE_BYTECODE):
        config.template_bytecode = tempfile.mkdtemp(prefix="pytest-template-bytecode-")
        os.environ[TEMPLATE_BYTECODE] = config.template_bytecode


def pytest_unconfigure(config):
    forked_python.SERVER.stop()
    if getattr(config, "template_bytecode", None):
        shutil.rmtree(config.template_bytecode, ignore_errors=True)
        del os.environ[TEMPLATE_BYTECODE]


def invoke(*args, cwd=ROOT, env=None, check=True, content=FIXTURE_SITE):
    """Run an invoke task the way an author would, returning the finished process (in a
    child of a Python that has imported Invoke and Pelican already: forked_python.py).

    In the project it builds the fixture site; `content=None`, or another folder `cwd`
    (a copy of the project), builds that project's own content/ folder."""
    environment = {k: v for k, v in os.environ.items() if k != "SITE_CONTENT"}
    if content is not None and Path(cwd) == ROOT:
        environment["SITE_CONTENT"] = str(content)
    command = [sys.executable, "-m", "invoke", *args]
    result = forked_python.run(command, cwd=cwd, env={**environment, **(env or {})})
    if check and result.returncode != 0:
        raise AssertionError(f"invoke {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


EDITOR_FOLDER = "admin"


def is_editor_file(path, root):
    """A file of the browser editor at /admin/ (plugins/editor), not of the reader's site."""
    return Path(path).relative_to(root).parts[0] == EDITOR_FOLDER


def fixture_settings(settings_file="pelicanconf.py"):
    """The settings a build of the fixture site runs with, as Pelican reads them."""
    from pelican.settings import read_settings

    saved = os.environ.get("SITE_CONTENT")
    os.environ["SITE_CONTENT"] = str(FIXTURE_SITE)
    try:
        return read_settings(str(ROOT / settings_file))
    finally:
        if saved is None:
            del os.environ["SITE_CONTENT"]
        else:
            os.environ["SITE_CONTENT"] = saved


def load_every_image(page, timeout=15_000):
    """Scroll each image of the page into view in turn (a lazy image loads only near the
    viewport) and wait until it has loaded. Playwright polls from outside the page, so
    this works with JavaScript off and under our CSP; a script in the page would not."""
    from playwright.sync_api import expect

    images = page.locator("img")
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed(timeout=timeout)
        expect(image).to_have_js_property("complete", True, timeout=timeout)


class Site:
    """A built site folder with helpers to read its pages; `build`: the finished build
    process (its printed report), where the fixture keeps it."""

    def __init__(self, root, build=None):
        self.root = Path(root)
        self.build = build

    def path(self, url_path):
        target = self.root / url_path.lstrip("/")
        return target / "index.html" if url_path.endswith("/") or target.is_dir() else target

    def html(self, url_path):
        return BeautifulSoup(self.path(url_path).read_text(encoding="utf-8"), "html.parser")

    def pages(self):
        """Every page a reader may open: not the editor's own page (tests/test_editor.py)."""
        return sorted(p for p in self.root.rglob("*.html") if not is_editor_file(p, self.root))


def built_once(tmp_path_factory, name, build):
    """A session build that tests only read, made once per run: pytest-xdist's workers
    (pytest.ini: `-n auto`) each have a session of their own, so the first worker to ask
    builds it, under a lock in the run's temporary folder that every worker shares, and
    the others read it. `build(output)` returns the finished build process."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the workers' folders are beside each other in it
    folder, record = shared / f"shared-{name}", shared / f"shared-{name}.json"
    with open(shared / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            result = build(folder / "output")
            fields = ("args", "returncode", "stdout", "stderr")
            record.write_text(json.dumps({key: getattr(result, key) for key in fields}))
    return Site(folder / "output", subprocess.CompletedProcess(**json.loads(record.read_text())))


@pytest.fixture(scope="session")
def dev_site(tmp_path_factory):
    """The fixture site built with pelicanconf.py (what authors preview)."""
    return built_once(
        tmp_path_factory, "dev", lambda output: invoke("build", "--output", str(output))
    )


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The fixture site built with publishconf.py (what readers get)."""
    env = {"SITEURL": "https://blog.example.org"}
    return built_once(
        tmp_path_factory,
        "published",
        lambda output: invoke("preview", "--output", str(output), env=env),
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve_folder(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def dev_server(dev_site):
    """The development build served over HTTP; yields its base URL."""
    server = serve_folder(dev_site.root)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def served_publish_build(tmp_path_factory, sub_path):
    """Serve a folder, then build the published site into it (or into its
    `sub_path` folder) with SITEURL set to that local address. Yields (Site, SITEURL)."""
    root = tmp_path_factory.mktemp("served")
    server = serve_folder(root)
    site_url = f"http://127.0.0.1:{server.server_address[1]}{sub_path}"
    output = root / sub_path.strip("/") if sub_path else root
    invoke("preview", "--output", str(output), env={"SITEURL": site_url})
    yield Site(output), site_url
    server.shutdown()


@pytest.fixture(scope="session")
def served_published_site(tmp_path_factory):
    """The published build served at the root of a local address, as on the real host."""
    yield from served_publish_build(tmp_path_factory, "")


@pytest.fixture(scope="session")
def served_subpath_site(tmp_path_factory):
    """The published build for a project page: SITEURL=http://127.0.0.1:PORT/blog,
    served from the parent folder."""
    yield from served_publish_build(tmp_path_factory, "/blog")


# Fixtures that start Chromium (pytest-playwright's, which axe runs in too) or the Nu HTML
# checker's Java: every test that uses one, directly or through another fixture, gets the
# `browser` mark, so `pytest -m "not browser"` is the quick loop.
BROWSER_FIXTURES = {"browser", "context", "page", "nu_checker"}


def pytest_collection_modifyitems(items):
    for item in items:
        if BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


def pytest_xdist_auto_num_workers(config):
    """`-n auto` (pytest.ini) with pytest-xdist, each test file in one worker
    (`--dist loadscope`: its module fixtures are built once): one worker per core for
    `-m "not browser"`, the fast loop; none, everything in one process as before, when
    the run includes the Chromium tests, whose time limits assume a core to themselves."""
    return os.cpu_count() if "not browser" in (config.option.markexpr or "") else 0


@pytest.fixture(scope="session")
def nu_checker():
    """The command that runs the Nu HTML checker (vnu.jar) with Java."""
    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert vnu.is_file(), "the Nu HTML checker is missing: run `invoke test` (it runs npm ci)"
    assert shutil.which("java"), "Java is missing: run `invoke test` (it installs it)"
    return ["java", "-jar", str(vnu)]


# Our pages' Content-Security-Policy forbids eval. page.wait_for_function evals a plain
# expression again on every poll (blocked once the first poll is false), but evals a
# function only once, under the debugger's exemption: always pass "() => ...".
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `invoke test`, which installs it")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


# Four sample articles that link only to each other and to pages (the first published one,
# whose category and first tag tests reuse, and the one the help page links to): a site
# for tests about one added or broken file, quick to build many times.
SMALL_SITE_ARTICLES = (
    "blended-family-first-year.md",
    "repair-after-an-argument.md",
    "sleep-log-for-stress.md",
    "talking-about-suicide.md",
)


def small_fixture_site(destination):
    """A copy of the fixture site (every page, image and data file) with only the articles
    SMALL_SITE_ARTICLES; returns its folder."""

    def other_articles(folder, names):
        if Path(folder) != FIXTURE_SITE / "articles":
            return []
        return [name for name in names if name not in SMALL_SITE_ARTICLES]

    shutil.copytree(FIXTURE_SITE, destination, ignore=other_articles)
    return Path(destination)


def copy_project(destination, content=FIXTURE_SITE):
    """A copy of the project's sources (no output, no virtualenv) to break on purpose,
    with `content` (the fixture site unless told otherwise) as its content/ folder."""
    ignore = shutil.ignore_patterns(
        ".venv",
        "node_modules",
        "output",
        ".*-builds",
        ".git",
        "__pycache__",
        ".pytest_cache",
        "cache",
        "corpus",
    )
    shutil.copytree(ROOT, destination, ignore=ignore)
    shutil.rmtree(Path(destination) / "content")
    shutil.copytree(content, Path(destination) / "content")
    # The npm tools (the Nu HTML checker that `invoke check` and publishing run), shared.
    (Path(destination) / "node_modules").symlink_to(ROOT / "node_modules")
    return Path(destination)


@pytest.fixture(scope="session")
def theme_pages(dev_site):
    """One address per kind of page the theme renders, {kind: path}, chosen
    from the Markdown sources (articles with a contents list, an image, a table,
    a long written-out address) so each layout feature is on screen."""
    from content_sources import articles, published_articles

    published = published_articles()

    def slug_of(test):
        return next(a.meta["slug"] for a in published if test(a.body))

    author = published[0].meta["author"].lower().replace(" ", "-")
    kinds = {
        "home": "/",
        "article with contents": f"/articles/{slug_of(lambda b: b.count(chr(10) + '## ') >= 4)}/",
        "article with image": f"/articles/{slug_of(lambda b: '![' in b)}/",
        "article with table": f"/articles/{slug_of(lambda b: '<table' in b or '|---' in b)}/",
        "article with long address": f"/articles/{slug_of(lambda b: '[https://' in b)}/",
        "draft": f"/drafts/{next(a.meta['slug'] for a in articles() if a.is_draft)}/",
        "page": "/about/",
        "contact page": "/contact/",
        "team page": "/team/",
        "get help now": "/get-help-now/",
        "search": "/search/",
        "authors": "/authors/",
        "author": f"/authors/{author}/",
        "topics": "/topics/",
        "topic": f"/topics/{published[0].meta['category'].lower().replace(' ', '-')}/",
        "tags": "/tags/",
        "tag": f"/tags/{published[0].tags[0].replace(' ', '-')}/",
        "archives": "/archives/",
        "year archive": f"/archives/{published[0].date.year}/",
        "404": "/404.html",
    }
    missing = [kind for kind, url in kinds.items() if not dev_site.path(url).is_file()]
    assert not missing, f"the dev build has no page for: {missing}"
    return kinds


@pytest.fixture(scope="session")
def variant_site(tmp_path_factory):
    """What the sample data never shows, built from a copy of the project: three
    articles per page (so lists paginate) and a portrait for the first author.
    Yields (Site, base URL of it served on 127.0.0.1)."""
    import tomllib

    from PIL import Image

    project = copy_project(tmp_path_factory.mktemp("variant") / "project")
    with open(project / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nDEFAULT_PAGINATION = 3\n")
    authors_file = project / "content" / "data" / "authors.toml"
    first_author = next(iter(tomllib.loads(authors_file.read_text(encoding="utf-8"))))
    Image.new("RGB", (480, 480), (120, 150, 140)).save(project / "content/images/portrait.jpg")
    text = authors_file.read_text(encoding="utf-8")
    text = text.replace('photo = ""', 'photo = "images/portrait.jpg"', 1)
    # A newly hired clinician who has not written anything yet.
    text += '\n["Noor Haddad"]\ncredential = "LMHC"\ntitle = "Mental Health Counselor"\n'
    text += 'bio = "Noor joins the practice this winter."\n'
    authors_file.write_text(text, encoding="utf-8")
    output = project / "output"
    invoke("build", "--output", str(output), cwd=project)
    server = serve_folder(output)
    yield Site(output), f"http://127.0.0.1:{server.server_address[1]}", first_author
    server.shutdown()
