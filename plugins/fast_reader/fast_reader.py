"""Read Markdown articles and pages on every core, and only when their text changed.

Reading is most of a Pelican build: Python-Markdown converts each body and each Summary,
then typogrify rewrites the HTML, one file after another. This plugin gives the articles
and pages generators a reader that

- converts the files (body, formatted fields such as Summary, typogrify of body, title and
  summary) in worker processes, FAST_READER_PROCESSES of them (default: one per core),
  while the main process builds the Content objects as results arrive;
- keeps one Markdown instance per process, reset between files, instead of building a new
  one (all its extensions) for every file;
- remembers each result in CACHE_PATH/fast_reader.pickle, keyed by the file's path inside
  the content folder and a hash of its bytes (CHECK_MODIFIED_METHOD, "sha256" in our
  settings) and of every setting that shapes the HTML. A git clone keeps the hashes valid
  (mtimes don't survive a clone), so CI can cache the folder; an unchanged file is never
  converted again.

Everything after the conversion (metadata processing, links, signals, Content objects)
is Pelican's own code path, so the site is byte-identical to a stock serial build:
tests/test_build_equivalence.py checks that.
"""

import atexit
import concurrent.futures
import hashlib
import logging
import multiprocessing
import os
import pickle
from importlib.metadata import version

from pelican import signals
from pelican.contents import Page, SkipStub
from pelican.readers import (
    MarkdownReader,
    Readers,
    _filter_discardable_metadata,
    default_metadata,
    find_empty_alt,
    parse_path_metadata,
    path_metadata,
)
from pelican.utils import pelican_open, posixize_path

from .typography import skip_no_op_conversions

logger = logging.getLogger(__name__)

CACHE_FILE = "fast_reader.pickle"
# Bump when the shape of a cached result changes.
CACHE_FORMAT = 1
# Below this many files to convert, starting worker processes costs more than it saves.
MIN_FILES_FOR_WORKERS = 16


class Converter:
    """Markdown and typogrify for one process, with Pelican's exact settings."""

    def __init__(self, settings):
        from markdown import Markdown

        # MarkdownReader completes settings["MARKDOWN"] (extension list, meta); use the result.
        markdown_settings = MarkdownReader(settings).settings["MARKDOWN"]
        self.document = Markdown(**markdown_settings)
        # Pelican converts formatted fields with the document's instance after removing
        # its meta preprocessor; a second instance without it gives the same HTML.
        self.field = Markdown(**markdown_settings)
        self.field.preprocessors.deregister("meta")
        self.formatted_fields = settings["FORMATTED_FIELDS"]
        self.typogrify = make_typogrify(settings) if settings["TYPOGRIFY"] else None

    def convert(self, path):
        """Return the raw result for one source file: only strings, cheap to pickle."""
        with pelican_open(path) as text:
            body = self.document.reset().convert(text)
        meta = {name.lower(): list(values) for name, values in self.document.Meta.items()}
        fields = {}
        for name, values in meta.items():
            if name in self.formatted_fields:
                fields[name] = self.field.reset().convert("\n".join(values))
        result = {"body": body, "meta": meta, "fields": fields, "typogrified": {}}
        if self.typogrify:
            result["body"] = self.typogrify(body) if body else body
            # read_file typogrifies the title and summary as processed metadata: a
            # single title line and the summary's HTML.
            if len(meta.get("title", ())) == 1:
                result["typogrified"]["title"] = self.typogrify(meta["title"][0])
            if "summary" in fields:
                result["typogrified"]["summary"] = self.typogrify(fields["summary"])
        return result


def make_typogrify(settings):
    """typogrify configured exactly as pelican.readers.Readers.read_file does it."""
    import smartypants
    from typogrify.filters import typogrify

    skip_no_op_conversions()
    dashes = settings["TYPOGRIFY_DASHES"]
    if dashes == "oldschool":
        smartypants.Attr.default = smartypants.Attr.set2
    elif dashes == "oldschool_inverted":
        smartypants.Attr.default = smartypants.Attr.set3
    else:
        smartypants.Attr.default = smartypants.Attr.set1
    smartypants.Attr.default |= smartypants.Attr.w
    ignore_tags = settings["TYPOGRIFY_IGNORE_TAGS"]
    omitted = dict.fromkeys(settings["TYPOGRIFY_OMIT_FILTERS"], False)
    return lambda text: typogrify(text, ignore_tags, **omitted)


# The converter of a worker process, built once by the pool's initializer.
_worker_converter = None


def _start_worker(settings):
    global _worker_converter  # noqa: PLW0603 (one converter per worker process)
    _worker_converter = Converter(settings)


