"""Markdown with typography done while reading, so Pelican's content cache keeps it
(README, "What keeps the build fast").

Pelican's own TYPOGRIFY runs after its cache, on every build, for every file. This
reader (`readers_init`) typesets the body, the title and the summary as it reads them,
exactly as TYPOGRIFY would (TYPOGRIFY_DASHES, _IGNORE_TAGS, _OMIT_FILTERS), so the cache
holds typeset HTML. Pelican's TYPOGRIFY must stay off: typesetting twice changes the HTML.

Pelican's cache is keyed by file only and written in place. A record beside it holds a
fingerprint of all else that shapes the HTML (settings, libraries, code) and the sha256
of each cache file: a new fingerprint or an interrupted write makes the next build read
every file afresh, and a cache file altered since (Pelican would publish whatever HTML it
unpickles) is deleted first. Builds sharing a cache folder take turns.

Other plugins hand this reader their work on each file (`read_along`: a measure kept in
the metadata; `rewrite_along`: a change to the body HTML), so the cache keeps their
results too and no plugin touches Pelican's private copy of the HTML; their code files
and libraries are part of the fingerprint.
"""

import fcntl
import hashlib
import inspect
import json
import logging
import os
from html import escape
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

import smartypants
from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import CachingGenerator
from pelican.readers import MarkdownReader
from selectolax.lexbor import LexborHTMLParser
from typogrify.filters import amp, caps, initial_quotes, process_ignores, widont

logger = logging.getLogger(__name__)

# The Pelican releases this site is tested with: its reader and cache settings.
TESTED_PELICAN = "4.12."
# What the cache files in CACHE_PATH were made with, and their sha256, present only while
# they are complete.
RECORD_FILE = "typeset_markdown.fingerprint"
LOCK_FILE = "typeset_markdown.lock"
# Cache folders whose lock this process holds: {folder: open lock file}.
_held_locks = {}
# What other plugins have the reader do with each file it reads (read_along):
# {metadata key: (measure, code files, library names, of the rewritten HTML)}.
READ_ALONG = {}
# How other plugins have the reader change each file's body HTML (rewrite_along):
# {metadata key: (rewrite, code files, library names)}.
REWRITE_ALONG = {}
DASHES = {
    "default": smartypants.Attr.set1,
    "oldschool": smartypants.Attr.set2,
    "oldschool_inverted": smartypants.Attr.set3,
}
# Settings a cached reading depends on: the HTML, and the tags, category and authors
# (Pelican keeps their slug and address settings inside each cached object). And the
# content folder: Pelican never drops an entry, so a build of another folder (the tests'
# fixture site) starts the cache afresh instead of adding to it.
SHAPING_SETTINGS = [
    "PATH", "MARKDOWN", "FORMATTED_FIELDS", "TYPOGRIFY_DASHES", "TYPOGRIFY_IGNORE_TAGS",
    "TYPOGRIFY_OMIT_FILTERS", "SLUG_REGEX_SUBSTITUTIONS", "SLUGIFY_PRESERVE_CASE",
    "SLUGIFY_USE_UNICODE",
    *(f"{kind}_{part}" for kind in ("CATEGORY", "TAG", "AUTHOR")
      for part in ("URL", "SAVE_AS", "REGEX_SUBSTITUTIONS")),
]  # fmt: skip


class SettingsError(SystemExit):
    """A setting this plugin cannot work with: the message, without a traceback."""


def typesetter(settings):
    """typogrify as Pelican's TYPOGRIFY runs it (same filters, same order), with the
    smartypants style passed to each call instead of set process-wide."""
    filters = {
        "amp": amp,
        "smartypants": lambda text: smartypants.smartypants(text, attr),
        "caps": caps,
        "initial_quotes": initial_quotes,
        "widont": widont,
    }
    omitted = settings["TYPOGRIFY_OMIT_FILTERS"]
    unknown = sorted(set(omitted) - set(filters))
    if unknown:
        raise SettingsError(
            f"pelicanconf.py: TYPOGRIFY_OMIT_FILTERS: unknown filter {', '.join(unknown)} "
            f"— use only {', '.join(filters)}"
        )
    attr = DASHES.get(settings["TYPOGRIFY_DASHES"], smartypants.Attr.set1)
    # Also curl the &quot; entities some HTML already holds, as Pelican asks smartypants to.
    attr |= smartypants.Attr.w
    applied = [apply for name, apply in filters.items() if name not in omitted]
    ignore_tags = settings["TYPOGRIFY_IGNORE_TAGS"]

    def typeset_piece(text):
        for apply in applied:
            text = apply(text)
        return text

    def typeset(html):
        pieces = process_ignores(brackets_escaped_in_attributes(html), ignore_tags)
        return "".join(typeset_piece(text) if process else text for text, process in pieces)

    return typeset


