"""Plain text made safe for Markdown: characters that would turn into
emphasis, links, HTML or list markers are escaped; web addresses and email
addresses become links."""

import re

URL_OR_EMAIL = re.compile(
    r"(?P<url>\bhttps?://[^\s<>\"]+[^\s<>\".,;:!?)\]'’”])"
    r"|(?P<email>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b)"
)
# Characters Python-Markdown would read as syntax anywhere in a line.
INLINE_SPECIALS = re.compile(r"([\\`*_\[\]])")
HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
ENTITY_START = re.compile(r"&(?=#?\w+;)")
# Line starts that would make a heading, quote, list or rule.
BLOCK_START = re.compile(r"^(\s*)(#|>|[-+*](?=\s)|\d+(?=[.)]\s))")


def escape_inline(text):
    """Escape Markdown syntax in running text (not line starts)."""
    text = ENTITY_START.sub("&amp;", INLINE_SPECIALS.sub(r"\\\1", text))
    return HTML_START.sub("&lt;", text)


def escape_line_start(markdown_line):
    r"""Keep "# 1", "- x" or "1. x" at the start of a paragraph literal."""
    return BLOCK_START.sub(
        lambda m: m[1] + (m[2] + "\\" if m[2][0].isdigit() else "\\" + m[2]), markdown_line
    )


def text_to_markdown(text):
    """A line of plain text as Markdown, with addresses made into links."""
    pieces, position = [], 0
    for match in URL_OR_EMAIL.finditer(text):
        pieces.append(escape_inline(text[position : match.start()]))
        address = match[0]
        pieces.append(f"<{address}>")
        position = match.end()
    pieces.append(escape_inline(text[position:]))
    return escape_line_start("".join(pieces))
