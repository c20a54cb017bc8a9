"""Never publish a broken site: a failed build leaves the last good output as
it was, `invoke check` never touches output/, and `invoke livereload` keeps
showing the last good site while an edit is broken."""

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys

import pytest
from live_preview import fetch, free_port, open_connected, running_task, wait_for

from conftest import PAGEFIND_NONDETERMINISTIC, ROOT, copy_project, invoke
from content_sources import articles, plain, published_articles, spanish_articles

ARTICLE = published_articles()[0]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("safe") / "project")


@pytest.fixture(scope="module")
def good_build(project, tmp_path_factory):
    """`invoke build` of the project, once: the last good site the tests below start from."""
    site = tmp_path_factory.mktemp("good") / "site"
    invoke("build", "--output", str(site), cwd=project)
    return site


@pytest.fixture
def built_site(good_build, tmp_path):
    """A copy of the good build (output/ is a link into the builds beside it, copied as
    they are), as if `invoke build` had just made it in this test's folder."""
    shutil.copytree(good_build.parent, tmp_path / "built", symlinks=True)
    return tmp_path / "built" / good_build.name


def snapshot(folder):
    """Every file under `folder` with a hash of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stable(files):
    """A snapshot without the files Pagefind names differently on every run."""
    return {
        name: digest for name, digest in files.items() if not PAGEFIND_NONDETERMINISTIC.match(name)
    }


def builds_beside(site):
    """The builds kept behind the link `site` (its lock file aside)."""
    return sorted(
        p.name for p in site.with_name(f".{site.name}-builds").iterdir() if p.name != ".lock"
    )


def break_date(project):
    """Give the sample article an unparseable date; return (path, line) for the report."""
    path = project / "content" / "articles" / ARTICLE.path.name
    text = path.read_text()
    path.write_text(text.replace(f"Date: {ARTICLE.meta['date']}", "Date: next Tuesday", 1))
    line = next(n for n, x in enumerate(text.splitlines(), 1) if x.startswith("Date:"))
    return f"content/articles/{ARTICLE.path.name}:{line}: Date: ", text


@pytest.mark.parametrize(
    "task, env", [("build", {}), ("preview", {"SITEURL": "https://x.example"})]
)
def test_a_failed_build_leaves_the_last_good_site_untouched(project, tmp_path, task, env, request):
    if task == "build":
        site = request.getfixturevalue("built_site")
    else:
        site = tmp_path / "site"
        invoke(task, "--output", str(site), cwd=project, env=env)
    good = snapshot(site)
    assert f"articles/{ARTICLE.meta['slug']}/index.html" in good

    where, original = break_date(project)
    try:
        failed = invoke(task, "--output", str(site), cwd=project, env=env, check=False)
    finally:
        (project / "content" / "articles" / ARTICLE.path.name).write_text(original)
    assert failed.returncode != 0
    assert where in failed.stderr, failed.stderr
    assert "left as it was" in failed.stderr
    assert snapshot(site) == good
    # No half-built folder is left behind either.
    assert builds_beside(site) == [os.readlink(site).split("/")[-1]]


def test_a_search_index_failure_after_pelican_also_leaves_the_last_good_site(project, built_site):
    """Pelican builds every page, then Pagefind indexes them in a step of its own: when
    that step fails, the pages Pelican built are not swapped in either."""
    site = built_site
    good = snapshot(site)
    assert any(name.startswith("pagefind/") for name in good)

    templates = [project / "theme" / "templates" / f"{name}.html" for name in ("article", "page")]
    originals = {path: path.read_text() for path in templates}
    try:
        for path, text in originals.items():
            path.write_text(text.replace(" data-pagefind-body", ""))  # the marker dropped
        failed = invoke("build", "--output", str(site), cwd=project, check=False)
    finally:
        for path, text in originals.items():
            path.write_text(text)
    assert failed.returncode != 0
    assert "Search index: No page" in failed.stderr, failed.stderr
    assert "data-pagefind-body" in failed.stderr
    assert "left as it was" in failed.stderr
    assert snapshot(site) == good
    assert builds_beside(site) == [os.readlink(site).split("/")[-1]]


# Runs a build that SIGKILLs itself at the `moment`-th file-system change of the swap
# (counted from the new link's creation), seen through Python's audit hook.
KILLED_DURING_SWAP = """
import os, signal, sys
from sitebuild.pipeline import build_site
moment, changes = int(sys.argv[2]), []
def kill_at_moment(event, args):
    if event == "os.symlink" or changes and event in ("os.rename", "os.remove", "os.rmdir"):
        changes.append(event)
        if len(changes) == moment:
            os.kill(os.getpid(), signal.SIGKILL)
