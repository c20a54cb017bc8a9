"""`python -m pelican`, started before the build needs it (the preview's builds,
sitebuild/devserver.py): Python starts and imports Pelican with Markdown, Jinja and
the rest while the author is still typing, then waits.

Its input is one line, the JSON list of Pelican's arguments; it then runs Pelican
exactly as `python -m pelican ARGUMENTS` would, in a process of its own. Settings,
plugins and templates are read only then, so an edit to them counts at that build.
Input that ends without a line: it exits without building.
"""

import json
import sys

import pelican  # the point of this process: imported before it is needed


def main():
    line = sys.stdin.readline()
    if line:
        pelican.main(json.loads(line))


if __name__ == "__main__":
    main()
