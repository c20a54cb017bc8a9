"""Lighthouse 12.2.3 scores (mobile) for the home, article, search and a Spanish article page.

    .venv/bin/python benchmarks/lighthouse.py

Builds the published site (publishconf.py) into a temporary folder with SITEURL set to a
local address, serves it there on 127.0.0.1, and runs npm's Lighthouse with Debian's
Chromium (CHROME_PATH=/usr/bin/chromium) on each page, printing the four category scores.
Lighthouse comes from benchmarks/package.json (installed with `npm ci` on first use);
it is a benchmark tool, not a test dependency.

Figures, not a test. The performance score is noisy on a busy 2-core machine: Lighthouse
simulates a slow phone, so other work on the machine lowers it; run it again when idle.
The local server does not compress, as a real host would.
"""

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from bs4 import BeautifulSoup
from page_weight import build_published

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
LIGHTHOUSE = BENCHMARKS / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def install_lighthouse():
    if not LIGHTHOUSE.exists():
        print("Installing Lighthouse from benchmarks/package-lock.json (npm ci)…", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=BENCHMARKS, check=True)


def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def article_near_650_words(site):
    def words(page):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        body = soup.select_one(".post-body")
        return len(body.get_text(" ").split()) if body else 0

    closest = min(
        sorted((site / "articles").glob("*/index.html")), key=lambda p: abs(words(p) - 650)
    )
    return "/" + closest.parent.relative_to(site).as_posix() + "/"


def scores(url, report_file):
    command = [
        str(LIGHTHOUSE), url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", f"--output-path={report_file}",
        f"--chrome-flags={CHROME_FLAGS}", "--quiet",
    ]  # fmt: skip
    environment = {**os.environ, "CHROME_PATH": CHROME}
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return None, result.stderr.strip().splitlines()[-1:] or ["no output"]
    report = json.loads(Path(report_file).read_text(encoding="utf-8"))
    found = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    missed = [
        f"{audit['id']} ({audit['score']})"
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]
    return found, missed


def main():
    if not Path(CHROME).exists():
        sys.exit(f"No Chromium at {CHROME}: install Debian's chromium or set CHROME_PATH.")
    install_lighthouse()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        # A folder inside: the build replaces its output folder with a link to the build.
        site = Path(folder) / "site"
        server = serve(site)
        site_url = f"http://127.0.0.1:{server.server_address[1]}"
        build_published(site, site_url)
        pages = {
            "home": "/",
            "article": article_near_650_words(site),
            "search": "/search/",
        }
        # A Spanish article (plugins/i18n/), when the build has one.
        spanish = sorted((site / "es" / "articles").glob("*/index.html"))
        if spanish:
            pages["es"] = "/" + spanish[0].parent.relative_to(site).as_posix() + "/"
        print(f"Lighthouse 12.2.3, mobile, {CHROME}, published build served at {site_url}")
        print(f"{'page':<8} {'path':<38} " + " ".join(f"{c:>14}" for c in CATEGORIES))
        for name, path in pages.items():
            if not (site / path.lstrip("/") / "index.html").exists():
                print(f"{name:<8} {path:<38} not built: there is no {path} page in this build")
                continue
            found, missed = scores(site_url + path, site / f"lighthouse-{name}.json")
            if found is None:
                print(f"{name:<8} {path:<38} Lighthouse failed: {' '.join(missed)}")
                continue
            print(f"{name:<8} {path:<38} " + " ".join(f"{found[c]:>14}" for c in CATEGORIES))
            if missed:
                print(f"{'':<8} below 100 on: {', '.join(missed)}")
        server.shutdown()


if __name__ == "__main__":
    main()
