"""Remember, between builds, what a pure function gave for a text, by a digest of it.

link_check (parsed pages), content_checks (safe-messaging findings) and reading_time
(word counts) each keep one in CACHE_PATH. A build rewrites the file with only the
entries it asked for, so texts that are gone are forgotten; a different `version` (the
plugin's code or data changed) or an unreadable file starts afresh. Values must survive
JSON: lists, not tuples.
"""

import hashlib
import json
import os


def cache_file(settings, file_name, switch):
    """CACHE_PATH/`file_name`, or None (remember nothing) when the setting `switch` is
    false; it is true unless set."""
    return os.path.join(settings["CACHE_PATH"], file_name) if settings.get(switch, True) else None


def digest(text):
    """A key for `text` (str or bytes)."""
    return hashlib.sha1(text.encode() if isinstance(text, str) else text).hexdigest()


class DigestMemo:
    def __init__(self, path, version):
        """`path`: the JSON file, or None to remember nothing between builds."""
        self.path, self.version = path, version
        self.known, self.used = {}, {}
        if path is None:
            return
        try:
            with open(path, encoding="utf-8") as handle:
                stored = json.load(handle)
            if stored.get("version") == version:
                self.known = stored["entries"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # none yet, or unreadable: everything is computed again

    def knows(self, key):
        return key in self.known

    def get(self, key, compute):
        """The value remembered under `key`, else compute()'s (remembered from now on)."""
        value = self.known.get(key)
        if value is None:
            value = compute()
        self.used[key] = value
        return value

    def save(self):
        if self.path is None:
            return
        os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
        temporary = f"{self.path}.{os.getpid()}.tmp"
        # json.dumps, not json.dump: only the one-shot call uses the C encoder (3x faster).
        text = json.dumps({"version": self.version, "entries": self.used})
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, self.path)
