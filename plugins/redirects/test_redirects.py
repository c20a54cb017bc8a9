"""The redirect pages: what a bad redirects.toml says, and a real build's pages."""

import html
import re

from conftest import copy_project, invoke
from redirects.redirects import old_path_problem, read_table

WIDE = {"COLUMNS": "400"}  # Pelican's log lines unwrapped


def test_a_table_that_cant_be_read_is_named_with_the_fix(tmp_path):
    broken = tmp_path / "redirects.toml"
    broken.write_text('[redirects]\n"/post/a" = \n', encoding="utf-8")
    assert "is not valid TOML" in read_table(broken)[1]
    broken.write_text('[redirects]\n"/post/a" = 3\n', encoding="utf-8")
    assert "[redirects] table" in read_table(broken)[1]
    assert read_table(tmp_path / "missing.toml") == ({}, None)


def test_only_paths_on_the_old_site_are_accepted():
    assert old_path_problem("/post/calm") is None
    assert old_path_problem("/post/über-uns") is None
    for bad in ("post/calm", "/", "/post/../../etc", "https://example.org/post/x"):
        assert "is not a path on the old site" in old_path_problem(bad)


def test_the_build_writes_a_page_per_old_address_and_stops_on_a_missing_article(tmp_path):
    site = copy_project(tmp_path / "site")
    article = next((site / "content" / "articles").glob("*.md"))
    table = site / "content" / "data" / "redirects.toml"
    table.write_text(
        f'[redirects]\n"/post/old-calm" = "articles/{article.name}"\n'
        '"/post/gone" = "articles/no-such-file.md"\n',
        encoding="utf-8",
    )
    output = tmp_path / "out"
    refused = invoke("build", "--output", str(output), cwd=site, check=False, env=WIDE)
    assert refused.returncode != 0
    message = refused.stdout + refused.stderr
    for part in ("content/data/redirects.toml: '/post/gone'", "articles/no-such-file.md", "which"):
        assert part in message

    # An old address that is a page of this site would replace that page.
    table.write_text(f'[redirects]\n"/about" = "articles/{article.name}"\n', encoding="utf-8")
    refused = invoke("build", "--output", str(output), cwd=site, check=False, env=WIDE)
    assert refused.returncode != 0
    assert "'/about' is the address of a page of this site" in refused.stdout + refused.stderr

    table.write_text(
        f'[redirects]\n"/post/old-calm" = "articles/{article.name}"\n', encoding="utf-8"
    )
    invoke("build", "--output", str(output), cwd=site)
    page = (output / "post" / "old-calm" / "index.html").read_text(encoding="utf-8")
    slug = re.search(r"^Slug: (.+)$", article.read_text(encoding="utf-8"), re.M)
    target = f"../../articles/{slug[1] if slug else article.stem}/"
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in page
    assert f'<link rel="canonical" href="{target}">' in page
    assert f'<a href="{target}">' in page and "<script" not in page
    title = re.search(r"^Title: (.+)$", article.read_text(encoding="utf-8"), re.M)[1]
    link_text = re.search(r'<a href="[^"]*">([^<]*)</a>', page)[1]
    assert html.unescape(link_text).replace("\xa0", " ") == title
