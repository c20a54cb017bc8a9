"""`invoke test-tools` on a machine that lacks a program: it installs the Debian package
that provides it (here with --dry-run, which prints the commands instead of running them:
npm from Debian would replace this machine's own Node)."""

import shutil

from conftest import invoke


def path_without(tmp_path, *hidden):
    """A PATH folder holding every program the install looks for, except `hidden`."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for program in ("apt-get", "chromium", "java", "node", "npm"):
        if program not in hidden:
            (folder / program).symlink_to(shutil.which(program))
    return str(folder)


def test_a_machine_without_npm_gets_it_from_debian(tmp_path):
    result = invoke("test-tools", "--dry-run", env={"PATH": path_without(tmp_path, "npm")})
    commands = [line for line in result.stdout.splitlines() if line.startswith("+ ")]
    assert any(line.endswith(" apt-get update -qq") for line in commands), result.stdout
    install = next(line for line in commands if " apt-get install " in line)
    assert install.endswith("--no-install-recommends npm")


def test_a_machine_without_node_chromium_or_java_gets_all_of_them(tmp_path):
    hidden = ("node", "npm", "chromium", "java")
    result = invoke("test-tools", "--dry-run", env={"PATH": path_without(tmp_path, *hidden)})
    install = next(line for line in result.stdout.splitlines() if " apt-get install " in line)
    assert install.split("--no-install-recommends ")[1].split() == [
        "chromium", "default-jre-headless", "nodejs", "npm"
    ]  # fmt: skip


def test_without_apt_get_it_says_what_to_install(tmp_path):
    result = invoke(
        "test-tools", "--dry-run", env={"PATH": path_without(tmp_path, "apt-get", "npm")},
        check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "Please install npm with your system's package manager" in result.stderr
    assert "Traceback" not in result.stderr
