"""Markdown with typography done while reading, so Pelican's content cache keeps it.

Pelican's own TYPOGRIFY runs after its content cache, on every build, for every file,
and typography costs about as much as the Markdown itself. This plugin registers
(`readers_init`) a Markdown reader that typesets the body, the title and the summary
as it reads them: curly quotes and real dashes (smartypants), no lone last word
(widont), honouring TYPOGRIFY_DASHES, TYPOGRIFY_IGNORE_TAGS and TYPOGRIFY_OMIT_FILTERS
exactly as Pelican's TYPOGRIFY does. With CACHE_CONTENT and LOAD_CONTENT_CACHE on, the
cache then holds typeset HTML, and an unchanged file is neither converted nor typeset
again; CHECK_MODIFIED_METHOD = "sha256" keeps entries valid across a git clone.

Pelican's cache is keyed by file only. A change to what shapes the cached HTML (the
settings below, a library's version, this file) makes the next build read every file
afresh, as `pelican --ignore-cache` would.

Pelican's TYPOGRIFY must stay off: typesetting twice would change the HTML.
"""

import hashlib
import logging
from importlib.metadata import version
from pathlib import Path

import smartypants
from pelican import signals
from pelican.readers import MarkdownReader
from typogrify.filters import amp, caps, initial_quotes, process_ignores, widont

logger = logging.getLogger(__name__)

# The Pelican releases this site is tested with: its reader and cache settings.
TESTED_PELICAN = "4.12."
FINGERPRINT_FILE = "typeset_markdown.fingerprint"
DASHES = {
    "default": smartypants.Attr.set1,
    "oldschool": smartypants.Attr.set2,
    "oldschool_inverted": smartypants.Attr.set3,
}
# Settings a cached reading depends on: the HTML, and the tags, category and authors
# (Pelican keeps their slug and address settings inside each cached object).
SHAPING_SETTINGS = [
    "MARKDOWN", "FORMATTED_FIELDS", "TYPOGRIFY_DASHES", "TYPOGRIFY_IGNORE_TAGS",
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
        pieces = process_ignores(html, ignore_tags)
        return "".join(typeset_piece(text) if process else text for text, process in pieces)

    return typeset


class TypesetMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with the body, title and summary typeset."""

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
        return content, metadata


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
    libraries = [version(name) for name in ("pelican", "markdown", "typogrify", "smartypants")]
    code = Path(__file__).read_bytes()
    return hashlib.sha256(repr([shaping, libraries]).encode() + code).hexdigest()


def fingerprint_path(settings):
    return Path(settings["CACHE_PATH"]) / FINGERPRINT_FILE


def ignore_a_stale_cache(pelican):
    """Before any file is read: when the cache was made with other settings, libraries
    or code, read every file afresh (Pelican then rewrites the cache)."""
    settings = pelican.settings
    if not settings["LOAD_CONTENT_CACHE"]:
        return
    path = fingerprint_path(settings)
    try:
        unchanged = path.read_text(encoding="utf-8") == fingerprint(settings)
    except OSError:
        unchanged = False
    if not unchanged:
        logger.info("No content cache made with these settings and libraries: reading every file")
        settings["LOAD_CONTENT_CACHE"] = False
        # Until this build has rewritten the cache, no build may trust it.
        path.unlink(missing_ok=True)


def remember_fingerprint(generators):
    """Every file is read and Pelican has saved its cache: record what it was made with."""
    settings = generators[0].settings if generators else None
    if settings and settings["CACHE_CONTENT"]:
        path = fingerprint_path(settings)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(fingerprint(settings), encoding="utf-8")


def check_pelican_version(installed):
    if not installed.startswith(TESTED_PELICAN):
        raise SettingsError(
            f"requirements.txt: pelican: version {installed} is installed, this site is "
            f"tested with {TESTED_PELICAN}x only — run `pip install -r requirements.txt`"
        )


def register():
    check_pelican_version(version("pelican"))
    signals.readers_init.connect(use_typeset_reader)
    signals.initialized.connect(ignore_a_stale_cache)
    signals.all_generators_finalized.connect(remember_fingerprint)
