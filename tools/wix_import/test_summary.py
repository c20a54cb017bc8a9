"""Summary: whole first sentences, at most 300 characters."""

from tools.wix_import.blocks import HEADING, PARAGRAPH, Block
from tools.wix_import.summary import LIMIT, first_sentences, sentences, shorten


def test_sentences_split_at_ends_followed_by_a_capital():
    text = 'She said "stop." Then we rested. Version 2.0 is out! Is it? e.g. this'
    assert sentences(text) == [
        'She said "stop."',
        "Then we rested.",
        "Version 2.0 is out!",
        "Is it? e.g. this",
    ]


def test_as_many_whole_sentences_as_fit():
    sentence = "This sentence is exactly fifty characters long ok."
    assert len(sentence) == 50
    block = Block.of(PARAGRAPH, "", " ".join([sentence] * 8))
    summary = first_sentences([block])
    assert summary == " ".join([sentence] * 5)  # 254 characters; a sixth makes 305
    assert len(summary) <= LIMIT


def test_headings_are_skipped_and_the_next_block_type_ends_the_summary():
    blocks = [
        Block.of(HEADING, "## Intro", "Intro"),
        Block.of(PARAGRAPH, "", "One."),
        Block.of(PARAGRAPH, "", "Two."),
        Block.of(HEADING, "## More", "More"),
        Block.of(PARAGRAPH, "", "Three."),
    ]
    assert first_sentences(blocks) == "One. Two."


def test_a_first_sentence_too_long_is_cut_at_a_word():
    words = "word " * 100
    summary = first_sentences([Block.of(PARAGRAPH, "", words)])
    assert len(summary) <= LIMIT and summary.endswith("word…")
    assert shorten("short.") == "short."


def test_a_photo_credit_without_a_colon_is_no_summary():
    from tools.wix_import.summary import is_prose

    assert not is_prose("Photo by Jane Doe on Unsplash")
    assert not is_prose("Image courtesy of our friends at Pexels")
    assert is_prose("A photo of the sea can calm a busy mind.")
