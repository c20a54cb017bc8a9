"""Author names against the site's list, and the block for a new author."""

import tomllib

from tools.wix_import.authors import known_name, toml_block

AUTHORS = {
    "María Okafor": {"credential": "LCSW", "title": "x", "approaches": ["a"], "photo": ""},
    "Dan Reyes": {"credential": "LMFT", "title": "y", "approaches": [], "photo": ""},
}


def test_the_first_known_candidate_wins_spelled_as_the_list_spells_it():
    assert known_name(["Someone New", "maria okafor"], AUTHORS) == "María Okafor"
    assert known_name(["Dan Reyes", "María Okafor"], AUTHORS) == "Dan Reyes"
    assert known_name(["Someone New"], AUTHORS) is None


def test_the_block_for_a_new_author_parses_and_has_the_lists_fields():
    block = toml_block('Ruth "Ru" Patiño', "LCSW", AUTHORS)
    parsed = tomllib.loads(block)
    profile = parsed['Ruth "Ru" Patiño']
    assert list(profile) == ["credential", "title", "approaches", "photo"]
    assert profile["credential"] == "LCSW"
    assert profile["title"] == "Licensed Clinical Social Worker"
    assert profile["approaches"] == []
    # Appended to an existing list it still parses, with every author.
    merged = tomllib.loads('["Dan Reyes"]\ncredential = "LMFT"\n\n' + block)
    assert set(merged) == {"Dan Reyes", 'Ruth "Ru" Patiño'}


def test_an_unknown_credential_leaves_title_empty():
    profile = tomllib.loads(toml_block("Jo Park", "CADC", AUTHORS))["Jo Park"]
    assert profile["credential"] == "CADC" and profile["title"] == ""
