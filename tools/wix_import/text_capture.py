"""A Wix blog post captured as the text a browser shows (select all, copy).

The capture looks like this, with the page chrome around the article:

    top of page
    <title>
      • Writer: <short name>
        <short name>
      • Oct 9
      • 3 min read
    Updated: Oct 10
    By <full name>, <credential>
    <paragraphs...>
    Comments
    bottom of page

The title is the line just above the first "Writer:" or "N min read" line;
the lines after it up to the first paragraph are metadata; the body ends at
"Comments" (or "Recent Posts", "bottom of page"). Plain text carries no
emphasis or links, except written-out addresses, which become links.
"""

import re

from .blocks import HEADING, HEADING_MAX, LIST, PARAGRAPH, Block, normalise, take_byline, tidy
from .dates import parse_wix_date, resolve
from .markdown_text import text_to_markdown
from .model import Post, SourceError

EXPECTED = (
    "expected the text of a Wix blog post page: the title, then lines such as "
    '"Writer: <name>", the date ("Oct 9") and "3 min read", then the article'
)
CHROME = {
    "top of page",
    "bottom of page",
    "skip to content",
    "skip to main content",
    "writer's picture",
    "writer's image",
    "writer",
}
END_MARKERS = {
    "comments",
    "recent posts",
    "related posts",
    "see all",
    "write a comment",
    "write a comment...",
    "log in to leave a comment",
    "bottom of page",
}
TRAILING_CHROME = re.compile(
    r"^(?:(?:\d+\s*(?:views?|comments?|likes?)\s*)+|post (?:not )?marked as liked"
    r"|like|share|share this post|copy link|\d+)$",
    re.IGNORECASE,
)
READ_TIME = re.compile(r"^(\d+)\s*min(?:ute)?s?\s+read$", re.IGNORECASE)
WRITER = re.compile(r"^writer\s*:\s*(.+)$", re.IGNORECASE)
UPDATED = re.compile(r"^updated\s*:?\s*(.+)$", re.IGNORECASE)
FIELD = re.compile(r"^(categor(?:y|ies)|tags?)\s*:\s*(.+)$", re.IGNORECASE)
BULLET = re.compile(r"^(?:[•·◦▪●‣✓]\s*|[–-]\s+)(.+)$")
NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(.+)$")
HEADING_WORDS_MAX = 12
PART_SEPARATOR = re.compile(r"\s+[·•|]\s+")


def parse(path, text, *, captured, year=None):
    """Read one captured page into a Post; SourceError when it isn't one."""
    lines = [normalise(line) for line in text.splitlines()]
    anchor = next((i for i, line in enumerate(lines) if _is_anchor(_unbullet(line))), None)
    if anchor is None:
        raise SourceError(path, f'no "Writer:" or "N min read" line found; {EXPECTED}')
    title_index = next(
        (
            i
            for i in range(anchor - 1, -1, -1)
            if lines[i] and lines[i].lower() not in CHROME and not _is_meta(lines[i])
        ),
        None,
    )
    if title_index is None:
        raise SourceError(path, f'no title above the "Writer:" line; {EXPECTED}')

    post = Post(source=path, title=lines[title_index])
    meta = _read_meta(lines, title_index + 1, captured)
    post.category, post.tags = meta["category"], meta["tags"]
    end = next(
        (i for i in range(meta["end"], len(lines)) if lines[i].lower() in END_MARKERS),
        len(lines),
    )
    body_lines = _trim_trailing_chrome(lines[meta["end"] : end], post)

    blocks, byline = take_byline(_blocks(body_lines))
    writer = meta["writer"]
    if byline:
        post.author, post.credential = byline
        if writer:
            post.other_names.append(writer)
    elif writer:
        post.author = writer
    blocks = tidy(_infer_headings(blocks))
    if not blocks:
        raise SourceError(path, f"no article text after the title and date; {EXPECTED}")
    post.body = blocks

    if meta["date"] is None:
        raise SourceError(path, f'no publish date such as "Oct 9" under the title; {EXPECTED}')
    post.date, note = resolve(meta["date"], year=year, captured=captured)
    if note:
        post.notes.append(f"Date: {note}")
    if meta["updated"] is not None:
        post.modified, note = resolve(
            meta["updated"], year=year, captured=captured, not_before=post.date
        )
        if note:
            post.notes.append(f"Modified: {note}")
    return post


def _is_anchor(line):
    return any(WRITER.match(part) or READ_TIME.match(part) for part in _parts(line))


def _unbullet(line):
    match = BULLET.match(line)
    return match[1] if match else line


