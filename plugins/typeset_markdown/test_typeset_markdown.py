"""typeset_markdown on small sites built by real Pelican in a subprocess: the typography,
Pelican's content cache holding it, when that cache is used, and the clean refusals."""

import gzip
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import forked_python
import pytest
import smartypants
from selectolax.lexbor import LexborHTMLParser
from typogrify.filters import typogrify

from typeset_markdown.typeset_markdown import typesetter

PLUGINS = Path(__file__).resolve().parent.parent
MARKER = "<p>Served from the cache.</p>"
SAMPLE_HTML = [
    '<h2>"Quoted" heading -- with a dash</h2><p>It\'s the 80\'s... "Yes," she said --- '
    'twice.</p><pre><code>x = "not curled" -- ever</code></pre>',
    "<p>A &quot;quoted&quot; entity, ``backticks'' and an em---dash in one short line</p>",
    '<ul><li>Item "one" & item two</li><li>AT&T and NASA</li></ul><p>"Initial" quote</p>',
    "<blockquote><p>'Single' quotes and a lone last word here</p></blockquote>",
]


@pytest.mark.parametrize("dashes", ["default", "oldschool", "oldschool_inverted"])
@pytest.mark.parametrize("omitted", [[], ["amp", "caps", "initial_quotes"], ["widont"]])
@pytest.mark.parametrize("ignored", [[], ["blockquote"]])
def test_typesetting_is_what_pelicans_typogrify_writes(dashes, omitted, ignored, monkeypatch):
    settings = {
        "TYPOGRIFY_DASHES": dashes,
        "TYPOGRIFY_OMIT_FILTERS": omitted,
        "TYPOGRIFY_IGNORE_TAGS": ignored,
    }
    typeset = typesetter(settings)
    # Pelican's way: smartypants' style set process-wide (here for this test only).
    style = {"default": "set1", "oldschool": "set2", "oldschool_inverted": "set3"}[dashes]
    monkeypatch.setattr(
        smartypants.Attr, "default", getattr(smartypants.Attr, style) | smartypants.Attr.w
    )
    for html in SAMPLE_HTML:
        expected = typogrify(html, ignored, **dict.fromkeys(omitted, False))
        assert typeset(html) == expected
    assert typeset(SAMPLE_HTML[0]) != SAMPLE_HTML[0]


ANGLE_BRACKETS_IN_ATTRIBUTES = {
    "abbr title": (
        '<p>Mind <abbr title="a > b">A&gt;B</abbr> "here"</p>',
        "abbr",
        "title",
        "a > b",
    ),
    "image alt": (
        '<p><img alt="1 < 2 > 0" src="/images/x.png"> "after"</p>',
        "img",
        "alt",
        "1 < 2 > 0",
    ),
    "self-closing": ('<p>"Before" <img src="/x.png" alt="->" /></p>', "img", "alt", "->"),
    "single quotes": (
        "<p><a href='/a' title='\"x\" > y'>it's</a> \"z\"</p>",
        "a",
        "title",
        '"x" > y',
    ),
}


@pytest.mark.parametrize("case", ANGLE_BRACKETS_IN_ATTRIBUTES)
def test_angle_brackets_inside_an_attribute_leave_the_tag_whole(case):
    """An author's raw HTML may hold > or < in an attribute: the tag stays whole (its
    attributes, its image's address) and no stray quote reaches the text."""
    html, tag, attribute, value = ANGLE_BRACKETS_IN_ATTRIBUTES[case]
    typeset = typesetter({
        "TYPOGRIFY_DASHES": "oldschool",
        "TYPOGRIFY_OMIT_FILTERS": ["amp", "caps", "initial_quotes"],
        "TYPOGRIFY_IGNORE_TAGS": [],
    })  # fmt: skip
    tree = LexborHTMLParser(typeset(html))
    element = tree.css_first(tag)
    assert element.attributes[attribute] == value
    assert all(v and "\u201d" not in v for v in element.attributes.values())
    if tag == "img":
        assert element.attributes["src"].endswith(".png")
    text = tree.body.text()
    assert "\u201c" in text and "\u201d" in text  # the text is still curled
    assert not {">", "<"} & set(text.replace("A>B", "")), text


