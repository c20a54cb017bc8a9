"""The preview: serve output/, rebuild on every saved change, refresh the browser.

Each rebuild is a whole build_site() in a new Pelican process (so an edit to a plugin
or a setting counts at the next save), started ahead of the save (ReadyPelican); a
failed one prints its report and keeps the last good site.
"""

import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from fnmatch import fnmatch
from pathlib import Path

from sitebuild.pipeline import (
    DEV_SETTINGS,
    OUTPUT,
    ROOT,
    SEARCH_FOLDER,
    BuildFailed,
    build_site,
    describe,
    update_search_index,
)

HOST, PORT = "127.0.0.1", 8000
# decap-server (npm, pinned), the local backend of the editor at /admin/ (plugins/editor).
DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
EDITOR_PORT = 8081
# What the preview rebuilds on: articles, pages, images and data; templates and
# static files; plugins; settings. (Not sitebuild/: this process runs it; restart.)
WATCHED = ("content", "theme", "plugins", "pelicanconf.py", "publishconf.py")
# How often `regenerate` and `livereload` look for saved changes, in seconds.
WATCH_INTERVAL = 0.1
# Editor backups, swap files and caches: saving them must not rebuild.
NOT_SOURCES = (".#*", "*~", "*.swp", "*.swx", "4913", "*.tmp", ".*.tmp", "*.pyc")


def not_a_source(path):
    parts = Path(path).parts
    return any(part in ("__pycache__", ".pytest_cache") for part in parts) or any(
        fnmatch(parts[-1], pattern) for pattern in NOT_SOURCES
    )


# Where a failed preview build leaves its problems for the open page to show
# (theme/static/js/build-report.js); a good build replaces the folder without it.
BUILD_REPORT = "build-report.json"


class ReadyPelican:
    """Starts Pelican's process for a preview build (run_pelican's `start`, called as
    subprocess.Popen) by handing over one started ahead, with Python started and Pelican
    and its libraries imported (sitebuild/ready_pelican.py), then starts the next one:
    a save waits for Pelican's build, not for Python to start and import it. Each build
    still has a process of its own: nothing one build leaves in memory reaches the next,
    and the pipeline can stop it as before. After installing new requirements, restart."""

    def __init__(self):
        self.process, self.options = None, None

    def __call__(self, command, **options):
        process = self.hand_over(command, options) or subprocess.Popen(command, **options)
        # Started now, it imports on the second core while this build runs.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitebuild.ready_pelican"], stdin=subprocess.PIPE, **options
        )
        self.options = options
        return process

    def hand_over(self, command, options):
        """The process started ahead, now running `command`; None if it cannot (it was
        started with other options or environment, or has ended)."""
        process, self.process = self.process, None
        if process is None:
            return None
        if command[:3] == [sys.executable, "-m", "pelican"] and options == self.options:
            try:
                process.stdin.write(json.dumps(command[3:]) + "\n")
                process.stdin.close()
                if process.poll() is None:
                    return process
            except OSError:  # it has ended
                pass
        process.kill()
        process.wait()
        return None

    def close(self):
        if self.process:
            self.process.kill()
            self.process.wait()
            self.process = None


def rebuild_and_report(problems_file, compiled_templates, start_pelican, changed=None):
    """A preview rebuild after a change to the file `changed` (None: unknown): a failure
    prints its report, keeps the last good site and leaves the problems in
    output/build-report.json for the open page."""
    if changed is None or Path(changed).suffix == ".py":
        # A plugin, the settings or the theme's filters: they can change what Jinja
        # compiles a template into (extensions, options, filters folded into constants).
        shutil.rmtree(compiled_templates, ignore_errors=True)
        compiled_templates.mkdir()
    problems_file.unlink(missing_ok=True)
    # No index to carry (the first build): build_site indexes in full, and that is all.
    carried = (OUTPUT / SEARCH_FOLDER).is_dir()
    try:
        build_site(DEV_SETTINGS, OUTPUT, search_index_after_swap=True, start=start_pelican)
        if carried:  # the browser refreshes now; search catches up a moment later
            threading.Thread(target=update_search_index_or_report).start()
    except BuildFailed as failure:
        print(f"{failure}\nThe preview keeps showing the last good build.", file=sys.stderr)
        if problems_file.exists():
            problems = json.loads(problems_file.read_text(encoding="utf-8"))
        else:  # not a content problem: the terminal has the whole report
            problems = [{"what": f"{failure} (the terminal shows the whole report)"}]
        if OUTPUT.is_dir():
            (OUTPUT / BUILD_REPORT).write_text(json.dumps(problems), encoding="utf-8")


