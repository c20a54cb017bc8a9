import json

from reading_time.reading_time import (
    MEMO_FILE,
    add_reading_time,
    grade_level,
    measure,
    minutes_to_read,
    plain_text,
    save_memo,
)


def test_counts_words_of_the_visible_text_only():
    rendered = '<p>We&rsquo;re here <a href="https://example.org/a-very-long-link">to help</a>.</p>'
    assert "example" not in plain_text(rendered)
    assert measure(rendered)[0] == 4


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
    page = "<p>See https://example.org/resources/a-very/long-path-with-many-parts.pdf today</p>"
    assert measure(page)[0] == 3


class Content:
    def __init__(self, content_html, settings):
        self._content, self.settings = content_html, settings


class Generator:
    def __init__(self, settings):
        self.settings = settings


def build(texts, cache_path):
    """One build's reading-time pass: every text, then the memo saved."""
    settings = {"CACHE_PATH": str(cache_path)}
    contents = [Content(text, settings) for text in texts]
    for content in contents:
        add_reading_time(content)
    save_memo([Generator(settings)])
    return [[c.word_count, c.reading_grade] for c in contents]


def test_a_rebuild_reuses_remembered_figures_and_measures_changed_text(tmp_path):
    texts = ["<p>We can rest. We can ask for help.</p>", "<p>Small steps count.</p>"]
    first = build(texts, tmp_path)
    assert first == [measure(t) for t in texts]
    assert [words for words, _ in first] == [8, 3]
    memo_file = tmp_path / MEMO_FILE
    stored = json.loads(memo_file.read_text())
    key = next(iter(stored["entries"]))
    stored["entries"][key] = [999, 9.9]  # planted: proves the remembered figures are used
    memo_file.write_text(json.dumps(stored))
    assert [999, 9.9] in build(texts, tmp_path)
    assert build(["<p>A new text.</p>"], tmp_path) == [measure("<p>A new text.</p>")]
    memo_file.write_text("{not json")
    assert build(texts[1:], tmp_path) == [measure(texts[1])]
