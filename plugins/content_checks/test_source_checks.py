"""The source checks on their own: header parsing, each rule, the word lists.

Whole builds with bad content are in tests/test_content_checks.py."""

import re
from datetime import datetime

import markdown
import pytest
from pelican.utils import slugify

from content_checks.sources import (
    Rules,
    SourceChecker,
    check_sources,
    is_sensitive,
    load_word_lists,
    parse,
)
from content_checks.text_checks import text_problems
from tools.new_article import NOTES_MARKER, SUMMARY_PLACEHOLDER, new_article_text

AUTHORS = {
    "Maya Okafor": {"credential": "LCSW"},
    "Daniel Reyes": {"credential": "LMFT"},
    "Sam Nocredential": {"credential": ""},
}
NOW = datetime(2026, 11, 25, 10, 0)
WORDS = load_word_lists()
SENSITIVE_TAGS = WORDS.sensitive_tags


def rules(tmp_path):
    return Rules(
        authors=AUTHORS,
        authors_file="content/data/authors.toml",
        content_root=str(tmp_path),
        now=NOW,
        slugify=lambda text: slugify(text or "", regex_subs=[(r"[^\w\s-]", ""), (r"[-\s]+", "-")]),
        words=WORDS,
        templates={"page": frozenset({"page", "contact", "search"}), "article": {"article"}},
    )


def article(body="We rest. We ask for help.", **fields):
    header = {
        "Title": "Rest Is Part of the Work",
        "Date": "2025-01-10 09:00",
        "Author": "Maya Okafor",
        "Category": "Self-care",
        "Tags": "rest",
        "Slug": "rest-is-part-of-the-work",
        "Summary": "Why rest helps.",
    }
    header.update(fields)
    lines = [f"{key}: {value}" for key, value in header.items() if value is not None]
    return "\n".join(lines) + "\n\n" + body + "\n"


def problems(tmp_path, text, kind="article", path="content/articles/a.md"):
    """Every check of one file: its header and files (SourceChecker), its text."""
    source = parse(path, text, kind, "articles/a.md")
    return SourceChecker(source, rules(tmp_path)).run() + text_problems(source, WORDS)


def found(problem_list, field):
    return [p for p in problem_list if p.field == field]


HEADERS = [
    "Title: A\nDate: 2025-01-01\n\nText",
    "Title: A\nSummary: one\n    two\n    three\nTags: x\n\nText",
    "---\nTitle: A\nSlug: a\n---\nText",
    "Title: A\nAuthor Maya Okafor\nCategory: C\n\nText",
    "Title: A\nTitle: B\n\nText",
    "# Not a header\nTitle: A\n",
    "Title: A\nText right after the header\n",
]


@pytest.mark.parametrize("text", HEADERS)
def test_header_is_read_exactly_as_python_markdown_reads_it(text):
    md = markdown.Markdown(extensions=["meta"])
    md.convert(text)
    source = parse("a.md", text, "article")
    ours = {}
    for found_field in [*source.fields.values(), *source.repeated]:
        ours.setdefault(found_field.key, []).extend(found_field.values)
    assert ours == md.Meta


def test_a_valid_article_has_no_problems(tmp_path):
    assert problems(tmp_path, article()) == []