def _parts(line):
    """ "Oct 9 · 3 min read" on one line holds two pieces of metadata."""
    return [part for part in PART_SEPARATOR.split(_unbullet(line)) if part]


def _is_meta(line):
    return _unbullet(line) != line or all(_meta_item(part, set()) for part in _parts(line))


def _meta_item(part, names, reference=None):
    """(kind, value) when a piece of a line is metadata, else None."""
    if part.lower() in CHROME:
        return ("chrome", None)
    if READ_TIME.match(part):
        return ("read time", None)
    if writer := WRITER.match(part):
        return ("writer", writer[1].strip())
    if part.lower() in names:
        return ("chrome", None)  # Wix repeats the writer's name under the avatar
    if (updated := UPDATED.match(part)) and (found := parse_wix_date(updated[1], reference)):
        return ("updated", found)
    if found := parse_wix_date(part, reference):
        return ("date", found)
    if field := FIELD.match(part):
        return ("field", field)
    return None


def _read_meta(lines, start, reference):
    """Read the metadata lines under the title; stop at the first other line."""
    meta = {"writer": "", "date": None, "updated": None, "category": "", "tags": [], "end": start}
    names = set()
    for index in range(start, len(lines)):
        meta["end"] = index
        if not lines[index]:
            continue
        parts = _parts(lines[index])
        items = [_meta_item(part, names, reference) for part in parts]
        if len(items) > 1 and not items[0] and all(items[1:]) and not meta["writer"]:
            items[0] = ("writer", parts[0])  # "Jo Park · Oct 9 · 2 min read"
        if not all(items):
            return meta
        for kind, value in items:
            if kind == "writer":
                meta["writer"] = value
                names.add(value.lower())
            elif kind in ("date", "updated") and meta[kind] is None:
                meta[kind] = value
            elif kind == "field":
                _read_field(meta, value)
    meta["end"] = len(lines)
    return meta


def _read_field(meta, field):
    values = [v.strip().lstrip("#") for v in field[2].split(",") if v.strip()]
    if field[1].lower().startswith("categor"):
        meta["category"] = meta["category"] or (values[0] if values else "")
        meta["tags"].extend(values[1:])
    else:
        meta["tags"].extend(values)


def _trim_trailing_chrome(lines, post):
    """Drop view counters, like buttons and "Tags:" lines after the article."""
    lines = list(lines)
    while lines and (not lines[-1] or TRAILING_CHROME.match(lines[-1]) or FIELD.match(lines[-1])):
        field = FIELD.match(lines[-1])
        if field:
            meta = {"category": post.category, "tags": []}
            _read_field(meta, field)
            post.category = meta["category"]
            post.tags.extend(meta["tags"])
        lines.pop()
    return lines


def _blocks(lines):
    """Group lines into blocks at blank lines; bullet lines make lists."""
    groups, current = [], []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    blocks = []
    for group in groups:
        items = [BULLET.match(line) for line in group]
        numbers = [NUMBERED.match(line) for line in group]
        if all(items):
            block = Block.of(
                LIST,
                "\n".join(f"- {text_to_markdown(m[1])}" for m in items),
                " ".join(m[1] for m in items),
            )
        elif all(numbers):
            block = Block.of(
                LIST,
                "\n".join(f"{m[1]}. {text_to_markdown(m[2])}" for m in numbers),
                " ".join(m[2] for m in numbers),
            )
        else:
            block = Block.of(
                PARAGRAPH, "\n".join(text_to_markdown(line) for line in group), " ".join(group)
            )
        if blocks and blocks[-1].kind == LIST == block.kind and _same_list(blocks[-1], block):
            blocks[-1] = Block(LIST, f"{blocks[-1].markdown}\n{block.markdown}", blocks[-1].text)
        else:
            blocks.append(block)
    return blocks


def _same_list(first, second):
    """Items Wix put one per paragraph still make one list (same marker kind)."""
    return first.markdown[:1].isdigit() == second.markdown[:1].isdigit()


def _infer_headings(blocks):
    """A short line without a sentence end, followed by text, is a heading."""
    result = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            block.kind == PARAGRAPH
            and following is not None
            and following.kind in (PARAGRAPH, LIST)
            and "\n" not in block.markdown
            and len(block.text) <= HEADING_MAX
            and len(block.text.split()) <= HEADING_WORDS_MAX
            and re.match(r"[A-Z0-9À-Þ]", block.text)
            and re.search(r"[\w)]$", block.text)
            and not (result and result[-1].kind == HEADING)
        ):
            result.append(Block(HEADING, f"## {block.markdown}", block.text))
        else:
            result.append(block)
    return result
