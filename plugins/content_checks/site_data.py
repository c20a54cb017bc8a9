"""content/data/practice.toml and authors.toml, checked against what the theme needs: a
missing `booking_url` or `phone` would publish a button and a `tel:` link that go
nowhere; a `logo` or `photo` must be a picture the site publishes (never another site's:
that would tell it who reads the page); a key misspelt (`loga`) would be ignored; a text
may not hold the characters the articles may not (control characters, U+FFFD, garbled
encoding...). Each problem names the file and the line of the key (or of its table)."""

import difflib
import os
import posixpath
import re

from .files import IMAGE_FORMATS
from .problems import Problem
from .sources import ZERO_WIDTH, character_names, unusual_characters

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
    "table": (lambda v: isinstance(v, dict), "a [table]"),
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
    "logo": ("image", REQUIRED),
    "default_image": ("image", REQUIRED),
    "default_image_alt": ("text", OPTIONAL),
    "hours": ("text", OPTIONAL),
    "cname": ("text", OPTIONAL),
    # The browser editor's (pelicanconf.py, plugins/editor).
    "editor_repo": ("optional text", OPTIONAL),
    "editor_branch": ("optional text", OPTIONAL),
    "editor_auth_url": ("url", OPTIONAL),
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
            "languages": ("table", OPTIONAL),  # each language's way in (plugins/i18n)
        },
        REQUIRED,
    ),
}
# The credential is checked with the articles that name the author (content_checks.py).
AUTHOR = {
    "credential": ("text", OPTIONAL),  # required for bylines: content_checks.py says so
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
    "photo": ("image", OPTIONAL),
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


def site_image(settings):
    """The shape of a picture the site publishes: a file of content/images (or another
    static folder) of an image kind, named as the templates join it to SITEURL."""
    root, folders = settings["PATH"], [p.strip("/") for p in settings.get("STATIC_PATHS", [])]

    def test(value):
        return (
            isinstance(value, str)
            and posixpath.normpath(value) == value
            and value.split("/", 1)[0] in folders
            and posixpath.splitext(value)[1].lower() in {*IMAGE_FORMATS, ".svg"}
            and os.path.isfile(os.path.join(root, value))
        )

    return test, 'a picture in content/images, written like "images/logo.png"'


def unknown_key_problems(data, schema, shown, lines, table, label):
    """A key the site does not read but that is close to one it does: a typo that would
    leave out what the author meant to set."""
    problems = []
    for key in data:
        base, _, lang = key.rpartition("_")
        if key in schema or (base in schema and re.fullmatch("[a-z]{2,3}", lang)):
            continue  # a field, or its translation (`bio_es`; in_every_language)
        guess = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
        if guess:
            problems.append(
                Problem(
                    shown,
                    lines.key(table, key),
                    f"{label}{key}",
                    "is not a key the site reads, so it would be ignored",
                    f"did you mean `{guess[0]} = ...`?",
                )
            )
    return problems


def text_problems(data, shown, lines, table="", label=""):
    """Characters no one types on purpose in any text of the file, at the key's line."""
    problems = []
    for key, value in data.items():
        if isinstance(value, dict):
            problems += text_problems(value, shown, lines, key, f"{label}{key}.")
            continue
        texts = value if isinstance(value, list) else [value]
        for text in (t for t in texts if isinstance(t, str)):
            found = unusual_characters(text)
            if ZERO_WIDTH.search(text):
                found.append(
                    (
                        f"holds the invisible {character_names(ZERO_WIDTH, text)}",
                        "retype the text",
                        False,
                    )
                )
            problems += [
                Problem(shown, lines.key(table, key), f"{label}{key}", what, fix, stops)
                for what, fix, stops in found
            ]
    return problems


def schema_problems(data, schema, shown, lines, table="", label="", shapes=SHAPES):
    problems = unknown_key_problems(data, schema, shown, lines, table, label)
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
                problems += schema_problems(value, shape, shown, lines, key, f"{key}.", shapes)
            continue
        test, described = shapes[shape]
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
    shapes = {**SHAPES, "image": site_image(settings)}
    problems = []
    practice = settings.get("PRACTICE")
    if practice is not None:
        path = os.path.join(folder, "practice.toml")
        shown, lines = display_path(path), TomlLines(path)
        problems += schema_problems(practice, PRACTICE, shown, lines, shapes=shapes)
        problems += text_problems(practice, shown, lines)
    authors = settings.get("AUTHORS_INFO") or {}
    path = settings.get("AUTHORS_FILE") or os.path.join(folder, "authors.toml")
    lines, shown = TomlLines(path), display_path(path)
    author = in_every_language(AUTHOR, settings)
    if not authors:
        problems.append(
            Problem(
                shown,
                0,
                "authors",
                "lists no writer; every article names one",
                'add a table for each writer: ["Their Name"], then credential = "LCSW"',
                stops_pelican=True,
            )
        )
    for name, info in authors.items():
        if not isinstance(info, dict):
            problems.append(
                Problem(
                    shown,
                    lines.key("", name),
                    name,
                    "is not a table of the writer's details",
                    f'write it as ["{name}"] on a line of its own, then credential = "..." '
                    "and the other details below it",
                    stops_pelican=True,
                )
            )
            continue
        problems += name_problems(name, shown, lines.table(name))
        problems += schema_problems(info, author, shown, lines, name, "", shapes)
        problems += text_problems(info, shown, lines, name)
    return problems


def name_problems(name, shown, line):
    """A writer's name is shown as text, in the byline and in an address (its slug)."""
    found = [what for what, _, _ in unusual_characters(name)]
    if ZERO_WIDTH.search(name):
        found.append(f"holds the invisible {character_names(ZERO_WIDTH, name)}")
    if not re.search(r"[^\W\d_]", name):
        found.append("has no letters")
    elif re.search(r"[<>{}\[\]\\|\"]", name) or len(name) > 80:
        found.append("is not a person's name (markup characters, or over 80 characters)")
    return [
        Problem(shown, line, "name", f"'{name}' {what}", "write the writer's name as it is shown")
        for what in found
    ]
