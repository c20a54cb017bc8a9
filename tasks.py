"""Build, preview, test and publish the site: `invoke --list` shows every task.

Every build runs Pelican with `--fatal warnings` into a fresh folder and only
replaces the output folder when the build succeeded, so a broken article never
destroys the last good site.
"""

import os
import shutil
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


def pelican_command(settings, output):
    return [
        PYTHON, "-m", "pelican", str(CONTENT),
        "--settings", str(settings),
        "--output", str(output),
        "--fatal", "warnings",
    ]  # fmt: skip


def build_site(settings=DEV_SETTINGS, output=OUTPUT):
    """Build into a fresh staging folder, then swap it in place of `output`.

    Raises SystemExit (with Pelican's report already printed) when the build
    fails; `output` is left exactly as it was.
    """
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=output.parent))
    try:
        result = subprocess.run(pelican_command(settings, staging), cwd=ROOT, check=False)
        if result.returncode != 0:
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
    """Rebuild on every change (Pelican's own watcher), without serving."""
    c.run(" ".join([*pelican_command(DEV_SETTINGS, OUTPUT)[:-2], "--autoreload"]), pty=True)


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


@task(help={"port": f"port to serve on (default {PORT})"})
def livereload(c, port=PORT):
    """Build, serve at http://127.0.0.1:8000, rebuild and refresh on every change."""
    from livereload import Server

    def rebuild_quietly():
        try:
            build_site(DEV_SETTINGS, OUTPUT)
        except SystemExit as failure:
            print(failure, file=sys.stderr)

    rebuild_quietly()
    server = Server()
    for watched in ("content", "theme", "plugins", "pelicanconf.py", "publishconf.py"):
        server.watch(str(ROOT / watched), rebuild_quietly, delay=0.2)
    print(f"Serving the site at http://{HOST}:{port}/ (Ctrl+C stops)")
    server.serve(host=HOST, port=port, root=str(OUTPUT), open_url_delay=None)


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
    if not (ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar").exists():
        c.run("npm ci --no-audit --no-fund", echo=True)


@task(pre=[test_tools], help={"k": "only tests matching this expression (pytest -k)"})
def test(c, k=""):
    """Lint, then run every test (content, theme in Chromium, feeds, deploy)."""
    c.run(f"{PYTHON} -m ruff check .", echo=True)
    c.run(f"{PYTHON} -m ruff format --check .", echo=True)
    selection = f" -k {k!r}" if k else ""
    c.run(f"{PYTHON} -m pytest{selection}", echo=True, pty=False)
