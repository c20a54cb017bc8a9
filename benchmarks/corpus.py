"""Deterministic synthetic corpora in the shape of our articles, for the build benchmark.

`write_corpus(size, folder)` writes `folder/articles/*.md` (`size` articles of about 900
words each: the same metadata fields as content/articles/*.md, h2 headings, lists, a few
tags, the authors of the test fixture site, five categories, links to other articles and
to the pages) and copies the fixture site's pages, images, extra files and data
(tests/fixtures/site/) beside them, so the corpus builds with our settings like content/
does. Nothing comes from content/: a clinician's edit there cannot change the figures.
Build it with SITE_CONTENT naming the folder (`build_environment`), so pelicanconf.py
reads the corpus's data/ too.

The same size always gives byte-identical files (a seeded random generator, fixed dates),
so figures from different runs and machines compare. Run it on its own to inspect a corpus:

    .venv/bin/python benchmarks/corpus.py 100          # writes benchmarks/corpus/100/
"""

import argparse
import os
import random
import re
import shutil
import sys
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
CORPUS_ROOT = Path(__file__).resolve().parent / "corpus"
# Copied as they are: the pages articles link to, and the files the settings expect.
COPIED_FOLDERS = ("pages", "images", "extra", "data")

CATEGORIES = ["Anxiety and Stress", "Relationships", "Self-care", "Families", "Grief and Loss"]
TAGS = [
    "anxiety", "stress", "coping skills", "grounding", "mindfulness", "burnout", "rest",
    "sleep", "college students", "teens", "parenting", "communication", "conflict",
    "connection", "compassion", "self-compassion", "co-regulation", "grief", "crisis support",
    "blended families", "couples", "boundaries", "work stress", "holidays", "routines",
    "movement", "loneliness", "transitions", "school", "screen time", "trauma", "panic",
    "worry", "perfectionism", "self-esteem", "caregiving", "loss", "anger", "apologies",
    "gratitude",
]  # fmt: skip
TOPICS = [
    "worry", "sleep", "rest", "conflict", "grief", "burnout", "boundaries", "loneliness",
    "change", "anger", "self-talk", "routines", "panic", "shame", "trust", "repair",
]  # fmt: skip
TITLE_PATTERNS = [
    "A Gentle Guide to {topic}",
    "When {topic} Takes Over: Small Steps That Help",
    "Understanding {topic} in Everyday Life",
    "{topic} and the People We Love",
    "What to Try When {topic} Won't Let Go",
    "Five Questions About {topic}",
]
HEADINGS = [
    "What is going on", "Why it happens", "How it shows up in the body",
    "What tends to help", "Talking about it with someone you trust", "Small steps for this week",
    "When to reach out for support", "A note for partners and parents", "What the research says",
    "Common myths", "Making a plan", "Going easy on yourself",
]  # fmt: skip
# (subject, verb ending): "Your body needs", "Many people need".
SUBJECTS = [
    ("Many people", ""), ("Most of us", ""), ("Your body", "s"), ("A tired mind", "s"),
    ("Some clients", ""), ("Your partner", "s"), ("A good friend", "s"), ("Parents", ""),
    ("Teens", ""), ("Students", ""), ("Anyone under stress", "s"), ("Our nervous system", "s"),
]  # fmt: skip
VERBS = [
    "notice", "learn", "need", "want", "find", "remember", "forget", "protect", "welcome",
]  # fmt: skip
OBJECTS = [
    "a steady routine", "a quiet moment", "a kind word", "the next small step",
    "a clear boundary", "a short walk", "a good night's sleep", "a safe person",
    "some time to rest", "the warning signs", "a plan for hard days", "a little more patience",
]  # fmt: skip
CLAUSES = [
    "when the week gets busy", "even on hard days", "before a difficult talk",
    "after a long shift", "during exams", "when worry shows up at night",
    "while things feel uncertain", "as the seasons change", "in the middle of a conflict",
    "once the crisis has passed",
]  # fmt: skip
ASIDES = [
    "That's normal.", "It takes practice.", "Progress is rarely a straight line.",
    'As one client put it, "it gets easier when you stop fighting it."',
    "Nobody gets this right every time.", "Small changes add up -- slowly, then all at once.",
]  # fmt: skip
LIST_ITEMS = [
    "Write down one thing that went well today.", "Take three slow breaths before you answer.",
    "Put your phone in another room an hour before bed.", "Ask for help with one task.",
    "Step outside for ten minutes of daylight.", "Name the feeling out loud.",
    "Drink a glass of water and eat something simple.", "Check in with a friend by text.",
    "Notice what your shoulders and jaw are doing.", "Plan one small, pleasant thing.",
]  # fmt: skip
PAGE_LINKS = [
    ("our services", "services"),
    ("contact us", "contact"),
    ("Get help now", "get-help-now"),
]
# The pages may link to the fixture's articles, which a corpus doesn't have: such a link
# keeps its text.
LINK_TO_AN_ARTICLE = re.compile(r"\[([^\]]*)\]\(\{filename\}\.\./articles/[^)]*\)")
START = datetime(2026, 6, 30, 9, 0)
WORDS_PER_ARTICLE = 760  # prose; lists and links bring the body to about 900 words


