"""Page weight of the theme: what a reader's browser downloads for an article.

    .venv/bin/python benchmarks/page_weight.py              # the ~650-word article
    .venv/bin/python benchmarks/page_weight.py --page /articles/understanding-anxiety/

Builds the published site (publishconf.py: minified stylesheets, absolute URLs) into a
temporary folder, takes the article page closest to 650 words (the length the other
themes were measured with) and prints the gzip size (level 9) of everything the browser
fetches for it: the HTML, stylesheets, scripts, the favicon and any theme images. Content
images and the search index are left out, as in the budget. 1 KB = 1,000 bytes.

Budgets (issue "Theme"): at most 15 KB in total, CSS at most 6 KB, JavaScript on an
article page at most 2 KB. Figures, not a test: it always exits 0 once it has measured.
"""

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
SITEURL = "https://blog.example.org"
BUDGETS = {"total": 15_000, "css": 6_000, "js": 2_000}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""")


def build_published(output, site_url=SITEURL):
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "preview", "--output", str(output)],
        cwd=ROOT,
        env={**os.environ, "SITEURL": site_url},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"The published build failed:\n{result.stdout}\n{result.stderr}")


def local_path(site, page_url, address):
    """The built file an address on a page points to, or None for other hosts."""
    absolute = urljoin(urljoin(SITEURL + "/", page_url.lstrip("/")), address)
    parts = urlsplit(absolute)
    if f"{parts.scheme}://{parts.netloc}" != SITEURL:
        return None
    path = site / parts.path.lstrip("/")
    return path / "index.html" if parts.path.endswith("/") else path


def words_in(page_file):
    body = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser").select_one(
        ".post-body"
    )
    return len(body.get_text(" ").split()) if body else 0


def fetched(site, page_url):
    """[(kind, file)] the browser fetches for the page, content images and search excluded."""
    page_file = local_path(site, page_url, page_url)
    soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    for content_image in soup.select(".post-body img, .post-body picture"):
        content_image.decompose()
    found = [("html", page_file)]
    for link in soup.select("link[href]"):
        rels = set(link.get("rel") or [])
        if "stylesheet" in rels:
            found.append(("css", local_path(site, page_url, link["href"])))
        elif rels & {"icon", "preload", "modulepreload", "manifest"}:
            if "icon" in rels:
                kind = "icon"
            elif link.get("as") == "script" or "modulepreload" in rels:
                kind = "js"
            else:
                kind = "other"
            found.append((kind, local_path(site, page_url, link["href"])))
    for script in soup.select("script[src]"):
        found.append(("js", local_path(site, page_url, script["src"])))
    for image in soup.select("img[src]"):
        found.append(("image", local_path(site, page_url, image["src"])))
    for kind, file in list(found):
        if kind == "css" and file is not None:
            for match in CSS_URL.finditer(file.read_text(encoding="utf-8")):
                address = urljoin(
                    SITEURL + "/" + file.relative_to(site).as_posix(), match[1] or match[2]
                )
                found.append(("css asset", local_path(site, page_url, address)))
    unique, seen = [], set()
    for kind, file in found:
        if file is None:
            sys.exit(f"{page_url} loads something from another host: see its HTML")
        if file in seen or "pagefind" in file.parts:
            continue
        seen.add(file)
        unique.append((kind, file))
    return unique


def gzip_size(file):
    return len(gzip.compress(file.read_bytes(), compresslevel=9, mtime=0))


def report(site, page_url):
    rows = [
        (kind, file, file.stat().st_size, gzip_size(file)) for kind, file in fetched(site, page_url)
    ]
    print(f"Article page {page_url} ({words_in(local_path(site, page_url, page_url))} words)")
    print(f"{'kind':<8} {'file':<48} {'bytes':>8} {'gzip':>7}")
    for kind, file, raw, packed in rows:
        print(f"{kind:<8} {file.relative_to(site).as_posix():<48} {raw:>8,} {packed:>7,}")
    totals = {
        "total": sum(row[3] for row in rows),
        "css": sum(row[3] for row in rows if row[0] in ("css", "css asset")),
        "js": sum(row[3] for row in rows if row[0] == "js"),
    }
    print()
    for name, label in (("total", "All of it"), ("css", "CSS"), ("js", "JavaScript")):
        verdict = "within budget" if totals[name] <= BUDGETS[name] else "OVER BUDGET"
        print(
            f"{label:<11} {totals[name] / 1000:5.1f} KB gzip"
            f"  (budget {BUDGETS[name] / 1000:.0f} KB: {verdict})"
        )
    print("JavaScript needed to read the article: none (the theme only adds the dark-mode toggle)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page", help="site path of the article page, e.g. /articles/x/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="page-weight-") as folder:
        site = Path(folder) / "output"
        build_published(site)
        page_url = args.page
        if page_url is None:
            candidates = sorted((site / "articles").glob("*/index.html"))
            closest = min(candidates, key=lambda f: abs(words_in(f) - 650))
            page_url = "/" + closest.parent.relative_to(site).as_posix() + "/"
        report(site, page_url)


if __name__ == "__main__":
    main()