@pytest.mark.parametrize(
    "fields, field, line, words",
    [
        ({"Title": None}, "Title", 1, "missing"),
        ({"Date": None}, "Date", 1, "missing"),
        ({"Date": "12/03/2025"}, "Date", 2, "YYYY-MM-DD HH:MM"),
        ({"Date": "2025-02-30 09:00"}, "Date", 2, "YYYY-MM-DD HH:MM"),
        ({"Date": "2028-01-01 09:00"}, "Date", 2, "more than a year ahead"),
        ({"Modified": "2024-12-31 09:00"}, "Modified", 8, "earlier than the Date"),
        # The publishing day without a time: midnight, so the time is what to add.
        ({"Modified": "2025-01-10"}, "Modified", 8, "`Modified: 2025-01-10 09:00` or later"),
        ({"Status": "Draft"}, "Status", 8, "`Status: draft`"),
        ({"Status": "publised"}, "Status", 8, "`Status: published`"),
        ({"Author": "maya okafor"}, "Author", 3, "did you mean 'Maya Okafor'"),
        ({"Author": "Sam Nocredential"}, "Author", 3, "no credential"),
        ({"Author": None}, "Author", 1, "Maya Okafor, Daniel Reyes"),
        ({"Category": None}, "Category", 1, "missing"),
        ({"Slug": "My Article"}, "Slug", 6, "`Slug: my-article`"),
        ({"Slug": "My_Slug"}, "Slug", 6, "`Slug: my-slug`"),
        ({"Slug": "a" * 319}, "Slug", 6, "at most 100"),
        ({"Template": "../../etc/passwd"}, "Template", 8, "not a template of the theme"),
        ({"Template": "artcle"}, "Template", 8, "`Template: article`"),
        ({"Tags": "??"}, "Tags", 5, "no letters or digits"),
        ({"Category": ".."}, "Category", 4, "no letters or digits"),
        ({"Date": "0001-01-01"}, "Date", 2, "before 1990"),
        ({"Tags": "sleep, stress; rest"}, "Tags", 5, "`Tags: sleep, stress, rest`"),
        ({"Author": "Maya\u00a0Okafor"}, "Author", 3, "NO-BREAK SPACE (U+00A0)"),
        ({"Author": "Maya Oka\u200bfor"}, "Author", 3, "ZERO WIDTH SPACE (U+200B)"),
        ({"Summary": None}, "Summary", 1, "missing"),
        ({"Summary": "word " * 70}, "Summary", 7, "at most 300"),
        ({"Sensitive": "maybe"}, "Sensitive", 8, "yes"),
        ({"Reviewed_by": "Nobody", "Last_reviewed": "2025-02-01"}, "Reviewed_by", 8, "Nobody"),
        ({"Reviewed_by": "Daniel Reyes"}, "Last_reviewed", 8, "missing"),
        (
            {"Reviewed_by": "Daniel Reyes", "Last_reviewed": "2025-01-01"},
            "Last_reviewed",
            9,
            "before the Date",
        ),
        ({"Sumary": "x"}, "Sumary", 8, "`Summary:`"),
    ],
)
def test_each_header_mistake_names_its_line_field_and_fix(tmp_path, fields, field, line, words):
    reported = found(problems(tmp_path, article(**fields)), field)
    assert len(reported) == 1, reported
    assert reported[0].line == line
    assert words in str(reported[0])


def test_a_summary_of_exactly_300_characters_passes(tmp_path):
    assert problems(tmp_path, article(Summary="x" * 300)) == []
    assert found(problems(tmp_path, article(Summary="x" * 301)), "Summary")


def test_a_line_without_colon_ends_the_header_and_the_stranded_fields_are_named(tmp_path):
    text = "Title: A\nDate: 2025-01-10\nAuthor Maya Okafor\nCategory: Self-care\nSlug: a\n\nText\n"
    reported = problems(tmp_path, text)
    stop = [p for p in reported if p.line == 3]
    assert len(stop) == 1 and stop[0].field == "Author"
    assert "Category, Slug" in stop[0].what and "`Author: Maya Okafor`" in stop[0].fix
    # The stranded fields are not also reported as missing.
    assert not found(reported, "Category") and not found(reported, "Slug")


def test_empty_file_and_empty_body(tmp_path):
    assert [p.field for p in problems(tmp_path, "  \n\n")] == ["file"]
    no_body = found(problems(tmp_path, article(body="")), "text")
    assert no_body and "no text" in no_body[0].what


def test_images_need_alt_text_and_existing_files(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "lake.jpg").write_bytes(b"jpg")
    body = (
        "![A lake]({static}../images/lake.jpg)\n"
        "![]({static}../images/lake.jpg)\n"
        '<img src="{static}/images/lake.jpg">\n'
        "![A tree]({static}../images/tree.jpg)\n"
    )
    reported = found(problems(tmp_path, article(body=body)), "image")
    assert sorted(p.line for p in reported) == [10, 11, 12]
    assert "content/images/tree.jpg" in next(p for p in reported if p.line == 12).what


