"""Skipping smartypants' no-op conversions never changes what it writes."""

from pathlib import Path

import markdown
import pytest
import smartypants

from fast_reader.typography import TRIGGERS, skip_no_op_conversions

ROOT = Path(__file__).resolve().parents[2]
EDGE_CASES = [
    "", "'", '"', "--", "---", "-", "...", ". . .", ". .", "``quoted''", "`single'",
    "\\'", '\\"', "\\\\", "\\.", "\\-", "\\`", "it's", "'80s", "5'11\"", '"Yes," she said',
    "he said, \"'Quoted' words\"", "a -- b --- c", "well...", "plain words only",
    "&quot;entity&quot;", "&#8220;already curly&#8221;", "don’t", "x'", "'x", "end.'",
]  # fmt: skip


def originals():
    return {
        name: getattr(getattr(smartypants, name), "original", getattr(smartypants, name))
        for name in TRIGGERS
    }


@pytest.mark.parametrize("name", sorted(TRIGGERS))
@pytest.mark.parametrize("text", EDGE_CASES)
def test_each_conversion_gives_what_smartypants_gives(name, text):
    skip_no_op_conversions()
    assert getattr(smartypants, name)(text) == originals()[name](text)


def sample_html():
    """Every article and page of the sample site, converted as Pelican converts them."""
    converter = markdown.Markdown(extensions=["markdown.extensions.extra"])
    sources = sorted((ROOT / "tests" / "fixtures" / "site").glob("*/*.md"))
    assert len(sources) > 10
    return [converter.reset().convert(path.read_text(encoding="utf-8")) for path in sources]


@pytest.mark.parametrize("attributes", ["1", "2", "3", "2|w"])
def test_whole_articles_come_out_byte_for_byte_the_same(attributes, monkeypatch):
    attr = 0
    for part in attributes.split("|"):
        attr |= getattr(smartypants.Attr, {"1": "set1", "2": "set2", "3": "set3"}.get(part, part))
    documents = sample_html() + EDGE_CASES
    skip_no_op_conversions()
    skipping = [smartypants.smartypants(html, attr) for html in documents]
    for name, convert in originals().items():
        monkeypatch.setattr(smartypants, name, convert)
    assert skipping == [smartypants.smartypants(html, attr) for html in documents]
    assert skipping != documents  # the conversions did run: quotes and dashes changed
