"""Wix dates and the rule for the year Wix leaves out."""

from datetime import date, datetime

import pytest

from tools.wix_import.dates import parse_iso, parse_wix_date, resolve

CAPTURED = datetime(2026, 11, 25, 20, 54)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Oct 9", (10, 9, None)),
        ("  • Oct 9", (10, 9, None)),
        ("October 9, 2023", (10, 9, 2023)),
        ("Sept 30, 2021", (9, 30, 2021)),
        ("9 Oct 2023", (10, 9, 2023)),
        ("2023-10-09", (10, 9, 2023)),
        # A blog shown in Spanish.
        ("9 oct", (10, 9, None)),
        ("9 oct. 2023", (10, 9, 2023)),
        ("9 de octubre de 2023", (10, 9, 2023)),
        ("1 de ene. de 2024", (1, 1, 2024)),
        ("30 dic", (12, 30, None)),
        ("15 Septiembre 2021", (9, 15, 2021)),
    ],
)
def test_the_forms_wix_shows_are_read(text, expected):
    found = parse_wix_date(text)
    assert (found.month, found.day, found.year) == expected


@pytest.mark.parametrize("text", ["3 min read", "Oct 32", "Writer: Ruth", "Octopus 9", ""])
def test_other_lines_are_not_dates(text):
    assert parse_wix_date(text) is None


@pytest.mark.parametrize(
    "text,day", [("hace 3 días", 22), ("Hace una semana", 18), ("ayer", 24), ("hace 2 horas", 25)]
)
def test_spanish_relative_dates_count_back_from_the_capture(text, day):
    moment, note = resolve(parse_wix_date(text, reference=CAPTURED), captured=CAPTURED)
    assert moment.date() == date(2026, 11, day) and f'"{text}" is relative' in note


def test_relative_dates_count_back_from_the_capture():
    found = parse_wix_date("3 days ago", reference=CAPTURED)
    moment, note = resolve(found, captured=CAPTURED)
    assert moment.date() == date(2026, 11, 22)
    assert "relative" in note


def test_a_date_with_its_year_needs_no_note():
    assert resolve(parse_wix_date("Oct 9, 2023"), captured=CAPTURED) == (datetime(2023, 10, 9), "")


def test_a_missing_year_comes_from_the_capture_and_says_so():
    moment, note = resolve(parse_wix_date("Oct 9"), captured=CAPTURED)
    assert moment == datetime(2026, 10, 9)
    assert "2026" in note and "--year" in note


def test_year_option_wins_over_the_capture():
    moment, note = resolve(parse_wix_date("Oct 9"), year=2024, captured=CAPTURED)
    assert moment == datetime(2024, 10, 9)
    assert "--year" in note


def test_a_date_after_the_capture_belongs_to_the_year_before():
    moment, note = resolve(parse_wix_date("Dec 20"), captured=CAPTURED)
    assert moment == datetime(2025, 12, 20)
    assert "2025" in note


def test_an_update_in_january_follows_a_december_post():
    published = datetime(2025, 12, 28)
    moment, _ = resolve(parse_wix_date("Jan 3"), year=2025, not_before=published)
    assert moment == datetime(2026, 1, 3)


def test_february_29_steps_back_to_a_leap_year():
    moment, note = resolve(parse_wix_date("Feb 29"), year=2026)
    assert moment == datetime(2024, 2, 29)
    assert "2024" in note


def test_iso_timestamps_become_the_sites_local_time():
    from zoneinfo import ZoneInfo

    pacific = ZoneInfo("America/Los_Angeles")
    assert parse_iso("2023-10-09T19:06:22.594Z", pacific) == datetime(
        2023, 10, 9, 12, 6, 22, 594000
    )
    assert parse_iso("not a date", pacific) is None