class StartTags(HTMLParser):
    """Each start tag's text as written, with its name and attributes."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((self.get_starttag_text(), tag, attrs))

    handle_startendtag = handle_starttag


def brackets_escaped_in_attributes(html):
    """The HTML with < and > inside attribute values written &lt; and &gt;. Authors may
    write them (<abbr title="a > b">) and browsers accept them, but smartypants and
    typogrify split HTML at every < and >: such a tag would be cut in two, its rest
    curled into visible text (a broken image, a stray ”> on the page)."""

    def has_brackets(values):
        return any(value and ("<" in value or ">" in value) for value in values)

    nodes = LexborHTMLParser(html).root.traverse()
    if not has_brackets(value for node in nodes for value in node.attributes.values()):
        return html  # nearly always: one quick parse, the HTML as it was
    for written, tag, attrs in StartTags(html).found:
        if has_brackets(value for _, value in attrs):
            rewritten = "".join(
                f" {name}" if value is None else f' {name}="{escape(value)}"'
                for name, value in attrs
            )
            closing = " />" if written.endswith("/>") else ">"
            html = html.replace(written, f"<{tag}{rewritten}{closing}")
    return html


def read_along(key, measure, files=(), libraries=(), rewritten=False):
    """Have `measure(text, html, metadata)` run on each Markdown file the reader reads
    (`text`: the source, `html` and `metadata`: what the reader made of it: the typeset
    HTML, or with `rewritten` the HTML after the rewrite_along rewrites, as Pelican gets
    it); its result, a plain picklable value, becomes `metadata[key]` and is kept in
    Pelican's cache. `files` (code, data) and `libraries` (distribution names) shape that
    result: a change to one of them makes every file read afresh."""
    READ_ALONG[key] = (measure, [str(f) for f in files], list(libraries), rewritten)


def rewrite_along(key, rewrite, files=(), libraries=()):
    """Have `rewrite(html, metadata, settings)` change the body HTML of each Markdown file
    the reader reads (`metadata`: what the reader made of its header, e.g. its `lang`),
    after typesetting and after the read_along measures (they see the HTML as Markdown
    and typogrify made it); Pelican gets, and caches, the rewritten HTML. The reader sets
    `metadata[key] = True`, so the plugin can tell a file this reader did not read.
    `files` and `libraries` as for read_along."""
    REWRITE_ALONG[key] = (rewrite, [str(f) for f in files], list(libraries))


NOT_READ = "this file was not read by typeset_markdown's Markdown reader"
NOT_READ_FIX = (
    'list "typeset_markdown" in PLUGINS (pelicanconf.py) and write the file in Markdown (.md)'
)


def report_not_read(content, field, so):
    """For a read_along/rewrite_along plugin meeting an article or page without its
    metadata key: log which file, what it misses (`so`) and the fix; `--fatal warnings`
    stops the build with this text."""
    if isinstance(content, (Article, Page)):
        logger.error(
            "%s: %s: %s, so %s — %s",
            content.relative_source_path,
            field,
            NOT_READ,
            so,
            NOT_READ_FIX,
        )


class TypesetMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with the body, title and summary typeset, and what
    other plugins measure of each file (read_along) in its metadata."""

    def __init__(self, settings):
        super().__init__(settings)
        self.typeset = typesetter(self.settings)

    def read(self, source_path):
        content, metadata = super().read(source_path)
        if content:
            content = self.typeset(content)
        for name in ("title", "summary"):
            if isinstance(metadata.get(name), str):
                metadata[name] = self.typeset(metadata[name])
        text = Path(source_path).read_text(encoding="utf-8-sig") if READ_ALONG else ""
        self.measure(text, content, metadata, rewritten=False)
        for key, (rewrite, _, _) in REWRITE_ALONG.items():
            content = rewrite(content, metadata, self.settings) if content else content
            metadata[key] = True
        self.measure(text, content, metadata, rewritten=True)
        return content, metadata

    @staticmethod
    def measure(text, html, metadata, rewritten):
        for key, (measure, _, _, of_rewritten) in READ_ALONG.items():
            if of_rewritten == rewritten:
                metadata[key] = measure(text, html, metadata)


def use_typeset_reader(readers):
    if readers.settings["TYPOGRIFY"]:
        raise SettingsError(
            "pelicanconf.py: TYPOGRIFY: the typeset_markdown plugin already applies "
            "typogrify — set TYPOGRIFY = False (typesetting twice changes the HTML)"
        )
    for extension in MarkdownReader.file_extensions:
        readers.reader_classes[extension] = TypesetMarkdownReader