def update_search_index_or_report():
    try:
        update_search_index(OUTPUT, DEV_SETTINGS)
    except Exception as failure:  # BuildFailed or a library's error: never a traceback
        print(f"{describe(failure)}\nSearch in the preview stays a save behind.", file=sys.stderr)


@contextmanager
def preview_rebuild():
    """The preview's rebuild, a function of the changed file (rebuild_and_report with a
    Pelican started ahead), for as long as the preview runs."""
    # A folder of this session only (mkdtemp: private to this user), removed when it ends.
    with tempfile.TemporaryDirectory(prefix="preview-") as folder:
        # plugins/content_checks writes the problems it finds there, and Jinja the
        # templates it compiled (pelicanconf.py). The same for every build: Pelican's
        # environment stays the same, so a ready one can be used.
        problems_file = Path(folder) / "problems.json"
        compiled_templates = Path(folder) / "compiled-templates"
        environment = {
            "CONTENT_CHECKS_REPORT_FILE": str(problems_file),
            "COMPILED_TEMPLATES_FOLDER": str(compiled_templates),
        }
        os.environ.update(environment)
        ready_pelican = ReadyPelican()
        try:
            yield functools.partial(
                rebuild_and_report, problems_file, compiled_templates, ready_pelican
            )
        finally:
            ready_pelican.close()
            for name in environment:
                del os.environ[name]


def stop_on_sigterm(loop=None):
    """SIGTERM (how tests, benchmarks and service managers stop a process) stops the
    preview as Ctrl+C does, so it cleans up after itself: its temporary folder (the
    compiled templates), the Pelican started ahead, decap-server. `loop`: livereload's
    tornado IOLoop, stopped once the work in hand is done (an exception raised in the
    middle of a request would be caught and logged by tornado, and the server go on)."""
    if loop is not None:
        loop.asyncio_loop.add_signal_handler(signal.SIGTERM, loop.stop)
        return

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def regenerate():
    """Rebuild on every change, without serving (not Pelican's --autoreload: it retries
    a build the content checks stopped in a busy loop, and writes into output/)."""
    from livereload.watcher import Watcher

    stop_on_sigterm()
    watcher = Watcher()
    for watched in WATCHED:
        watcher.watch(str(ROOT / watched), ignore=not_a_source)
    watcher.examine()  # remember the current state
    with preview_rebuild() as rebuild:
        rebuild()
        print("Watching for changes (Ctrl+C stops)", flush=True)
        while True:
            time.sleep(WATCH_INTERVAL)
            changed, _ = watcher.examine()
            if changed:
                rebuild(changed)


def free_port(port, what="the site"):
    """`port`, or the next free one after it, saying so when it was taken."""
    for candidate in range(int(port), int(port) + 50):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, candidate))
            except OSError:
                continue
        if candidate != int(port):
            print(
                f"Port {port} is in use (another preview still running?), so {what} is on "
                f"port {candidate}. Choose one with --port.",
                flush=True,
            )
        return candidate
    raise SystemExit(f"Ports {port} to {int(port) + 49} are all in use: choose one with --port.")


def start_editor_backend(port):
    """decap-server writing this working tree, on 127.0.0.1 only (it has no sign-in:
    never on another address); None when npm's packages are not installed."""
    node = shutil.which("node")
    if not (node and DECAP_SERVER.is_file()):
        print("The editor at /admin/ needs `npm ci` (decap-server is missing).", flush=True)
        return None
    env = {**os.environ, "PORT": str(port), "BIND_HOST": HOST, "MODE": "fs"}
    env |= {"GIT_REPO_DIRECTORY": str(ROOT), "LOG_LEVEL": "warn"}
    return subprocess.Popen([node, str(DECAP_SERVER)], cwd=ROOT, env=env)