def write_site(root, articles=2, **settings):
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    for number in range(articles):
        (content / "articles" / f"a{number}.md").write_text(
            textwrap.dedent(f"""\
                Title: "Quoted" article {number}
                Date: 2026-01-0{number % 9 + 1} 09:00
                Summary: A *short* summary -- number {number}.

                Body of article {number}, with "quotes" -- and a [link](https://example.org).

                    :::python
                    code = "stays straight" -- always
                """),
            encoding="utf-8",
        )
    options = {
        "PLUGINS": ["typeset_markdown"],
        "CACHE_CONTENT": True,
        "LOAD_CONTENT_CACHE": True,
        "CHECK_MODIFIED_METHOD": "sha256",
        "TYPOGRIFY": False,
        "TYPOGRIFY_DASHES": "oldschool",
        "TYPOGRIFY_OMIT_FILTERS": ["amp", "caps", "initial_quotes"],
        **settings,
    }
    settings_file = root / "settings.py"
    settings_file.write_text(
        textwrap.dedent(f"""\
            SITEURL = ""
            TIMEZONE = "UTC"
            PATH = "content"
            ARTICLE_PATHS = ["articles"]
            PLUGIN_PATHS = [{str(PLUGINS)!r}]
            CACHE_PATH = "cache"
            FEED_ALL_ATOM = None
            CATEGORY_FEED_ATOM = None
            AUTHOR_FEED_ATOM = None
            AUTHOR_FEED_RSS = None
            TRANSLATION_FEED_ATOM = None
            ARTICLE_SAVE_AS = "{{slug}}.html"
            SLUGIFY_SOURCE = "basename"
        """)
        + "".join(f"{name} = {value!r}\n" for name, value in options.items()),
        encoding="utf-8",
    )
    return content, settings_file


@pytest.fixture(scope="module")
def first_build(tmp_path_factory):
    """write_site() and its first build, made once and kept aside."""
    root = tmp_path_factory.mktemp("typeset") / "site"
    content, settings = write_site(root)
    build(root, settings)
    kept = root.with_name("as-built")
    shutil.copytree(root, kept)
    return root, kept, content, settings


@pytest.fixture
def built_site(first_build):
    """(root, content folder, settings file) of write_site() just built, as if this test
    had built it: the first build's files put back where it made them (Pelican's cache
    names each source by its absolute path)."""
    root, kept, content, settings = first_build
    shutil.rmtree(root)
    shutil.copytree(kept, root)
    return root, content, settings


def build(root, settings, *extra, output="output", env=None, check=True):
    command = [
        sys.executable, "-m", "pelican", str(root / "content"),
        "--settings", str(settings), "--output", str(root / output),
        "--fatal", "warnings", *extra,
    ]  # fmt: skip
    result = forked_python.run(command, cwd=root, env=env)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def page(root, name, output="output"):
    return (root / output / name).read_text(encoding="utf-8")


def articles_cache(root):
    """Pelican's cache of the articles' readings: {source path: (stamp, (html, metadata))}."""
    return root / "cache" / "ArticlesGenerator-Readers"


def cached_readings(root):
    with gzip.open(articles_cache(root), "rb") as handle:
        return pickle.load(handle)


def tamper_with_cache(root, source_name, recorded=True):
    """Replace one cached body by MARKER: a page showing it was built from the cache.
    `recorded`: the plugin's record is updated to the new bytes, as if Pelican itself had
    cached MARKER (else the change is an alteration the plugin must catch)."""
    readings = cached_readings(root)
    key = next(path for path in readings if path.endswith(source_name))
    stamp, (_, metadata) = readings[key]
    readings[key] = (stamp, (MARKER, metadata))
    with gzip.open(articles_cache(root), "wb") as handle:
        pickle.dump(readings, handle)
    if recorded:
        record_file = root / "cache" / "typeset_markdown.fingerprint"
        record = json.loads(record_file.read_text(encoding="utf-8"))
        digest = hashlib.sha256(articles_cache(root).read_bytes()).hexdigest()
        record["files"][articles_cache(root).name] = digest
        record_file.write_text(json.dumps(record), encoding="utf-8")


def test_pages_are_typeset_like_pelicans_own_typogrify(built_site):
    root, _, settings = built_site
    html = page(root, "a0.html")
    assert "&#8220;quotes&#8221; &#8211; and" in html  # oldschool: -- is an en dash
    assert "&#8220;Quoted&#8221; article&nbsp;0" in html  # the title, without a lone word
    assert '<span class="s2">&quot;stays straight&quot;</span> <span class="o">--</span>' in html
    # The same site with the plugin left out and Pelican's TYPOGRIFY on.
    build(
        root, settings, "--extra-settings", 'PLUGINS=[]', "TYPOGRIFY=true",
        "LOAD_CONTENT_CACHE=false", "CACHE_CONTENT=false", output="stock",
    )  # fmt: skip
    for name in ("a0.html", "a1.html", "index.html"):
        assert page(root, name) == page(root, name, "stock")


