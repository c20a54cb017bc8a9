from reading_time.reading_time import (
    MEASURES_KEY,
    add_reading_time,
    grade_level,
    measure,
    minutes_to_read,
    plain_text,
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
    def __init__(self, content_html, settings, metadata=None):
        # What typeset_markdown's reader keeps in the metadata (read_along: measure).
        self.settings = settings
        self.metadata = metadata or {MEASURES_KEY: measure(content_html)}


def test_every_content_object_gets_its_words_grade_and_minutes():
    html = "<p>We can rest. We can ask for help.</p>" * 40
    content = Content(html, {})
    add_reading_time(content)
    assert content.word_count == 320
    assert content.reading_minutes == 2
    assert content.reading_grade == grade_level("We can rest. We can ask for help. " * 40)
    slower = Content(html, {"READING_WORDS_PER_MINUTE": 100})
    add_reading_time(slower)
    assert slower.reading_minutes == 4


def test_the_measures_the_reader_kept_in_the_metadata_are_used():
    # typeset_markdown's reader measured the file (cached by Pelican with the HTML).
    content = Content("<p>Not measured again.</p>", {}, {MEASURES_KEY: [600, 7.5, 0]})
    add_reading_time(content)
    assert (content.word_count, content.reading_grade, content.reading_minutes) == (600, 7.5, 3)


def test_entities_and_inline_markup_read_as_the_text_readers_see():
    marked_up = measure("<p>self-<em>care</em> &amp; rest</p>")
    assert marked_up[0] == measure("<p>self- care rest</p>")[0]
    assert plain_text("<p>one<br>two</p>").split() == ["one", "two"]


def test_each_picture_adds_a_moment_to_the_reading_time():
    """Medium's count: 12 s for the first picture, one second less for each next, at
    least 3 s: fifteen pictures beside 200 words are no "1 min read"."""
    text = "<p>" + "rest " * 200 + "</p>"
    pictures = '<p><img src="a.jpg" alt="A calm harbor"></p>' * 15
    assert measure(text + pictures)[2] == 15
    assert minutes_to_read(200) == 1
    assert minutes_to_read(200, images=15) == 3  # 48 s + (12 + 11 + ... + 3) + 5 x 3 s
    content = Content(text + pictures, {})
    add_reading_time(content)
    assert content.reading_minutes == 3


def test_the_grade_reads_prose_not_code_or_tables():
    prose = "<p>We can rest. We can ask for help.</p>"
    code = "<pre><code>" + "value_one = compute(value_two, other_value)\n" * 100 + "</code></pre>"
    table = "<table>" + "<tr><td>Monday</td><td>slept badly after a long evening</td></tr>" * 50
    assert measure(prose + code + table + "</table>")[1] == measure(prose)[1]
    assert measure(prose + code)[0] > measure(prose)[0]  # the time still counts them


def test_headings_and_list_items_end_their_sentence():
    listed = (
        "<h2>Small steps for a calm evening at home</h2><ul><li>Turn off the screens an hour"
        " before bed</li><li>Dim the lights in the living room</li><li>Write tomorrow's list"
        " on paper</li></ul>"
    )
    run_on = "<p>" + plain_text(listed) + "</p>"
    assert measure(listed)[1] < measure(run_on)[1]
