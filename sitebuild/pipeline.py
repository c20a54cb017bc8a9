"""The one build pipeline. build_site() runs these steps, in this order, on a new folder:

1. run_pelican      Pelican writes every page (`--fatal warnings`: the content checks stop it)
2. minify           stylesheets and the theme's scripts, when MINIFY_* are true (publish)
3. search_index     Pagefind indexes the articles and pages (the preview: right after
                    the swap, update_search_index)
4. check_links      every internal link and #fragment leads to something the site holds
5. validate_html    the Nu HTML checker (publish only)
6. swap_into_place  output/ switches to the finished folder in one step

A failing step raises BuildFailed with its report; output/ is left exactly as it was.
Builds are written into `.<output>-builds/` beside output/, which is a symbolic link to
the newest good one: replacing a link is atomic, so there is always a complete output/,
even if the build is killed halfway through the swap. The next build removes leftovers.
"""

import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "output"
DEV_SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class BuildFailed(SystemExit):
    """A build step failed; the message is its report (a SystemExit: tasks end with it)."""


def pelican_command(settings_file, site, content=None):
    """Pelican with the settings and flags of every build, writing into `site`. `content`:
    another folder than the settings' PATH (content/, or SITE_CONTENT: pelicanconf.py)."""
    return [
        sys.executable, "-m", "pelican", *([str(content)] if content else []),
        "--settings", str(settings_file), "--output", str(site), "--fatal", "warnings",
    ]  # fmt: skip


# A record of Pelican's log as its `rich` handler writes it, one line each when the
# terminal is wide: "[12:15:11] WARNING  message   generators.py:771" (the time is
# left out when it repeats). What a record continues with is indented by 20 spaces.
LOG_RECORD = re.compile(
    r"^(?:\[[\d:]+\]| {10}) (DEBUG|INFO|WARNING|ERROR|CRITICAL) +(.*?)(?: {2,}[\w.-]+\.py:\d+)?$"
)
CONTINUED = " " * 20
SOURCE_NAMED = re.compile(r"[\w./-]+\.(?:md|markdown|html|rst|toml)\b")
TRACEBACK_FILE = re.compile(r'^File "([^"]+)", line (\d+)')
# What Pelican's --fatal warnings raises once a warning is logged: the warning is the news.
FATAL_WARNING = "RuntimeError: Warning or error encountered"


class PelicanLog:
    """Pelican's output passed on as it comes, without tracebacks; remembers the
    problems it logged (WARNING and worse) for a one-line summary."""

    def __init__(self, content):
        self.content = content  # the sources' folder
        self.problems, self.in_traceback, self.crashed = [], False, False
        self.place = None  # the last of our files (template, plugin) a traceback passed

    def feed(self, line):
        line = line.rstrip()
        record = LOG_RECORD.match(line)
        if record:
            self.in_traceback = False
            level, message = record.groups()
            if level in ("WARNING", "ERROR", "CRITICAL"):
                self.problems.append(message)
            print(f"{level}: {message}", file=sys.stderr, flush=True)
        elif line.startswith(CONTINUED) and line.strip() == "Traceback (most recent call last):":
            self.in_traceback = self.crashed = True
        elif line.startswith(CONTINUED):
            frame = TRACEBACK_FILE.match(line.strip())
            if self.in_traceback and frame and is_ours(frame.group(1)):
                self.place = f"{content_path(frame.group(1), self.content)}:{frame.group(2)}"
            if not self.in_traceback:
                if self.problems:
                    self.problems[-1] += " " + line.strip()
                print(line.strip(), file=sys.stderr, flush=True)
        else:
            self.in_traceback = False
            print(line, file=sys.stderr, flush=True)

    def summary(self):
        """`path:line: field: what is wrong — how to fix it` for a crash, naming the source
        when Pelican's log does."""
        causes = [p for p in self.problems if p != FATAL_WARNING] or self.problems
        cause = causes[0] if causes else "Pelican stopped without saying why"
        named = SOURCE_NAMED.search(cause)
        source = content_path(named.group(), self.content) if named else None
        if source and (ROOT / source).is_file():
            where = f"{source}:1"
        else:
            where = self.place or f"{source or self.content.name}:1"
        return (
            f"{where}: build: Pelican stopped: {cause} — fix what it names (the value or "
            "file above) and build again"
        )


def is_ours(path):
    """A file of this project (a template, a plugin), not of Python or a library."""
    path = Path(path).resolve()
    return path.is_relative_to(ROOT) and not {".venv", "site-packages"} & set(path.parts)


def content_path(name, content):
    """A source as the author knows it (content/articles/x.md), from what a log names."""
    for candidate in (content / name, ROOT / name, Path(name)):
        if candidate.is_file():
            path = candidate.resolve()
            return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    return name


def slow_source(converting_file, limit):
    """The source Pelican has been converting for longer than `limit` seconds, or None."""
    try:
        started = converting_file.stat().st_mtime
        source = converting_file.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return source if source and time.time() - started > limit else None


