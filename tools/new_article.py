"""`invoke new "Title"`: a new article with every field filled in or explained.

The file starts as a draft (shown in the preview with a DRAFT banner, never
published). Its example Summary, notes and text are recognized by the content
checks, which refuse to publish them.
"""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sitebuild.headers import read_header

SUMMARY_PLACEHOLDER = (
    "Replace this with one or two plain sentences, at most 300 characters: they appear on "
    "the home page, in search results and in feeds."
)
NOTES_MARKER = "Notes from invoke new"
BODY_PLACEHOLDER = "Start writing here. Leave the blank line above: it ends the header."

TEMPLATE = """\
Title: {title}
Date: {date}
Author: {author}
Category: {category}
Tags:{tags}
Slug: {slug}
Status: draft
Summary: {summary}

<!-- {notes_marker}: delete this block before publishing.
Tags: a few lowercase words separated by commas; related articles share tags.
Optional header fields: copy a line into the header above the blank line.
    Modified: {date}
        when you later update the article in a meaningful way
    Sensitive: yes
        for an article about suicide or self-harm: shows the crisis resources box
    Reviewed_by: {reviewer}
        the clinician who reviewed the article (needs Last_reviewed too)
    Last_reviewed: {day}
        the date of that review, on or after Date
When it is ready: change Status to published and set Date to the day it should
appear. A future date publishes it with the first build on or after that day.
Link to another article with [link text]({{filename}}other-article.md).
-->

{body}
"""


def is_placeholder(text):
    """Text that `invoke new` wrote and the author has not replaced yet."""
    text = (text or "").strip()
    return text in (SUMMARY_PLACEHOLDER, BODY_PLACEHOLDER) or NOTES_MARKER in text


def choose(label, options, given, ask, allow_new=False):
    """An option given on the command line, or picked from a numbered list."""
    by_name = {o.lower(): o for o in options}
    if given:
        if given.lower() in by_name:
            return by_name[given.lower()]
        if allow_new:
            return given.strip()
        raise SystemExit(f"{given!r} is not a known {label}. Choose one of: {', '.join(options)}")
    listing = "\n".join(f"  {n}. {o}" for n, o in enumerate(options, 1))
    extra = " (or type a new one)" if allow_new else ""
    prompt = f"Which {label}?{extra}\n{listing}\nNumber or name: "
    for _ in range(3):
        try:
            answer = ask(prompt).strip()
        except EOFError:
            break
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return options[int(answer) - 1]
        if answer.lower() in by_name:
            return by_name[answer.lower()]
        if allow_new and answer:
            return answer
        print(f"{answer!r} is not in the list.")
    raise SystemExit(f"No {label} chosen. Pass --{label} with one of: {', '.join(options)}")


def new_article_text(title, author, category, slug, now, authors, tags=""):
    reviewer = next((a for a in authors if a != author), author)
    tags = ", ".join(t.strip().lower() for t in tags.split(",") if t.strip())
    return TEMPLATE.format(
        title=title,
        date=now.strftime("%Y-%m-%d %H:%M"),
        day=now.strftime("%Y-%m-%d"),
        author=author,
        category=category,
        tags=f" {tags}" if tags else "",
        slug=slug,
        summary=SUMMARY_PLACEHOLDER,
        notes_marker=NOTES_MARKER,
        reviewer=reviewer,
        body=BODY_PLACEHOLDER,
    )


def write_new_article(title, settings, author="", category="", tags=""):
    """Write content/articles/<slug>.md and return its path; never overwrite."""
    from pelican.utils import slugify

    title = " ".join(title.split())
    if not title:
        raise SystemExit('Give the article a title: invoke new "Your title"')
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    folder = Path(settings["PATH"]) / settings["ARTICLE_PATHS"][0]
    target = folder / f"{slug}.md"
    if target.exists():
        raise SystemExit(f"{target} already exists: edit it, or choose another title.")
    existing = {path: read_header(path) for path in sorted(folder.glob("*.md"))}
    for path, header in existing.items():
        if header.get("slug") == slug:
            raise SystemExit(f"{path} already uses the slug {slug!r}: choose another title.")
    authors = list(settings["AUTHORS_INFO"])
    categories = sorted({h.get("category") for h in existing.values() if h.get("category")})
    author = choose("author", authors, author, input)
    category = choose("category", categories, category, input, allow_new=True)
    now = datetime.now(ZoneInfo(settings["TIMEZONE"]))
    text = new_article_text(title, author, category, slug, now, authors, tags)
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as handle:
        handle.write(text)
    return target