@pytest.mark.parametrize(
    "sentence, suggestion",
    [
        ("Her uncle committed suicide last year.", "died by suicide"),
        ("He commits suicide in the novel.", "died by suicide"),
        ("It was called a successful suicide.", "died by suicide"),
        ("After a failed suicide attempt she got help.", "survived a suicide attempt"),
        ("After a failed\nattempt to end his life he got help.", "survived a suicide attempt"),
        ("He was a suicide victim.", "person who died by suicide"),
        ("Reports about a suicide epidemic.", "rising rates of suicide"),
        ("He hanged himself.", "without how"),
        ("She took an overdose of pills.", "safe storage"),
    ],
)
def test_wording_safe_messaging_advises_against_fails_with_a_suggestion(
    tmp_path, sentence, suggestion
):
    text = article(body="We talk about suicide with care.\n\n" + sentence)
    reported = found(problems(tmp_path, text), "safe messaging")
    assert len(reported) == 1, reported
    assert reported[0].line == 11
    assert suggestion in reported[0].fix


@pytest.mark.parametrize(
    "sentence",
    [
        "When someone dies by suicide, the people who loved them grieve.",
        "She survived a suicide attempt and now helps others.",
        "We spent the afternoon hanging out with friends.",
        "After a failed attempt to quit sugar, I tried again.",  # not about suicide
        "Every clinician completed suicide prevention training this year.",
        "She completed suicide risk assessment training.",
        "Ask whether they have thought about how they might hurt themselves.",
    ],
)
def test_safe_wording_and_everyday_phrases_pass(tmp_path, sentence):
    assert problems(tmp_path, article(body=sentence)) == []


def test_articles_about_suicide_or_self_harm_are_sensitive():
    assert is_sensitive(["suicide prevention", "grief"], "", SENSITIVE_TAGS)
    assert is_sensitive(["Self-harm"], "", SENSITIVE_TAGS)
    assert is_sensitive(["sleep"], "yes", SENSITIVE_TAGS)
    assert not is_sensitive(["sleep", "rest"], "no", SENSITIVE_TAGS)


def test_duplicate_slugs_and_two_spellings_of_a_category_across_files(tmp_path):
    first = parse("content/articles/a.md", article(), "article", "articles/a.md")
    second = parse(
        "content/articles/b.md", article(Category="Self-Care"), "article", "articles/b.md"
    )
    older = parse(
        "content/articles/c.md",
        article(Date="2024-01-01", Slug="c"),
        "article",
        "articles/c.md",
    )
    reported = check_sources([first, second, older], rules(tmp_path))
    slug = found(reported, "Slug")
    assert [(p.path, p.line) for p in slug] == [("content/articles/b.md", 6)]
    assert "content/articles/a.md" in slug[0].what
    category = found(reported, "Category")
    assert [(p.path, p.line) for p in category] == [("content/articles/b.md", 4)]
    assert "'Self-care'" in category[0].fix


def test_a_new_article_is_a_valid_draft_and_cannot_be_published_unchanged(tmp_path):
    text = new_article_text(
        "Coping With Winter Blues", "Daniel Reyes", "Self-care", "coping", NOW, list(AUTHORS)
    )
    source = parse("content/articles/coping.md", text, "article")
    assert source.get("title") == "Coping With Winter Blues"
    assert source.get("date") == "2026-11-25 10:00"
    assert source.get("status") == "draft"
    assert source.get("summary") == SUMMARY_PLACEHOLDER
    assert problems(tmp_path, text) == []

    published = text.replace("Status: draft\n", "")
    fields = {p.field for p in problems(tmp_path, published)}
    assert fields == {"Summary", "text"}
    finished = re.sub(r"<!--.*?-->\n", "", published, flags=re.S)
    finished = finished.replace(SUMMARY_PLACEHOLDER, "Winter can be hard.")
    finished = finished.replace(finished.rstrip().splitlines()[-1], "We rest. We ask for help.")
    assert NOTES_MARKER not in finished
    assert problems(tmp_path, finished) == []


