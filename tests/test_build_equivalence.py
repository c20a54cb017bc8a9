"""A build that reads from Pelican's content cache makes exactly the site a cold build makes.

The cache (CACHE_CONTENT, keyed by each file's sha256) holds every file's typeset HTML
and metadata (plugins/typeset_markdown/). Whatever it holds, the pages Pelican writes
must be byte for byte the ones a build without a cache writes from the same content (the
later steps of sitebuild/pipeline.py are the same for both): after a first build, an
unchanged rebuild, an edited article, a deleted article and a renamed tag, with
publishconf.py; and when the preview (pelicanconf.py, relative URLs) and the published
build take turns with one cache folder, as they do on an author's machine.
The fixture site's References sections and <picture> sizes, made while each file is read,
come from the cache unchanged too.
"""

import re
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import forked_python  # noqa: E402
from corpus import article_slug, build_environment, write_corpus  # noqa: E402

from conftest import PAGEFIND_NONDETERMINISTIC as NONDETERMINISTIC  # noqa: E402
from sitebuild.pipeline import pelican_command  # noqa: E402

# More than one page of the index (DEFAULT_PAGINATION = 8), a tag shared by several
# articles, an article nothing links to; few enough that the 13 builds stay quick.
ARTICLES = 10


def build(content, output, settings_file, cache):
    """Build `content` with Pelican as the pipeline runs it. With `cache` None, cold: a
    new, empty cache folder."""
    if cache is None:
        cache = Path(output).parent / f"{Path(output).name}-cache"
        shutil.rmtree(cache, ignore_errors=True)
    command = [*pelican_command(settings_file, output, content), "--cache-path", str(cache)]
    result = forked_python.run(command, cwd=ROOT, env=build_environment(content))
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    return Path(output)


def site_files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_same_site(reference, cached):
    expected, actual = site_files(reference), site_files(cached)

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
    references = {}

    def check(step, settings=settings_file, content_unchanged=False):
        """A build with `cache` matches a cold build; `content_unchanged`: the content and
        settings are those of the previous step, whose cold build is the reference. The
        first build, with the cache still empty, is a cold build: the next reference."""
        if not cache.exists():
            references[step] = build(content, tmp_path / f"cold-{step}", settings, cache)
            return
        with ThreadPoolExecutor(2) as pool:  # the two builds share nothing: both at once
            cached = pool.submit(build, content, tmp_path / f"cached-{step}", settings, cache)
            if content_unchanged:
                reference = references.popitem()[1]
            else:
                for old in references.values():
                    shutil.rmtree(old)
                references.clear()
                reference = build(content, tmp_path / f"cold-{step}", settings, None)
            cached = cached.result()
        references[step] = reference
        assert_same_site(reference, cached)
        shutil.rmtree(cached)

    return check, cache


def test_published_site_matches_a_cold_build_through_edits_deletions_and_renames(tmp_path):
    content = write_corpus(ARTICLES, tmp_path / "content")
    check, cache = checker(tmp_path, content, ROOT / "publishconf.py")

    # The first build fills Pelican's cache of the articles' and pages' readings.
    check("first")
    assert sorted(path.name for path in cache.glob("*Generator-Readers")) == [
        "ArticlesGenerator-Readers",
        "PagesGenerator-Readers",
    ]
    # Nothing changed: every file comes from the cache.
    check("unchanged", content_unchanged=True)
    # One file changed: read again, the rest from the cache.
    edit_article(content)
    check("edited")
    unlinked_article(content).unlink()
    check("deleted")
    tag = most_used_tag(content)
    assert rename_tag(content, tag, f"renamed {tag}") >= 2
    check("renamed-tag")


def test_preview_and_published_builds_sharing_one_cache_match_cold_builds(tmp_path):
    content = write_corpus(ARTICLES, tmp_path / "content")
    check, _ = checker(tmp_path, content, ROOT / "pelicanconf.py")
    check("preview-first")
    edit_article(content)
    check("published-after-preview", ROOT / "publishconf.py")
    check("preview-after-published")


def test_references_and_responsive_images_from_the_cache_match_a_cold_build(tmp_path):
    """The References section and the <picture> sizes are made while a file is read, so
    the cache holds them: a build from a full cache writes them exactly as a cold one."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "fixtures" / "site", content)
    check, _ = checker(tmp_path, content, ROOT / "publishconf.py")
    check("first")
    check("unchanged", content_unchanged=True)
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "cold-first").rglob("*.html")]
    assert any('<section class="references"' in page for page in pages)
    assert any('<picture><source type="image/webp" srcset=' in page for page in pages)
