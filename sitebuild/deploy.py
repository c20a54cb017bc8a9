"""Publish to GitHub Pages: build with publishconf.py (every check, HTML validation
included), commit the site to the gh-pages branch with ghp-import, push it."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from sitebuild.pipeline import PUBLISH_SETTINGS, ROOT, BuildFailed, build_site, read_settings

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


def refuse_unless_settings_publishable():
    """Refuse unless publishconf.py's SITEURL is a full address and practice.toml's cname
    matches it; return cname. (`invoke check` refuses the same.)"""
    settings = read_settings(PUBLISH_SETTINGS)
    site_url = (settings.get("SITEURL") or "").strip()
    cname = str(settings.get("PRACTICE", {}).get("cname") or "").strip()
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
    return cname


def refuse_unless_publishable():
    """Refuse unless the tree is committed, the settings are right and git can commit;
    return cname. All of this runs before the (slower) build."""
    if git("rev-parse", "--is-inside-work-tree", check=False) != "true":
        refuse(f"{ROOT} is not a git repository.")
    changes = git("status", "--porcelain", "--untracked-files=normal")
    if changes:
        refuse(
            "the working tree has uncommitted changes, so the site would match no commit. "
            f"Commit or remove them first:\n{changes}"
        )
    cname = refuse_unless_settings_publishable()
    for key in ("name", "email"):
        # ghp-import reads the committer from the environment, else from git config.
        committer = os.environ.get(f"GIT_COMMITTER_{key.upper()}")
        if not (committer or git("config", f"user.{key}", check=False)):
            refuse(f"git has no user.{key} for the publish commit: `git config user.{key} ...`.")
    return cname


def reach_remote(*args):
    """Run a git command that talks to the remote; refuse with git's words if it fails."""
    result = run_quietly(["git", *args])
    if result.returncode != 0:
        refuse(f"cannot reach the {PUBLISH_REMOTE!r} remote: {result.stderr.strip()}")
    return result.stdout


def refuse_unless_on_default_branch():
    """Publish only the remote's default branch, at a commit the remote already has: the
    public site then always matches a commit everyone can see."""
    answer = reach_remote("ls-remote", "--symref", PUBLISH_REMOTE, "HEAD")
    default = next(
        (line.split()[1].removeprefix("refs/heads/") for line in answer.splitlines()
         if line.startswith("ref:")), "main",
    )  # fmt: skip
    branch = git("rev-parse", "--abbrev-ref", "HEAD")
    if branch not in (default, "HEAD"):
        refuse(
            f"this is the branch {branch!r}; the site is published from {default!r}. Switch "
            f"to it (`git switch {default}`), or publish this branch on purpose with "
            "--allow-branch."
        )
    tracking = f"refs/remotes/{PUBLISH_REMOTE}/{default}"
    reach_remote("fetch", "--quiet", PUBLISH_REMOTE, f"+refs/heads/{default}:{tracking}")
    if run_quietly(["git", "merge-base", "--is-ancestor", "HEAD", tracking]).returncode != 0:
        head = git("rev-parse", "--short", "HEAD")
        refuse(
            f"commit {head} is not on {PUBLISH_REMOTE}/{default} yet: push it first (`git "
            f"push {PUBLISH_REMOTE} {default}`), or publish it on purpose with --allow-branch."
        )


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


def published_ref():
    """The gh-pages commit a publish would follow (the remote's, else the local one)."""
    for ref in (f"refs/remotes/{PUBLISH_REMOTE}/{PUBLISH_BRANCH}", f"refs/heads/{PUBLISH_BRANCH}"):
        if run_quietly(["git", "rev-parse", "--verify", "--quiet", ref]).returncode == 0:
            return ref
    return None