def test_pelicans_cache_holds_the_typeset_html(built_site):
    root = built_site[0]
    readings = cached_readings(root)
    assert len(readings) == 2
    for _, (html, metadata) in readings.values():
        assert "&#8220;quotes&#8221; &#8211; and" in html
        assert metadata["title"].startswith("&#8220;Quoted&#8221;")
        assert "&#8211; number" in metadata["summary"]


def test_an_unchanged_file_is_not_read_again_even_when_its_mtime_changes(built_site):
    root, content, settings = built_site
    tamper_with_cache(root, "a0.md")
    # A git clone gives every file a new mtime; the sha256 still matches.
    source = content / "articles" / "a0.md"
    mtime = source.stat().st_mtime_ns
    source.touch()
    assert source.stat().st_mtime_ns != mtime
    build(root, settings)
    assert MARKER in page(root, "a0.html")
    assert "Body of article 1" in page(root, "a1.html")


def test_an_edited_file_is_read_again(built_site):
    root, content, settings = built_site
    tamper_with_cache(root, "a0.md")
    source = content / "articles" / "a0.md"
    source.write_text(source.read_text().replace("Body of", "Edited body of"), encoding="utf-8")
    build(root, settings)
    html = page(root, "a0.html")
    assert MARKER not in html
    assert "Edited body of article 0" in html


def test_a_setting_that_shapes_the_html_makes_every_file_read_again(built_site):
    root, _, settings = built_site
    tamper_with_cache(root, "a0.md")
    build(root, settings, "--extra-settings", 'TYPOGRIFY_DASHES="default"')
    html = page(root, "a0.html")
    assert MARKER not in html
    assert "&#8220;quotes&#8221; &#8212; and" in html  # default: -- is an em dash
    # The cache was rewritten with the new setting, and is used again.
    tamper_with_cache(root, "a1.md")
    build(root, settings, "--extra-settings", 'TYPOGRIFY_DASHES="default"')
    assert MARKER in page(root, "a1.html")


def test_code_the_settings_hold_renamed_since_the_cache_was_written_is_read_afresh(tmp_path):
    """Pelican's cache pickles each content with its settings, so with the functions they
    hold (JINJA_FILTERS): after such a function is renamed or removed, a restored cache/
    must be read afresh, not stop the build because it can no longer be unpickled."""
    content, settings = write_site(tmp_path)
    source = content / "articles" / "a0.md"  # a Tag holds the settings, so the cache does
    source.write_text("Tags: rest\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    filters = tmp_path / "site_filters.py"
    filters.write_text("def shout(text):\n    return text.upper()\n", encoding="utf-8")
    base = settings.read_text(encoding="utf-8")
    with_filter = "import sys\nsys.path.insert(0, {root!r})\nfrom site_filters import {name}\n"
    with_filter += "JINJA_FILTERS = {{{name!r}: {name}}}\n"
    settings.write_text(base + with_filter.format(root=str(tmp_path), name="shout"))
    build(tmp_path, settings)
    filters.write_text("def yell(text):\n    return text.upper()\n", encoding="utf-8")
    settings.write_text(base + with_filter.format(root=str(tmp_path), name="yell"))
    result = build(tmp_path, settings, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "&#8220;Quoted&#8221; article&nbsp;0" in page(tmp_path, "a0.html")


def test_pelicans_typogrify_on_as_well_stops_the_build_with_the_fix(tmp_path):
    _, settings = write_site(tmp_path, TYPOGRIFY=True)
    result = build(tmp_path, settings, check=False)
    assert result.returncode != 0
    assert "TYPOGRIFY: the typeset_markdown plugin already applies typogrify" in result.stderr
    assert "set TYPOGRIFY = False" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "output" / "a0.html").exists()


def test_an_unknown_filter_name_stops_the_build_naming_it(tmp_path):
    _, settings = write_site(tmp_path, TYPOGRIFY_OMIT_FILTERS=["caps", "widows"])
    result = build(tmp_path, settings, check=False)
    assert result.returncode != 0
    assert "TYPOGRIFY_OMIT_FILTERS: unknown filter widows" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("installed", ["4.11.2", "4.13.0", "5.0.0"])
def test_an_untested_pelican_version_is_refused_with_the_fix(tmp_path, installed):
    _, settings = write_site(tmp_path)
    # A distribution record earlier on the path than the real one: what an installed
    # Pelican of that version reports to importlib.metadata.
    fake = tmp_path / "fake-dist"
    record = fake / f"pelican-{installed}.dist-info"
    record.mkdir(parents=True)
    (record / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: pelican\nVersion: {installed}\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(fake)}
    result = build(tmp_path, settings, env=env, check=False)
    assert result.returncode != 0
    assert (
        f"pelican: version {installed} is installed, this site is tested with 4.12.x only"
        in result.stderr
    )
    assert "pip install -r requirements.txt" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tmp_path / "output").exists()


