"""Raw tags that are not HTML and links without https://, each at its own line."""

from conftest import copy_project, invoke
from content_checks.markup import check_markup
from content_checks.sources import parse

HEADER = "Title: T\nDate: 2025-01-10 09:00\nAuthor: Maya Okafor\nCategory: Self-care\n\n"


def problems(body):
    source = parse("content/articles/a.md", HEADER + body, "article")
    return [(p.line, p.field, p.what, p.fix) for p in check_markup(source)]


def test_an_address_in_angle_brackets_without_https_is_an_error_at_its_line():
    found = problems("First line.\n\nSee <www.example.de/x> for more.\n")
    ((line, field, what, fix),) = found
    assert (line, field) == (8, "text")
    assert "'<www.example.de/x>' is not an HTML element" in what
    assert fix == "add https:// inside the brackets: <https://www.example.de/x>"


def test_real_elements_autolinks_and_code_are_left_alone():
    body = (
        "A <em>real</em> tag, <br> and <https://example.org/x> and <help@example.org>.\n\n"
        "In code: `<www.example.de>` stays.\n\n```\n<www.example.de/x>\n```\n"
    )
    assert problems(body) == []


def test_an_unknown_tag_gets_the_literal_less_than_advice():
    ((_, _, what, fix),) = problems("2 <3 is fine but <blink>this</blink> is not.\n")
    assert "'<blink>' is not an HTML element" in what
    assert "&lt;" in fix


def test_every_scheme_less_link_is_reported_at_its_own_line_with_add_https():
    body = (
        "[One](www.example.de/x) and [two](www.example.de/x).\n\n"
        "[Three](example.org/page)\n\n"
        '<a href="www.example.net">four</a>\n\n'
        "[Fine](https://example.org) [also]({filename}other.md) [local](/about/) [img](a.png)\n"
    )
    found = problems(body)
    assert [(line, field) for line, field, _, _ in found] == [
        (6, "link"),
        (6, "link"),
        (8, "link"),
        (10, "link"),
    ]
    assert all(fix.startswith("add https://: https://") for *_, fix in found)
    assert "without https://" in found[0][2]


def test_in_a_build_every_bad_link_is_reported_at_its_own_line(tmp_path):
    site = copy_project(tmp_path / "site")
    article = next((site / "content" / "articles").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    start = header.count("\n") + 3  # the first body line
    extra = (
        "See [our contact page](/contact/).\n\n"
        "Again: [contact](/contact/).\n\n"
        "And [the press](www.example.org/press) too.\n\n"
    )
    article.write_text(f"{header}\n\n{extra}{body}", encoding="utf-8")
    result = invoke("build", "--output", str(tmp_path / "out"), cwd=site, check=False)
    report = result.stdout + result.stderr
    name = f"content/articles/{article.name}"
    assert result.returncode != 0
    assert f"{name}:{start}: link: '/contact/' is a hand-written address" in report
    assert f"{name}:{start + 2}: link: '/contact/' is a hand-written address" in report
    assert (
        f"{name}:{start + 4}: link: 'www.example.org/press' is an address on another site" in report
    )
    assert "add https://" in report and "www.example.org/press' is a hand-written" not in report