def run_pelican(
    settings_file, settings, site, notes, content=None, cache=None, start=subprocess.Popen
):
    """Pelican writes the site into `site`. Through `notes` (a folder; plugins/
    source_tracking) it says which Markdown source each page comes from and which
    source it is converting: a conversion that takes longer than CONVERT_TIME_LIMIT
    seconds is stopped and named.
    Pelican's report (content checks included) is passed on without tracebacks.
    `cache`: another folder for Pelican's cache than the settings' CACHE_PATH.
    `start`: what starts Pelican's process, called as subprocess.Popen (the preview
    passes one that hands over a process started ahead: sitebuild/devserver.py)."""
    command = pelican_command(settings_file, site, content)
    command += ["--cache-path", str(cache)] if cache else []
    command += ["--extra-settings", f"SOURCE_TRACKING_FOLDER={json.dumps(str(notes))}"]
    env = {**os.environ, "COLUMNS": "1000"}  # one line per log record
    folder, limit = Path(content or settings["PATH"]), settings.get("CONVERT_TIME_LIMIT", 10)
    log, slow = PelicanLog(folder), []
    # Its own process group: a stopped build stops Pelican and any process it started.
    process = start(
        command, cwd=ROOT, env=env, text=True, errors="replace", start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip

    ended = threading.Event()  # set when Pelican has exited: the watchdog stops at once

    def watch():
        while not ended.wait(0.1):
            source = slow_source(notes / "converting", limit)
            if source:
                slow.append(source)
                os.killpg(process.pid, signal.SIGKILL)
                return

    watchdog = threading.Thread(target=watch, daemon=True)
    watchdog.start()
    try:
        for line in process.stdout:
            log.feed(line)
        process.wait()
    finally:
        if process.poll() is None:  # Ctrl+C
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        ended.set()
        watchdog.join()
    if slow:
        raise BuildFailed(
            f"{content_path(slow[0], folder)}:1: text: converting it took longer than "
            f"{limit} s, so the build stopped — look for a very long line or deeply "
            "nested brackets, links or emphasis (often pasted text), and split or simplify it"
        )
    if process.returncode != 0:
        raise BuildFailed(log.summary() if log.crashed else "Pelican stopped (report above).")


def read_settings(settings_file):
    """The settings the build ran with, as Pelican reads them."""
    from pelican.settings import read_settings as pelican_settings

    return pelican_settings(str(settings_file))


def minify(site, settings):
    from sitebuild.minify import MinifyError, minify_site

    try:
        minify_site(site, settings)
    except MinifyError as error:
        raise BuildFailed(f"Minify: {error}") from None


def search_index(site, settings, folder=None):
    from sitebuild.search_index import SearchIndexError, index_site

    try:
        index_site(site, settings, folder)
    except SearchIndexError as error:
        raise BuildFailed(f"Search index: {error}") from None


# The preview's search index (build_site's search_index_after_swap): the shown build's
# index is carried into the new build, then update_search_index() replaces it.
SEARCH_FOLDER = "pagefind"
# In it, the files of the index Pagefind wrote last, one a line.
NEWEST_INDEX = ".newest-index-files"


def link_or_copy(source, destination):
    """A hard link (instant, no space), or a copy where the disk has none."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)


def carry_search_index(output, site):
    """Hard-link the search index `output` shows into `site` (so its search page works
    at once, a save behind); False when there is none."""
    shown = output / SEARCH_FOLDER
    if not shown.is_dir():
        return False
    shutil.copytree(shown, site / SEARCH_FOLDER, copy_function=link_or_copy)
    return True


def update_search_index(output=OUTPUT, settings_file=DEV_SETTINGS):
    """After a build with search_index_after_swap: Pagefind indexes the shown build into
    a new folder, which replaces the carried index in one rename. It keeps the files of
    the index it replaces (pages opened a moment ago still search with that one), not
    of older ones. Pagefind runs without the build lock, so the next save's build does
    not wait for it; if that build replaced the indexed one meanwhile, this index is
    dropped (the newer build's update follows). Raises BuildFailed; the carried index
    then stays."""
    output = Path(output).absolute()
    site = output.resolve()
    shown, fresh, old = (site / f"{SEARCH_FOLDER}{end}" for end in ("", ".new", ".old"))
    shutil.rmtree(fresh, ignore_errors=True)  # from an update that was stopped
    try:
        search_index(site, read_settings(settings_file), folder=fresh.name)
    except BuildFailed:
        if output.resolve() == site:
            raise
        return  # replaced, and removed, while Pagefind read it
    with open(builds_folder(output) / LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if output.resolve() != site:
            shutil.rmtree(fresh, ignore_errors=True)
            return
        shutil.rmtree(old, ignore_errors=True)  # from an update that was stopped
        written = [str(p.relative_to(fresh)) for p in fresh.rglob("*") if p.is_file()]
        listed = shown / NEWEST_INDEX
        if listed.is_file():
            replaced = listed.read_text(encoding="utf-8").splitlines()
        else:  # a whole index from a build
            replaced = [str(p.relative_to(shown)) for p in shown.rglob("*") if p.is_file()]
        for name in replaced:
            if (shown / name).is_file() and not (fresh / name).exists():
                (fresh / name).parent.mkdir(parents=True, exist_ok=True)
                link_or_copy(shown / name, fresh / name)
        (fresh / NEWEST_INDEX).write_text("\n".join(written), encoding="utf-8")
        if shown.exists():
            shown.rename(old)
        fresh.rename(shown)
        shutil.rmtree(old, ignore_errors=True)


def check_links(site, settings, notes):
    from sitebuild.link_check import check_site, format_report

    broken = check_site(site, settings.get("SITEURL", ""))
    if broken:
        sources_file = notes / "sources.json"
        sources = json.loads(sources_file.read_text("utf-8")) if sources_file.exists() else {}
        raise BuildFailed(f"Link check: {format_report(broken, sources)}")


def validate_html(site):
    """Validate every page with the Nu HTML checker, in one JVM start."""
    if not VNU_JAR.exists():
        raise BuildFailed(f"The Nu HTML checker is missing ({VNU_JAR}); install it: `npm ci`.")
    if not shutil.which("java"):
        raise BuildFailed("The Nu HTML checker needs Java; install default-jre-headless.")
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        report = result.stderr.replace(f"file:{site}/", "").strip()
        raise BuildFailed(f"The HTML is not valid (Nu HTML checker):\n{report}")


def describe(error):
    """One line for an error a build step did not expect, naming the file if it has one;
    a BuildFailed's own report as it is."""
    if isinstance(error, BuildFailed):
        return str(error)
    where = getattr(error, "filename", None)
    return f"{where or 'build'}: {type(error).__name__}: {error}"


def builds_folder(output):
    return output.with_name(f".{output.name}-builds")


def remove_leftovers(output):
    """Remove every build beside `output` but the one it shows: what failed or killed
    builds left (and the site a swap replaced)."""
    builds = builds_folder(output)
    shown = os.readlink(output) if output.is_symlink() else None
    for entry in builds.iterdir():
        if entry.name != LOCK and Path(shown or "").name != entry.name:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def swap_into_place(site, output):
    """Make `output` show `site`: a new symbolic link, renamed over the old one in one
    step (rename is atomic), so output/ is always the old site or the new one. The old
    site is removed in the background: the preview refreshes the browser without
    waiting for that, and the process still finishes it before it exits (a killed
    one leaves it to the next build's remove_leftovers)."""
    link = site.with_name(site.name + ".link")
    os.symlink(os.path.relpath(site, output.parent), link)
    # The build output/ shows now (links always point into the builds folder).
    previous = site.with_name(Path(os.readlink(output)).name) if output.is_symlink() else None
    if output.exists() and not output.is_symlink():  # a folder from before links were used
        previous = site.with_name(site.name + ".replaced")
        output.rename(previous)
    os.replace(link, output)
    if previous and previous != site:
        threading.Thread(
            target=shutil.rmtree, args=(previous,), kwargs={"ignore_errors": True}
        ).start()


def remove_site(output=OUTPUT):
    """Remove `output` and every build behind it."""
    output = Path(output).absolute()
    if output.is_symlink():
        output.unlink()
    else:
        shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(builds_folder(output), ignore_errors=True)


# Held by a build for its whole run: two builds of one output take turns.
LOCK = ".lock"


def build_site(
    settings_file=DEV_SETTINGS,
    output=OUTPUT,
    validate=False,
    search_index_after_swap=False,
    **pelican_options,
):
    """Run every step on a new folder, then switch `output` to it; return `output`.

    `validate`: also run the Nu HTML checker (what a publish does); `pelican_options`:
    see run_pelican (the benchmarks build other content). Raises BuildFailed with the
    step's report; `output` is then left exactly as it was.
    `search_index_after_swap` (the preview: the browser refreshes without waiting for
    Pagefind): the new build gets the shown build's search index, and the caller runs
    update_search_index() after this returns.
    """
    output = Path(output).absolute()
    builds = builds_folder(output)
    builds.mkdir(parents=True, exist_ok=True)
    with open(builds / LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        remove_leftovers(output)
        site = Path(tempfile.mkdtemp(prefix="build-", dir=builds))
        site.chmod(0o755)  # mkdtemp makes it private; a web server may read it
        notes = Path(tempfile.mkdtemp(prefix="notes-", dir=builds))
        try:
            settings = read_settings(settings_file)
            run_pelican(settings_file, settings, site, notes, **pelican_options)
            minify(site, settings)
            if not (search_index_after_swap and carry_search_index(output, site)):
                search_index(site, settings)
            check_links(site, settings, notes)
            if validate:
                validate_html(site)
            swap_into_place(site, output)
        except (BuildFailed, Exception) as failure:  # or a library's error: never a traceback
            shutil.rmtree(site, ignore_errors=True)
            raise BuildFailed(
                f"{describe(failure)}\nBuild failed; {output} was left as it was. "
                "Fix the problems listed above and build again."
            ) from None
        finally:
            shutil.rmtree(notes, ignore_errors=True)
    return output
