"""The whole import: read every source, check every article, download the
pictures, then put everything in place at once, or write nothing when any
source can't be understood.

Everything is first written into a folder beside content/ and only moved into
place at the end, so an import that stops half-way leaves the site as it was.
"""

import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlparse
from zoneinfo import ZoneInfo

from pelican.settings import read_settings
from pelican.utils import slugify

from . import feed, html_page, site, text_capture
from .authors import AUTHORS_FILE, known_name, toml_block
from .blocks import Block
from .detect import FEED, HTML, read_source
from .language import LANGUAGE_NAMES, address_path, decide, language_of
from .media import picture_bytes, with_picture_renamed, without_picture
from .model import EmptyPost, SourceError
from .redirects import REDIRECTS_FILE, read_redirects, redirects_text
from .summary import LIMIT, choose_summary, shorten
from .writer import (
    existing_categories,
    existing_slugs,
    old_path,
    read_header,
    render,
    slug_for,
    wix_slug,
)

FALLBACK_CATEGORY = "Uncategorized"
# Wix's slug of a title: lowercase words joined by "-", punctuation dropped.
WIX_SLUG_RULE = [(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")]
# A site's address without its scheme: "www.example.com", "example.com/blog" (not a file name).
HOST = re.compile(
    r"^(?:[a-z0-9-]+\.)+(?!(?:xml|html?|txt|md|rss|atom)\b)[a-z]{2,}(?::\d+)?(?:/\S*)?$"
    r"|^(?:\d{1,3}\.){3}\d{1,3}:\d+(?:/\S*)?$",
    re.IGNORECASE,
)
REPORT_FILE = "wix-import-report.txt"
SHOWN_PER_KIND = 3
# What a person must look at after an import, in the order the report shows it.
TODO_KINDS = {
    "unpublished": "posts in a language the site does not publish (not imported)",
    "empty": "posts without text (not imported)",
    "language": "posts whose language is stated twice, differently (or not as --lang)",
    "translation": "translations that could not be linked",
    "author": "authors to add to authors.toml",
    "co-author": "second writers the site can't show as authors",
    "topic": "categories that are not site topics",
    "date": "dates whose year was guessed",
    "missing": "pictures that could not be downloaded",
    "alt": "pictures that need alt text",
    "cover": "cover pictures that need Image_alt",
    "picture": "captions of pictures a text capture does not hold",
    "video": "videos and audio to check (download those hosted by Wix)",
    "embed": "embeds kept as a plain link",
    "file": "files stored on Wix (download them)",
    "old-site": "links to other pages of the old site",
    "address": "posts whose old address is unknown (text captures)",
    "left": "embeds left out",
    "link": "links that had no https:// and got it",
}


@dataclass
class Outcome:
    """What happened, for the short report and the full one."""

    imported: list = field(default_factory=list)  # (post, target, replaced)
    skipped: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    todo: list = field(default_factory=list)  # items a person must look at
    detail: list = field(default_factory=list)  # everything else worth knowing
    new_authors: dict = field(default_factory=dict)
    topics: list = field(default_factory=list)  # the site's topics
    images: int = 0
    unpublished: int = 0  # posts left out: not in a language of the site's, or no text


def parse_map(pairs, option):
    """["a=b", ...] -> {"a": "b"}; SystemExit naming the option when malformed."""
    found = {}
    for pair in pairs or ():
        source, equals, target = pair.partition("=")
        if not equals or not source.strip() or not target.strip():
            raise SystemExit(f'{option}: expected "Wix name=Site name", not {pair!r}')
        found[source.strip()] = target.strip()
    return found


def run(
    source,
    *,
    root,
    year=None,
    author=None,
    category=None,
    force=False,
    publish=False,
    author_map=None,
    category_map=None,
    add_authors=False,
    lang=None,
    out=None,
    err=None,
):
    """Import SOURCE (a file, a folder or a Wix site's address) into the site
    at `root`; return the exit status."""
    out, err = out or sys.stdout, err or sys.stderr
    root = Path(root)
    if not site.is_address(source) and not Path(source).exists() and HOST.match(str(source)):
        source = f"https://{source}"  # "www.old-practice.com", typed without https://
    settings = read_settings(str(root / "pelicanconf.py"))
    timezone = ZoneInfo(settings["TIMEZONE"])
    content = Path(settings["PATH"])
    article_folders = [content / folder for folder in settings["ARTICLE_PATHS"]]
    authors = settings.get("AUTHORS_INFO") or {}
    redirects_path = content / REDIRECTS_FILE
    redirects = read_redirects(redirects_path)
    outcome = Outcome()
    if lang:  # the language of posts whose source states none (--lang)
        site_languages = settings.get("LANGUAGES") or {settings["DEFAULT_LANG"]: {}}
        lang = language_of(lang) or lang
        if lang not in site_languages:
            outcome.errors.append(
                f"--lang {lang!r} is not one of the site's languages "
                f"({', '.join(site_languages)}) — choose one of them, or add it to LANGUAGES "
                "in pelicanconf.py"
            )
            return _refuse(outcome, err)

    try:
        posts = _read_all(
            source,
            year=year,
            timezone=timezone,
            redirects=redirects,
            content=content,
            force=force,
            outcome=outcome,
            err=err,
        )
    except SourceError as problem:
        outcome.errors.append(str(problem))
        posts = []

    topics = outcome.topics = existing_categories(article_folders)
    maps = {"author": author_map or {}, "category": category_map or {}}
    for post in posts:
        _complete(
            post,
            author=author,
            category=category,
            authors=authors,
            topics=topics,
            maps=maps,
            outcome=outcome,
        )

    if outcome.errors:
        return _refuse(outcome, err)

    posts = _languages(posts, settings=settings, outcome=outcome, chosen=lang)
    existing = existing_slugs(article_folders, settings)
    _link_translations(
        posts, settings=settings, redirects=redirects, content=content, existing=existing
    )
    default = settings["DEFAULT_LANG"]
    known_files = {os.path.relpath(p, content) for p in existing.values()}
    own_slugs = {_own_slug(p, settings) for p in posts if not p.lang}
    planned = {}
    for post in posts:
        slug = post.translation_of or _own_slug(post, settings)
        if (
            post.lang
            and not post.translation_of
            and ((default, slug) in existing or slug in own_slugs)
        ):
            # Pelican would take it for the translation of the article with that slug.
            post.notes.append(
                f"Slug: {slug!r} is the slug of a {LANGUAGE_NAMES.get(default, default)} "
                f"article it is not a translation of; this one is {slug}-{post.lang}"
            )
            slug = f"{slug}-{post.lang}"
        key = (post.lang or default, slug)
        if key in planned and _another_post_of_that_title(post, planned[key][0]):
            # A yearly "Holiday Hours": Wix gives the second post "-1", the third "-2".
            number = 1
            while (key[0], f"{slug}-{number}") in planned:
                number += 1
            post.notes.append(
                f"Slug: {_label(planned[key][0])} has the same title; this one is {slug}-{number}"
            )
            slug = f"{slug}-{number}"
            key = (key[0], slug)
        folder = article_folders[0] / post.lang if post.lang else article_folders[0]
        target = existing.get(key, folder / f"{slug}.md")
        label = _label(post)
        previous = redirects.get(old_path(post)) if old_path(post) else None
        if key in planned:
            outcome.skipped.append(f"{label}: same slug {slug!r} as {_label(planned[key][0])}")
        elif previous in known_files and not force:
            outcome.skipped.append(f"{label}: already imported as content/{previous}")
        elif key in existing and not force:
            outcome.skipped.append(
                f"{label}: {_shown(target)} already has slug {slug!r} (use --force to replace it)"
            )
        elif target.exists() and key not in existing:
            outcome.skipped.append(f"{label}: {_shown(target)} exists and holds another article")
        else:
            planned[key] = (post, target)

    # Old slug -> article file, for links between posts (this run's and earlier ones').
    # ("/es/post/x": Wix Multilingual's language folder.)
    article_files = {path.split("/post/", 1)[-1]: file for path, file in redirects.items()}
    for post, target in planned.values():
        if wix_slug(post):
            article_files[wix_slug(post)] = os.path.relpath(target, content)

    staging = Path(tempfile.mkdtemp(prefix=".wix-import-", dir=root))
    try:
        moves = _stage(
            planned,
            staging,
            content=content,
            redirects=redirects,
            redirects_path=redirects_path,
            article_files=article_files,
            publish=publish,
            add_authors=add_authors,
            outcome=outcome,
            root=root,
        )
        if outcome.errors:
            return _refuse(outcome, err)
        for staged, destination in moves:
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, destination)
    finally:
        shutil.rmtree(staging, ignore_errors=True)

    _report(outcome, out, root / REPORT_FILE, add_authors=add_authors, publish=publish)
    return 0


def _read_all(source, *, year, timezone, redirects, content, force, outcome, err):
    """Every post of the source; pages of a site or of an excerpt-only feed are
    fetched (a post imported before is not fetched again unless --force)."""
    if site.is_address(source):
        addresses = site.post_addresses(str(source))
        host = urlparse(str(source)).netloc
        if not force:
            done = {p for p, f in redirects.items() if (content / f).is_file()}
            before = len(addresses)
            addresses = [a for a in addresses if _path_of(a) not in done]
            if before - len(addresses):
                outcome.skipped.append(
                    f"{before - len(addresses)} post(s) already imported (use --force to "
                    "import them again)"
                )
        pages = site.fetch_all(addresses, label="Fetching posts", stream=err)
        posts = [
            _page_post(a, pages[a], timezone=timezone, hosts={host}, outcome=outcome)
            for a in addresses
        ]
        return [p for p in posts if p is not None]

    posts = []
    for path in _source_files(Path(source), outcome):
        empty = []  # posts without text: listed, the others imported
        try:
            posts.extend(_read(path, year=year, timezone=timezone, empty=empty))
        except EmptyPost as problem:
            empty.append(problem)
        except SourceError as problem:
            outcome.errors.append(str(problem))
        for problem in empty:
            outcome.todo.append(("empty", str(problem)))
            outcome.unpublished += 1
    excerpts = [p for p in posts if p.needs_page]
    if excerpts:
        pages = site.fetch_all(
            [p.old_url for p in excerpts], label="Fetching post pages", stream=err
        )
        for index, post in enumerate(posts):
            if post.needs_page:
                posts[index] = _completed_from_page(post, pages[post.old_url], timezone, outcome)
    return [p for p in posts if p is not None]


def _path_of(address):
    return unquote(urlparse(address).path).rstrip("/")


def _page_post(address, page, *, timezone, hosts, outcome):
    if isinstance(page, Exception):
        outcome.errors.append(f"{page}; nothing was imported (run again when it answers)")
        return None
    text = page.decode("utf-8", errors="replace")
    try:
        now = datetime.now(timezone).replace(tzinfo=None)
        return html_page.parse(
            address, text, captured=now, timezone=timezone, url=address, blog_hosts=hosts
        )
    except EmptyPost as problem:
        outcome.todo.append(("empty", str(problem)))
        outcome.unpublished += 1
        return None
    except SourceError as problem:
        outcome.errors.append(str(problem))
        return None


def _completed_from_page(entry, page, timezone, outcome):
    """An excerpt-only feed entry, with its text from the post's page."""
    if isinstance(page, Exception):
        outcome.errors.append(
            f"{entry.source} {entry.origin}: the feed carries only an excerpt and the post's "
            f"page could not be read ({page}); import again when the site can be reached, "
            "or save the post pages as HTML and import those"
        )
        return None
    post = _page_post(
        entry.old_url,
        page,
        timezone=timezone,
        hosts={urlparse(entry.old_url).netloc},
        outcome=outcome,
    )
    if post is None:
        return None
    post.date, post.modified = entry.date, entry.modified or post.modified
    post.category = post.category or entry.category
    post.tags = post.tags or entry.tags
    post.author = post.author or entry.author
    post.teaser = post.teaser or entry.teaser
    post.statements += entry.statements  # a feed's <language>, after the page's own
    if post.cover is None and entry.cover is not None:
        post.cover = post.found.image(entry.cover.url, entry.cover.alt)
    return post


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


def _read(path, *, year, timezone, empty):
    kind, text, data = read_source(path)
    saved = datetime.fromtimestamp(path.stat().st_mtime, timezone).replace(tzinfo=None)
    if kind == FEED:
        return feed.parse(path, data, timezone=timezone, empty=empty)
    if kind == HTML:
        return [html_page.parse(path, text, captured=saved, timezone=timezone, year=year)]
    return [text_capture.parse(path, text, captured=saved, year=year)]


def _complete(post, *, author, category, authors, topics, maps, outcome):
    """Fill what the site requires, or record why the article can't be made."""
    label = _label(post)
    if author:
        post.author = known_name([author], authors) or author
    elif post.author:
        mapped = maps["author"].get(post.author)
        names = [mapped] if mapped else [post.author, *post.other_names]
        post.author = known_name(names, authors) or names[0]
        shorter = [n for n in post.other_names if n != post.author]
        if shorter and not mapped:
            post.notes.append(
                f'Author: used the byline\'s "{post.author}" rather than "{shorter[0]}"'
            )
    if not post.author:
        outcome.errors.append(
            f'{label}: no author found; expected a "Writer:" line, a "By <name>, <credential>" '
            'byline or a feed author; pass --author NAME or --author-map "wix-name=Site Name"'
        )
        return
    if post.author not in authors:
        outcome.new_authors.setdefault(
            post.author, toml_block(post.author, post.credential, authors)
        )

    post.source_category = post.category
    if post.category in maps["category"]:
        post.category = maps["category"][post.category]
    if not post.category:
        post.category = category or FALLBACK_CATEGORY
    if post.category not in topics:
        post.notes.append(
            f"TODO Category {post.category!r} is not one of the site's topics "
            f"({', '.join(topics) or 'none yet'}): change it, or pass "
            f'--category-map "{post.source_category or post.category}=Topic"'
        )
    post.tags = list(dict.fromkeys(t.lower() for t in post.tags if t))

    if post.modified and post.modified < post.date:
        post.notes.append("Modified: earlier than the publish date in the source; left out")
        post.modified = None
    elif post.modified and post.modified.date() == post.date.date():
        # Wix shows "Updated" for a same-day edit; the site would print the date twice.
        post.modified = None
        post.notes = [note for note in post.notes if not note.startswith("Modified:")]
    post.summary = shorten(
        post.summary or choose_summary([post.teaser], post.body) or post.body[0].text, LIMIT
    )


def _stage(
    planned,
    staging,
    *,
    content,
    redirects,
    redirects_path,
    article_files,
    publish,
    add_authors,
    outcome,
    root,
):
    """Write every file into `staging`; return (staged, destination) pairs."""
    moves = []
    downloads = {}
    for key, (post, _target) in planned.items():
        for image in post.found.images if post.found else ():
            downloads.setdefault(image.url, []).append((key, image))
    results = site.fetch_all(list(downloads), label="Fetching pictures") if downloads else {}

    table = dict(redirects)
    for key, (post, target) in planned.items():
        slug = key[1]  # a post and its translation share it, and their pictures' folder
        shown = _shown(target)
        failed = set()
        for url, uses in downloads.items():
            for use_key, image in uses:
                if use_key != key:
                    continue
                data = results[url]
                if isinstance(data, Exception):
                    failed.add(image.filename)
                    outcome.todo.append(
                        ("missing", f"{shown}: picture not downloaded, left out ({data})")
                    )
                    continue
                picture = picture_bytes(data)
                if picture is None:
                    failed.add(image.filename)
                    outcome.todo.append(
                        (
                            "missing",
                            f"{shown}: {url} did not send a picture the site can publish; left out",
                        )
                    )
                    continue
                data, suffix = picture
                if Path(image.filename).suffix.lower().replace(".jpeg", ".jpg") != suffix:
                    renamed = _renamed(image.filename, suffix, post.found.images)
                    post.body = [
                        Block(
                            b.kind,
                            with_picture_renamed(b.markdown, image.filename, renamed),
                            b.text,
                        )
                        for b in post.body
                    ]
                    outcome.detail.append(
                        f"{shown}: {image.filename} is a {suffix} picture: saved as {renamed}"
                    )
                    image.filename = renamed
                staged = staging / "images" / slug / image.filename
                if not staged.exists():  # the same picture in both languages: once
                    staged.parent.mkdir(parents=True, exist_ok=True)
                    staged.write_bytes(data)
                    moves.append((staged, content / "images" / slug / image.filename))
                    outcome.images += 1
                if not image.alt and image is not post.cover:
                    outcome.todo.append(
                        (
                            "alt",
                            f"{shown}: picture {image.filename} needs alt text "
                            "(replace 'TODO: describe this image')",
                        )
                    )
        if post.cover is not None and post.cover.filename in failed:
            post.cover = None
        for name in failed:  # the picture goes; the text around it stays
            post.body = [
                Block(b.kind, without_picture(b.markdown, name), b.text) for b in post.body
            ]
            post.body = [b for b in post.body if b.markdown]
        if post.cover is not None and not post.cover.alt:
            outcome.todo.append(("cover", f"{shown}: Image_alt: describe the cover picture"))
        for video in post.found.videos if post.found else ():
            where = (
                "hosted by Wix: download it before the Wix account closes"
                if video.on_wix
                else "kept as a link"
            )
            outcome.todo.append(("video", f"{shown}: {video.kind.lower()} {video.url} ({where})"))
        for written, fixed in post.found.fixed_links if post.found else ():
            outcome.todo.append(("link", f"{shown}: link {written!r} had no https://; now {fixed}"))
        for embed in post.found.embeds if post.found else ():
            outcome.todo.append(
                ("embed", f"{shown}: embedded {embed.source} is now a link to {embed.url}")
            )
        for address in dict.fromkeys(post.found.old_site_links if post.found else ()):
            outcome.todo.append(
                (
                    "old-site",
                    f"{shown}: links to {address}, a page of the old site: point it to this "
                    "site's page, or remove the link",
                )
            )
        for address in post.found.wix_files if post.found else ():
            outcome.todo.append(
                (
                    "file",
                    f"{shown}: {address} is a file stored on Wix: download it before the Wix "
                    "account closes, put it in content/ and link to it",
                )
            )
        if not post.old_url:
            guess = slugify(post.title, regex_subs=WIX_SLUG_RULE, use_unicode=True)
            outcome.todo.append(
                (
                    "address",
                    f"{shown}: its old address is not in the capture (probably /post/{guess}): "
                    f'check it on the old site and add `"/post/..." = '
                    f'"{os.path.relpath(target, content)}"` to content/{REDIRECTS_FILE}, or '
                    "paste the address as the capture's first line and import again",
                )
            )
        for left in post.found.left_out if post.found else ():
            outcome.todo.append(("left", f"{shown}: {left} was left out"))
        for note in post.notes:
            # A guessed year or a category the site lacks needs a person; the rest is detail.
            message = f"{shown}: {note.removeprefix('TODO ')}"
            kind = note.split()[1].rstrip(":") if note.startswith("TODO ") else ""
            if kind in TODO_KINDS:
                outcome.todo.append((kind, message))
            elif note.startswith("TODO "):
                outcome.todo.append(("topic", message))
            elif note.startswith("Date:"):
                outcome.todo.append(("date", message))
            else:
                outcome.detail.append(message)

        status = "published" if publish else "draft"
        text = render(post, slug, status=status, article_files=article_files)
        staged = staging / "content" / os.path.relpath(target, content)  # es/ kept apart
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_text(text, encoding="utf-8", newline="\n")
        moves.append((staged, target))
        outcome.imported.append((post, target, target.exists()))
        if old_path(post):
            table[old_path(post)] = os.path.relpath(target, content)

    if table != redirects:
        staged = staging / "redirects.toml"
        staged.write_text(redirects_text(table), encoding="utf-8", newline="\n")
        moves.append((staged, redirects_path))
    if add_authors and outcome.new_authors:
        authors_path = root / AUTHORS_FILE
        current = authors_path.read_text(encoding="utf-8") if authors_path.exists() else ""
        staged = staging / "authors.toml"
        blocks = "\n\n".join(outcome.new_authors.values())
        staged.write_text(current.rstrip("\n") + "\n\n" + blocks + "\n", encoding="utf-8")
        moves.append((staged, authors_path))
    return moves


def _renamed(filename, suffix, images):
    """`filename` with the suffix its bytes call for, not taken by another picture."""
    stem = filename.rsplit(".", 1)[0]
    taken = {i.filename for i in images}
    candidate, number = f"{stem}{suffix}", 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}{suffix}", number + 1
    return candidate


