"""How many lines of Python the project owns: issue 14 counts plugins/, tools/, sitebuild/
and tasks.py, tests excluded, against 6,139 lines at a8da647 (the commit the issue measured).

    .venv/bin/python benchmarks/line_count.py              # now, and at a8da647
    .venv/bin/python benchmarks/line_count.py --at REV     # now, and at REV

Prints lines per part (each plugin, each tool, the build package, tasks.py) for both
commits, so a part that is new since then shows as such; physical lines, as `wc -l`.
"""

import argparse
import subprocess
from collections import Counter
from pathlib import PurePosixPath

BASELINE = "a8da647"
COUNTED = ("plugins/", "tools/", "sitebuild/", "tasks.py")


def is_counted(path):
    parts = PurePosixPath(path)
    return (
        path.startswith(COUNTED)
        and parts.suffix == ".py"
        and not parts.name.startswith("test_")
        and parts.name != "conftest.py"
        and "tests" not in parts.parts
    )


def part_of(path):
    parts = PurePosixPath(path).parts
    return "/".join(parts[:2]) if len(parts) > 2 else parts[0]


def lines_by_part(revision):
    listing = git("ls-tree", "-r", "--name-only", revision).splitlines()
    counts = Counter()
    for path in filter(is_counted, listing):
        counts[part_of(path)] += len(git("show", f"{revision}:{path}").splitlines())
    return counts


def git(*arguments):
    return subprocess.run(["git", *arguments], capture_output=True, text=True, check=True).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--at", default=BASELINE, help="the commit to compare with")
    options = parser.parse_args()
    before, now = lines_by_part(options.at), lines_by_part("HEAD")
    print(f"{'part':<34}{options.at:>10}{'HEAD':>10}")
    for part in sorted(before.keys() | now.keys()):
        print(f"{part:<34}{before[part] or '-':>10}{now[part] or '-':>10}")
    total_before, total_now = sum(before.values()), sum(now.values())
    print(f"{'total':<34}{total_before:>10,}{total_now:>10,}")
    change = (total_now - total_before) / total_before
    print(f"change: {change:+.0%} (issue 14's goal: -30% or less, <= {total_before * 0.7:,.0f})")


if __name__ == "__main__":
    main()
