"""content/data/practice.toml and authors.toml, checked against what the theme needs: a
missing `booking_url` or `phone` would publish a button and a `tel:` link that go
nowhere. Each problem names the file and the line of the key (or of its table)."""

import os
import re

from .problems import Problem

URL = re.compile(r"^https?://[^\s/]+\.[^\s/]+(?:/\S*)?$")
PHONE = re.compile(r"^\+?[\d ().-]{7,20}$")


def text(test):
    """A shape test for a TOML string: only a string passes, then `test` decides."""
    return lambda value: isinstance(value, str) and bool(test(value))


SHAPES = {
    "text": (text(str.strip), "a line of text in double quotes"),
    "url": (text(URL.match), 'a full address, such as "https://example.org/request-appointment"'),
    "phone": (
        text(lambda v: PHONE.match(v) and len(re.sub(r"\D", "", v)) >= 7),
        'a phone number, such as "(555) 010-0142"',
    ),
    "e164": (
        text(re.compile(r"^\+[1-9]\d{6,14}$").match),
        'the number in international form, "+" and digits only, such as "+15550100142"',
    ),
    "email": (
        text(re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$").match),
        'an e-mail address, such as "hello@example.org"',
    ),
    "dial": (text(re.compile(r"^\d{2,15}$").match), 'digits only, such as "988"'),
    "optional text": (text(lambda v: True), "text in double quotes"),
    # The theme joins these with commas: a plain string would show as "C, B, T".
    "list": (
        lambda v: isinstance(v, list) and all(isinstance(i, str) and i.strip() for i in v),
        'a list of texts in square brackets, such as ["Adults", "Families"]',
    ),
}
REQUIRED, OPTIONAL = True, False
PRACTICE = {
    "name": ("text", REQUIRED),
    "tagline": ("text", REQUIRED),
    "phone": ("phone", REQUIRED),
    "phone_e164": ("e164", REQUIRED),
    "email": ("email", REQUIRED),
    "booking_url": ("url", REQUIRED),
    "site_url": ("url", REQUIRED),
    "logo": ("text", OPTIONAL),
    "default_image": ("text", OPTIONAL),
    "default_image_alt": ("text", OPTIONAL),
    "hours": ("text", OPTIONAL),
    "cname": ("text", OPTIONAL),
    "address": (
        {
            "street": ("text", REQUIRED),
            "city": ("text", REQUIRED),
            "region": ("text", REQUIRED),
            "postal_code": ("text", REQUIRED),
            "country": ("text", REQUIRED),
        },
        REQUIRED,
    ),
    "crisis": (
        {
            "phone": ("dial", REQUIRED),
            "text": ("dial", REQUIRED),
            "chat_url": ("url", REQUIRED),
            "chat_label": ("text", REQUIRED),
            "emergency": ("dial", REQUIRED),
        },
        REQUIRED,
    ),
}
# The credential is checked with the articles that name the author (content_checks.py).
AUTHOR = {
    "title": ("text", OPTIONAL),
    "license": ("text", OPTIONAL),
    "license_state": ("text", OPTIONAL),
    "license_number": ("text", OPTIONAL),
    "license_lookup_url": ("url", OPTIONAL),
    "bio": ("text", OPTIONAL),
    "education": ("text", OPTIONAL),
    "supervision": ("text", OPTIONAL),
    "approaches": ("list", OPTIONAL),
    "populations": ("list", OPTIONAL),
    "photo": ("optional text", OPTIONAL),
}


def in_every_language(schema, settings):
    """`schema` plus each field's `<field>_<lang>` for the site's other languages (the
    writer's details in that language, plugins/i18n's author_profile): same shape."""
    default = settings.get("DEFAULT_LANG", "en")
    others = [lang for lang in settings.get("LANGUAGES") or {} if lang != default]
    translated = {
        f"{key}_{lang}": (shape, OPTIONAL) for key, (shape, _) in schema.items() for lang in others
    }
    return {**schema, **translated}


class TomlLines:
    """Finds the line of a key in a TOML file, inside its table."""

    def __init__(self, path):
        try:
            with open(path, encoding="utf-8") as handle:
                self.lines = handle.read().split("\n")
        except OSError:
            self.lines = []

    def table(self, name):
        """The line of `[name]` (or `["name"]`), 0 for the top level or when absent."""
        if not name:
            return 0
        wanted = {f"[{name}]", f'["{name}"]', f"['{name}']"}
        return next(
            (n for n, text in enumerate(self.lines, 1) if text.strip() in wanted),
            0,
        )

    def key(self, table, key):
        """The line of `key = ...` in `table`, else the table's line."""
        start = self.table(table)
        if table and not start:
            return 0
        for number, text in enumerate(self.lines[start:], start + 1):
            stripped = text.strip()
            if stripped.startswith("["):
                break
            if re.match(rf"{re.escape(key)}\s*=", stripped):
                return number
        return start


def schema_problems(data, schema, shown, lines, table="", label=""):
    problems = []
    for key, (shape, required) in schema.items():
        where = f"{label}{key}"
        if key not in data:
            if required:
                fix = (
                    f"add a [{where}] table" if isinstance(shape, dict) else f"add `{key} = ...`"
                ) + (f" under [{table}]" if table and not isinstance(shape, dict) else "")
                problems.append(
                    Problem(shown, lines.table(table), where, "missing; the site needs it", fix)
                )
            continue
        value = data[key]
        if isinstance(shape, dict):
            if not isinstance(value, dict):
                problems.append(
                    Problem(shown, lines.key(table, key), where, "is not a table", f"write [{key}]")
                )
            else:
                problems += schema_problems(value, shape, shown, lines, key, f"{key}.")
            continue
        test, described = SHAPES[shape]
        if value == "" and not required:
            continue  # left empty: the theme leaves it out
        if not test(value):
            problems.append(
                Problem(
                    shown,
                    lines.key(table, key),
                    where,
                    f"{value!r} is not {described.split(',')[0]}",
                    f"write {described}",
                )
            )
    return problems


def site_data_problems(settings, display_path):
    """Problems in practice.toml (PRACTICE) and authors.toml (AUTHORS_INFO)."""
    folder = os.path.join(settings["PATH"], "data")
    problems = []
    practice = settings.get("PRACTICE")
    if practice is not None:
        path = os.path.join(folder, "practice.toml")
        problems += schema_problems(practice, PRACTICE, display_path(path), TomlLines(path))
    authors = settings.get("AUTHORS_INFO") or {}
    path = settings.get("AUTHORS_FILE") or os.path.join(folder, "authors.toml")
    lines, shown = TomlLines(path), display_path(path)
    author = in_every_language(AUTHOR, settings)
    for name, info in authors.items():
        if isinstance(info, dict):
            problems += schema_problems(info, author, shown, lines, name, "")
    return problems
