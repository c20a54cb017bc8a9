"""The one build pipeline. build_site() runs these steps, in this order, on a new folder:

1. run_pelican      Pelican writes every page (`--fatal warnings`: the content checks stop it)
2. minify           pages, stylesheets and the theme's scripts, when MINIFY_* are true (publish)
3. search_index     Pagefind indexes the articles and pages
4. check_links      every internal link and #fragment leads to something the site holds
5. validate_html    the Nu HTML checker (publish only)
6. swap_into_place  the finished folder replaces output/

A failing step raises BuildFailed with its report; output/ is left exactly as it was.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
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


def run_pelican(settings_file, site, sources_file, content=None, cache=None):
    """Pelican writes the site into `site`; `sources_file` gets {page: Markdown source}
    (plugins/page_sources). Pelican prints its own report (content checks included).
    `cache`: another folder for Pelican's cache than the settings' CACHE_PATH."""
    command = pelican_command(settings_file, site, content)
    command += ["--cache-path", str(cache)] if cache else []
    command += ["--extra-settings", f"PAGE_SOURCES_FILE={json.dumps(str(sources_file))}"]
    if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
        raise BuildFailed("Pelican stopped (its report is above).")


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


def search_index(site, settings):
    from sitebuild.search_index import SearchIndexError, index_site

    try:
        index_site(site, settings)
    except SearchIndexError as error:
        raise BuildFailed(f"Search index: {error}") from None


def check_links(site, settings, sources_file):
    from sitebuild.link_check import check_site, format_report

    broken = check_site(site, settings.get("SITEURL", ""))
    if broken:
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


def swap_into_place(site, output):
    """Put `site` where `output` is, keeping the old one until the swap is done."""
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}-old-{os.getpid()}")
        output.rename(old)
    site.rename(output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def build_site(settings_file=DEV_SETTINGS, output=OUTPUT, validate=False, **pelican_options):
    """Run every step on a new folder beside `output`, then swap it in; return `output`.

    `validate`: also run the Nu HTML checker (what a publish does); `pelican_options`:
    see run_pelican (the benchmarks build other content). Raises BuildFailed with the
    step's report; `output` is then left exactly as it was.
    """
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    site = Path(tempfile.mkdtemp(prefix=".build-", dir=output.parent))
    sources_file = site.with_name(site.name + ".sources.json")
    try:
        run_pelican(settings_file, site, sources_file, **pelican_options)
        settings = read_settings(settings_file)
        minify(site, settings)
        search_index(site, settings)
        check_links(site, settings, sources_file)
        if validate:
            validate_html(site)
        swap_into_place(site, output)
    except BuildFailed as failure:
        raise BuildFailed(
            f"{failure}\nBuild failed; {output} was left as it was. "
            "Fix the problems listed above and build again."
        ) from None
    finally:
        shutil.rmtree(site, ignore_errors=True)
        sources_file.unlink(missing_ok=True)
    return output