def _languages(posts, *, settings, outcome, chosen=None):
    """Each post's language, from what its source states (language.py's RULE), else
    `chosen` (--lang), else the default; a source that states another language than
    `chosen` wins, and is reported. A post in a language the site does not publish is
    left out and listed with what to do."""
    default = settings["DEFAULT_LANG"]
    languages = settings.get("LANGUAGES") or {default: {}}
    kept = []
    for post in posts:
        lang, described, notes = decide(post.statements)
        post.notes += notes
        if chosen and not lang:
            lang, described = chosen, f"--lang {chosen}"
        elif chosen and lang != chosen:
            post.notes.append(
                f"TODO language: {described} says {lang!r}, not --lang {chosen!r}; imported "
                f"as {lang!r} (what the page states wins): check the text, and correct "
                "`Lang:` if it is wrong"
            )
        if lang and lang not in languages:
            name = LANGUAGE_NAMES.get(lang, lang)
            outcome.unpublished += 1
            outcome.todo.append(
                (
                    "unpublished",
                    f"{_label(post)} ({post.title!r}) is in {name} ({described}), and the "
                    f"site publishes only {', '.join(languages)}: it was not imported. To "
                    f"bring it in, add {lang!r} to LANGUAGES in pelicanconf.py with its "
                    "template catalog (README: Articles and pages in Spanish) and import "
                    "again; if the page is wrong about its language, correct its lang "
                    "attribute in the saved page",
                )
            )
            continue
        post.lang = "" if lang in ("", default) else lang
        kept.append(post)
    return kept


