"""The one reader of a Markdown source's header: `Key: value` lines up to the first
blank line, read the way Python-Markdown's `meta` extension (which Pelican uses) reads
them, with the line number of every field so problems can be reported as file:line.

Used by the content checks, `invoke new`, review dates, reading-time tests and the
Wix importer.
"""

import re
from dataclasses import dataclass, field

# markdown/extensions/meta.py, line by line.
META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
CONTINUATION = re.compile(r"^[ ]{4,}(?P<value>.*)")
YAML_START = re.compile(r"^-{3}(\s.*)?")
HEADER_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass
class Field:
    name: str  # as written
    key: str  # lowercase, as Pelican stores it
    line: int  # 1-based
    values: list = field(default_factory=list)  # the first line, then continuations

    @property
    def value(self):
        return " ".join(v for v in self.values if v).strip()


@dataclass
class Header:
    lines: list  # the whole source, split into lines
    fields: dict  # key -> the first Field with that key
    repeated: list  # later Fields whose key was already given
    stop: int  # the line that ended the header without a blank line, or 0
    body_start: int  # the first line of the text (1-based)
    stranded: set  # keys of `Key: value` lines left below such a line
    yaml: bool = False  # the header is wrapped in `---` lines (YAML front matter)

    def get(self, key):
        found = self.fields.get(key)
        return found.value if found else ""

    def line_of(self, key):
        found = self.fields.get(key)
        return found.line if found else 1

    def values(self):
        """{lowercase key: value} of the fields, as Pelican reads them (first one wins)."""
        return {key: found.value for key, found in self.fields.items()}

    @property
    def body_lines(self):
        return self.lines[self.body_start - 1 :]


def parse_header(text):
    """Split a Markdown source into its header fields and the line its text starts on."""
    # Lines end at newlines only, as in Markdown and editors (str.splitlines() also splits
    # at form feeds and other separators a paste from a word processor may hold). Tabs
    # are 4 spaces, as Python-Markdown expands them before its meta extension reads: a
    # tab-indented line continues a field there.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4).split("\n")
    if lines[-1] == "":
        lines.pop()
    fields, repeated = {}, []
    stop = 0
    yaml = bool(lines and YAML_START.match(lines[0]))
    index = 1 if yaml else 0
    last = None
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip() or HEADER_END.match(line):
            break
        match = META_LINE.match(line)
        if match:
            key = match.group("key").lower()
            last = Field(match.group("key"), key, index, [match.group("value").strip()])
            if key in fields:
                repeated.append(last)
            else:
                fields[key] = last
            continue
        more = CONTINUATION.match(line)
        if more and last is not None:
            last.values.append(more.group("value").strip())
            continue
        stop = index
        index -= 1  # this line is the first line of the text
        break
    stranded = set()
    if stop:
        for line in lines[stop:]:
            if not line.strip():
                break
            match = META_LINE.match(line)
            if match:
                stranded.add(match.group("key").lower())
    return Header(lines, fields, repeated, stop, index + 1, stranded, yaml)


def read_header(path):
    """The header of the Markdown file at `path` (bytes that are not UTF-8 are replaced:
    the content checks report such a file on their own)."""
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        return parse_header(handle.read())


def read_fields(path):
    """{lowercase key: value} of the header of the Markdown file at `path`."""
    return read_header(path).values()
