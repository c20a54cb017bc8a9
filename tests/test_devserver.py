"""`invoke livereload` as an author meets it: a taken port gets a clear message and
the next free one, and the editor at /admin/ works through a decap-server that
listens on 127.0.0.1 only."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, copy_project


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError("timed out")


def answer(url, data=None):
    try:
        request = urllib.request.Request(
            url, data=data, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def listening_addresses(port):
    """The IPv4 addresses something listens on at `port` (Linux's /proc/net/tcp)."""
    found = set()
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, _, hex_port = local.partition(":")
        if state == "0A" and int(hex_port, 16) == port:
            found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    return found


def test_a_taken_port_moves_to_the_next_and_the_editor_backend_starts(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    log = tmp_path / "livereload.log"
    with open(log, "w") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
            cwd=project, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        serving = wait_for(lambda: re.search(r"Serving the site at (\S+)", log.read_text()))
        text = log.read_text()
        assert f"Port {port} is in use" in text and "--port" in text
        base = serving.group(1).rstrip("/")
        assert base != f"http://127.0.0.1:{port}"
        assert wait_for(lambda: answer(base + "/"))
        editor = re.search(r"decap-server on 127\.0\.0\.1:(\d+)", text)
        assert editor, text
        config = json.loads(answer(base + "/admin/config.yml").split("\n", 1)[1])
        proxy = f"http://127.0.0.1:{editor.group(1)}/api/v1"
        assert config["local_backend"]["url"] == proxy
        info = json.loads(wait_for(lambda: answer(proxy, b'{"action": "info"}')))
        assert info["type"] == "local_fs"  # it writes the working tree
        assert listening_addresses(int(editor.group(1))) == {"127.0.0.1"}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        taken.close()
