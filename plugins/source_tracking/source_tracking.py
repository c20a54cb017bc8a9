"""Tell the build pipeline (sitebuild/pipeline.py) what Pelican does with each source,
through files in SOURCE_TRACKING_FOLDER (the pipeline passes it; without it, nothing):

- `converting`: the Markdown source being read and converted right now (empty between
  sources), so that the pipeline can stop a conversion that never ends and name the file;
- `sources.json`: {page: source} once the site is written, so that the link check can
  name the file an author should fix (page relative to the output folder, source
  relative to the project).

Which file is being read is seen through Python's audit hook for `open` (documented,
observe-only), between the reading signals Pelican sends around each file.
"""

import json
import os
import sys
from pathlib import Path

from pelican import signals

NOTE_SIZE = 4096  # bytes the `converting` file keeps: a path, then spaces
_state = {
    "folder": None, "content": "", "reading": False, "named": False,
    "note": None, "size": NOTE_SIZE,  # the `converting` file: open, and its size
}  # fmt: skip
_sources = {}


def note(text):
    """Say what is being converted: `converting` is overwritten in place, padded with
    spaces to the same size. (Emptying it for each of 1,000 sources made ext4 flush it
    to disk each time: a few milliseconds per source, seconds per build.)"""
    data = text.encode()
    _state["size"] = max(_state["size"], len(data))
    os.pwrite(_state["note"], data.ljust(_state["size"]), 0)


def watch_opens(event, args):
    """Audit hook: the first file of the content opened once a source starts being read
    is that source."""
    if event == "open" and _state["reading"] and not _state["named"]:
        path = args[0]
        if isinstance(path, str | bytes | os.PathLike):
            path = os.path.abspath(os.fsdecode(path))
            if path.startswith(_state["content"]):
                _state["named"] = True
                note(path)


def start(pelican):
    folder = pelican.settings.get("SOURCE_TRACKING_FOLDER")
    if folder and _state["folder"] is None:
        _state["folder"] = Path(folder)
        _state["note"] = os.open(_state["folder"] / "converting", os.O_WRONLY | os.O_CREAT, 0o644)
        _state["content"] = os.path.abspath(pelican.settings["PATH"]) + os.sep
        sys.addaudithook(watch_opens)


def reading(sender):
    if _state["folder"] is not None:
        _state["reading"], _state["named"] = True, False


def read(sender, metadata):
    if _state["folder"] is not None and _state["reading"]:
        _state["reading"] = False
        note("")


def remember_source(path, context):
    content = context.get("article") or context.get("page")
    if content is not None and _state["folder"] is not None:
        _sources[os.path.abspath(path)] = content.source_path


def write_sources(pelican):
    if _state["folder"] is None:
        return
    output, root = Path(pelican.output_path).resolve(), Path.cwd()
    sources = {}
    for written, source_path in _sources.items():
        page, source = Path(written), Path(source_path)
        if page.is_relative_to(output):
            shown = source.relative_to(root) if source.is_relative_to(root) else source
            sources[page.relative_to(output).as_posix()] = shown.as_posix()
    (_state["folder"] / "sources.json").write_text(json.dumps(sources), encoding="utf-8")


def register():
    signals.initialized.connect(start)
    for preread in (signals.article_generator_preread, signals.page_generator_preread):
        preread.connect(reading)
    for context in (signals.article_generator_context, signals.page_generator_context):
        context.connect(read)
    signals.content_written.connect(remember_source)
    signals.finalized.connect(write_sources)
