"""fast_reader's cache and workers, on small sites built by real Pelican in a subprocess.

tests/test_build_equivalence.py checks that the full site matches a stock build; these
tests check when a cached conversion is used and when it is not.
"""

import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PLUGINS = Path(__file__).resolve().parent.parent
MARKER = "<p>Served from the cache.</p>"


def write_site(root, articles=2):
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    for number in range(articles):
        (content / "articles" / f"a{number}.md").write_text(
            textwrap.dedent(f"""\
                Title: "Quoted" article {number}
                Date: 2026-01-0{number % 9 + 1} 09:00
                Summary: A *short* summary -- number {number}.

                Body of article {number}, with "quotes" and a [link](https://example.org).
                """),
            encoding="utf-8",
        )
    settings = root / "settings.py"
    settings.write_text(
        textwrap.dedent(f"""\
            SITEURL = ""
            TIMEZONE = "UTC"
            PATH = "content"
            ARTICLE_PATHS = ["articles"]
            PLUGIN_PATHS = [{str(PLUGINS)!r}]
            PLUGINS = ["fast_reader"]
            CHECK_MODIFIED_METHOD = "sha256"
            CACHE_PATH = "cache"
            TYPOGRIFY = True
            FEED_ALL_ATOM = None
            CATEGORY_FEED_ATOM = None
            AUTHOR_FEED_ATOM = None
            AUTHOR_FEED_RSS = None
            TRANSLATION_FEED_ATOM = None
            ARTICLE_SAVE_AS = "{{slug}}.html"
            SLUGIFY_SOURCE = "basename"
        """),
        encoding="utf-8",
    )
    return content, settings


def build(root, settings, *extra, check=True):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(root / "content"),
            "--settings",
            str(settings),
            "--output",
            str(root / "output"),
            "--fatal",
            "errors",
            *extra,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def tamper_with_cache(root, source_name):
    """Replace one cached body by MARKER: a page showing it was built from the cache."""
    path = root / "cache" / "fast_reader.pickle"
    stored = pickle.loads(path.read_bytes())
    stamp, result = stored["entries"][f"articles/{source_name}"]
    stored["entries"][f"articles/{source_name}"] = (stamp, {**result, "body": MARKER})
    path.write_bytes(pickle.dumps(stored))


def page(root, name):
    return (root / "output" / name).read_text(encoding="utf-8")


def test_an_unchanged_file_is_not_converted_again_even_when_its_mtime_changes(tmp_path):
    content, settings = write_site(tmp_path)
    build(tmp_path, settings)
    assert "Body of article 0" in page(tmp_path, "a0.html")
    tamper_with_cache(tmp_path, "a0.md")

    # A git clone gives every file a new mtime; the sha256 still matches.
    source = content / "articles" / "a0.md"
    stat = source.stat()
    source.touch()
    assert source.stat().st_mtime_ns != stat.st_mtime_ns
    build(tmp_path, settings)
    assert MARKER in page(tmp_path, "a0.html")
    assert "Body of article 1" in page(tmp_path, "a1.html")


def test_an_edited_file_is_converted_again(tmp_path):
    content, settings = write_site(tmp_path)
    build(tmp_path, settings)
    tamper_with_cache(tmp_path, "a0.md")
    source = content / "articles" / "a0.md"
    source.write_text(source.read_text().replace("Body of", "Edited body of"), encoding="utf-8")
    build(tmp_path, settings)
    html = page(tmp_path, "a0.html")
    assert MARKER not in html
    assert "Edited body of article 0" in html


def test_a_setting_that_shapes_the_html_invalidates_the_cache(tmp_path):
    _, settings = write_site(tmp_path)
    build(tmp_path, settings)
    assert "&#8220;quotes&#8221;" in page(tmp_path, "a0.html")  # typogrify's curly quotes
    tamper_with_cache(tmp_path, "a0.md")
    build(tmp_path, settings, "--extra-settings", "TYPOGRIFY=false")
    html = page(tmp_path, "a0.html")
    assert MARKER not in html
    assert '"quotes"' in html


def test_worker_processes_give_the_same_pages_as_one_process(tmp_path):
    _, settings = write_site(tmp_path, articles=20)
    build(tmp_path, settings, "--extra-settings", "FAST_READER_PROCESSES=1")
    single = {p.name: p.read_text() for p in (tmp_path / "output").glob("a[0-9]*.html")}
    (tmp_path / "cache" / "fast_reader.pickle").unlink()
    build(tmp_path, settings, "--extra-settings", "FAST_READER_PROCESSES=2")
    workers = {p.name: p.read_text() for p in (tmp_path / "output").glob("a[0-9]*.html")}
    assert len(single) == 20
    assert workers == single


@pytest.mark.parametrize("processes", ["1", "2"])
def test_a_file_that_is_not_utf8_fails_the_build_naming_it(tmp_path, processes):
    content, settings = write_site(tmp_path, articles=20)
    (content / "articles" / "broken.md").write_bytes(b"Title: Caf\xe9\nDate: 2026-01-01\n\nx\n")
    result = build(
        tmp_path, settings, "--extra-settings", f"FAST_READER_PROCESSES={processes}", check=False
    )
    assert result.returncode != 0
    assert "broken.md" in result.stdout + result.stderr