def _link_translations(posts, *, settings, redirects, content, existing):
    """A post in another language and its default-language version, when the source's
    hreflang alternates link them (either way round), share the default one's slug:
    Pelican's translation id (ARTICLE_TRANSLATION_ID), so the site links the two."""
    default = settings["DEFAULT_LANG"]
    originals = {address_path(p.old_url): p for p in posts if not p.lang and p.old_url}
    in_run = {address_path(p.old_url) for p in posts if p.old_url}
    taken = {}
    for post in posts:
        if not post.lang:
            continue
        own = address_path(post.old_url) if post.old_url else None
        named = post.alternates.get(default, "")
        original = originals.get(address_path(named)) if named else None
        original = original or next(
            (p for p in originals.values() if own and _alternate(p, post.lang) == own), None
        )
        if original is not None:
            slug = _own_slug(original, settings)
            source = _label(original)
        elif named and (earlier := _earlier(named, redirects, content)):
            slug, source = earlier
        else:
            if named:
                post.notes.append(
                    f"Translation: its {LANGUAGE_NAMES.get(default, default)} version "
                    f"{named} was not imported; import it too and the two are linked"
                )
            continue
        # Another file may already be that version (this post's own earlier import is not).
        holder = existing.get((post.lang, slug))
        if holder is not None and os.path.relpath(holder, content) == redirects.get(old_path(post)):
            holder = None
        if (post.lang, slug) in taken or holder is not None:
            first = _label(taken[post.lang, slug]) if holder is None else _shown(holder)
            post.notes.append(
                f"TODO translation: {first} is already the {post.lang!r} version of "
                f"{source}; this one was imported on its own (keep one of the two)"
            )
            continue
        taken[post.lang, slug] = post
        post.translation_of = slug
    # A default-language post whose translation is not in this import: say so, and how
    # to link one that came in an earlier import with a slug of its own.
    languages = settings.get("LANGUAGES") or {default: {}}
    for post in originals.values():
        elsewhere = sorted(lang for lang in post.alternates if lang not in languages)
        if elsewhere:
            post.notes.append(
                f"Translation: the old site also has it in {', '.join(elsewhere)}, languages "
                "this site does not publish (not imported)"
            )
        slug = _own_slug(post, settings)
        for lang, address in post.alternates.items():
            if lang == default or lang not in languages or address_path(address) in in_run:
                continue
            earlier = redirects.get(address_path(address))
            if not earlier or not (content / earlier).is_file():
                post.notes.append(
                    f"Translation: its {LANGUAGE_NAMES.get(lang, lang)} version {address} "
                    "was not imported; import it too and the two are linked"
                )
            else:
                other = read_header(content / earlier)
                if other.get("lang") == lang and other.get("slug") != slug:
                    post.notes.append(
                        f"TODO translation: content/{earlier} is its {lang!r} version: give "
                        f"that file `Slug: {slug}` (and rename it {lang}/{slug}.md, with its "
                        "line in content/data/redirects.toml) to link the two"
                    )


