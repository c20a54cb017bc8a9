"""Files kept in cache/ between builds, each with the sha256 it had when written.

A cached file is used only while its bytes still match that record: a file truncated
by a killed build, damaged on disk or altered by hand is made again, never published.
"""

import hashlib
from pathlib import Path


def digest_record(path):
    """The file holding the sha256 `path` had when it was written."""
    path = Path(path)
    return path.with_name(path.name + ".sha256")


def read_trusted(path):
    """The cached file's bytes if they are those recorded when it was written, else None."""
    try:
        data = Path(path).read_bytes()
        recorded = digest_record(path).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == recorded else None


def write_recorded(path, data):
    """Write `data` to `path` and record its sha256; each file is replaced whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    for target, payload in (
        (path, data),
        (digest_record(path), hashlib.sha256(data).hexdigest().encode()),
    ):
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(payload)
        partial.replace(target)
