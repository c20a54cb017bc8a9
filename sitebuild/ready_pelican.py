"""`python -m pelican`, started before the build needs it (the preview's builds,
sitebuild/devserver.py): Python starts and imports Pelican with Markdown, Jinja and
the rest while the author is still typing, then waits.

Its input is one line, the JSON list of Pelican's arguments; it then runs Pelican
exactly as `python -m pelican ARGUMENTS` would, in a process of its own. Settings,
plugins and templates are read only then, so an edit to them counts at that build.
Input that ends without a line: it exits without building.
"""

import gc
import json
import sys

import pelican  # the point of this process: imported before it is needed

# What is imported now lasts the whole build: Python's cycle collector need not look
# through it again at each collection.
gc.freeze()


def main():
    line = sys.stdin.readline()
    if line:
        try:
            pelican.main(json.loads(line))
        finally:
            # The build is over (its files written and closed): the process exits
            # without the collector going through everything the build made first.
            gc.freeze()


if __name__ == "__main__":
    main()