def static_site(root):
    """A WSGI app serving the built site in `root` as GitHub Pages does: a folder's
    index.html, a redirect to add the slash, and the site's own 404.html for a missing
    page; under a language's folder its own es/404.html, as Cloudflare Pages does (GitHub
    Pages has only /404.html, which links to each language). Fresh on every request:
    output/ is replaced by each build."""
    import mimetypes
    from urllib.parse import unquote

    link = Path(root).absolute()

    def app(environ, start_response):
        root = link.resolve()  # output/ links to the newest build: follow it on each request
        path = unquote(environ.get("PATH_INFO") or "/")
        target = (root / path.lstrip("/")).resolve()
        inside = target == root or root in target.parents
        if inside and target.is_dir() and not path.endswith("/"):
            start_response("301 Moved Permanently", [("Location", path + "/")])
            return [b""]
        if inside and target.is_dir():
            target = target / "index.html"
        status = "200 OK"
        if not (inside and target.is_file()):
            status, target = "404 Not Found", root / "404.html"
            # A language's own 404 page (/es/404.html) for a missing address under its folder.
            folder = path.lstrip("/").split("/", 1)[0]
            if folder not in ("", ".", "..") and (root / folder / "404.html").is_file():
                target = root / folder / "404.html"
            if not target.is_file():
                start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
                return [b"Not found (and the site has no 404.html: build it first)."]
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        body = target.read_bytes()
        headers = [("Content-Type", kind), ("Content-Length", str(len(body)))]
        start_response(status, [*headers, ("Cache-Control", "no-store")])
        return [body]

    return app


def serve(port=PORT, root=OUTPUT):
    """Serve `root` (output/) as it is, until Ctrl+C."""
    from socketserver import ThreadingMixIn
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, code="-", size="-"):
            if str(code) not in ("200", "301", "304"):
                super().log_request(code, size)

    class ThreadingServer(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    port = free_port(port)
    server = make_server(HOST, port, static_site(root), ThreadingServer, QuietHandler)
    print(f"Serving {root} at http://{HOST}:{port}/ (Ctrl+C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def quick_watcher():
    """livereload's file watcher, looking for changes every WATCH_INTERVAL instead of 0.8 s."""
    from livereload.watcher import Watcher
    from tornado.ioloop import PeriodicCallback

    class QuickWatcher(Watcher):
        def start(self, callback):  # True: this watcher polls by itself
            PeriodicCallback(callback, WATCH_INTERVAL * 1000).start()
            return True

    return QuickWatcher()


def refreshing(rebuild, watcher):
    """`rebuild` of the file the watcher found changed, then the browser's refresh, sent
    at once and also to a tab that connects only later (within 10 s): a tab
    still reloading from the previous save (a second quick save) would keep the older
    page. livereload's own refresh, which comes right after, then skips itself (it
    skips one within 3 s of the previous, so alone it would skip a quick second save)."""
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    def rebuild_then_refresh():
        rebuild(watcher.filepath)  # the changed file (livereload sets it before calling)
        if LiveReloadHandler.waiters:
            LiveReloadHandler.reload_waiters()
            return
        deadline = time.monotonic() + 10

        def refresh_when_connected():
            if LiveReloadHandler.waiters:
                LiveReloadHandler.reload_waiters()
            elif time.monotonic() < deadline:
                IOLoop.current().call_later(0.1, refresh_when_connected)

        IOLoop.current().call_later(0.1, refresh_when_connected)

    return rebuild_then_refresh


def livereload(port=PORT):
    """Build, serve, rebuild and refresh the browser on every change."""
    from livereload import Server
    from tornado.ioloop import IOLoop

    stop_on_sigterm(IOLoop.current())  # the loop livereload's server runs
    # The refresh script livereload injects is inline, which the site's
    # Content-Security-Policy forbids: these builds leave the <meta> policy out.
    os.environ["PELICAN_LIVERELOAD"] = "1"
    port = free_port(port)
    editor_port = free_port(EDITOR_PORT, "the editor's decap-server")
    os.environ["EDITOR_PROXY_PORT"] = str(editor_port)  # read by pelicanconf.py
    with preview_rebuild() as rebuild:
        rebuild()
        watcher = quick_watcher()
        # Our WSGI app instead of livereload's file handler: the site's own 404 page.
        server = Server(app=static_site(OUTPUT), watcher=watcher)
        for watched in WATCHED:
            server.watch(
                str(ROOT / watched), refreshing(rebuild, watcher), delay=None, ignore=not_a_source
            )
        editor = start_editor_backend(editor_port)
        if editor:
            print(
                f"The editor: http://{HOST}:{port}/admin/ (saves into this folder through "
                f"decap-server on {HOST}:{editor_port})",
                flush=True,
            )
        print(f"Serving the site at http://{HOST}:{port}/ (Ctrl+C stops)", flush=True)
        try:
            # debug=False: with an app, livereload would otherwise restart this process
            # whenever an imported module (pelicanconf.py...) changes.
            server.serve(host=HOST, port=int(port), open_url_delay=None, debug=False)
        finally:
            if editor:
                editor.terminate()
                editor.wait(timeout=10)
