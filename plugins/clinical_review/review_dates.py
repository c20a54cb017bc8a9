"""When was each article last checked by a clinician, and which are due again?

Pure date logic with no Pelican objects, so `invoke review-due` can read the
Markdown sources directly (no build needed) and the plugin can share it.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pelican.utils import get_date

from sitebuild.headers import read_fields

REVIEW_DATE_FIELD = "Last_reviewed"
REVIEWER_FIELD = "Reviewed_by"


class ReviewMetadataError(ValueError):
    """Review metadata an author has to fix; the message says where and how."""


def parse_review_date(value, source=""):
    """`Last_reviewed: 2026-03-02` (an optional time is allowed) as a date.

    Only ISO dates: "03/04/2026" could be March or April, and a review date
    that is silently wrong would hide an article from the yearly review list.
    """
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        where = f"{source}: " if source else ""
        raise ReviewMetadataError(
            f"{where}{REVIEW_DATE_FIELD} {text!r} is not a date: "
            "write the day of the clinical review as YYYY-MM-DD, e.g. 2026-03-02."
        ) from None


def months_before(day, months):
    """The same day of the month `months` earlier (clamped to the month's end)."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class ReviewStatus:
    path: Path
    title: str
    author: str
    last_checked: date
    reviewed: bool  # False: never clinically reviewed, `last_checked` is the publish date


def review_status(path, meta):
    """When an article was last checked: its review date, else its publish date."""
    if meta.get(REVIEW_DATE_FIELD.lower()):
        checked, reviewed = parse_review_date(meta[REVIEW_DATE_FIELD.lower()], path), True
    else:
        if not meta.get("date"):
            raise ReviewMetadataError(f"{path}: Date is missing: add `Date: YYYY-MM-DD HH:MM`.")
        try:
            checked, reviewed = get_date(meta["date"]).date(), False
        except ValueError:
            raise ReviewMetadataError(
                f"{path}: Date {meta['date']!r} is not a date: write it as YYYY-MM-DD HH:MM."
            ) from None
    return ReviewStatus(
        Path(path), meta.get("title", ""), meta.get("author", ""), checked, reviewed
    )


def due_for_review(article_paths, today, months=12):
    """Published articles last checked more than `months` before `today`, oldest first.

    Drafts are left out (nobody reads them yet); hidden articles are kept, since
    readers can still reach them by their address.
    """
    cutoff = months_before(today, months)
    due = []
    for path in article_paths:
        meta = read_fields(path)
        if meta.get("status", "published").lower() == "draft":
            continue
        status = review_status(path, meta)
        if status.last_checked < cutoff:
            due.append(status)
    return sorted(due, key=lambda s: (s.last_checked, str(s.path)))


def practice_today(timezone):
    """Today's date where the practice is (dates in the sources are its local dates)."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(timezone)).date()


def review_due_report(article_paths, today, months=12, root=None):
    """The text `invoke review-due` prints: one line per article due, oldest first."""
    if int(months) != months or months < 1:
        raise ReviewMetadataError(
            f"--months must be a whole number of months, 1 or more (got {months})."
        )
    due = due_for_review(article_paths, today, months)
    cutoff = months_before(today, months)
    if not due:
        return f"No article is due for clinical review: all were checked on or after {cutoff}."
    noun = "article is" if len(due) == 1 else "articles are"
    lines = [
        f"{len(due)} {noun} due for clinical review (last checked before {cutoff}, "
        f"{months} months ago), oldest first:",
        "",
    ]
    width = max(len(s.author) for s in due)
    for status in due:
        kind = "reviewed " if status.reviewed else "published"
        path = status.path.relative_to(root) if root else status.path
        lines.append(
            f"{status.last_checked}  {kind}  {status.author:<{width}}  {path}  {status.title}"
        )
    return "\n".join(lines)