def fingerprint(settings):
    """A digest of everything a cached reading depends on besides the file itself."""
    # Pelican's Markdown reader completes MARKDOWN in place (its extension list) when
    # the first one is made: complete it now, so the digest is the same before and after.
    MarkdownReader(settings)
    shaping = [(name, settings.get(name)) for name in SHAPING_SETTINGS]
    names = {"pelican", "markdown", "typogrify", "smartypants"}
    files = {__file__}
    for kind, hooks in (("read along", READ_ALONG), ("rewrite along", REWRITE_ALONG)):
        for key, (_, its_files, its_libraries, *_) in sorted(hooks.items()):
            names.update(its_libraries)
            files.update(its_files)
            shaping.append((kind, key))
    files.update(code_held_by(settings))
    libraries = [(name, version(name)) for name in sorted(names)]
    code = b"".join(Path(name).read_bytes() for name in sorted(files))
    return hashlib.sha256(repr([shaping, libraries]).encode() + code).hexdigest()


def code_held_by(settings):
    """The files of the functions and classes the settings hold (JINJA_FILTERS...). The
    cache keeps them by name: the Tags and Categories in each cached reading carry the
    settings. Such code renamed or removed since would stop the build as Pelican
    unpickles the cache; with these files in the fingerprint it is read afresh."""
    files, values, seen = set(), list(settings.values()), set()
    while values:
        value = values.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            values.extend(value.values())
        elif isinstance(value, (list, tuple, set, frozenset)):
            values.extend(value)
        elif callable(value):
            source = getattr(inspect.getmodule(value), "__file__", None)
            if source:
                files.add(source)
    return files


def record_path(settings):
    return Path(settings["CACHE_PATH"]) / RECORD_FILE


def take_turns(settings):
    """Wait until no other build uses this cache folder (livereload and `invoke check`
    may build at once), then hold it until the cache is written."""
    folder = os.path.abspath(settings["CACHE_PATH"])
    if folder in _held_locks:
        return
    os.makedirs(folder, exist_ok=True)
    handle = open(os.path.join(folder, LOCK_FILE), "a")  # closed once the cache is written
    fcntl.flock(handle, fcntl.LOCK_EX)
    _held_locks[folder] = handle


def check_the_cache(pelican):
    """Before any file is read: use the cache only when it is complete and was made with
    these settings, libraries and code; otherwise read every file afresh (Pelican then
    writes a new cache). A cache file whose bytes are not the ones recorded is deleted."""
    settings = pelican.settings
    if settings["CACHE_CONTENT"] or settings["LOAD_CONTENT_CACHE"]:
        take_turns(settings)
    if not settings["LOAD_CONTENT_CACHE"]:
        return
    try:
        record = json.loads(record_path(settings).read_text(encoding="utf-8"))
        trusted = record["fingerprint"] == fingerprint(settings)
        recorded_files = dict(record["files"])
    except (OSError, ValueError, KeyError, TypeError):
        trusted = False
    if not trusted:
        logger.info("No complete content cache made with these settings: reading every file")
        settings["LOAD_CONTENT_CACHE"] = False
        return
    for name, digest in recorded_files.items():
        cache_file = Path(settings["CACHE_PATH"]) / Path(name).name
        if cache_file.is_file() and file_digest(cache_file) != digest:
            logger.info("Content cache %s was altered since it was written: reading afresh", name)
            cache_file.unlink()


def file_digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def pelicans_cache_files(generators, settings):
    """The cache files Pelican writes in CACHE_PATH: one per caching generator, named
    after its class (with "-Readers" when CONTENT_CACHING_LAYER is "reader")."""
    suffix = "-Readers" if settings["CONTENT_CACHING_LAYER"] == "reader" else ""
    names = (type(g).__name__ + suffix for g in generators if isinstance(g, CachingGenerator))
    return [Path(settings["CACHE_PATH"]) / name for name in names]


def forget_the_record(generator):
    """Every article is read and Pelican is about to write its cache files: until they
    are written, no build may trust them."""
    if generator.settings["CACHE_CONTENT"]:
        record_path(generator.settings).unlink(missing_ok=True)


def record_the_cache(generators):
    """Pelican has written the articles' and pages' cache: record what it was made with,
    and the sha256 of each file."""
    settings = generators[0].settings
    if settings["CACHE_CONTENT"]:
        files = {
            path.name: file_digest(path)
            for path in pelicans_cache_files(generators, settings)
            if path.is_file()
        }
        record = {"fingerprint": fingerprint(settings), "files": files}
        record_path(settings).write_text(json.dumps(record, indent=1), encoding="utf-8")
    handle = _held_locks.pop(os.path.abspath(settings["CACHE_PATH"]), None)
    if handle is not None:
        handle.close()


def check_pelican_version(installed):
    if not installed.startswith(TESTED_PELICAN):
        raise SettingsError(
            f"requirements.txt: pelican: version {installed} is installed, this site is "
            f"tested with {TESTED_PELICAN}x only — run `pip install -r requirements.txt`"
        )


def register():
    check_pelican_version(version("pelican"))
    signals.readers_init.connect(use_typeset_reader)
    signals.initialized.connect(check_the_cache)
    signals.article_generator_pretaxonomy.connect(forget_the_record)
    signals.all_generators_finalized.connect(record_the_cache)