def sentence(rng):
    subject, ending = rng.choice(SUBJECTS)
    text = f"{subject} {rng.choice(VERBS)}{ending} {rng.choice(OBJECTS)}"
    if rng.random() < 0.6:
        text += f" {rng.choice(CLAUSES)}"
    text += "."
    if rng.random() < 0.15:
        text += " " + rng.choice(ASIDES)
    return text


def paragraph(rng, sentences):
    return " ".join(sentence(rng) for _ in range(sentences))


def article_slug(index):
    return f"bench-article-{index:05d}"


def article_markdown(index, size, authors, rng):
    """One article's Markdown source: metadata block, then about 900 words of body."""
    topic = TOPICS[index % len(TOPICS)]
    title = rng.choice(TITLE_PATTERNS).format(topic=topic.capitalize())
    date = START - timedelta(days=index, hours=index % 7)
    tags = rng.sample(TAGS, rng.randint(2, 5))
    lines = [
        f"Title: {title} (no. {index})",
        f"Date: {date:%Y-%m-%d %H:%M}",
    ]
    if index % 3 == 0:
        lines.append(f"Modified: {date + timedelta(days=2, hours=3):%Y-%m-%d %H:%M}")
    lines += [
        f"Author: {authors[index % len(authors)]}",
        f"Category: {CATEGORIES[index % len(CATEGORIES)]}",
        f"Tags: {', '.join(tags)}",
        f"Slug: {article_slug(index)}",
        f"Summary: A plain look at {topic}: why it shows up, what it feels like and a few small "
        f"steps you can try this week (article {index}).",
        "",
    ]
    body = [paragraph(rng, 5), ""]
    words = len(body[0].split())
    other = (index + 1 + rng.randrange(max(1, size - 1))) % size
    page_label, page_slug = PAGE_LINKS[index % len(PAGE_LINKS)]
    for number, heading in enumerate(rng.sample(HEADINGS, 5)):
        body += [f"## {heading}", ""]
        if number == 1:
            body += [f"See also [this related article]({{filename}}{article_slug(other)}.md).", ""]
        if number == 2:
            body += [f"- {item}" for item in rng.sample(LIST_ITEMS, 5)] + [""]
        if number == 3:
            body += [f"{n}. {item}" for n, item in enumerate(rng.sample(LIST_ITEMS, 4), 1)]
            body += [""]
        while words < WORDS_PER_ARTICLE * (number + 1) / 5:
            text = paragraph(rng, rng.randint(4, 7))
            if rng.random() < 0.2:
                text = text.replace(" a kind word", " a *kind* word").replace(
                    " a safe person", " a **safe** person"
                )
            body += [text, ""]
            words += len(text.split())
    body += [
        f"If you would like support, read about [{page_label}]({{filename}}../pages/"
        f"{page_slug}.md). If you are in crisis right now, call or text 988."
    ]
    return "\n".join(lines + body) + "\n"


def author_names():
    with open(FIXTURE_SITE / "data" / "authors.toml", "rb") as handle:
        return list(tomllib.load(handle))


def build_environment(folder):
    """The environment a build of the corpus in `folder` runs in: pelicanconf.py reads
    the practice's and authors' data from SITE_CONTENT's data/."""
    return {**os.environ, "SITE_CONTENT": str(Path(folder).resolve())}


def write_corpus(size, folder=None):
    """Write a corpus of `size` articles into `folder` (default benchmarks/corpus/<size>/).

    An existing folder is replaced, so the files are exactly those of this size.
    """
    folder = Path(folder or CORPUS_ROOT / str(size))
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "articles").mkdir(parents=True)
    for name in COPIED_FOLDERS:
        shutil.copytree(FIXTURE_SITE / name, folder / name)
    for page in (folder / "pages").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(LINK_TO_AN_ARTICLE.sub(r"\1", text), encoding="utf-8")
    rng = random.Random(size)
    authors = author_names()
    for index in range(size):
        source = article_markdown(index, size, authors, rng)
        (folder / "articles" / f"{article_slug(index)}.md").write_text(source, encoding="utf-8")
    return folder


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="+", type=int, help="number of articles, e.g. 100 1000")
    args = parser.parse_args(argv)
    for size in args.sizes:
        print(write_corpus(size))


if __name__ == "__main__":
    sys.exit(main())
