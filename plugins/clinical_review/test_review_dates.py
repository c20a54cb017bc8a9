from datetime import date
from pathlib import Path

import pytest

from clinical_review.review_dates import (
    ReviewMetadataError,
    due_for_review,
    months_before,
    parse_review_date,
    review_due_report,
)


def write_article(folder, name, **fields):
    header = "\n".join(f"{key}: {value}" for key, value in fields.items())
    path = Path(folder) / f"{name}.md"
    path.write_text(f"{header}\n\nBody text.\n", encoding="utf-8")
    return path


def test_months_before_keeps_the_day_and_clamps_to_the_end_of_shorter_months():
    assert months_before(date(2026, 11, 25), 12) == date(2025, 11, 25)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_review_date_must_be_an_iso_day_and_the_error_says_where_and_how():
    assert parse_review_date("2026-03-02") == date(2026, 3, 2)
    assert parse_review_date("2026-03-02 10:30") == date(2026, 3, 2)
    with pytest.raises(ReviewMetadataError) as problem:
        parse_review_date("03/02/2026", "articles/sleep.md")
    message = str(problem.value)
    assert "articles/sleep.md" in message and "Last_reviewed" in message
    assert "YYYY-MM-DD" in message


def test_an_article_is_due_when_its_last_check_is_older_than_the_limit(tmp_path):
    today = date(2026, 11, 25)
    old = write_article(tmp_path, "old", Title="Old", Author="A", Date="2025-11-24 09:00")
    exactly_a_year = write_article(tmp_path, "year", Title="Y", Author="A", Date="2025-11-25 23:00")
    reviewed = write_article(
        tmp_path, "reviewed", Title="R", Author="B", Date="2024-01-01 09:00",
        Reviewed_by="C", Last_reviewed="2026-01-10",
    )  # fmt: skip
    review_too_old = write_article(
        tmp_path, "stale", Title="S", Author="B", Date="2024-01-01 09:00",
        Reviewed_by="C", Last_reviewed="2025-01-10",
    )  # fmt: skip
    draft = write_article(
        tmp_path, "draft", Title="D", Author="A", Date="2020-01-01", Status="draft"
    )
    hidden = write_article(
        tmp_path, "hidden", Title="H", Author="A", Date="2020-05-01", Status="hidden"
    )

    due = due_for_review([old, exactly_a_year, reviewed, review_too_old, draft, hidden], today)

    assert [s.path for s in due] == [hidden, review_too_old, old]
    assert [s.last_checked for s in due] == [
        date(2020, 5, 1),
        date(2025, 1, 10),
        date(2025, 11, 24),
    ]
    assert [s.reviewed for s in due] == [False, True, False]
    assert due_for_review([old, exactly_a_year], today, months=24) == []


def test_report_names_date_author_and_path_oldest_first_or_says_nothing_is_due(tmp_path):
    newer = write_article(tmp_path, "newer", Title="Newer", Author="Ann Lee", Date="2025-02-01")
    older = write_article(tmp_path, "older", Title="Older", Author="Bo Kim", Date="2024-02-01")
    report = review_due_report([newer, older], date(2026, 11, 25), 12, root=tmp_path)
    rows = report.splitlines()[2:]
    assert rows[0].split()[:5] == ["2024-02-01", "published", "Bo", "Kim", "older.md"]
    assert rows[1].split()[:5] == ["2025-02-01", "published", "Ann", "Lee", "newer.md"]
    assert report.startswith("2 articles are due")
    assert review_due_report([newer], date(2025, 3, 1), 12).startswith("No article is due")


def test_bad_dates_and_limits_are_refused_with_the_file_named(tmp_path):
    broken = write_article(tmp_path, "broken", Title="B", Author="A", Date="2025-01-01",
                           Reviewed_by="C", Last_reviewed="last spring")  # fmt: skip
    with pytest.raises(ReviewMetadataError, match=r"broken\.md: Last_reviewed 'last spring'"):
        due_for_review([broken], date(2026, 1, 1))
    undated = write_article(tmp_path, "undated", Title="U", Author="A")
    with pytest.raises(ReviewMetadataError, match=r"undated\.md: Date is missing"):
        due_for_review([undated], date(2026, 1, 1))
    with pytest.raises(ReviewMetadataError, match="--months"):
        review_due_report([], date(2026, 1, 1), 0)
