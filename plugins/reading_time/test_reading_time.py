from reading_time.reading_time import (
    Memo,
    count_words,
    grade_level,
    measure,
    minutes_to_read,
    plain_text,
)


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


def test_a_rebuild_reuses_remembered_figures_and_measures_changed_text(tmp_path):
    path = tmp_path / "cache" / "reading_time.json"
    texts = ["<p>We can rest. We can ask for help.</p>", "<p>Small steps count.</p>"]
    first = Memo(str(path))
    assert [first.figures(t) for t in texts] == [measure(t) for t in texts]
    assert [words for words, _ in first.used.values()] == [8, 3]
    first.save()
    second = Memo(str(path))
    assert second.known == first.used
    key = next(iter(second.known))
    second.known[key] = [999, 9.9]  # planted: proves the remembered figures are used
    assert [999, 9.9] in [second.figures(t) for t in texts]
    assert second.figures("<p>A new text.</p>") == measure("<p>A new text.</p>")
    path.write_text("{not json")
    assert Memo(str(path)).figures(texts[1]) == measure(texts[1])
