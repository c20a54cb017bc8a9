"""What the tests of the running preview share: a free port, waiting for a condition,
fetching a page, `invoke livereload` (or another long-running task) in a project copy,
and a browser tab livereload has connected."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout=120, what="condition"):
    """`condition()`'s first true value, polled until `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def fetch(url, data=None):
    """The text at `url` (POSTing JSON `data` if given), or None while nothing answers."""
    try:
        request = urllib.request.Request(
            url, data=data, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


@contextlib.contextmanager
def running_task(project, log, *task):
    """`invoke TASK…` running in `project`, its output in the file `log`; stopped with
    every process it started when the block ends."""
    with open(log, "w") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", *task],
            cwd=project, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def open_connected(page, url, log):
    """Open `url` and wait until its livereload script has connected: livereload only
    starts watching when a browser connects, and only refreshes connected pages."""
    page.goto(url)
    wait_for(lambda: f"Browser Connected: {url}" in log.read_text(), what="the page to connect")