def _another_post_of_that_title(post, other):
    """Two posts (captures: no old address tells them apart) with one title but
    different text; the same text twice is one post captured twice."""
    if post.old_url or other.old_url:
        return False
    return [b.text for b in post.body] != [b.text for b in other.body]


def _own_slug(post, settings):
    """The slug a post gets from its old address (or title), before any translation link."""
    return slug_for(wix_slug(post) or post.title, settings)


def _alternate(post, lang):
    address = post.alternates.get(lang)
    return address_path(address) if address else None


def _earlier(address, redirects, content):
    """(slug, file) of the article an earlier import made from `address`, or None."""
    earlier = redirects.get(address_path(address))
    if not earlier or not (content / earlier).is_file():
        return None
    header = read_header(content / earlier)
    return header.get("slug") or Path(earlier).stem, f"content/{earlier}"


def _refuse(outcome, err):
    for message in outcome.errors:
        print(f"error: {message}", file=err)
    print(
        f"Nothing was written: {len(outcome.errors)} problem(s) above. "
        "Fix or remove those sources and run the import again.",
        file=err,
    )
    return 1


def _label(post):
    return f"{post.source}" + (f" {post.origin}" if post.origin else "")


def _shown(path):
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _report(outcome, out, report_path, *, add_authors, publish=False):
    """Counts and the items that need a person on screen; everything in the file."""
    todo = list(outcome.todo)
    for name in outcome.new_authors:
        if add_authors:
            message = f"Author {name!r} was added to {AUTHORS_FILE}: fill in its empty fields"
        else:
            message = (
                f"Author {name!r} is not in {AUTHORS_FILE}: add the block from "
                f"{REPORT_FILE}, or run again with --add-authors"
            )
        todo.append(("author", message))
    lines = [
        f"Imported {len(outcome.imported)} article(s) and {outcome.images} picture(s); "
        f"skipped {len(outcome.skipped) + outcome.unpublished}; {len(todo)} item(s) need a "
        "person.",
    ]
    full = [*lines, "", "Articles:"]
    for post, target, replaced in outcome.imported:
        verb = "replaced" if replaced else "new"
        full.append(
            f"  {_shown(target)} ({verb}) from {_label(post)}: {post.title!r} by "
            f"{post.author}, {post.date:%Y-%m-%d}"
        )
    full += ["", "Skipped:", *(f"  {s}" for s in outcome.skipped)]
    full += ["", "Needs a person:", *(f"  {message}" for _, message in todo)]
    full += ["", "Details:", *(f"  {d}" for d in outcome.detail)]
    if outcome.new_authors:
        full += [
            "",
            f"Blocks for {AUTHORS_FILE} (fill in the empty fields):",
            "",
            "\n\n".join(outcome.new_authors.values()),
        ]
    report_path.write_text("\n".join(full) + "\n", encoding="utf-8")

    # On screen, each kind of item in full when there are a few, else counted.
    for kind, label in TODO_KINDS.items():
        messages = [message for found, message in todo if found == kind]
        if kind == "topic" and messages:
            # Counted over the posts written, not those skipped (already imported, same slug).
            written = Counter(
                post.category
                for post, _, _ in outcome.imported
                if post.category not in outcome.topics
            )
            named = ", ".join(f"{name!r} ({n})" for name, n in written.most_common())
            lines.append(
                f"  - posts in categories that are not site topics: {named}; the site's "
                f"topics are {', '.join(outcome.topics) or 'none yet'}: change them, or import "
                'with --category-map "Category=Topic"'
            )
        elif len(messages) <= SHOWN_PER_KIND:
            lines += [f"  - {message}" for message in messages]
        else:
            lines.append(f"  - {len(messages)} {label} (listed in the report)")
    for message in outcome.skipped[:5]:
        lines.append(f"  skipped: {message}")
    lines.append(
        f"Full report: {_shown(report_path)}. "
        + (
            "The new articles are published: review them before the next publish."
            if publish
            else "New articles are drafts until you review them (or import with --publish)."
        )
    )
    print("\n".join(lines), file=out)
