from toc.toc import headings


def test_reads_ids_and_plain_text_of_second_level_headings_only():
    rendered = (
        '<h2 id="why-rest">Why <em>rest</em> matters</h2><p>x</p>'
        '<h3 id="sub">Sub</h3><h2 id="tips">Tips &amp; tricks</h2>'
    )
    assert headings(rendered) == [("why-rest", "Why rest matters"), ("tips", "Tips & tricks")]


def test_no_headings_gives_empty_list():
    assert headings("<p>Only a paragraph.</p>") == []
    assert headings(None) == []
