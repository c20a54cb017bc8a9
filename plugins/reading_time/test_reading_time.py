from reading_time.reading_time import count_words, grade_level, minutes_to_read, plain_text


def test_counts_words_of_the_visible_text_only():
    rendered = '<p>We&rsquo;re here <a href="https://example.org/a-very-long-link">to help</a>.</p>'
    text = plain_text(rendered)
    assert "example" not in text
    assert count_words(text) == 4


def test_minutes_round_up_and_never_drop_below_one():
    assert minutes_to_read(0) == 1
    assert minutes_to_read(250) == 1
    assert minutes_to_read(251) == 2
    assert minutes_to_read(650) == 3


def test_plain_short_sentences_grade_lower_than_dense_academic_prose():
    plain = "We can rest. We can ask for help. Small steps count."
    dense = (
        "Interpersonal neurobiological considerations substantially complicate "
        "conventional conceptualizations of physiological dysregulation."
    )
    assert grade_level(plain) < 4 < 14 < grade_level(dense)
    assert grade_level("") == 0.0


def test_a_written_out_address_counts_as_one_word():
    text = plain_text(
        "<p>See https://example.org/resources/a-very/long-path-with-many-parts.pdf today</p>"
    )
    assert count_words(text) == 3
