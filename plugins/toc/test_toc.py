from toc.toc import headings, leave_theme_ids


def test_reads_ids_and_plain_text_of_second_level_headings_only():
    rendered = (
        '<h2 id="why-rest">Why <em>rest</em> matters</h2><p>x</p>'
        '<h3 id="sub">Sub</h3><h2 id="tips">Tips &amp; tricks</h2>'
    )
    assert headings(rendered) == [("why-rest", "Why rest matters"), ("tips", "Tips & tricks")]


def test_no_headings_gives_empty_list():
    assert headings("<p>Only a paragraph.</p>") == []
    assert headings(None) == []


def test_a_heading_never_takes_an_id_of_the_theme():
    body = (
        '<p><a href="#main">Below</a></p><h2 id="main">Main</h2><h2 id="main-1">Main 1</h2>'
        '<h2 id="toc-title">Toc title</h2><h2 id="tips">Tips</h2>'
    )
    assert headings(leave_theme_ids(body)) == [
        ("main-2", "Main"),
        ("main-1", "Main 1"),
        ("toc-title-1", "Toc title"),
        ("tips", "Tips"),
    ]
    assert '<a href="#main-2">Below</a>' in leave_theme_ids(body)
    assert leave_theme_ids('<h2 id="tips">Tips</h2>') == '<h2 id="tips">Tips</h2>'