def test_word_list_patterns_must_be_lowercase(tmp_path):
    lists = tmp_path / "words.toml"
    lists.write_text(
        'sensitive_tags = ["suicide"]\ntopic_pattern = "suicid\\\\w*"\n'
        '[[wording]]\npattern = "Committed suicide"\nsuggestion = "died by suicide"\n'
    )
    with pytest.raises(ValueError, match="lowercase"):
        load_word_lists(lists)
    lists.write_text(lists.read_text().replace("Committed", "committed"))
    assert load_word_lists(lists).phrases.search("he committed suicide")


def test_the_suggested_fixes_are_accepted(tmp_path):
    for fields in ({"Slug": "My_Slug"}, {"Tags": "sleep, stress; rest"}):
        [problem] = [p for p in problems(tmp_path, article(**fields)) if p.field in fields]
        fixed = re.search(r"`(\w+): (.+?)`", problem.fix)
        assert problems(tmp_path, article(**{fixed[1]: fixed[2]})) == []


def test_an_invisible_character_is_named_not_offered_as_a_look_alike(tmp_path):
    [problem] = problems(tmp_path, article(Author="Maya\u00a0Okafor"))
    assert "did you mean" not in str(problem)
    assert "invisible NO-BREAK SPACE" in problem.what


@pytest.mark.parametrize(
    "character, name",
    [("\x00", "NUL"), ("\x0b", "vertical tab"), ("\x0c", "form feed"), ("\x1b", "U+001B")],
)
def test_control_characters_are_refused_with_their_line(tmp_path, character, name):
    text = article(body=f"We rest.\n\nPasted{character} from Word.")
    [problem] = found(problems(tmp_path, text), "text")
    assert problem.line == 11 and name in problem.what and problem.stops_pelican


def test_a_duplicate_slug_is_blamed_on_the_newer_file(tmp_path):
    published = parse("content/articles/z-old.md", article(), "article", "articles/z-old.md")
    newer = parse(
        "content/articles/a-new.md", article(Date="2025-06-01 09:00"), "article", "a-new.md"
    )
    draft = parse(
        "content/articles/b-draft.md", article(Date="2024-01-01", Status="draft"), "article", "b"
    )
    slug = found(check_sources([published, newer, draft], rules(tmp_path)), "Slug")
    assert sorted(p.path for p in slug) == [
        "content/articles/a-new.md",
        "content/articles/b-draft.md",
    ]
    assert all("content/articles/z-old.md" in p.what for p in slug)


def test_a_category_or_tag_with_an_invisible_character_names_it(tmp_path):
    for field, line in (("Category", 4), ("Tags", 5)):
        [problem] = found(problems(tmp_path, article(**{field: "Self-care\u200b"})), field)
        assert problem.line == line
        assert "ZERO WIDTH SPACE (U+200B)" in problem.what


# Real text in the site's languages that looks like what the character checks refuse:
# accents next to punctuation, emoji joined with U+200D, a no-break space, “quotes”.
ORDINARY_TEXT = [
    "Café…” she said. ¿Qué tal? Año nuevo, niño, ÉXITO.",
    "Family: 👩\u200d👩\u200d👧 and a 🏳\ufe0f\u200d🌈 flag.",
    "It\u2019s 10\u00a0% — not 20 %. “Rest” is ‘work’ too.",
    "Ä”, Å», Ã and â are letters, not garbled text.",
    "Pasted with a direction mark\u200e (left-to-right), as web pages often hold.",
]


@pytest.mark.parametrize("text", ORDINARY_TEXT)
def test_ordinary_text_passes_the_character_checks(tmp_path, text):
    found = problems(tmp_path, article(Title=text[:60], body=text))
    assert [p for p in found if p.field in ("text", "Title")] == []


def test_fields_below_the_header_are_reported_once_not_also_as_missing(tmp_path):
    header, _, body = article().partition("\n\n")
    moved = "\n".join(line for line in header.splitlines() if not line.startswith("Title:"))
    found = problems(tmp_path, f"{moved}\n\nTitle: Rest Is Part of the Work\n\n{body}")
    titles = [p.what for p in found if p.field == "Title"]
    assert len(titles) == 1 and "below the blank line" in titles[0], titles