def unchanged_since(ref, site, cname):
    """Whether `site` is what `ref` already publishes. Pagefind's files are left out: it
    names some of them differently on every run, though the pages it indexes are the
    same (and an index changes only when a page does)."""

    def compared(path):
        return not path.startswith("pagefind/") and path not in (".nojekyll", "CNAME")

    published = {}
    for line in git("ls-tree", "-r", ref).splitlines():
        info, path = line.split("\t", 1)
        if compared(path):
            published[path] = info.split()[2]
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    paths = [path for path in paths if compared(path)]
    hashing = subprocess.run(
        ["git", "hash-object", "--stdin-paths"], cwd=site, input="\n".join(paths),
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    built = dict(zip(paths, hashing.stdout.split(), strict=True))
    shown_cname = git("show", f"{ref}:CNAME", check=False) if cname else ""
    return built == published and shown_cname.strip() == cname


def commit_site(site, message, cname):
    """Commit `site` as the next gh-pages commit with ghp-import.

    -n writes .nojekyll (GitHub serves the files as they are); -c writes CNAME
    on every publish.
    """
    command = [sys.executable, "-m", "ghp_import", "-n", "-r", PUBLISH_REMOTE]
    command += ["-b", PUBLISH_BRANCH, "-m", message] + (["-c", cname] if cname else [])
    result = run_quietly([*command, str(site)])
    if result.returncode != 0:
        refuse(f"ghp-import could not commit the site: {last_words(result)}")
    committed = git("rev-parse", f"refs/heads/{PUBLISH_BRANCH}")
    if git("log", "-1", "--format=%B", committed) != message.strip():
        # ghp-import only prints a warning when git fast-import fails.
        refuse(f"ghp-import did not commit the site. {result.stdout.strip()}")
    return committed


def last_words(result):
    """What a failed command said, without a traceback (its last line says it all)."""
    said = (result.stderr or result.stdout).strip()
    if "Traceback (most recent call last)" in said:
        return said.splitlines()[-1]
    return "\n".join(said.splitlines()[-12:])


def push_site():
    """Push gh-pages without --force: a push that is not a fast-forward is refused, so
    nobody's publish is ever overwritten. A refusal shows the remote's own reason."""
    result = run_quietly(["git", "push", PUBLISH_REMOTE, f"refs/heads/{PUBLISH_BRANCH}"])
    if result.returncode == 0:
        return
    lines = result.stderr.splitlines()
    said = [line.removeprefix("remote:").strip() for line in lines if line.startswith("remote:")]
    said += [line.strip() for line in lines if line.lstrip().startswith(("! ", "error:"))]
    reason = "\n  ".join(line for line in said if line) or last_words(result)
    if "fetch first" in result.stderr or "non-fast-forward" in result.stderr:
        advice = "Someone else published meanwhile: run `invoke gh-pages` again."
    else:
        advice = (
            "Fix what the remote says (e.g. permissions or branch protection), then publish again."
        )
    refuse(f"the push to {PUBLISH_REMOTE} was rejected. The remote said:\n  {reason}\n{advice}")


def check():
    """Refuse exactly what a publish refuses (settings, content, links, HTML validity),
    without touching output/ and without needing a committed tree; count the drafts."""
    try:
        refuse_unless_settings_publishable()
        with tempfile.TemporaryDirectory(prefix="check-") as workdir:
            try:
                build_site(PUBLISH_SETTINGS, Path(workdir) / "site", validate=True)
            except BuildFailed as failure:
                print(failure, file=sys.stderr)
                refuse("fix the problems listed above.")
    except SystemExit as refusal:
        raise SystemExit(
            str(refusal).replace("Not published:", "Not ready to publish:", 1)
        ) from None
    from tools.content_report import drafts, drafts_note

    content = Path(read_settings(PUBLISH_SETTINGS)["PATH"])
    print("Content checks passed: every check a publish runs passed (content, links, HTML).")
    print(drafts_note(drafts(content)))


def publish(dry_run=False, allow_branch=False):
    """Build with publishconf.py, check it, commit it to gh-pages and push (unless
    `dry_run`: commit to the local gh-pages only). `allow_branch`: publish from another
    branch than the remote's default one, or a commit it does not have yet."""
    cname = refuse_unless_publishable()
    has_remote = bool(git("remote", check=False))
    if not dry_run or has_remote:
        if not allow_branch:
            refuse_unless_on_default_branch()
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
        ref = published_ref()
        if ref and unchanged_since(ref, site, cname):
            print(f"Nothing to publish: the site built from {source[:12]} is the one "
                  f"{PUBLISH_BRANCH} already has; no commit made.")  # fmt: skip
            return
        committed = commit_site(site, message, cname)
    if dry_run:
        print(f"Dry run: committed {committed[:12]} to the local {PUBLISH_BRANCH}; not pushed.")
        return
    push_site()
    print(f"Published {source[:12]} to {PUBLISH_REMOTE}/{PUBLISH_BRANCH} as {committed[:12]}.")