sys.addaudithook(kill_at_moment)
build_site(output=sys.argv[1])
"""


# 1: before the new link exists; 2: before it replaces output/; 3: just after; 40: while
# the old build is being removed.
@pytest.mark.parametrize("moment", [1, 2, 3, 40])
def test_a_build_killed_during_the_swap_leaves_a_complete_site(project, built_site, moment):
    site = built_site
    before = stable(snapshot(site))
    path = project / "content" / "articles" / ARTICLE.path.name
    original = path.read_text()
    try:
        path.write_text(original.replace(ARTICLE.meta["title"], "Retitled Before The Kill", 1))
        killed = subprocess.run(
            [sys.executable, "-c", KILLED_DURING_SWAP, str(site), str(moment)],
            cwd=project, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        after_kill = stable(snapshot(site))
        invoke("build", "--output", str(site), cwd=project)
    finally:
        path.write_text(original)
    after = stable(snapshot(site))
    assert f"articles/{ARTICLE.meta['slug']}/index.html" in after_kill
    assert after_kill == (before if moment < 3 else after)
    # The next build removed what the killed one left; git ignores such leftovers.
    assert builds_beside(site) == [os.readlink(site).split("/")[-1]]
    ignored = ["git", "check-ignore", "--no-index", "-q", ".output-builds/build-x/index.html"]
    assert subprocess.run(ignored, cwd=ROOT, check=False).returncode == 0


def test_a_crash_inside_pelican_is_one_line_naming_the_file_never_a_traceback(project, built_site):
    site = built_site
    good = snapshot(site)
    template = project / "theme" / "templates" / "article.html"
    original = template.read_text()
    lines = original.splitlines(keepends=True)
    broken_line = next(n for n, line in enumerate(lines, 1) if "{%" not in line and n > 2)
    lines.insert(broken_line - 1, "{{ article.title | no_such_filter_anywhere }}\n")
    try:
        template.write_text("".join(lines))
        failed = invoke("build", "--output", str(site), cwd=project, check=False)
    finally:
        template.write_text(original)
    assert failed.returncode != 0
    assert "Traceback" not in failed.stdout + failed.stderr
    assert "no_such_filter_anywhere" in failed.stderr
    assert f"theme/templates/article.html:{broken_line}: build: Pelican stopped: " in failed.stderr
    assert snapshot(site) == good


def long_article(slug, body):
    text = ARTICLE.path.read_text(encoding="utf-8")
    header = text.split("\n\n", 1)[0]
    header = header.replace(f"Slug: {ARTICLE.meta['slug']}", f"Slug: {slug}", 1)
    header = header.replace(ARTICLE.meta["title"], slug.replace("-", " ").title(), 1)
    return f"{header}\n\n{body}\n"


def test_a_source_that_converts_too_long_is_named_and_the_build_stops(project, built_site):
    """CONVERT_TIME_LIMIT set to 0 s: whatever source is being converted is too slow."""
    site = built_site
    good = snapshot(site)
    settings = project / "pelicanconf.py"
    original = settings.read_text()
    slow = project / "content" / "articles" / "a-very-long-article.md"
    paragraphs = "\n\n".join(f"Paragraph {n} with *some* words." for n in range(4000))
    try:
        settings.write_text(original + "\nCONVERT_TIME_LIMIT = 0\n")
        slow.write_text(long_article("a-very-long-article", paragraphs))
        failed = invoke("build", "--output", str(site), cwd=project, check=False)
    finally:
        settings.write_text(original)
        slow.unlink()
    assert failed.returncode != 0
    assert re.search(r"content/\S+\.md:1: text: converting it took longer than 0 s", failed.stderr)
    assert "Traceback" not in failed.stdout + failed.stderr
    assert snapshot(site) == good


def test_a_pathological_line_is_built_or_reported_within_a_bound(project, tmp_path):
    """100 KB of `![` once took Python-Markdown ten minutes; the build now ends, in time.
    The bound is CONVERT_TIME_LIMIT, here 1 s instead of 10 (the time spent converting
    until the build stops it is all CPU)."""
    source = project / "content" / "articles" / "nested-brackets.md"
    source.write_text(long_article("nested-brackets", "![" * 50_000))
    settings = project / "pelicanconf.py"
    original = settings.read_text()
    try:
        settings.write_text(original + "\nCONVERT_TIME_LIMIT = 1\n")
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "build", "--output", str(tmp_path / "site")],
            cwd=project, capture_output=True, text=True, check=False, timeout=120,
        )  # fmt: skip
    finally:
        settings.write_text(original)
        source.unlink()
    assert "Traceback" not in result.stdout + result.stderr
    if result.returncode != 0:
        assert "content/articles/nested-brackets.md:" in result.stderr


@pytest.mark.usefixtures("nu_checker")  # invoke check validates every page, as a publish does
def test_invoke_check_refuses_what_a_publish_refuses_without_writing_the_site(project):
    output = project / "output"
    # (The livereload tests may have built output/ already: pytest runs browser tests first.)
    before = snapshot(output) if output.exists() else None
    builds_before = set(project.glob(".output-builds/*"))
    where, original = break_date(project)
    try:
        failed = invoke("check", cwd=project, check=False)
    finally:
        (project / "content" / "articles" / ARTICLE.path.name).write_text(original)
    assert failed.returncode != 0
    assert where in failed.stderr
    assert "Not ready to publish" in failed.stderr

    # Invalid HTML passes a preview build but not a publish: nor `invoke check`.
    source = project / "content" / "articles" / ARTICLE.path.name
    source.write_text(original + '\nA <span id="twice">one</span> <span id="twice">two</span>.\n')
    try:
        invalid = invoke("check", cwd=project, check=False)
    finally:
        source.write_text(original)
    assert invalid.returncode != 0
    assert "Duplicate ID" in invalid.stderr
    assert "Traceback" not in invalid.stdout + invalid.stderr

    passed = invoke("check", cwd=project)
    assert "Content checks passed: every check a publish runs passed" in passed.stdout
    # The Spanish drafts too (articles/es/, plugins/i18n/).
    drafts = [a for a in articles() + spanish_articles() if a.is_draft]
    assert f"{len(drafts)} draft" in passed.stdout and "not going to be published" in passed.stdout
    for draft in drafts:
        folder = "articles/es" if draft.meta.get("lang") == "es" else "articles"
        assert f"content/{folder}/{draft.path.name}" in passed.stdout
    assert (snapshot(output) if output.exists() else None) == before
    assert set(project.glob(".output-builds/*")) == builds_before


@pytest.mark.parametrize("task", ["review-due", "serve", "livereload"])
def test_an_option_that_is_not_a_number_is_a_clear_message(project, task):
    option = "--months" if task == "review-due" else "--port"
    result = invoke(task, option, "abc", cwd=project, check=False)
    assert result.returncode != 0
    assert f"{option} must be a whole number, such as 12, not 'abc'." in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture
def livereload(project, tmp_path):
    """`invoke livereload` in the project copy; yields (base URL, log file)."""
    port = free_port()
    log = tmp_path / "livereload.log"
    with running_task(project, log, "livereload", "--port", str(port)):
        base = f"http://127.0.0.1:{port}"
        wait_for(lambda: fetch(f"{base}/"), what="the livereload server")
        yield base, log


def test_livereload_refreshes_the_browser_and_keeps_the_last_good_site(project, livereload, page):
    base, log = livereload
    path = project / "content" / "articles" / ARTICLE.path.name
    original = path.read_text()
    url = f"{base}/articles/{ARTICLE.meta['slug']}/"
    open_connected(page, url, log)
    assert plain(page.locator("h1").inner_text()) == plain(ARTICLE.meta["title"])

    try:
        # An edit shows up in the open page without touching the browser.
        path.write_text(original.replace(ARTICLE.meta["title"], "Edited While Previewing", 1))
        page.wait_for_function(
            "() => document.querySelector('h1')?.textContent.includes('Edited While')",
            timeout=30_000,
        )
        # A broken edit: the report is printed and the last good page stays.
        path.write_text(original.replace("Author:", "Status: Published\nAuthor:", 1))
        wait_for(lambda: "last good build" in log.read_text(), what="the failed rebuild")
        status_line = next(
            n for n, x in enumerate(original.splitlines(), 1) if x.startswith("Author:")
        )
        assert f"content/articles/{ARTICLE.path.name}:{status_line}: Status: " in log.read_text()
        assert "Edited While" in plain(fetch(url))
    finally:
        path.write_text(original)


def test_livereload_shows_each_of_two_quick_saves(project, livereload, page):
    """An author saving twice in a row sees the second save too (livereload on its own
    skips a refresh within 3 s of the previous one). The second save is written as soon
    as the first shows; each may take as long as a rebuild on a busy machine takes."""
    base, log = livereload
    path = project / "content" / "articles" / ARTICLE.path.name
    original = path.read_text()
    open_connected(page, f"{base}/articles/{ARTICLE.meta['slug']}/", log)
    try:
        for title in ("First Quick Save", "Second Quick Save"):
            path.write_text(original.replace(ARTICLE.meta["title"], title, 1))
            page.wait_for_function(
                # typogrify joins a title's last two words with a no-break space; while the
                # page reloads there is a moment without an <h1>.
                "title => document.querySelector('h1')?.textContent"
                ".replace(/\\s+/g, ' ').includes(title)",
                arg=title,
                timeout=60_000,
            )
    finally:
        path.write_text(original)


def test_livereload_builds_with_the_plugins_and_settings_as_last_saved(project, livereload, page):
    """Each rebuild runs Pelican afresh: an edit to a plugin or to the settings shows at
    the next save."""
    base, log = livereload
    plugin = project / "plugins" / "reading_time" / "reading_time.py"
    settings = project / "pelicanconf.py"
    originals = {path: path.read_text() for path in (plugin, settings)}
    computed = (
        "    content.reading_minutes = minutes_to_read(content.word_count, per_minute, images)"
    )
    assert computed in originals[plugin]
    open_connected(page, f"{base}/articles/{ARTICLE.meta['slug']}/", log)
    try:
        plugin.write_text(originals[plugin].replace(computed, "    content.reading_minutes = 97"))
        page.wait_for_function(
            "() => document.body.innerText.includes('97 min read')", timeout=30_000
        )
        settings.write_text(originals[settings] + '\nSITENAME = "Renamed While Previewing"\n')
        page.wait_for_function(
            "() => document.title.includes('Renamed While Previewing')", timeout=30_000
        )
    finally:
        for path, text in originals.items():
            path.write_text(text)


def text_of(path):
    try:
        return path.read_text(encoding="utf-8")
    except OSError:  # between the two renames of a swap
        return ""


def test_regenerate_rebuilds_on_each_save_and_keeps_the_last_good_site(project, tmp_path):
    log = tmp_path / "regenerate.log"
    source = project / "content" / "articles" / ARTICLE.path.name
    original = source.read_text()
    built = project / "output" / "articles" / ARTICLE.meta["slug"] / "index.html"
    with running_task(project, log, "regenerate"):
        try:
            wait_for(lambda: "Watching for changes" in log.read_text(), what="the first build")
            source.write_text(
                original.replace(ARTICLE.meta["title"], "Edited While Regenerating", 1)
            )
            wait_for(lambda: "Edited While" in text_of(built), what="the rebuild")
            source.write_text(original.replace("Author:", "Status: Published\nAuthor:", 1))
            wait_for(lambda: "last good build" in log.read_text(), what="the failed rebuild")
            assert "Edited While" in text_of(built)
        finally:
            source.write_text(original)
