"""The benchmark's synthetic corpus (benchmarks/corpus.py) is made from the test fixture
site alone, the same way every time: the figures cannot move because someone edited
content/."""

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import FIXTURE_SITE, build_environment, write_corpus  # noqa: E402


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.md")}


def test_a_corpus_comes_from_the_fixture_site_and_is_the_same_each_time(tmp_path):
    first, second = write_corpus(12, tmp_path / "a"), write_corpus(12, tmp_path / "b")
    assert files(first) == files(second)
    assert len(list((first / "articles").glob("*.md"))) == 12
    for name in ("data/authors.toml", "data/practice.toml", "images/logo.png"):
        assert (first / name).read_bytes() == (FIXTURE_SITE / name).read_bytes()
    assert sorted(p.name for p in (first / "pages").rglob("*.md")) == sorted(
        p.name for p in (FIXTURE_SITE / "pages").rglob("*.md")
    )
    with open(FIXTURE_SITE / "data" / "authors.toml", "rb") as handle:
        authors = set(tomllib.load(handle))
    for article in (first / "articles").glob("*.md"):
        (author,) = [
            line for line in article.read_text().splitlines() if line.startswith("Author:")
        ]
        assert author.removeprefix("Author: ") in authors
    # Its builds read the corpus's own data/ (pelicanconf.py follows SITE_CONTENT).
    assert build_environment(first)["SITE_CONTENT"] == str(first.resolve())
