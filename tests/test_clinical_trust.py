"""Clinical trust, end to end: who reviewed an article and when, its references,
the closing disclaimer, author credentials, the yearly review list and the
practice's notice pages, checked on the built site against the sources."""

import json
import os
import re
import subprocess
import sys
import tomllib
from datetime import date, datetime
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine

from conftest import ROOT, copy_project, invoke
from content_sources import (
    AUTHORS,
    FIXTURE_SITE,
    plain,
    published_articles,
    published_spanish_articles,
    read_source,
)

PUBLISHED = published_articles()
REVIEWED = [a for a in PUBLISHED if a.meta.get("reviewed_by")]
UNREVIEWED = [a for a in PUBLISHED if not a.meta.get("reviewed_by")]
PAGES = FIXTURE_SITE / "pages"
# Every notice the issue asks for, one click away in every footer.
NOTICE_PAGES = [
    "get-help-now",
    "privacy",
    "notice-of-privacy-practices",
    "terms",
    "accessibility",
    "editorial-policy",
    "fees",
    "telehealth",
]
FOOTNOTE_DEFINITION = re.compile(r"^\[\^([^\]]+)\]:\s*(.+)$", re.MULTILINE)
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((\S+)\)(?=\s|$)")


def long_date(day):
    return f"{day:%B} {day.day}, {day.year}"


def url_of(site, file):
    """The site path a built file is served at ("articles/x/index.html" -> "/articles/x/")."""
    path = "/" + file.relative_to(site.root).as_posix()
    return path.removesuffix("index.html")


def resolve(page_url, href):
    return urlsplit(urljoin(page_url, href)).path


def review_date(source):
    return date.fromisoformat(source.meta["last_reviewed"])


