from pathlib import Path

from sitebuild.html_text import parse_html
from toc.toc import THEME_IDS, headings, leave_theme_ids

TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "templates"


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


def test_every_id_the_theme_writes_is_left_to_the_theme():
    """An id a template adds later (a new landmark, a dialog) must join THEME_IDS, or an
    author's heading of that name would give the page that id twice."""
    written = {
        node.attributes["id"]
        for template in TEMPLATES.rglob("*.html")
        for node in parse_html(template.read_text(encoding="utf-8")).css("[id]")
        if node.attributes["id"] and "{" not in node.attributes["id"]
    }
    assert "main" in written  # the templates were read
    assert written <= THEME_IDS, sorted(written - THEME_IDS)