def _convert_in_worker(path):
    return _worker_converter.convert(path)


def settings_fingerprint(settings):
    """A digest of everything that shapes a conversion: settings and library versions."""

    def stable(value):
        if isinstance(value, dict):
            return {str(k): stable(v) for k, v in sorted(value.items(), key=lambda i: str(i[0]))}
        if isinstance(value, list | tuple | set | frozenset):
            items = [stable(v) for v in value]
            return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
        if value is None or isinstance(value, str | int | float | bool):
            return value
        # An extension object: its class and configuration, never its memory address.
        config = getattr(value, "getConfigs", None)
        return [type(value).__qualname__, stable(config() if callable(config) else {})]

    shaping = {
        name: settings.get(name)
        for name in (
            "MARKDOWN",
            "FORMATTED_FIELDS",
            "TYPOGRIFY",
            "TYPOGRIFY_DASHES",
            "TYPOGRIFY_IGNORE_TAGS",
            "TYPOGRIFY_OMIT_FILTERS",
        )
    }
    libraries = [version(name) for name in ("markdown", "typogrify", "smartypants", "pelican")]
    text = repr([CACHE_FORMAT, stable(shaping), libraries])
    return hashlib.sha256(text.encode()).hexdigest()


class ResultCache:
    """Conversion results by content-relative path, valid while the file's stamp matches."""

    def __init__(self, settings, enabled):
        self.enabled = enabled
        self.path = os.path.join(settings["CACHE_PATH"], CACHE_FILE)
        self.fingerprint = settings_fingerprint(settings)
        method = settings["CHECK_MODIFIED_METHOD"]
        self.stamp = os.path.getmtime if method == "mtime" else _hasher(method)
        self.entries = {}
        if enabled:
            try:
                with open(self.path, "rb") as handle:
                    stored = pickle.load(handle)
                if stored.get("fingerprint") == self.fingerprint:
                    self.entries = stored["entries"]
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, KeyError):
                logger.debug("No usable reader cache at %s; converting every file", self.path)
        self.used = {}

    def get(self, key, full_path):
        stamp = self.stamp(full_path)
        stored = self.entries.get(key)
        if stored is not None and stored[0] == stamp:
            self.used[key] = stored
            return stored[1]
        return None

    def put(self, key, full_path, result):
        self.used[key] = (self.stamp(full_path), result)

    def save(self):
        """Write this build's entries (stale ones are dropped), atomically."""
        if not self.enabled:
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        temporary = f"{self.path}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            pickle.dump(
                {"fingerprint": self.fingerprint, "entries": self.used},
                handle,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        os.replace(temporary, self.path)


def _hasher(method):
    hash_function = getattr(hashlib, method)

    def stamp(path):
        with open(path, "rb") as handle:
            return hash_function(handle.read()).digest()

    return stamp