# A fixed "today" for the review list: the sample articles were written so that, on this
# day, some are due for review and some are not; the real date would change that.
TODAY = datetime(2026, 11, 30, 12, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def review_due_on(day, months):
    """`invoke review-due --months N` run with the clock fixed at `day` (time-machine)."""
    run_invoke = (
        "import sys, time_machine; from datetime import datetime; "
        "from invoke.main import program; "
        "time_machine.travel(datetime.fromisoformat(sys.argv[1]), tick=False).start(); "
        "program.run(['invoke', 'review-due', '--months', sys.argv[2]])"
    )
    result = subprocess.run(
        [sys.executable, "-c", run_invoke, day.isoformat(), str(months)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "SITE_CONTENT": str(FIXTURE_SITE)},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def older_than(day, today, months):
    """True when more than `months` months separate `day` from `today`."""
    elapsed = (today.year - day.year) * 12 + today.month - day.month
    return elapsed > months or (elapsed == months and today.day > day.day)


def last_checked(source):
    return review_date(source) if source.meta.get("last_reviewed") else source.date.date()


def expected_due(months, today=None):
    today = today or TODAY.date()
    # Spanish versions are published texts too, each with its own dates (plugins/i18n/).
    candidates = PUBLISHED + published_spanish_articles()
    due = [s for s in candidates if older_than(last_checked(s), today, months)]
    return [
        s.path.relative_to(ROOT).as_posix()
        for s in sorted(due, key=lambda s: (last_checked(s), s.path.as_posix()))
    ]


def test_sample_articles_show_reviews_references_and_both_sides_of_the_review_list():
    assert len(REVIEWED) >= 2
    assert any(FOOTNOTE_DEFINITION.search(s.body) for s in REVIEWED)
    assert 0 < len(expected_due(12)) < len(PUBLISHED)
    # A recent review takes an article published long ago off the list.
    assert any(
        older_than(s.date.date(), TODAY.date(), 12)
        and not older_than(review_date(s), TODAY.date(), 12)
        for s in REVIEWED
    )


LISTED_ARTICLE = re.compile(r"\S+/articles/\S+\.md")


@pytest.mark.parametrize("months", [12, 6])
def test_review_due_lists_exactly_the_overdue_articles_oldest_first(months):
    result = review_due_on(TODAY, months)
    listed = LISTED_ARTICLE.findall(result.stdout)
    assert listed == expected_due(months)
    for line in result.stdout.splitlines():
        if LISTED_ARTICLE.search(line):
            source = read_source(ROOT / LISTED_ARTICLE.search(line)[0])
            assert line.startswith(last_checked(source).isoformat())
            assert source.meta["author"] in line


def test_review_due_on_another_day_lists_other_articles():
    later = TODAY.replace(year=TODAY.year + 1, month=6, day=1)
    assert expected_due(12, later.date()) != expected_due(12)
    result = review_due_on(later, 12)
    assert LISTED_ARTICLE.findall(result.stdout) == expected_due(12, later.date())


def test_today_is_the_practices_date_not_the_machines():
    # 03:00 UTC on 1 December is still 30 November in the practice's time zone.
    from clinical_review.review_dates import practice_today

    with time_machine.travel(datetime(2026, 12, 1, 3, 0, tzinfo=ZoneInfo("UTC")), tick=False):
        assert practice_today("America/Los_Angeles") == date(2026, 11, 30)
        assert practice_today("Europe/London") == date(2026, 12, 1)


@pytest.mark.parametrize("source", REVIEWED, ids=lambda s: s.path.stem)
def test_reviewed_article_names_reviewer_credential_and_date_under_the_byline(dev_site, source):
    url = f"/articles/{source.meta['slug']}/"
    page = dev_site.html(url)
    line = page.select_one(".post-header .review-line")
    reviewer = source.meta["reviewed_by"]
    credential = AUTHORS[reviewer]["credential"]
    assert plain(line.get_text()) == (
        f"Clinically reviewed by {reviewer}, {credential}, on {long_date(review_date(source))}"
    )
    assert line.find_previous(class_="byline") is not None
    assert line.find("time")["datetime"] == source.meta["last_reviewed"]
    reviewer_page = dev_site.html(resolve(url, line.find("a")["href"]))
    assert plain(reviewer_page.find("h1").get_text(" ", strip=True)).startswith(reviewer)


@pytest.mark.parametrize("source", UNREVIEWED, ids=lambda s: s.path.stem)
def test_unreviewed_article_claims_no_review(dev_site, source):
    page = dev_site.html(f"/articles/{source.meta['slug']}/")
    assert page.select_one(".review-line") is None
    assert "reviewed" not in page.select_one(".post-header").get_text().lower()


def json_ld_values(page, key):
    """Every value of `key` anywhere in the page's JSON-LD."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if key in node:
                found.append(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for script in page.select('script[type="application/ld+json"]'):
        walk(json.loads(script.string))
    return found


def test_json_ld_carries_reviewer_and_review_date_only_where_reviewed(published_site):
    site_url = "https://blog.example.org"
    for source in REVIEWED:
        page = published_site.html(f"/articles/{source.meta['slug']}/")
        [reviewer] = json_ld_values(page, "reviewedBy")
        assert reviewer["@type"] == "Person"
        assert reviewer["name"] == source.meta["reviewed_by"]
        assert reviewer["url"].startswith(site_url + "/")
        assert published_site.path(reviewer["url"].removeprefix(site_url)).exists()
        assert json_ld_values(page, "lastReviewed") == [source.meta["last_reviewed"]]
    for source in UNREVIEWED:
        page = published_site.html(f"/articles/{source.meta['slug']}/")
        assert json_ld_values(page, "reviewedBy") == []
        assert json_ld_values(page, "lastReviewed") == []


def break_article(project, name, old, new):
    path = project / "content" / "articles" / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_review_metadata_stops_the_build_naming_file_field_and_fix(tmp_path):
    project = copy_project(tmp_path / "project")
    reviewed = {s.path.name: s for s in REVIEWED}
    unknown_name, early_name = sorted(reviewed)[:2]
    unknown, early = reviewed[unknown_name], reviewed[early_name]
    break_article(project, unknown_name, f"Reviewed_by: {unknown.meta['reviewed_by']}",
                  "Reviewed_by: Dr. Nobody Here")  # fmt: skip
    before_publishing = source_day_before(early)
    break_article(project, early_name, f"Last_reviewed: {early.meta['last_reviewed']}",
                  f"Last_reviewed: {before_publishing}")  # fmt: skip
    unreadable = UNREVIEWED[0]
    break_article(project, unreadable.path.name, f"Author: {unreadable.meta['author']}\n",
                  f"Author: {unreadable.meta['author']}\nReviewed_by: {next(iter(AUTHORS))}\n"
                  "Last_reviewed: last spring\n")  # fmt: skip

    output = tmp_path / "output"
    result = invoke("build", "--output", str(output), cwd=project, check=False)
    report = result.stdout + result.stderr

    assert result.returncode != 0
    assert not output.exists()
    lines = report.splitlines()
    assert any(
        f"articles/{unknown_name}" in line and "Reviewed_by" in line and "Dr. Nobody Here" in line
        and "authors.toml" in line
        for line in lines
    ), report  # fmt: skip
    assert any(
        f"articles/{early_name}" in line and "Last_reviewed" in line
        and before_publishing in line and "before" in line
        for line in lines
    ), report  # fmt: skip
    assert any(
        f"articles/{unreadable.path.name}" in line and "Last_reviewed" in line
        and "last spring" in line
        for line in lines
    ), report  # fmt: skip


def source_day_before(source):
    return date.fromordinal(source.date.date().toordinal() - 1).isoformat()


def test_cited_sources_become_a_numbered_references_list_with_working_links(dev_site):
    source = next(s for s in REVIEWED if FOOTNOTE_DEFINITION.search(s.body))
    definitions = FOOTNOTE_DEFINITION.findall(source.body)
    page = dev_site.html(f"/articles/{source.meta['slug']}/")
    section = page.select_one(".post-body section.references")
    heading = page.find(id=section["aria-labelledby"])
    assert heading.name == "h2" and heading.get_text(strip=True) == "References"
    items = section.select("ol > li")
    assert [li["id"] for li in items] == [f"fn:{label}" for label, _ in definitions]
    for number, (li, (label, text)) in enumerate(zip(items, definitions, strict=True), 1):
        [(link_text, link_url)] = MARKDOWN_LINK.findall(text)
        cited = li.find("a", href=link_url)
        assert cited is not None and cited.get_text() == link_text
        back = li.select_one("a.footnote-backref")
        assert back["href"] == f"#fnref:{label}"
        assert back["aria-label"] == f"Back to reference {number} in the text"
        marker = page.find(id=f"fnref:{label}")
        ref = marker.find("a")
        assert ref["href"] == f"#fn:{label}" and ref.get_text() == str(number)
        assert marker.find_parent(class_="references") is None


def settle_scrolling(page):
    """Wait for smooth scrolling (on unless the reader asks for reduced motion) to end."""
    page.evaluate(
        """async () => {
            let last = -1;
            while (scrollY !== last) { last = scrollY; await new Promise(r => setTimeout(r, 150)); }
        }"""
    )


def test_references_and_back_links_work_with_the_keyboard_and_show_focus(page, dev_server):
    source = next(s for s in REVIEWED if FOOTNOTE_DEFINITION.search(s.body))
    label = FOOTNOTE_DEFINITION.search(source.body)[1]
    page.goto(f"{dev_server}/articles/{source.meta['slug']}/")
    ref = page.locator(f'[id="fnref:{label}"] a')
    ref.focus()
    settle_scrolling(page)  # as a reader would, who tabbed here before pressing Enter
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f"#fn:{label}"
    note = page.locator(f'[id="fn:{label}"]')
    assert note.evaluate("el => el.matches(':target')")
    settle_scrolling(page)
    assert 0 <= note.evaluate("el => el.getBoundingClientRect().top") < page.viewport_size["height"]

    back = note.locator("a.footnote-backref")
    for _ in range(5):  # Tab from the note reaches its back-link after any links it cites
        page.keyboard.press("Tab")
        if back.evaluate("el => el === document.activeElement"):
            break
    assert back.evaluate("el => el === document.activeElement")
    outline = back.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return [el.matches(':focus-visible'), s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert outline[0] and outline[1] != "none" and outline[2] >= 2
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == f"#fnref:{label}"
    page.keyboard.press("Tab")
    assert ref.evaluate("el => el === document.activeElement")


@pytest.mark.parametrize("source", PUBLISHED, ids=lambda s: s.path.stem)
def test_every_article_ends_with_the_disclaimer_and_a_way_to_get_help(dev_site, source):
    url = f"/articles/{source.meta['slug']}/"
    page = dev_site.html(url)
    notice = page.select_one("article .article-disclaimer")
    assert notice.find_previous_sibling(class_="post-body") is not None
    text = plain(notice.get_text(" ", strip=True)).lower()
    for promise in ("education", "not a substitute", "therapist-client relationship",
                    "not for emergencies"):  # fmt: skip
        assert promise in text
    # Said once: the footer of an article page leaves it out.
    assert page.select_one("footer.site-footer .disclaimer") is None
    help_link = notice.find("a")
    assert resolve(url, help_link["href"]) == "/get-help-now/"
    assert dev_site.path("/get-help-now/").exists()


def test_every_footer_links_to_each_notice_page_and_each_page_exists(dev_site):
    titles = {slug: read_source(PAGES / f"{slug}.md").meta["title"] for slug in NOTICE_PAGES}
    for slug, title in titles.items():
        page = dev_site.html(f"/{slug}/")
        assert plain(page.find("h1").get_text(" ", strip=True)) == plain(title)
    pages = dev_site.pages()
    assert len(pages) > 20
    for file in pages:
        url = url_of(dev_site, file)
        footer = dev_site.html(url).select_one("footer.site-footer")
        assert footer is not None, url
        linked = {resolve(url, a["href"]) for a in footer.select("a[href]")}
        # A Spanish page links the Spanish version where there is one (/es/privacy/).
        missing = [
            slug
            for slug in NOTICE_PAGES
            if f"/{slug}/" not in linked and f"/es/{slug}/" not in linked
        ]
        assert not missing, f"{url} footer lacks {missing}"


REQUIRED_WORDING = {
    "privacy": ["no cookies", "no analytics", "server logs", "ip address"],
    "terms": ["not a substitute", "therapist-client relationship", "988", "911"],
    "accessibility": ["wcag", "2.2", "level aa", "tell us about a barrier"],
    "editorial-policy": ["clinically reviewed", "corrections", "no sponsored content", "license"],
    "fees": ["good faith estimate", "$400", "cms.gov/nosurprises", "1-800-985-3059"],
    "telehealth": ["physically located in a state where your clinician is licensed"],
    "notice-of-privacy-practices": ["your rights", "complaint", "office for civil rights"],
}


@pytest.mark.parametrize("slug,phrases", REQUIRED_WORDING.items())
def test_notice_pages_say_what_the_practice_must_tell_readers(dev_site, slug, phrases):
    text = plain(dev_site.html(f"/{slug}/").select_one("main").get_text(" ", strip=True)).lower()
    for phrase in phrases:
        assert phrase in text, f"/{slug}/ does not say {phrase!r}"


def test_privacy_page_links_to_the_notice_of_privacy_practices(dev_site):
    links = dev_site.html("/privacy/").select("main a[href]")
    assert "/notice-of-privacy-practices/" in {resolve("/privacy/", a["href"]) for a in links}


STATE_NAMES = {"OR": "Oregon", "WA": "Washington", "CA": "California", "ID": "Idaho"}


def test_telehealth_page_names_every_state_our_clinicians_are_licensed_in(dev_site):
    text = dev_site.html("/telehealth/").select_one("main").get_text(" ", strip=True)
    for name, profile in AUTHORS.items():
        state = profile["license_state"]
        assert state in STATE_NAMES, f"{name}: add {state}'s full name to STATE_NAMES"
        assert STATE_NAMES[state] in text


@pytest.mark.parametrize("name", sorted({s.meta["author"] for s in PUBLISHED}))
def test_author_page_shows_license_lookup_training_and_supervision(dev_site, name):
    profile = tomllib.loads((FIXTURE_SITE / "data" / "authors.toml").read_text())[name]
    url = f"/authors/{name.lower().replace(' ', '-')}/"
    page = dev_site.html(url)
    text = plain(page.select_one("main").get_text(" ", strip=True))
    shown = [profile[key] for key in ("license", "license_state", "license_number", "education")]
    for value in [*shown, *profile["approaches"], *profile["populations"]]:
        assert plain(value) in text, f"{url} does not show {value!r}"
    lookup = page.select_one(f'main a[href="{profile["license_lookup_url"]}"]')
    assert lookup is not None and lookup.get_text(strip=True)
    if profile.get("supervision"):
        assert plain(profile["supervision"]) in text
    else:
        assert "supervision" not in text.lower()
