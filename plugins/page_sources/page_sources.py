"""Write which Markdown source each page was built from, so that the build's later steps
(the link check in sitebuild/pipeline.py) can name the file an author should fix.

Only when PAGE_SOURCES_FILE names a JSON file (the pipeline passes it): {page: source},
page relative to the output folder, source relative to the project (content/...).
"""

import json
import os
from pathlib import Path

from pelican import signals

_sources = {}


def remember_source(path, context):
    content = context.get("article") or context.get("page")
    if content is not None and content.settings.get("PAGE_SOURCES_FILE"):
        _sources[os.path.abspath(path)] = content.source_path


def write_sources(pelican):
    target = pelican.settings.get("PAGE_SOURCES_FILE")
    if not target:
        return
    output, root = Path(pelican.output_path).resolve(), Path.cwd()
    sources = {}
    for written, source_path in _sources.items():
        page, source = Path(written), Path(source_path)
        if page.is_relative_to(output):
            shown = source.relative_to(root) if source.is_relative_to(root) else source
            sources[page.relative_to(output).as_posix()] = shown.as_posix()
    Path(target).write_text(json.dumps(sources), encoding="utf-8")


def register():
    signals.content_written.connect(remember_source)
    signals.finalized.connect(write_sources)
