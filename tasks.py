"""Build, preview, test and publish the site: `invoke --list` shows every task.

Each task is a few lines calling sitebuild/ (the build pipeline, deploy, preview and
tool installation) or tools/.
"""

import os
import subprocess
import sys
from pathlib import Path

from invoke import task

from sitebuild import deploy, devserver, install
from sitebuild.devserver import HOST, PORT
from sitebuild.pipeline import (
    DEV_SETTINGS,
    OUTPUT,
    PUBLISH_SETTINGS,
    ROOT,
    build_site,
    remove_site,
)  # fmt: skip

PYTHON = sys.executable


def show_help_if_asked(first_argument, task_name):
    """Invoke hands a task's required argument whatever word comes first, `--help` too
    (its own spelling is `invoke --help TASK`): show the task's help then, and stop."""
    if first_argument in ("--help", "-h"):
        command = [PYTHON, "-m", "invoke", "--search-root", str(ROOT), "--help", task_name]
        raise SystemExit(subprocess.run(command, check=False).returncode)


def whole_number(value, option):
    """An option's value as a whole number, or a clear message (invoke's own parsing of
    an int option would end in a traceback)."""
    if not str(value).strip().isdigit():
        raise SystemExit(f"--{option} must be a whole number, such as 12, not {value!r}.")
    return int(value)


@task
def clean(c):
    """Remove the generated site."""
    remove_site(OUTPUT)


@task(help={"output": "folder to build into (default: output/)"})
def build(c, output=str(OUTPUT)):
    """Build the site with development settings (drafts visible)."""
    build_site(DEV_SETTINGS, output)


@task(pre=[clean], post=[build])
def rebuild(c):
    """Remove the generated site, then build it again."""


@task(
    help={
        "output": "folder to build into (default: output/)",
        "serve": "then serve it at http://127.0.0.1:PORT, built for that address",
        "port": f"port for --serve (default {PORT})",
    }
)
def preview(c, output=str(OUTPUT), serve=False, port=str(PORT)):
    """Build with the publish settings (absolute URLs, feeds, no drafts); with --serve,
    for the local address, and serve it: the published site before publishing."""
    if serve:
        port = devserver.free_port(whole_number(port, "port"))
        os.environ["SITEURL"] = f"http://{HOST}:{port}"  # read by publishconf.py
    build_site(PUBLISH_SETTINGS, output)
    if serve:
        devserver.serve(port, root=Path(output))


@task
def regenerate(c):
    """Rebuild on every change, without serving; only a good build replaces output/."""
    devserver.regenerate()


@task(help={"port": f"port to serve on (default {PORT})"})
def serve(c, port=str(PORT)):
    """Serve output/ at http://127.0.0.1:8000."""
    devserver.serve(whole_number(port, "port"))


@task(help={"port": f"port to serve on (default {PORT})"})
def reserve(c, port=str(PORT)):
    """Build, then serve."""
    build_site(DEV_SETTINGS, OUTPUT)
    devserver.serve(whole_number(port, "port"))


@task(help={"port": f"port to serve on (default {PORT})"})
def livereload(c, port=str(PORT)):
    """Build, serve at http://127.0.0.1:8000, rebuild and refresh on every change.

    Watches the content (articles, pages, images, data), the theme, the plugins and
    both settings files. Drafts are shown with a DRAFT banner. A failed rebuild prints
    the report and leaves the last good site in the browser.
    """
    devserver.livereload(whole_number(port, "port"))


@task
def check(c):
    """Run every check a publish runs, without touching output/ or needing a commit."""
    deploy.check()


@task(
    help={
        "dry_run": "build, check and commit to the local gh-pages branch; do not push",
        "allow_branch": "publish although HEAD is not the remote's default branch as pushed",
    }
)
def gh_pages(c, dry_run=False, allow_branch=False):
    """Publish: build with publishconf.py, check it, commit it to gh-pages and push.

    Refuses on uncommitted changes, an empty SITEURL, or any failing check (content,
    links and HTML validity). Pushes without force: every earlier publish stays in
    gh-pages' history, ready for a rollback (README, "Deploy").
    """
    deploy.publish(dry_run, allow_branch)


@task(help={"sizes": "comma-separated corpus sizes (default 100,1000)", "rounds": "rounds"})
def bench(c, sizes="100,1000", rounds="1"):
    """Build-speed benchmark: bare Pelican vs our site, cold and warm, then the
    livereload edit-to-browser time on 100 articles (benchmarks/)."""
    script = ROOT / "benchmarks" / "build_speed.py"
    subprocess.run(
        [PYTHON, str(script), "--sizes", sizes, "--rounds", str(whole_number(rounds, "rounds"))],
        check=True,
    )
    subprocess.run([PYTHON, str(ROOT / "benchmarks" / "livereload_latency.py")], check=True)


@task(help={"months": "how long a clinical review stays current, in months (default 12)"})
def review_due(c, months="12"):
    """List articles whose last clinical review (or publish date) is older than --months."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from clinical_review.review_dates import ReviewMetadataError, practice_today, review_due_report
    from pelican.settings import read_settings

    settings = read_settings(str(DEV_SETTINGS))
    today = practice_today(settings["TIMEZONE"])
    articles = sorted((Path(settings["PATH"]) / "articles").rglob("*.md"))
    try:
        print(review_due_report(articles, today, whole_number(months, "months"), root=ROOT))
    except ReviewMetadataError as problem:
        raise SystemExit(str(problem)) from None


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
    show_help_if_asked(title, "new")
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
        "lang": "language of posts whose page states none, e.g. es (default: the site's)",
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
    lang="",
):
    """Move posts from the old Wix blog into content/articles/ (one Markdown file each)."""
    show_help_if_asked(source, "import-wix")
    if year and not (year.isdigit() and len(year) == 4):
        raise SystemExit(f"--year must be a four-digit year such as 2024, not {year!r}")
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
        lang=lang,
    )
    if status:
        raise SystemExit(status)


@task(help={"dry_run": "only print the commands that would install what is missing"})
def test_tools(c, dry_run=False):
    """Install what the tests need beyond Python: Chromium, Java, Node/npm, the Nu checker."""
    install.install_test_tools(dry_run)


@task(pre=[test_tools], help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=""):
    """Lint, then run every test (content, theme in Chromium, feeds, deploy)."""
    c.run(f"{PYTHON} -m ruff check .", echo=True)
    c.run(f"{PYTHON} -m ruff format --check .", echo=True)
    selection = f" -k {k!r}" if k else ""
    c.run(f"{PYTHON} -m pytest{selection}", echo=True, pty=False)
