"""Summary: whole first sentences, at most 300 characters."""

from tools.wix_import.summary import LIMIT, sentences, shorten


def test_sentences_split_at_ends_followed_by_a_capital():
    text = 'She said "stop." Then we rested. Version 2.0 is out! Is it? e.g. this'
    assert sentences(text) == [
        'She said "stop."',
        "Then we rested.",
        "Version 2.0 is out!",
        "Is it? e.g. this",
    ]


def test_a_too_long_sentence_is_cut_at_a_word():
    assert len(shorten("word " * 100)) <= LIMIT and shorten("word " * 100).endswith("word…")
    assert shorten("short.") == "short."


def test_a_photo_credit_without_a_colon_is_no_summary():
    from tools.wix_import.summary import is_prose

    assert not is_prose("Photo by Jane Doe on Unsplash")
    assert not is_prose("Image courtesy of our friends at Pexels")
    assert is_prose("A photo of the sea can calm a busy mind.")