class FastReaders(Readers):
    """Pelican's Readers, with Markdown files converted ahead in worker processes."""

    def __init__(self, generator, paths_setting, excludes_setting, cache):
        super().__init__(generator.settings, "")
        self.generator = generator
        self.paths_setting = paths_setting
        self.excludes_setting = excludes_setting
        self.cache = cache
        self.pending = None  # {content-relative path: future}, once started
        self.executor = None

    def _converts_here(self, fmt):
        """Only Pelican's own Markdown reader is replaced; anything else reads as usual."""
        return type(self.readers.get(fmt)) is MarkdownReader

    def _start(self):
        """Submit every source file without a cached result to the worker processes."""
        self.pending = {}
        base = self.generator.path
        files = sorted(
            self.generator.get_files(
                self.settings[self.paths_setting], exclude=self.settings[self.excludes_setting]
            )
        )
        todo = []
        for relative in files:
            full = os.path.abspath(os.path.join(base, relative))
            key = posixize_path(os.path.relpath(full, base))
            if self._converts_here(os.path.splitext(full)[1][1:]) and (
                self.cache.get(key, full) is None
            ):
                todo.append((key, full))
        processes = self.settings.get("FAST_READER_PROCESSES") or os.cpu_count() or 1
        if processes < 2 or len(todo) < MIN_FILES_FOR_WORKERS:
            return
        self.executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=min(processes, len(todo)),
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=(self.settings,),
        )
        atexit.register(self.close)
        for key, full in todo:
            self.pending[key] = self.executor.submit(_convert_in_worker, full)

    def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor = None

    def _converted(self, key, full_path):
        cached = self.cache.get(key, full_path)
        if cached is not None:
            return cached
        future = self.pending.pop(key, None)
        if future is not None:
            result = future.result()
        else:
            result = local_converter(self.settings).convert(full_path)
        self.cache.put(key, full_path, result)
        return result

    def read_file(
        self,
        base_path,
        path,
        content_class=Page,
        fmt=None,
        context=None,
        preread_signal=None,
        preread_sender=None,
        context_signal=None,
        context_sender=None,
    ):
        """Pelican 4.12's Readers.read_file, with the Markdown and typogrify work done ahead."""
        path = os.path.abspath(os.path.join(base_path, path))
        source_path = posixize_path(os.path.relpath(path, base_path))
        fmt = fmt or os.path.splitext(path)[1][1:]
        if not self._converts_here(fmt):
            return super().read_file(
                base_path, path, content_class, fmt, context,
                preread_signal, preread_sender, context_signal, context_sender,
            )  # fmt: skip
        if self.pending is None:
            self._start()

        if preread_signal:
            preread_signal.send(preread_sender)
        reader = self.readers[fmt]
        metadata = _filter_discardable_metadata(
            default_metadata(settings=self.settings, process=reader.process_metadata)
        )
        metadata.update(
            path_metadata(full_path=path, source_path=source_path, settings=self.settings)
        )
        metadata.update(
            _filter_discardable_metadata(
                parse_path_metadata(
                    source_path=source_path, settings=self.settings, process=reader.process_metadata
                )
            )
        )
        metadata["reader"] = "markdown"

        result = self._converted(source_path, path)
        reader._source_path = path
        reader_metadata = _filter_discardable_metadata(metadata_from(reader, result))
        metadata.update(reader_metadata)
        content = result["body"]
        if content:
            find_empty_alt(content, path)

        if self.settings["TYPOGRIFY"]:
            for name in ("title", "summary"):
                if name in metadata:
                    metadata[name] = self._typogrified(name, metadata[name], result)

        if context_signal:
            context_signal.send(context_sender, metadata=metadata)
        if metadata.get("status") == "skip":
            content_class = SkipStub
        return content_class(
            content=content,
            metadata=metadata,
            settings=self.settings,
            source_path=path,
            context=context,
        )

    def _typogrified(self, name, value, result):
        """The worker's typogrified value when it started from this value, else typogrify now."""
        source = result["fields"].get(name) if name == "summary" else None
        if name == "title" and len(result["meta"].get("title", ())) == 1:
            source = result["meta"]["title"][0]
        if name in result["typogrified"] and value == source:
            return result["typogrified"][name]
        return local_converter(self.settings).typogrify(value)


def metadata_from(reader, result):
    """MarkdownReader._parse_metadata, on the worker's raw strings."""
    duplicates_allowed = __import__("pelican.readers").readers.DUPLICATES_DEFINITIONS_ALLOWED
    output = {}
    for name, values in result["meta"].items():
        if name in result["fields"]:
            output[name] = reader.process_metadata(name, result["fields"][name])
        elif not duplicates_allowed.get(name, True):
            if len(values) > 1:
                logger.warning(
                    "Duplicate definition of `%s` for %s. Using first one.",
                    name,
                    reader._source_path,
                )
            output[name] = reader.process_metadata(name, values[0])
        elif len(values) > 1:
            output[name] = reader.process_metadata(name, values)
        else:
            output[name] = reader.process_metadata(name, values[0])
    return output


_local_converters = {}


def local_converter(settings):
    """A converter in this process, for the few files not worth a worker."""
    key = id(settings)
    if key not in _local_converters:
        _local_converters[key] = Converter(settings)
    return _local_converters[key]


# One cache and one set of readers per build, shared by the articles and pages generators.
_builds = {}


def _build_for(settings):
    key = id(settings)
    if key not in _builds:
        _builds[key] = {
            "cache": ResultCache(settings, settings.get("FAST_READER_CACHE", True)),
            "readers": [],
        }
    return _builds[key]


def install_on_articles(generator):
    _install(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def install_on_pages(generator):
    _install(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def _install(generator, paths_setting, excludes_setting):
    build = _build_for(generator.settings)
    readers = FastReaders(generator, paths_setting, excludes_setting, build["cache"])
    generator.readers = readers
    build["readers"].append(readers)
    # Start converting now: the workers run while other plugins' generator_init work
    # (the content checks' first pass) runs here.
    readers._start()


def finish_reading(generators):
    """Every file is read: stop the workers and keep the results for the next build."""
    if not generators:
        return
    build = _builds.pop(id(generators[0].settings), None)
    if build is None:
        return
    for readers in build["readers"]:
        readers.close()
    build["cache"].save()


def register():
    signals.article_generator_init.connect(install_on_articles)
    signals.page_generator_init.connect(install_on_pages)
    signals.all_generators_finalized.connect(finish_reading)
