"""`python -m invoke ...` and `python -m pelican ...` for the tests, without paying for a
new Python and its imports each time (a fifth to a third of a small build's CPU time).

run(command, cwd=..., env=..., input=...) is subprocess.run(command, capture_output=True,
text=True, check=False). A server process (one per pytest process, started on first use,
ending with it) has imported the libraries such commands import: Invoke, Pelican with
Jinja, Markdown and docutils, and the plugins' libraries; never this project's own code,
which each command imports afresh from its own folder, as edited. It forks one child per
command. The child takes the caller's working folder, environment, stdin, stdout and
stderr, runs the module as `python -m` does (runpy; sys.path[0] the working folder, then
PYTHONPATH's folders) and exits as that Python would, finishing its threads and exit
handlers; the server passes on its exit status (-signal if a signal killed it).

Any other command, or one whose environment differs from the server's in what is read
as Python starts or as those libraries are imported (a PYTHON* variable other than
PYTHONPATH, the locale, the terminal settings of `rich`, Pelican's log), runs in a new
Python as before. The server starts without COLUMNS and LINES, which `rich` then reads
for each command.
"""

import atexit
import gc
import json
import os
import select
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

MODULES = ("invoke", "pelican")
# Read by Python as it starts, or by `rich` as Pelican imports it (its log's console).
STARTUP_VARIABLES = ("PYTHON", "LANG", "LC_", "TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR")
STARTUP_VARIABLES += ("TTY_", "JUPYTER_")
# Left out of the server's environment: each command's own value counts.
PER_COMMAND = ("PYTHONPATH", "COLUMNS", "LINES")


def serve(address):
    """Import, listen, fork a child per request, report each child's exit status; end
    when the pytest process that started this one closes our stdin (or ends)."""
    import invoke.main  # noqa: F401
    import markdown  # noqa: F401
    import pelican
    import pelican.settings  # noqa: F401
    import PIL.Image  # noqa: F401
    import selectolax.lexbor  # noqa: F401
    from bs4 import BeautifulSoup  # noqa: F401

    # What is imported never moves to another generation: the children's garbage
    # collector leaves that memory alone, so it stays shared instead of being copied.
    gc.freeze()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    print("ready", flush=True)
    waiting = {}  # pidfd: (pid, connection)
    while True:
        readable, _, _ = select.select([sys.stdin, listener, *waiting], [], [])
        for ready in readable:
            if ready is sys.stdin:
                os.unlink(address)
                os.rmdir(os.path.dirname(address))
                return
            if ready is listener:
                connection, _ = listener.accept()
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    for pidfd, (_, other) in waiting.items():
                        os.close(pidfd)
                        other.close()
                    run_child(connection)  # ends in SystemExit, never returns
                waiting[os.pidfd_open(pid)] = (pid, connection)
            else:
                pid, connection = waiting.pop(ready)
                os.close(ready)
                _, status = os.waitpid(pid, 0)
                try:
                    connection.sendall(struct.pack("!i", os.waitstatus_to_exitcode(status)))
                except OSError:
                    pass  # the caller is gone (its test was stopped)
                connection.close()


def run_child(connection):
    import runpy

    try:
        size = struct.unpack("!I", receive_exactly(connection, 4))[0]
    except EOFError:
        raise SystemExit("forked_python: the caller went away") from None
    message, fds, _, _ = socket.recv_fds(connection, size, 3)
    request = json.loads(message)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    sys.path[0] = os.getcwd()
    sys.path[1:1] = [entry for entry in os.environ.get("PYTHONPATH", "").split(":") if entry]
    sys.argv = [request["module"], *request["args"]]
    runpy.run_module(request["module"], run_name="__main__", alter_sys=True)
    raise SystemExit(0)


def receive_exactly(connection, count):
    data = b""
    while len(data) < count:
        chunk = connection.recv(count - len(data))
        if not chunk:
            raise EOFError("forked_python: the other side went away")
        data += chunk
    return data


class Server:
    def __init__(self):
        self.process, self.lock = None, threading.Lock()

    def environment(self):
        """The environment the server starts (or started) with."""
        if self.process is not None:
            return self.started_with
        return {key: value for key, value in os.environ.items() if key not in PER_COMMAND}

    def address(self):
        """The server's socket, started on first use."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                folder = tempfile.mkdtemp(prefix="forked-python-")
                self.socket = os.path.join(folder, "socket")
                self.started_with = self.environment()
                self.process = subprocess.Popen(
                    [sys.executable, __file__, self.socket],
                    env=self.started_with,
                    stdin=subprocess.PIPE,  # closed when this process ends: the server ends
                    stdout=subprocess.PIPE,
                    text=True,
                )
                assert self.process.stdout.readline() == "ready\n", "forked_python did not start"
            return self.socket

    def stop(self):
        """End the server and wait for it: its CPU time then counts as this process's
        children's (benchmarks/fast_loop.py adds that up)."""
        with self.lock:
            if self.process is not None:
                self.process.stdin.close()
                self.process.wait()
                self.process = None


SERVER = Server()
atexit.register(SERVER.stop)


def run(command, *, cwd=None, env=None, input=None):
    """subprocess.run(command, cwd=cwd, env=env, input=input, capture_output=True,
    text=True, check=False), in a forked child for `python -m invoke|pelican ...`."""
    command = [str(part) for part in command]
    env = dict(os.environ if env is None else env)
    cwd = Path(cwd or os.getcwd()).absolute()
    forkable = command[:2] == [sys.executable, "-m"] and command[2] in MODULES
    if not forkable or starts_differently(env, SERVER.environment()):
        return subprocess.run(
            command, cwd=cwd, env=env, input=input, capture_output=True, text=True, check=False
        )
    request = json.dumps(
        {"module": command[2], "args": command[3:], "cwd": str(cwd), "env": env}
    ).encode()
    with (
        tempfile.TemporaryFile() as stdin,
        tempfile.TemporaryFile() as stdout,
        tempfile.TemporaryFile() as stderr,
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection,
    ):
        if input is not None:
            stdin.write(input.encode())
            stdin.seek(0)
        connection.connect(SERVER.address())
        connection.sendall(struct.pack("!I", len(request)))
        socket.send_fds(connection, [request], [stdin.fileno(), stdout.fileno(), stderr.fileno()])
        returncode = struct.unpack("!i", receive_exactly(connection, 4))[0]
        return subprocess.CompletedProcess(command, returncode, text(stdout), text(stderr))


def text(file):
    """What subprocess.run(text=True) makes of the bytes: decoded, newlines made \\n."""
    file.seek(0)
    return file.read().decode().replace("\r\n", "\n").replace("\r", "\n")


def starts_differently(env, server_env):
    def startup(environment):
        return {
            key: value
            for key, value in environment.items()
            if key.startswith(STARTUP_VARIABLES) and key not in PER_COMMAND
        }

    return startup(env) != startup(server_env)


if __name__ == "__main__":
    serve(sys.argv[1])
