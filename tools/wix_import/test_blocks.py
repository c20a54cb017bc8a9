"""Body cleanup shared by every source."""

import pytest

from tools.wix_import.blocks import (
    LIST,
    PARAGRAPH,
    Block,
    drop_empty,
    join_split_paragraphs,
    parse_byline,
    questions_to_lists,
    take_byline,
)


def para(text):
    return Block.of(PARAGRAPH, text, text)


@pytest.mark.parametrize(
    "line,expected",
    [
        ("By Ana María López, LCSW", ("Ana María López", "LCSW")),
        ("Written by Jo Park, PhD, LMFT", ("Jo Park", "PhD, LMFT")),
        ("By Jo Park, Psy.D.", ("Jo Park", "Psy.D.")),
        ("By Jo Park, LCSW.", ("Jo Park", "LCSW")),
        ("By Jo Park", ("Jo Park", "")),
        ("By Jo Park LCSW", ("Jo Park", "LCSW")),
        ("By Jo Park PhD LMFT-S", ("Jo Park", "PhD, LMFT-S")),
        ("By ANA MARIA LOPEZ", ("ANA MARIA LOPEZ", "")),
        ("Por Lic. Ana López, LMHC", ("Ana López", "LMHC")),
        ("By Dr. Jo Park, PsyD", ("Jo Park", "PsyD")),
    ],
)
def test_bylines_give_name_and_credential(line, expected):
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "By the way, I think so.",
        "By Monday Night, Sarah had called twice.",
        "By now you know the drill",
        "By Jo Park, LCSW, " + "and a very long sentence that keeps going " * 3,
    ],
)
def test_sentences_starting_with_by_are_not_bylines(line):
    assert parse_byline(line) is None


def test_the_byline_is_taken_out_of_the_body_once():
    blocks = [para("By Jo Park, LCSW"), para("First."), para("By Jo Park, LCSW")]
    rest, byline = take_byline(blocks)
    assert byline == ("Jo Park", "LCSW")
    assert [b.text for b in rest] == ["First.", "By Jo Park, LCSW"]


def test_spacers_and_separators_are_dropped():
    blocks = [para("\xa0"), para("Text."), para("* * *"), para("———"), para("•")]
    assert [b.text for b in drop_empty(blocks)] == ["Text."]


def test_a_long_paragraph_cut_mid_sentence_is_joined():
    first = "This long opening sentence runs on for a good while, past a heading, then stops being"
    blocks = [para(first), para("finished, as Wix split it."), para("Next.")]
    joined = join_split_paragraphs(blocks)
    assert [b.text for b in joined] == [f"{first} finished, as Wix split it.", "Next."]


def test_finished_paragraphs_and_short_labels_stay_apart():
    blocks = [para("A short label"), para("Text."), para("A whole sentence ends here."), para("B.")]
    assert len(join_split_paragraphs(blocks)) == 4


def test_three_short_questions_in_a_row_become_a_list():
    questions = ["How do we start?", "...to listen?", "...to stay kind?"]
    result = questions_to_lists([para("Ask:"), *map(para, questions), para("Then rest.")])
    assert [b.kind for b in result] == [PARAGRAPH, LIST, PARAGRAPH]
    assert result[1].markdown.splitlines() == [f"- {q}" for q in questions]


def test_two_questions_or_long_questions_stay_paragraphs():
    long_question = "Is this a question that goes on " + "and on " * 20 + "?"
    blocks = [para("Why?"), para("How?"), para("Done."), *map(para, [long_question] * 3)]
    assert all(b.kind == PARAGRAPH for b in questions_to_lists(blocks))


def test_a_writer_named_with_a_credential_is_split_when_there_is_no_byline():
    from tools.wix_import.blocks import credit_author
    from tools.wix_import.model import Post

    post = Post(source="x")
    blocks = credit_author(post, [para("Some text here.")], "Jo Park, LCSW")
    assert (post.author, post.credential, len(blocks)) == ("Jo Park", "LCSW", 1)
    credit_author(post, [para("Some text here.")], "mwas-wix")
    assert (post.author, post.credential) == ("mwas-wix", "")
