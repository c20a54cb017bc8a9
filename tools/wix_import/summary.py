"""Summary: the article's first sentences, at most 300 characters of plain
text (the site's limit for the home page, search results and feeds)."""

import re

from .blocks import PARAGRAPH, normalise

LIMIT = 300
# A sentence ends at . ! ? or … (and any closing quotes or brackets) before
# a space and a capital letter or digit, or at the end of the text.
SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9]|\s*$)")


def sentences(text):
    text = normalise(text)
    found, start = [], 0
    for match in SENTENCE_END.finditer(text):
        found.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        found.append(text[start:].strip())
    return found


def first_sentences(blocks, limit=LIMIT):
    """As many whole first sentences of the paragraphs as fit in `limit`."""
    summary = ""
    for block in blocks:
        if block.kind != PARAGRAPH:
            if summary:
                break
            continue
        for sentence in sentences(block.text):
            candidate = f"{summary} {sentence}".strip()
            if len(candidate) > limit:
                return summary or shorten(sentence, limit)
            summary = candidate
    return summary


def shorten(text, limit=LIMIT):
    """Cut a too-long sentence at a word boundary and mark the cut."""
    text = normalise(text)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"
