"""Choosing the author and category of `invoke new` (the whole command is tested in
tests/test_new_article.py)."""

import pytest

from tools.new_article import choose


def test_choosing_an_author_by_number_name_or_argument():
    options = ["Maya Okafor", "Daniel Reyes"]
    answers = iter(["7", "daniel reyes"])
    assert choose("author", options, "", lambda _prompt: next(answers)) == "Daniel Reyes"
    assert choose("author", options, "", lambda _prompt: "1") == "Maya Okafor"
    assert choose("author", options, "maya okafor", None) == "Maya Okafor"
    with pytest.raises(SystemExit, match="Maya Okafor, Daniel Reyes"):
        choose("author", options, "Nobody", None)

    def no_answer(_prompt):
        raise EOFError

    with pytest.raises(SystemExit, match="--author"):
        choose("author", options, "", no_answer)
