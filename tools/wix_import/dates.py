"""Dates as Wix shows them, and the rule for the year Wix leaves out.

Wix writes "Oct 9" for posts of the current year, "Oct 9, 2023" for older
ones, and "3 days ago" for the last week; a blog shown in Spanish writes
"9 oct", "9 de octubre de 2023" and "hace 3 días". A date without a year takes the
year given with --year, else the year the capture file was saved; a date
that would then lie after the capture itself belongs to the year before.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
# Spanish ("mar", "may", "jun", "jul", "sep", "oct", "nov" are shared with English).
MONTHS |= {
    name: number
    for number, names in enumerate(
        [
            ("ene", "enero"),
            ("feb", "febrero"),
            ("mar", "marzo"),
            ("abr", "abril"),
            ("may", "mayo"),
            ("jun", "junio"),
            ("jul", "julio"),
            ("ago", "agosto"),
            ("sep", "sept", "set", "septiembre", "setiembre"),
            ("oct", "octubre"),
            ("nov", "noviembre"),
            ("dic", "diciembre"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[^\W\d_]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
PATTERNS = [
    re.compile(rf"^{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?$"),  # Oct 9 / Oct 9, 2023
    re.compile(rf"^{_DAY}\s+{_MONTH}(?:,?\s+{_YEAR})?$"),  # 9 Oct / 9 Oct 2023
    re.compile(rf"^{_DAY}\s+de\s+{_MONTH}(?:\s+de\s+{_YEAR})?$"),  # 9 de octubre de 2023
    re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})$"),  # 2023-10-09
]
RELATIVE = re.compile(
    r"^(?:(?P<count>\d+|an?|one)\s+(?P<unit>min(?:ute)?|hour|day|week)s?\s+ago"
    r"|hace\s+(?P<cuenta>\d+|una?)\s+(?P<unidad>min(?:uto)?|hora|d[ií]a|semana)s?"
    r"|(?P<now>just now|justo ahora|hace un momento)"
    r"|(?P<yesterday>yesterday|ayer))$",
    re.IGNORECASE,
)
UNIT_DAYS = {"min": 1 / 1440, "minute": 1 / 1440, "hour": 1 / 24, "day": 1, "week": 7}
UNIT_DAYS |= {"minuto": 1 / 1440, "hora": 1 / 24, "día": 1, "dia": 1, "semana": 7}


@dataclass
class WixDate:
    """A date read from the page: year None when Wix left it out."""

    text: str
    month: int
    day: int
    year: int | None = None
    exact: date | None = None  # for relative dates, already resolved


def parse_wix_date(text, reference=None):
    """Read "Oct 9", "Oct 9, 2023", "9 Oct 2023", "2023-10-09" or "3 days ago".

    Returns a WixDate, or None when the text is not a date. `reference` is
    the moment the page was captured, needed for relative dates.
    """
    shown = " ".join(text.replace("\xa0", " ").split()).strip(" ·•")
    cleaned = shown.lower()
    relative = RELATIVE.match(cleaned)
    if relative:
        if reference is None:
            return None
        if relative["now"]:
            days = 0
        elif relative["yesterday"]:
            days = 1
        else:
            count = relative["count"] or relative["cuenta"]
            number = int(count) if count.isdigit() else 1  # "a day ago", "hace un día"
            days = number * UNIT_DAYS[relative["unit"] or relative["unidad"]]
        exact = (reference - timedelta(days=days)).date()
        return WixDate(shown, exact.month, exact.day, exact.year, exact)
    for pattern in PATTERNS:
        match = pattern.match(cleaned)
        if not match:
            continue
        month = match["month"]
        month = int(month) if month.isdigit() else MONTHS.get(month.lower())
        if not month:
            continue
        year = int(match["year"]) if match["year"] else None
        try:
            date(year or 2000, month, int(match["day"]))  # 2000: Feb 29 is valid
        except ValueError:
            continue
        return WixDate(shown, month, int(match["day"]), year)
    return None


def resolve(wix_date, *, year=None, captured=None, not_before=None):
    """Turn a WixDate into a midnight datetime, and say how the year was chosen.

    Returns (datetime, note); note is "" when the page gave the year. A date
    earlier than `not_before` (an "Updated:" before its post) moves a year on.
    """
    if wix_date.exact is not None:
        note = f'"{wix_date.text}" is relative: counted back from when the file was saved'
        return datetime.combine(wix_date.exact, datetime.min.time()), note
    if wix_date.year is not None:
        return datetime(wix_date.year, wix_date.month, wix_date.day), ""
    if year is not None:
        chosen, how = year, "from --year"
    elif captured is not None:
        chosen, how = captured.year, "the year the file was last modified; pass --year to change it"
    else:
        raise ValueError(f'"{wix_date.text}" has no year: pass --year')
    chosen, result = _valid_date(chosen, wix_date)
    if year is None and captured is not None and result > captured:
        # Wix leaves out only the current year, so a later date is last year's.
        chosen, result = _valid_date(chosen - 1, wix_date)
        how = "the year before the file was saved, as the date would otherwise lie after it"
    if not_before is not None and result < not_before:
        later = not_before.year + (1 if (wix_date.month, wix_date.day) < _md(not_before) else 0)
        chosen, result = _valid_date(later, wix_date)
        how = "the first year that puts it after the publish date"
    return result, f'"{wix_date.text}" has no year: used {chosen} ({how})'


def _md(moment):
    return (moment.month, moment.day)


def _valid_date(year, wix_date):
    """(year, datetime), stepping back from a year without Feb 29 to a leap year."""
    while True:
        try:
            return year, datetime(year, wix_date.month, wix_date.day)
        except ValueError:
            year -= 1


def local_time(moment, timezone):
    """An aware datetime as the site's local wall-clock time (naive)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(timezone).replace(tzinfo=None)


def parse_iso(text, timezone):
    """ "2023-10-09T19:06:22.594Z" (JSON-LD, meta tags) as local time, or None."""
    try:
        return local_time(datetime.fromisoformat(text.strip()), timezone)
    except (AttributeError, ValueError):
        return None
