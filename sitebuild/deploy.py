"""Publish to GitHub Pages: build with publishconf.py (every check, HTML validation
included), commit the site to the gh-pages branch with ghp-import, push it."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from sitebuild.pipeline import PUBLISH_SETTINGS, ROOT, BuildFailed, build_site

PUBLISH_REMOTE, PUBLISH_BRANCH = "origin", "gh-pages"


def run_quietly(command):
    """Run a command in the project, capturing its output (the caller judges the result)."""
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def git(*args, check=True):
    """Run git in the project; return its stdout (stripped)."""
    result = run_quietly(["git", *args])
    if check and result.returncode != 0:
        raise SystemExit(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


def refuse(reason):
    raise SystemExit(f"Not published: {reason}")


def publish_target():
    """(SITEURL, CNAME) of a published build, as publishconf.py sets them."""
    from pelican.settings import read_settings

    settings = read_settings(str(PUBLISH_SETTINGS))
    site_url = (settings.get("SITEURL") or "").strip()
    cname = str(settings.get("PRACTICE", {}).get("cname") or "").strip()
    return site_url, cname


def refuse_unless_publishable():
    """Refuse unless the tree is committed, SITEURL is set and git can commit.

    Returns (SITEURL, CNAME). All of this runs before the (slower) build.
    """
    if git("rev-parse", "--is-inside-work-tree", check=False) != "true":
        refuse(f"{ROOT} is not a git repository.")
    changes = git("status", "--porcelain", "--untracked-files=normal")
    if changes:
        refuse(
            "the working tree has uncommitted changes, so the site would match no commit. "
            f"Commit or remove them first:\n{changes}"
        )
    site_url, cname = publish_target()
    if not site_url:
        refuse(
            "SITEURL is empty. Set site_url in content/data/practice.toml (or the SITEURL "
            "environment variable) to the site's public address."
        )
    if not site_url.startswith(("https://", "http://")):
        refuse(f"SITEURL {site_url!r} must be a full address starting with https://.")
    host = site_url.split("://", 1)[1].split("/", 1)[0]
    if cname and cname != host:
        refuse(
            f"cname {cname!r} in content/data/practice.toml is not SITEURL's host {host!r}. "
            "Make them the same, or leave cname empty when there is no custom domain."
        )
    for key in ("name", "email"):
        # ghp-import reads the committer from the environment, else from git config.
        committer = os.environ.get(f"GIT_COMMITTER_{key.upper()}")
        if not (committer or git("config", f"user.{key}", check=False)):
            refuse(f"git has no user.{key} for the publish commit: `git config user.{key} ...`.")
    return site_url, cname


def fetch_published_branch():
    """Bring origin/gh-pages up to date: ghp-import commits on top of it."""
    probe = run_quietly(
        ["git", "ls-remote", "--exit-code", "--heads", PUBLISH_REMOTE, PUBLISH_BRANCH]
    )
    if probe.returncode == 2:
        return  # first publish: the branch does not exist yet
    if probe.returncode != 0:
        refuse(f"cannot reach the {PUBLISH_REMOTE!r} remote: {probe.stderr.strip()}")
    tracking = f"refs/remotes/{PUBLISH_REMOTE}/{PUBLISH_BRANCH}"
    git("fetch", "--quiet", PUBLISH_REMOTE, f"+refs/heads/{PUBLISH_BRANCH}:{tracking}")


def commit_site(site, message, cname, push):
    """Commit `site` as the next gh-pages commit with ghp-import; push it if asked.

    -n writes .nojekyll (GitHub serves the files as they are); -c writes CNAME
    on every publish. No -f and no -o: ghp-import then pushes a fast-forward,
    so a rejected push never overwrites someone else's publish.
    """
    command = [sys.executable, "-m", "ghp_import", "-n", "-r", PUBLISH_REMOTE]
    command += ["-b", PUBLISH_BRANCH, "-m", message]
    command += (["-c", cname] if cname else []) + (["-p"] if push else [])
    result = run_quietly([*command, str(site)])
    if result.returncode != 0:
        report = "\n".join((result.stderr or result.stdout).strip().splitlines()[-12:])
        refuse(
            f"ghp-import failed:\n{report}\n"
            "If the push was rejected, someone else published meanwhile: run it again."
        )
    committed = git("rev-parse", f"refs/heads/{PUBLISH_BRANCH}")
    if git("log", "-1", "--format=%B", committed) != message.strip():
        # ghp-import only prints a warning when git fast-import fails.
        refuse(f"ghp-import did not commit the site. {result.stdout.strip()}")
    return committed


def publish(dry_run=False):
    """Build with publishconf.py, check it, commit it to gh-pages and push (unless
    `dry_run`: commit to the local gh-pages only)."""
    _, cname = refuse_unless_publishable()
    if not dry_run or git("remote", check=False):
        fetch_published_branch()
    source = git("rev-parse", "HEAD")
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    message = f"Publish {source}" + (f" ({branch})" if branch != "HEAD" else "")
    message += f"\n\nBuilt by `invoke gh-pages` from: {git('log', '-1', '--format=%s')}"

    with tempfile.TemporaryDirectory(prefix="gh-pages-") as workdir:
        try:
            site = build_site(PUBLISH_SETTINGS, Path(workdir) / "site", validate=True)
        except BuildFailed as failure:
            print(failure, file=sys.stderr)
            refuse("the build or one of its checks failed (report above).")
        committed = commit_site(site, message, cname, push=not dry_run)
    if dry_run:
        print(f"Dry run: committed {committed[:12]} to the local {PUBLISH_BRANCH}; not pushed.")
    else:
        print(f"Published {source[:12]} to {PUBLISH_REMOTE}/{PUBLISH_BRANCH} as {committed[:12]}.")
