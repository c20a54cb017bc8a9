"""Reading time ("N min read") and a Flesch-Kincaid grade for every article,
draft and page.

We don't use pelican-statistics: it skips drafts (which the preview lists), and
parses every page with BeautifulSoup and counts every word's frequency, work we
don't need on each build.

The figures of each text are kept in CACHE_PATH/reading_time.json, by a digest of the
HTML: a rebuild measures only what changed.
"""

import functools
import html
import math
import re
from collections import Counter
from pathlib import Path

from digest_memo import DigestMemo, cache_file, digest
from pelican import signals

WORDS_PER_MINUTE = 250
TAGS = re.compile(r"<[^>]+>")
# A hyphenated or contracted word ("self-care", "we're") counts once.
WORD = re.compile(r"\w+(?:['’-]\w+)*")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
VOWEL_GROUPS = re.compile(r"[aeiouy]+")


URL = re.compile(r"\b(?:https?://|www\.)\S+")


def plain_text(content_html):
    """Visible text; a written-out address reads as one word, not twenty."""
    return URL.sub("link", html.unescape(TAGS.sub(" ", content_html or "")))


def minutes_to_read(words, words_per_minute=WORDS_PER_MINUTE):
    return max(1, math.ceil(words / words_per_minute))


# Articles reuse a small vocabulary: each distinct word is counted once per build.
@functools.lru_cache(maxsize=65536)
def syllables(word):
    word = word.lower()
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:es|ed|(?<!l)e)$", "", word)
    return max(1, len(VOWEL_GROUPS.findall(word)))


def grade_level(text, words=None):
    """Flesch-Kincaid grade level of plain text (0 for text without words)."""
    words = WORD.findall(text) if words is None else words
    if not words:
        return 0.0
    sentences = max(1, len(SENTENCE_END.findall(text)))
    syllable_count = sum(syllables(w) * n for w, n in Counter(words).items())
    return round(0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59, 1)


def measure(content_html):
    """[word count, grade level] of an article's or page's HTML."""
    text = plain_text(content_html)
    words = WORD.findall(text)
    return [len(words), grade_level(text, words)]


MEMO_FILE = "reading_time.json"
MEMO_VERSION = digest(Path(__file__).read_bytes())
# One memo per build (by its settings), saved once every text is read.
_memos = {}


def memo_for(settings):
    if id(settings) not in _memos:
        path = cache_file(settings, MEMO_FILE, "READING_TIME_CACHE")
        _memos[id(settings)] = DigestMemo(path, MEMO_VERSION)
    return _memos[id(settings)]


def add_reading_time(content):
    content_html = getattr(content, "_content", "") or ""
    memo = memo_for(content.settings)
    figures = memo.get(digest(content_html), lambda: measure(content_html))
    content.word_count, content.reading_grade = figures
    per_minute = content.settings.get("READING_WORDS_PER_MINUTE", WORDS_PER_MINUTE)
    content.reading_minutes = minutes_to_read(content.word_count, per_minute)


def save_memo(generators):
    if generators:
        memo = _memos.pop(id(generators[0].settings), None)
        if memo is not None:
            memo.save()


def register():
    signals.content_object_init.connect(add_reading_time)
    signals.all_generators_finalized.connect(save_memo)
