"""The whole import: read every source, check every article, then write them
all, or write nothing when any source can't be understood."""

import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings

from . import feed, html_page, text_capture
from .authors import AUTHORS_FILE, known_name, toml_block
from .detect import FEED, HTML, read_source
from .model import SourceError
from .summary import LIMIT, first_sentences, shorten
from .writer import existing_categories, existing_slugs, render, slug_for, write_atomically

FALLBACK_CATEGORY = "Uncategorized"


class Outcome:
    """What happened, for the summary at the end."""

    def __init__(self):
        self.imported, self.skipped, self.warnings, self.errors = [], [], [], []
        self.new_authors = {}


def run(source, *, root, year=None, author=None, category=None, force=False, out=None, err=None):
    """Import SOURCE (file or folder) into the site at `root`; return the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    root = Path(root)
    settings = read_settings(str(root / "pelicanconf.py"))
    timezone = ZoneInfo(settings["TIMEZONE"])
    content = Path(settings["PATH"])
    article_folders = [content / folder for folder in settings["ARTICLE_PATHS"]]
    authors = settings.get("AUTHORS_INFO") or {}
    outcome = Outcome()

    posts = []
    for path in _source_files(Path(source), outcome):
        try:
            posts.extend(_read(path, year=year, timezone=timezone))
        except SourceError as problem:
            outcome.errors.append(str(problem))

    topics = existing_categories(article_folders)
    for post in posts:
        _complete(
            post, author=author, category=category, authors=authors, topics=topics, outcome=outcome
        )

    if outcome.errors:
        for message in outcome.errors:
            print(f"error: {message}", file=err)
        print(
            f"Nothing was written: {len(outcome.errors)} problem(s) above. "
            "Fix or remove those files and run the import again.",
            file=err,
        )
        return 1

    existing = existing_slugs(article_folders, settings)
    planned = {}
    for post in posts:
        slug = slug_for(post.title, settings)
        target = existing.get(slug, article_folders[0] / f"{slug}.md")
        label = _label(post)
        if slug in planned:
            outcome.skipped.append(f"{label}: same slug {slug!r} as {_label(planned[slug][0])}")
        elif slug in existing and not force:
            outcome.skipped.append(
                f"{label}: {_shown(target)} already has slug {slug!r} (use --force to replace it)"
            )
        elif target.exists() and slug not in existing:
            outcome.skipped.append(f"{label}: {_shown(target)} exists and holds another article")
        else:
            planned[slug] = (post, target)

    for slug, (post, target) in planned.items():
        replaced = target.exists()
        write_atomically(target, render(post, slug))
        outcome.imported.append((post, target, replaced))
        outcome.warnings.extend(f"{_shown(target)}: {note}" for note in post.notes)

    _report(outcome, out)
    return 0


def _source_files(source, outcome):
    if not source.exists():
        outcome.errors.append(f"{source}: no such file or folder")
        return []
    if source.is_file():
        return [source]
    files = [p for p in sorted(source.iterdir()) if p.is_file() and not p.name.startswith(".")]
    if not files:
        outcome.errors.append(f"{source}: the folder has no files to import")
    return files


def _read(path, *, year, timezone):
    kind, text, data = read_source(path)
    saved = datetime.fromtimestamp(path.stat().st_mtime, timezone).replace(tzinfo=None)
    if kind == FEED:
        return feed.parse(path, data, timezone=timezone)
    if kind == HTML:
        return [html_page.parse(path, text, captured=saved, timezone=timezone, year=year)]
    return [text_capture.parse(path, text, captured=saved, year=year)]


def _complete(post, *, author, category, authors, topics, outcome):
    """Fill what the site requires, or record why the article can't be made."""
    label = _label(post)
    if author:
        post.author = known_name([author], authors) or author
    elif post.author:
        post.author = known_name([post.author, *post.other_names], authors) or post.author
        shorter = [n for n in post.other_names if n != post.author]
        if shorter:
            post.notes.append(
                f'Author: used the byline\'s "{post.author}" rather than "{shorter[0]}"'
            )
    if not post.author:
        outcome.errors.append(
            f'{label}: no author found; expected a "Writer:" line, a "By <name>, <credential>" '
            "byline or a feed author; pass --author NAME"
        )
        return
    if post.author not in authors:
        block = toml_block(post.author, post.credential, authors)
        outcome.new_authors.setdefault(post.author, block)

    if not post.category:
        post.category = category or FALLBACK_CATEGORY
        if not category:
            post.notes.append(
                f"Category: the source has none; wrote {FALLBACK_CATEGORY!r}: change it to one "
                f"of the site's topics ({', '.join(topics) or 'none yet'}) or pass --category"
            )
    post.tags = list(dict.fromkeys(t.lower() for t in post.tags if t))

    if post.modified and post.modified < post.date:
        post.notes.append("Modified: earlier than the publish date in the source; left out")
        post.modified = None
    if not post.summary:
        post.summary = first_sentences(post.body) or shorten(post.body[0].text)
    post.summary = shorten(post.summary, LIMIT)


def _label(post):
    return f"{post.source}" + (f" {post.origin}" if post.origin else "")


def _shown(path):
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _report(outcome, out):
    if outcome.imported:
        print(f"Imported {len(outcome.imported)}:", file=out)
        for post, target, replaced in outcome.imported:
            dates = post.date.strftime("%Y-%m-%d")
            if post.modified:
                dates += f", updated {post.modified:%Y-%m-%d}"
            verb = "replaced" if replaced else "new"
            print(f"  {_shown(target)} ({verb}) from {_label(post)}", file=out)
            print(f"      {post.title!r} by {post.author}, {dates}", file=out)
    if outcome.skipped:
        print(f"Skipped {len(outcome.skipped)}:", file=out)
        for message in outcome.skipped:
            print(f"  {message}", file=out)
    warnings = list(outcome.warnings)
    for name in outcome.new_authors:
        warnings.append(f"Author {name!r} is not in {AUTHORS_FILE}: add the block below")
    if warnings:
        print(f"Warnings {len(warnings)}:", file=out)
        for message in warnings:
            print(f"  {message}", file=out)
    if outcome.new_authors:
        print(
            f"\nAdd to {AUTHORS_FILE} (the build refuses articles by unknown authors; "
            "fill in the empty fields):\n",
            file=out,
        )
        print("\n\n".join(outcome.new_authors.values()), file=out)
        print(file=out)
    print(
        f"Done: {len(outcome.imported)} imported, {len(outcome.skipped)} skipped, "
        f"{len(warnings)} warnings.",
        file=out,
    )
