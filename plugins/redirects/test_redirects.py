"""The redirect pages: what a bad redirects.toml says, and a real build's pages."""

import html
import re
import shutil

from conftest import FIXTURE_SITE, copy_project, invoke, small_fixture_site
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
    where = (
        "content/data/redirects.toml:3: redirect: '/post/gone' leads to articles/no-such-file.md"
    )
    assert where in message and "Traceback" not in message

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


def test_an_old_address_may_not_take_a_file_the_site_writes(tmp_path):
    """One owner per output address: a redirect whose page would land on a page, a feed,
    a theme file, a file the site writes, or another redirect stops the publish build at
    the line of redirects.toml, and the output of the last build stays."""
    site = copy_project(tmp_path / "site", content=small_fixture_site(tmp_path / "content"))
    with open(site / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write("\nDEFAULT_PAGINATION = 2\n")  # so the home page has a page 2
    article = next((site / "content" / "articles").glob("*.md")).name
    table = site / "content" / "data" / "redirects.toml"
    lines = {
        "/post/old-calm": None,  # line 3: fine
        "/about": "content/pages/about.md",  # an English page
        "/es/contact": "content/pages/es/contact.md",  # a Spanish page
        "/feeds/all.atom.xml": "the feed feeds/all.atom.xml",  # a file, not a folder
        "/theme/css": "the theme's files",
        "/post/old-calm/": "as line 3 of this file (the same address) is",
        "/robots.txt": "robots.txt is a file the site writes",  # a template page
        "/page/2": "page/2/index.html, which the site itself",  # the home page's second page
        "/images/logo.png": "content/images/logo.png",  # a file copied from content/
    }
    entries = "".join(f'"{old}" = "articles/{article}"\n' for old in lines)
    table.write_text(f"# old addresses\n[redirects]\n{entries}", encoding="utf-8")
    output = tmp_path / "out"
    output.mkdir()
    (output / "kept.html").write_text("the last good build", encoding="utf-8")
    refused = invoke("preview", "--output", str(output), cwd=site, check=False, env=WIDE)
    report = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "Traceback" not in report
    for number, (old, owner) in enumerate(lines.items(), 3):
        where = f"content/data/redirects.toml:{number}: redirect: the old address {old!r}"
        if owner is None:
            assert where not in report
            continue
        assert where in report, report
        line = next(text for text in report.splitlines() if where in text)
        assert owner in line and "remove" in line, line
    assert sorted(p.name for p in output.iterdir()) == ["kept.html"]

    # The Spanish home page and a Spanish listing (plugins/i18n writes them once there
    # is a Spanish article).
    spanish = FIXTURE_SITE / "articles" / "es" / "sleep-log-for-stress.md"
    (site / "content" / "articles" / "es").mkdir(exist_ok=True)
    shutil.copy(spanish, site / "content" / "articles" / "es" / spanish.name)
    entries = "".join(
        f'"{old}" = "articles/{article}"\n' for old in ("/post/old-calm", "/es/topics", "/es")
    )
    table.write_text(f"[redirects]\n{entries}", encoding="utf-8")
    refused = invoke("preview", "--output", str(output), cwd=site, check=False, env=WIDE)
    report = refused.stdout + refused.stderr
    assert refused.returncode != 0
    for number, old in ((3, "/es/topics"), (4, "/es")):
        where = f"content/data/redirects.toml:{number}: redirect: the old address {old!r}"
        assert where in report and "which the site itself also writes" in report, report
    assert sorted(p.name for p in output.iterdir()) == ["kept.html"]

    table.write_text(f'[redirects]\n"/post/old-calm" = "articles/{article}"\n', encoding="utf-8")
    invoke("preview", "--output", str(output), cwd=site, env=WIDE)
    assert (output / "post" / "old-calm" / "index.html").is_file()
