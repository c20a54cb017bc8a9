"""`invoke TASK --help` shows the task's help for the tasks with a required argument too
(invoke itself would hand them `--help` as that argument: a source path to import, an
article's title), and does nothing else."""

import pytest

from conftest import copy_project, invoke


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("help") / "project")


@pytest.mark.parametrize(
    "task,option_help",
    [
        ("import-wix", "a Wix site's address"),
        ("new", "the article's headline"),
    ],
)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_task_help_flag_after_a_task_with_a_required_argument(project, task, option_help, flag):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = invoke(task, flag, cwd=project, check=False)
    assert result.returncode == 0, result.stderr
    assert f"Usage: inv[oke] [--core-opts] {task} " in result.stdout
    assert option_help in " ".join(result.stdout.split())
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
