"""The link check reads our real pages exactly as the standard HTML parser does.

plugins/link_check scans pages with regular expressions for speed; if it ever missed
a link or an id on our real pages, broken links would reach readers unreported.
"""

import pytest
from link_check.link_check import parse_page
from link_check.reference_parser import reference_parse


@pytest.mark.parametrize("build", ["dev_site", "published_site"])
def test_every_built_page_scans_to_the_same_links_and_ids(build, request):
    site = request.getfixturevalue(build)
    pages = site.pages()
    assert len(pages) > 20
    different = []
    for path in pages:
        html = path.read_text(encoding="utf-8")
        scanned, parsed = parse_page(html), reference_parse(html)
        assert parsed.links, f"{path} has no links at all: is it a page of ours?"
        if scanned != parsed:
            different.append(path.relative_to(site.root).as_posix())
    assert different == []
