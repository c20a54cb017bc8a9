"""The preview: serve output/, rebuild on every saved change, refresh the browser.

Each rebuild is a whole build_site() (a new Pelican process, so an edit to a plugin or
a setting counts at the next save); a failed one prints its report and keeps the last
good site.
"""

import os
import subprocess
import sys
import time
from fnmatch import fnmatch
from pathlib import Path

from sitebuild.pipeline import DEV_SETTINGS, OUTPUT, ROOT, BuildFailed, build_site

HOST, PORT = "127.0.0.1", 8000
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


def rebuild_and_report():
    """A preview rebuild: a failure prints its report and keeps the last good site."""
    try:
        build_site(DEV_SETTINGS, OUTPUT)
    except BuildFailed as failure:
        print(f"{failure}\nThe preview keeps showing the last good build.", file=sys.stderr)


def regenerate():
    """Rebuild on every change, without serving (not Pelican's --autoreload: it retries
    a build the content checks stopped in a busy loop, and writes into output/)."""
    from livereload.watcher import Watcher

    watcher = Watcher()
    for watched in WATCHED:
        watcher.watch(str(ROOT / watched), ignore=not_a_source)
    watcher.examine()  # remember the current state
    rebuild_and_report()
    print("Watching for changes (Ctrl+C stops)", flush=True)
    while True:
        time.sleep(WATCH_INTERVAL)
        if watcher.examine()[0]:
            rebuild_and_report()


def serve(port=PORT):
    """Serve output/ as it is."""
    command = [sys.executable, "-m", "pelican", "--listen", "--bind", HOST]
    subprocess.run([*command, "--port", str(port), "--output", str(OUTPUT)], check=False)


def quick_watcher():
    """livereload's file watcher, looking for changes every WATCH_INTERVAL instead of 0.8 s."""
    from livereload.watcher import Watcher
    from tornado.ioloop import PeriodicCallback

    class QuickWatcher(Watcher):
        def start(self, callback):  # True: this watcher polls by itself
            PeriodicCallback(callback, WATCH_INTERVAL * 1000).start()
            return True

    return QuickWatcher()


def livereload(port=PORT):
    """Build, serve, rebuild and refresh the browser on every change."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler

    # The refresh script livereload injects is inline, which the site's
    # Content-Security-Policy forbids: these builds leave the <meta> policy out.
    os.environ["PELICAN_LIVERELOAD"] = "1"
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
