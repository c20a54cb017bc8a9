"""How long the fast test loop takes: issue 14 asks for `pytest -m "not browser"` in at most
30 s on a 2-core machine.

    .venv/bin/python benchmarks/fast_loop.py            # one run
    .venv/bin/python benchmarks/fast_loop.py --files 15 # and the 15 costliest test files

Runs the README's fast loop once, as written (pytest.ini adds `-n auto`), and prints its
wall seconds, the CPU seconds of the whole process tree (pytest, its workers and every
build they started), the number of tests, and the machine's load average before and after:
on a shared machine the wall time grows with the load, CPU seconds much less. Then the
test files that took longest (seconds summed over their tests, setup included, so
a file's module fixtures count where they are first used).
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 30


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10, help="costliest test files to list")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fast-loop-") as folder:
        report = Path(folder) / "junit.xml"
        command = [sys.executable, "-m", "pytest", "-m", "not browser", "-q"]
        command += ["-p", "no:cacheprovider", f"--basetemp={folder}/t", f"--junitxml={report}"]
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        wall = time.monotonic() - started
        load_after = os.getloadavg()[0]
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        suite = ET.parse(report).getroot().find("testsuite")
        by_file = Counter()
        for case in suite.iter("testcase"):
            by_file[case.get("classname", "").replace(".", "/") + ".py"] += float(case.get("time"))
    counts = {key: int(suite.get(key)) for key in ("tests", "failures", "errors", "skipped")}
    print(" ".join(result.stdout.strip().splitlines()[-1:]))
    print(
        f"fast loop: {wall:.1f} s wall, {usage.ru_utime + usage.ru_stime:.1f} s CPU "
        f"({usage.ru_utime:.1f} user + {usage.ru_stime:.1f} system) on {os.cpu_count()} cores"
    )
    print(f"tests: {counts}")
    print(f"load average: {load_before:.1f} before, {load_after:.1f} after")
    print(f"goal: at most {GOAL_SECONDS} s wall: {'met' if wall <= GOAL_SECONDS else 'not met'}")
    print("\ncostliest test files (seconds, summed over their tests, across workers):")
    for name, seconds in by_file.most_common(options.files):
        print(f"{seconds:8.1f}  {name}")
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())
