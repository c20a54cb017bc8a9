"""`invoke gh-pages`, run for real: a copy of the project in its own git
repository, with a bare repository as `origin` (file://), exactly as an author
or the workflow would publish."""

import os
import re
import subprocess
import sys
import tomllib

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project
from content_sources import FIXTURE_SITE, articles, published_articles

PRACTICE = tomllib.loads((FIXTURE_SITE / "data" / "practice.toml").read_text())
SITE_URL = PRACTICE["site_url"].rstrip("/")
CNAME = PRACTICE["cname"]
# The tests own their git setup: no global or system config, no inherited
# GIT_* variables, and SITEURL only from the project's settings.
ENV = {
    **{k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "SITEURL"},
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def run(*command, cwd):
    return subprocess.run(
        command, cwd=cwd, env=ENV, input="", capture_output=True, text=True, check=False
    )


class Repository:
    """A copy of the project, committed on main and pushed to a bare origin."""

    def __init__(self, tmp_path):
        self.project = copy_project(tmp_path / "project")
        self.origin = tmp_path / "origin.git"
        run("git", "init", "--quiet", "--bare", "-b", "main", str(self.origin), cwd=tmp_path)
        self.git("init", "--quiet", "-b", "main")
        # The Nu HTML checker (copy_project links it), kept out of git.
        with open(self.project / ".git" / "info" / "exclude", "a") as exclude:
            exclude.write("node_modules\n")
        self.git("config", "user.name", "Test Author")
        self.git("config", "user.email", "author@example.org")
        self.git("add", "--all")
        self.git("commit", "--quiet", "-m", "The site's sources")
        self.git("remote", "add", "origin", self.origin.as_uri())
        self.git("push", "--quiet", "origin", "main")

    def git(self, *args):
        result = run("git", *args, cwd=self.project)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def remote(self, *args):
        """git in the bare origin repository."""
        result = run("git", "--git-dir", str(self.origin), *args, cwd=self.origin)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def remote_pages(self):
        """The commit origin's gh-pages points at, or None."""
        result = run("git", "--git-dir", str(self.origin), "rev-parse", "--verify", "--quiet",
                      "refs/heads/gh-pages", cwd=self.origin)  # fmt: skip
        return result.stdout.strip() or None

    def local_pages(self):
        result = run("git", "rev-parse", "--verify", "--quiet", "refs/heads/gh-pages",
                     cwd=self.project)  # fmt: skip
        return result.stdout.strip() or None

    def files(self, ref="gh-pages"):
        return set(self.remote("ls-tree", "-r", "--name-only", ref).splitlines())

    def publish(self, *args):
        return run(sys.executable, "-m", "invoke", "gh-pages", *args, cwd=self.project)

    def write(self, relative, text):
        (self.project / relative).write_text(text, encoding="utf-8")

    def commit(self, relative, text, message):
        self.write(relative, text)
        self.git("add", relative)
        self.git("commit", "--quiet", "-m", message)

    def seed_earlier_publish(self):
        """A gh-pages branch on origin, as an earlier publish would have left it."""
        empty_tree = self.git("hash-object", "-t", "tree", "-w", "--stdin")
        earlier = self.git("commit-tree", empty_tree, "-m", "An earlier publish")
        self.git("push", "--quiet", "origin", f"{earlier}:refs/heads/gh-pages")
        return earlier


@pytest.fixture
def repo(tmp_path):
    return Repository(tmp_path)


def rollback_commands():
    """The rollback procedure from the README's Deploy section, as written there."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    return next(block for block in blocks if "commit-tree" in block)


@pytest.mark.usefixtures("nu_checker")  # a publish validates every page
def test_publishing_twice_keeps_history_and_the_readme_rollback_restores_a_publish(repo):
    result = repo.publish()
    assert result.returncode == 0, result.stdout + result.stderr
    first = repo.remote_pages()
    source = repo.git("rev-parse", "HEAD")

    files = repo.files()
    expected = {"index.html", "404.html", "_headers", "feeds/all.atom.xml", ".nojekyll", "CNAME"}
    expected |= {f"articles/{a.meta['slug']}/index.html" for a in published_articles()}
    assert expected <= files
    assert not any(f"/{a.meta['slug']}/" in f for a in articles() if a.is_draft for f in files)
    assert repo.remote("show", "gh-pages:CNAME").strip() == CNAME
    # The published build (publishconf.py): absolute addresses, feeds.
    home = BeautifulSoup(repo.remote("show", "gh-pages:index.html"), "html.parser")
    feed = home.find("link", rel="alternate", type="application/atom+xml")
    assert feed["href"] == f"{SITE_URL}/feeds/all.atom.xml"
    # Only the site: not one file of the sources.
    assert not files & set(repo.git("ls-files").splitlines())
    assert not [f for f in files if f.endswith((".md", ".py", ".toml"))]
    assert repo.remote("log", "-1", "--format=%s", "gh-pages") == f"Publish {source} (main)"
    assert repo.remote("rev-parse", "main") == source

    # A commit that changes nothing on the site (the README here) publishes nothing.
    repo.commit("README.md", "Notes for the team.\n", "Rewrite the README")
    repo.git("push", "--quiet", "origin", "main")
    result = repo.publish()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nothing to publish" in result.stdout
    assert repo.remote_pages() == first

    article = published_articles()[0]
    relative = f"content/articles/{article.path.name}"
    text = (repo.project / relative).read_text(encoding="utf-8")
    title = f"Title: {article.meta['title']}"
    repo.commit(relative, text.replace(title, f"{title} (revised)", 1), "Revise a title")
    repo.git("push", "--quiet", "origin", "main")
    result = repo.publish()
    assert result.returncode == 0, result.stdout + result.stderr
    second = repo.remote_pages()
    page = f"articles/{article.meta['slug']}/index.html"
    assert repo.remote("rev-parse", "gh-pages^") == first
    assert "(revised)" in repo.remote("show", f"gh-pages:{page}")
    assert "(revised)" not in repo.remote("show", f"{first}:{page}")
    assert repo.remote("show", "gh-pages:CNAME").strip() == CNAME
    assert repo.remote("log", "-1", "--format=%s", "gh-pages").startswith(
        f"Publish {repo.git('rev-parse', 'HEAD')}"
    )

    script = re.sub(r"^GOOD=.*$", f"GOOD={first}", rollback_commands(), flags=re.MULTILINE)
    result = run("bash", "-euo", "pipefail", "-c", script, cwd=repo.project)
    assert result.returncode == 0, result.stderr
    assert repo.remote("rev-parse", "gh-pages^{tree}") == repo.remote(
        "rev-parse", f"{first}^{{tree}}"
    )
    assert repo.remote("rev-parse", "gh-pages^") == second


@pytest.mark.parametrize(
    "change,named",
    [
        ("content/pages/about.md", "content/pages/about.md"),
        ("content/articles/new-unfinished-article.md", "new-unfinished-article.md"),
    ],
    ids=["changed file", "new untracked file"],
)
def test_uncommitted_changes_refuse_and_leave_the_remote_as_it_was(repo, change, named):
    earlier = repo.seed_earlier_publish()
    path = repo.project / change
    path.write_text(
        (path.read_text(encoding="utf-8") if path.exists() else "Title: Draft\n") + "\nMore.\n",
        encoding="utf-8",
    )
    result = repo.publish()
    assert result.returncode != 0
    assert "Not published: the working tree has uncommitted changes" in result.stderr
    assert named in result.stderr
    assert repo.remote_pages() == earlier
    assert repo.local_pages() is None


AUTHOR = next(iter(tomllib.loads((FIXTURE_SITE / "data" / "authors.toml").read_text())))
ARTICLE = f"""\
Title: A note for the publish tests
Date: 2025-03-01 09:00
Author: {AUTHOR}
Category: Self-care
Slug: publish-test-note
Summary: A short note used by the publish tests.

{{body}}
"""
FAILING_CHECKS = {
    "broken link": (
        ARTICLE.format(body="See [a missing heading](#no-such-heading)."),
        'no element with id="no-such-heading"',
    ),
    "invalid HTML": (
        ARTICLE.format(
            body='An id written <span id="twice">twice</span>, <span id="twice">here</span>.'
        ),
        "articles/publish-test-note/index.html",
    ),
    "content check": (
        ARTICLE.replace("Summary: A short note used by the publish tests.\n", "").format(
            body="A note without a summary."
        ),
        "content/articles/publish-test-note.md",
    ),
}


@pytest.mark.usefixtures("nu_checker")  # a publish validates every page
@pytest.mark.parametrize("check", FAILING_CHECKS)
def test_a_failing_check_refuses_and_leaves_the_remote_as_it_was(repo, check):
    earlier = repo.seed_earlier_publish()
    text, reported = FAILING_CHECKS[check]
    repo.commit("content/articles/publish-test-note.md", text, f"An article with a {check}")
    repo.git("push", "--quiet", "origin", "main")
    result = repo.publish()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Not published:" in result.stderr
    assert reported in output
    if check == "invalid HTML":
        assert "Duplicate ID" in output
    assert repo.remote_pages() == earlier
    assert repo.local_pages() is None


@pytest.mark.usefixtures("nu_checker")  # a publish validates every page
def test_a_dry_run_commits_on_top_of_the_remote_branch_but_does_not_push(repo):
    earlier = repo.seed_earlier_publish()
    result = repo.publish("--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    local = repo.local_pages()
    assert repo.git("rev-parse", f"{local}^") == earlier
    assert {"index.html", ".nojekyll", "CNAME"} <= set(
        repo.git("ls-tree", "-r", "--name-only", local).splitlines()
    )
    assert repo.git("log", "-1", "--format=%s", local).startswith("Publish ")
    assert repo.remote_pages() == earlier


@pytest.mark.parametrize(
    "setting,value,reason",
    [
        ("site_url", "", "SITEURL is empty"),
        ("cname", "www.example.net", "is not SITEURL's host"),
    ],
)
def test_wrong_publish_settings_refuse_before_building(repo, setting, value, reason):
    earlier = repo.seed_earlier_publish()
    settings = "content/data/practice.toml"
    text = (repo.project / settings).read_text(encoding="utf-8")
    text, count = re.subn(rf'^{setting} = ".*"$', f'{setting} = "{value}"', text, flags=re.M)
    assert count == 1
    repo.commit(settings, text, f"Set {setting} to {value!r}")
    repo.git("push", "--quiet", "origin", "main")
    result = repo.publish()
    assert result.returncode != 0
    assert reason in result.stderr
    assert "Processed" not in result.stdout + result.stderr  # Pelican never ran
    assert repo.remote_pages() == earlier


@pytest.mark.usefixtures("nu_checker")  # a publish validates every page
def test_only_the_default_branch_as_pushed_is_published_unless_allowed(repo):
    earlier = repo.seed_earlier_publish()
    repo.git("switch", "--quiet", "-c", "new-look")
    about = (repo.project / "content/pages/about.md").read_text(encoding="utf-8")
    repo.commit("content/pages/about.md", about + "\nA new look.\n", "Try a new look")
    result = repo.publish()
    assert result.returncode != 0
    assert "Not published: this is the branch 'new-look'; the site is published from 'main'" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr

    repo.git("switch", "--quiet", "main")
    repo.git("merge", "--quiet", "new-look")  # on main, but not pushed yet
    result = repo.publish()
    assert result.returncode != 0
    assert "is not on origin/main yet: push it first" in result.stderr
    assert repo.remote_pages() == earlier and repo.local_pages() is None

    result = repo.publish("--dry-run", "--allow-branch")
    assert result.returncode == 0, result.stdout + result.stderr
    assert repo.local_pages() is not None


REJECTING_HOOK = """#!/bin/sh
echo "Publishing is frozen until the new domain is live (ask Maya)." >&2
exit 1
"""


@pytest.mark.usefixtures("nu_checker")  # a publish validates every page
def test_a_rejected_push_shows_the_remote_s_own_reason(repo):
    earlier = repo.seed_earlier_publish()
    hook = repo.origin / "hooks" / "pre-receive"
    hook.write_text(REJECTING_HOOK)
    hook.chmod(0o755)
    result = repo.publish()
    assert result.returncode != 0
    assert "Not published: the push to origin was rejected. The remote said:" in result.stderr
    assert "Publishing is frozen until the new domain is live (ask Maya)." in result.stderr
    assert "Someone else published" not in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert repo.remote_pages() == earlier
