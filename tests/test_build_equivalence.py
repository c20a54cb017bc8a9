"""The fast builds make exactly the site a plain build makes.

fast_reader converts Markdown in worker processes and keeps each result in a cache keyed
by the file's sha256; fast_writer renders pages in forked processes. Whatever they do,
the pages Pelican writes must be byte for byte the ones stock Pelican (fast plugins left
out, no cache, one process) writes from the same content (the later steps of
sitebuild/pipeline.py are the same for both): after
a first cold build, an unchanged rebuild, an edited article, a deleted article and a
renamed tag, with publishconf.py; and with pelicanconf.py (relative URLs) after an edit.
"""

import importlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import article_slug, write_corpus  # noqa: E402

from conftest import PAGEFIND_NONDETERMINISTIC as NONDETERMINISTIC  # noqa: E402

ARTICLES = 24


FAST_PLUGINS = {"fast_reader", "fast_writer"}


def stock_plugins(settings_file):
    """PLUGINS without the plugins that make the build fast."""
    plugins = importlib.import_module(settings_file.stem).PLUGINS
    assert FAST_PLUGINS <= set(plugins), "a fast plugin left PLUGINS: update this test"
    return [name for name in plugins if name not in FAST_PLUGINS]


def build(content, output, settings_file, cache=None):
    """Build `content`: stock and serial, or (with a cache folder) with the fast
    plugins, each using two processes."""
    command = [
        sys.executable, "-m", "pelican", str(content),
        "--settings", str(settings_file), "--output", str(output), "--fatal", "warnings",
    ]  # fmt: skip
    if cache is None:
        stock = json.dumps(stock_plugins(settings_file))
        command += ["--extra-settings", f"PLUGINS={stock}"]
        command += ["--cache-path", str(Path(output).parent / "unused-cache")]
    else:
        command += ["--cache-path", str(cache), "--extra-settings"]
        command += ["FAST_READER_PROCESSES=2", "FAST_WRITER_PROCESSES=2"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return Path(output)


def site_files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_same_site(reference, fast):
    expected, actual = site_files(reference), site_files(fast)

    def stable(names):
        return sorted(name for name in names if not NONDETERMINISTIC.match(name))

    assert stable(actual) == stable(expected)
    assert len(actual) == len(expected)
    differing = [name for name in stable(expected) if expected[name] != actual[name]]
    assert differing == [], f"{len(differing)} files differ, e.g. {differing[:5]}"


def most_used_tag(content):
    counts = {}
    for path in (content / "articles").glob("*.md"):
        for tag in re.search(r"^Tags: (.*)$", path.read_text(encoding="utf-8"), re.M)[1].split(","):
            counts[tag.strip()] = counts.get(tag.strip(), 0) + 1
    return max(sorted(counts), key=counts.get)


def rename_tag(content, old, new):
    renamed = 0
    for path in (content / "articles").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        header, body = text.split("\n\n", 1)
        tags_line = re.search(r"^Tags: (.*)$", header, re.MULTILINE)
        tags = [t.strip() for t in tags_line.group(1).split(",")]
        if old in tags:
            tags = [new if t == old else t for t in tags]
            header = header.replace(tags_line.group(0), f"Tags: {', '.join(tags)}")
            path.write_text(f"{header}\n\n{body}", encoding="utf-8")
            renamed += 1
    return renamed


def unlinked_article(content):
    """An article no other article links to (deleting it must not break a link)."""
    sources = sorted((content / "articles").glob("*.md"))
    text = "".join(p.read_text(encoding="utf-8") for p in sources)
    return next(p for p in reversed(sources) if f"{{filename}}{p.name}" not in text)


def edit_article(content):
    edited = content / "articles" / f"{article_slug(3)}.md"
    text = edited.read_text(encoding="utf-8")
    text = text.replace("Summary: A plain look", "Summary: An edited look", 1)
    edited.write_text(text + "\nA new closing paragraph, added by an edit.\n", encoding="utf-8")


def checker(tmp_path, content, settings_file):
    cache = tmp_path / "cache"

    def check(step):
        reference = build(content, tmp_path / f"reference-{step}", settings_file)
        fast = build(content, tmp_path / f"fast-{step}", settings_file, cache)
        assert_same_site(reference, fast)
        shutil.rmtree(reference)
        shutil.rmtree(fast)

    return check, cache


def test_published_site_matches_a_plain_build_through_edits_deletions_and_renames(tmp_path):
    content = write_corpus(ARTICLES, tmp_path / "content")
    check, cache = checker(tmp_path, content, ROOT / "publishconf.py")

    # Cold: every file converted by the worker processes.
    check("cold")
    assert (cache / "fast_reader.pickle").stat().st_size > 0
    # Warm, nothing changed: every file comes from the cache.
    check("unchanged")
    # One file changed: converted in the main process, the rest from the cache.
    edit_article(content)
    check("edited")
    unlinked_article(content).unlink()
    check("deleted")
    tag = most_used_tag(content)
    assert rename_tag(content, tag, f"renamed {tag}") >= 2
    check("renamed-tag")


def test_preview_with_relative_urls_matches_a_plain_build_after_an_edit(tmp_path):
    content = write_corpus(ARTICLES, tmp_path / "content")
    check, _ = checker(tmp_path, content, ROOT / "pelicanconf.py")
    check("cold")
    edit_article(content)
    check("edited")