def test_builds_sharing_one_cache_folder_at_once_all_succeed_alike(tmp_path):
    _, settings = write_site(tmp_path, articles=12)
    build(tmp_path, settings)
    source = tmp_path / "content" / "articles" / "a0.md"
    source.write_text(source.read_text().replace("Body of", "Edited body of"), encoding="utf-8")
    command = [sys.executable, "-m", "pelican", str(tmp_path / "content"), "--settings"]
    builds = [
        subprocess.Popen(
            [*command, str(settings), "--output", str(tmp_path / f"out{n}"), "--fatal", "warnings"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for n in range(4)
    ]
    for process in builds:
        output, _ = process.communicate()
        assert process.returncode == 0, output
    for n in range(4):
        assert page(tmp_path, "a0.html", f"out{n}") == page(tmp_path, "a0.html", "out0")
    assert "Edited body of article 0" in page(tmp_path, "a0.html", "out3")
    tamper_with_cache(tmp_path, "a1.md")
    build(tmp_path, settings)
    assert MARKER in page(tmp_path, "a1.html")  # the cache they left is complete and used


def test_a_cache_left_half_written_is_not_read(built_site):
    root, _, settings = built_site
    # What a build stopped while Pelican writes its cache leaves: a truncated file, and
    # no record of a complete cache (removed before the write began).
    cache = articles_cache(root)
    cache.write_bytes(cache.read_bytes()[: cache.stat().st_size // 2])
    (root / "cache" / "typeset_markdown.fingerprint").unlink()
    build(root, settings)
    assert "Body of article 0" in page(root, "a0.html")
    assert len(cached_readings(root)) == 2  # written anew, whole


def test_an_entry_altered_in_the_cache_never_reaches_the_site(built_site):
    root, _, settings = built_site
    # A valid cache whose HTML for a0.md was swapped after Pelican wrote it.
    tamper_with_cache(root, "a0.md", recorded=False)
    result = build(root, settings)
    html = page(root, "a0.html")
    assert MARKER not in html
    assert "Body of article 0" in html
    assert "Traceback" not in result.stdout + result.stderr
    # The cache written afresh is trusted again (a recorded change is used).
    tamper_with_cache(root, "a1.md")
    build(root, settings)
    assert MARKER in page(root, "a1.html")


@pytest.mark.parametrize("damage", ["flipped", "truncated"])
def test_a_damaged_cache_file_is_read_afresh_without_a_traceback(built_site, damage):
    root, _, settings = built_site
    cache = articles_cache(root)
    data = bytearray(cache.read_bytes())
    if damage == "flipped":
        for offset in range(len(data) // 3, len(data) // 3 + 40):
            data[offset] ^= 0xFF
    else:
        data = data[: len(data) // 2]
    cache.write_bytes(bytes(data))
    # --fatal warnings: Pelican's own "Cannot unpickle cache" warning would stop it.
    result = build(root, settings)
    assert "Body of article 0" in page(root, "a0.html")
    assert "Traceback" not in result.stdout + result.stderr
    assert len(cached_readings(root)) == 2  # written anew, whole


def test_a_build_of_another_content_folder_starts_the_cache_afresh(built_site):
    root = built_site[0]
    other = root / "other"
    _, other_settings = write_site(other, articles=3)
    build(other, other_settings, "--cache-path", str(root / "cache"))
    readings = cached_readings(root)
    assert len(readings) == 3
    assert all(path.startswith(str(other / "content")) for path in readings)
