"""Reading time ("N min read") and a Flesch-Kincaid grade for every article,
draft and page.

The time is the words at WORDS_PER_MINUTE (what the old Wix blog showed for the same
text) plus a moment for each picture, as Medium counts them: 12 seconds for the first,
one less for each next, at least 3. The grade reads the prose only: code blocks and
tables are not sentences, and each paragraph, list item, heading or caption counts as
a sentence of its own even without a full stop.

typeset_markdown's reader measures each Markdown file as it reads it (read_along), so
Pelican's content cache keeps the measures of unchanged files.

We don't use pelican-statistics: it skips drafts (which the preview lists), and
parses every page with BeautifulSoup and counts every word's frequency, work we
don't need on each build.
"""

import functools
import math
import re
from collections import Counter

from pelican import signals
from typeset_markdown.typeset_markdown import read_along, report_not_read

import sitebuild.html_text
from sitebuild.html_text import parse_html

WORDS_PER_MINUTE = 250
FIRST_IMAGE_SECONDS, LEAST_IMAGE_SECONDS = 12, 3
MEASURES_KEY = "reading_measures"  # [words, grade, images] in the metadata the reader returns
NOT_PROSE = ["pre", "table"]
# Blocks of text that end a sentence where they end.
TEXT_BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, dt, dd, figcaption, blockquote, summary"
# A hyphenated or contracted word ("self-care", "we're") counts once.
WORD = re.compile(r"\w+(?:['’-]\w+)*")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
VOWEL_GROUPS = re.compile(r"[aeiouy]+")


URL = re.compile(r"\b(?:https?://|www\.)\S+")


def plain_text(content_html):
    """Visible text; a written-out address reads as one word, not twenty."""
    return visible_text(parse_html(content_html).body)


def image_seconds(images):
    return sum(max(LEAST_IMAGE_SECONDS, FIRST_IMAGE_SECONDS - n) for n in range(images))


def minutes_to_read(words, words_per_minute=WORDS_PER_MINUTE, images=0):
    seconds = words * 60 / words_per_minute + image_seconds(images)
    return max(1, math.ceil(seconds / 60))


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


def visible_text(node):
    """What plain_text() gives for the HTML of `node`, from the tree already parsed."""
    return URL.sub("link", node.text(separator=" ")) if node is not None else ""


def prose(tree, text):
    """The text the grade reads: no code blocks or tables, and a full stop after each
    block of text that lacks one (a heading, a list item). `tree`: the parsed HTML
    (changed here); `text`: its plain text, read when it has no such blocks."""
    tree.strip_tags(NOT_PROSE)
    blocks = [node for node in tree.css(TEXT_BLOCKS) if len(node.css(TEXT_BLOCKS)) == 1]
    if not blocks:
        return text
    sentences = (" ".join(visible_text(node).split()) for node in blocks)
    return " ".join(s if s[-1] in ".!?:;…" else s + "." for s in sentences if s)


def measure(content_html):
    """[word count, grade level, pictures] of an article's or page's HTML, parsed once."""
    tree = parse_html(content_html)
    text = visible_text(tree.body)
    images = len(tree.css("img"))
    return [len(WORD.findall(text)), grade_level(prose(tree, text)), images]


def add_reading_time(content):
    measures = content.metadata.get(MEASURES_KEY)
    if measures is None:
        report_not_read(content, "reading time", "it was not measured")
        measures = [0, 0.0, 0]
    content.word_count, content.reading_grade, images = measures
    per_minute = content.settings.get("READING_WORDS_PER_MINUTE", WORDS_PER_MINUTE)
    content.reading_minutes = minutes_to_read(content.word_count, per_minute, images)


def measure_while_reading():
    read_along(
        MEASURES_KEY,
        lambda text, html, metadata: measure(html),
        files=[__file__, sitebuild.html_text.__file__],
        libraries=["selectolax"],
    )


def register():
    measure_while_reading()
    signals.content_object_init.connect(add_reading_time)
