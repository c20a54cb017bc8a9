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


def shorten(text, limit=LIMIT):
    """Cut a too-long sentence at a word boundary and mark the cut."""
    text = normalise(text)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–-") + "…"


# A photo credit or a bare address is no summary: "Foto: © Name", "https://youtu.be/…".
CREDIT = re.compile(
    r"(©|\(c\)|^(?:foto|photo|photos|image|bild|picture|credit|credits|quelle|source)s?\b\s*[:\-–]"
    r"|^(?:photo|image|picture|foto|imagen)s?\s+(?:by|credit|courtesy|de|por)\b"
    r"|\b(?:unsplash|pexels|freepik|shutterstock|istock|getty images)\b)",
    re.IGNORECASE,
)
ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+\.(?:com|org|net|de|io|ly|be)/\S*", re.I)
TEASER_CUT = re.compile(r"(?:\.\.\.|…)\s*$")
MIN_WORDS = 4


def is_prose(sentence):
    """A sentence a reader would take for text: words, no credit, no address."""
    sentence = normalise(sentence)
    if CREDIT.search(sentence) or ADDRESS.search(sentence):
        return False
    return len(re.findall(r"[^\W\d_]{2,}", sentence)) >= MIN_WORDS


def prose(text, limit=LIMIT):
    """The whole prose sentences of `text` that fit in `limit` (a teaser Wix
    cut with "..." loses its unfinished last sentence)."""
    found = sentences(text)
    if found and TEASER_CUT.search(found[-1]):
        found = found[:-1]
    summary = ""
    for sentence in found:
        if not is_prose(sentence):
            continue
        candidate = f"{summary} {sentence}".strip()
        if len(candidate) > limit:
            return summary or shorten(sentence, limit)
        summary = candidate
    return summary


def choose_summary(candidates, blocks, limit=LIMIT):
    """The first candidate (the page's description, the feed's teaser) that
    holds prose, else the first prose sentences of the body's paragraphs."""
    for candidate in candidates:
        found = prose(candidate or "", limit)
        if found:
            return found
    for block in blocks:
        if block.kind == PARAGRAPH:
            found = prose(block.text, limit)
            if found:
                return found
    return ""
