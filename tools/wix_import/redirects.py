"""content/data/redirects.toml: each old address of the Wix blog and the
article that replaced it. The `redirects` plugin writes a page at every old
address that leads to the article's new one."""

import json
import tomllib

REDIRECTS_FILE = "data/redirects.toml"  # under content/
HEADER = """\
# Old addresses of the Wix blog and the articles that replaced them, written by
# `invoke import-wix`. Every build writes a page at each old address that leads
# readers (and search engines) to the new one: "old path" = "article file under content/".
# Remove a line when its article is deleted.
"""


def read_redirects(path):
    """{old path: article file (relative to content/)}; {} when there is no file."""
    if not path.is_file():
        return {}
    with open(path, "rb") as handle:
        return dict(tomllib.load(handle).get("redirects", {}))


def redirects_text(table):
    lines = [HEADER, "[redirects]"]
    # A JSON string is a valid TOML basic string.
    lines += [
        f"{json.dumps(old, ensure_ascii=False)} = {json.dumps(new, ensure_ascii=False)}"
        for old, new in sorted(table.items())
    ]
    return "\n".join(lines) + "\n"
