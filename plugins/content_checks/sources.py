"""Checks on the Markdown sources as the author wrote them.

These run before Pelican reads anything: Pelican drops a file with a bad date,
a missing title or a wrong-case Status after logging one line, so we read the
headers ourselves (sitebuild.headers) and keep the line numbers for the report.
"""

import difflib
import html
import os
import posixpath
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

from sitebuild.headers import META_LINE, Header, parse_header
from tools.new_article import is_placeholder

from .problems import Problem

# A header line with a typo that ends the header: "Author Maya", "Reviewed by: X".
LOOKS_LIKE_FIELD = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z _-]{1,20}?)\s*(?::|\s)\s*(?P<value>.*)")

MARKDOWN_EXTENSIONS = {".md", ".markdown", ".mkd", ".mdown"}
# Fields the site reads. Only Summary may continue on indented lines: Pelican
# keeps the first line of any other field and warns.
KNOWN_FIELDS = {
    "title": "Title",
    "date": "Date",
    "modified": "Modified",
    "author": "Author",
    "authors": "Authors",
    "category": "Category",
    "tags": "Tags",
    "slug": "Slug",
    "summary": "Summary",
    "status": "Status",
    "template": "Template",
    "lang": "Lang",
    "translation": "Translation",
    "save_as": "Save_as",
    "url": "Url",
    "sensitive": "Sensitive",
    "reviewed_by": "Reviewed_by",
    "last_reviewed": "Last_reviewed",
    "image": "Image",  # the social card (social_image plugin)
    "image_alt": "Image_alt",
    "translator": "Translator",  # who translated an article (plugins/i18n/, byline)
}
MULTILINE_FIELDS = {"summary"}
# Markdown that needs the article's text to mean anything: a footnote mark ([^1]) and a
# reference-style link ([words][ref], [words][]). A Summary is shown without that text.
BODY_ONLY_MARKDOWN = re.compile(r"\[\^[^\]\s]+\]|\[[^\]]+\]\[[^\]]*\]")
STATUSES = ("published", "draft", "hidden")
DATE_SHAPE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$")
SLUG_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 100  # characters of a slug: a folder name must stay well under 255 bytes
MAX_NESTING = 40  # levels of list or quote in one article
NESTED = re.compile(
    rf"^(?P<indent> {{{4 * MAX_NESTING},}})(?:[-*+]|\d+[.)])\s"
    rf"|^(?P<quotes>(?:\s*>){{{MAX_NESTING},}})"
)
QUOTES = "[]\"'“”‘’ "
# `Save_as`: an .html file in plain folders (not a feed, a dotfile, a folder).
SAVE_AS_SHAPE = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_.-]*\.html$")
EARLIEST_YEAR = 1990  # the site has no older articles: an earlier year is a typo
# C0 control characters other than tab, newline and carriage return (Word pastes form
# feeds and vertical tabs); they break the published XML feeds.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
CONTROL_NAMES = {"\x00": "NUL", "\x0b": "vertical tab", "\x0c": "form feed"}
# Characters that look like nothing, or like a space, in an editor.
INVISIBLE = re.compile("[\u00a0\u00ad\u180e\u2000-\u200f\u2028-\u202f\u205f-\u2064\ufeff]")
# Characters that reorder the text around them (right-to-left embeddings, overrides and
# isolates): pasted in, they make a line read differently from what it says. (The
# direction marks U+200E/U+200F, common in pasted text, only place neutral characters.)
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters with no width: in a title or summary they split words for search and make
# look-alike names (the zero-width joiner is left alone: emoji are made with it).
ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b\u200c\u2060-\u2064]")
# Text saved as UTF-8, read back as Windows-1252 and saved again: "â€™" for ’, "Ã©" for
# é. Each garbled character is a lead character followed by the characters that
# Windows-1252 shows for the bytes 0x80-0xBF; `mojibake` decodes the candidates back.
CP1252_TAIL = "".join(bytes([b]).decode("cp1252", "ignore") for b in range(0x80, 0xC0))
GARBLED = re.compile(f"[\u00c2\u00c3][{CP1252_TAIL}]|\u00e2[{CP1252_TAIL}]{{2}}")
HEADER_TEXT_FIELDS = ("title", "summary", "image_alt", "translator")
MAX_TITLE = 150  # characters: search results and social cards cut a title well before
YES = {"yes", "true"}
NO = {"no", "false"}

# Each pattern stops at the next bracket, so a long line of `![![![` is read once, not once
# per bracket (a 100 KB line of them must not hang the build).
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\[\]]*)\]\s*(?:\((?P<src>[^()\s]*)|\[)")
HTML_IMAGE = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"\balt\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))", re.I)
HTML_SRC = re.compile(r"\bsrc\s*=\s*[\"']?(?P<src>[^\"'\s>]*)", re.IGNORECASE)
MARKDOWN_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
# `{static}` and `{attach}` targets: Pelican stops reading when one is missing.
IMAGE_BEFORE = re.compile(r"(?:!\[[^\[\]]*\]\(|<img\b[^<>]*src=[\"']?)$", re.IGNORECASE)
STATIC_LINK = re.compile(r"[{|](?P<what>static|attach)[|}](?P<value>[^\s)\"'>]+)")


@dataclass
class Source:
    """One article or page: where it is and its parsed header."""

    path: str  # as shown in the report
    kind: str  # "article" or "page"
    header: Header
    relative: str = ""  # path inside the content folder, as Pelican names it
    full_path: str = ""  # absolute, to match Pelican's content objects

    lines = property(lambda self: self.header.lines)
    fields = property(lambda self: self.header.fields)  # key -> first Field with that key
    repeated = property(lambda self: self.header.repeated)
    header_stop = property(lambda self: self.header.stop)
    body_start = property(lambda self: self.header.body_start)
    body_lines = property(lambda self: self.header.body_lines)
    stranded = property(lambda self: self.header.stranded)

    def get(self, key):
        return self.header.get(key)

    def line_of(self, key):
        return self.header.line_of(key)

    @property
    def status(self):
        return self.get("status") or "published"

    @property
    def tags(self):
        """Tags are separated by commas (a `;` is reported as a mistake)."""
        return [t.strip() for t in self.get("tags").split(",") if t.strip()]

    @property
    def slug_line(self):
        """Where the slug comes from: the Slug line, else the Title it is made of."""
        return self.line_of("slug" if self.get("slug") else "title")

    def find_any_line(self, needles):
        """The first line containing the first of `needles` (lowercase) found, or 0."""
        lowered = [text.lower() for text in self.lines]
        for needle in needles:
            found = next((n for n, text in enumerate(lowered, 1) if needle in text), 0)
            if found:
                return found
        return 0


def parse(path, text, kind, relative=""):
    """A Markdown source with its header split off, as Pelican will read it."""
    return Source(path, kind, parse_header(text), relative)


@dataclass
class WordRule:
    kind: str  # "wording" or "method"
    suggestion: str
    topic_only: bool


@dataclass
class WordLists:
    """safe_messaging.toml, compiled: every phrase in one regular expression
    (one pass over each text), matched on the lowercased text."""

    rules: list  # WordRule, in the order of the `rule<N>` groups of `phrases`
    phrases: re.Pattern
    topic: re.Pattern
    sensitive_tags: tuple


@dataclass
class Rules:
    """What a correct source looks like on this site."""

    authors: dict  # AUTHORS_INFO: name -> {credential, ...}
    authors_file: str
    content_root: str  # the content folder (Pelican's PATH)
    now: datetime  # naive, in the site's time zone
    slugify: object  # the site's slugify(text) -> slug
    words: WordLists
    summary_max: int = 300
    default_lang: str = "en"
    templates: dict = field(default_factory=dict)  # {kind: names `Template:` may give}
    static_paths: tuple = ("images", "extra")  # STATIC_PATHS: the folders published as files


WORD_LISTS_FILE = Path(__file__).with_name("safe_messaging.toml")


def load_word_lists(path=WORD_LISTS_FILE):
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    entries = [(kind, entry) for kind in ("wording", "method") for entry in data.get(kind, [])]
    rules = [WordRule(kind, e["suggestion"], e.get("topic_only", False)) for kind, e in entries]
    # A phrase may wrap onto the next line: a space in the list matches any whitespace.
    for _, entry in entries:
        if re.sub(r"\\.", "", entry["pattern"]) != re.sub(r"\\.", "", entry["pattern"]).lower():
            raise ValueError(f"{path}: write the pattern {entry['pattern']!r} in lowercase")
    any_space = r"\s+"

    def rule_pattern(entry):
        pattern = entry["pattern"].replace(" ", any_space)
        if entry.get("not_followed_by"):
            after = entry["not_followed_by"].replace(" ", any_space)
            pattern += rf"(?!\s+(?:{after})\b)"
        return pattern

    groups = "|".join(f"(?P<rule{n}>{rule_pattern(entry)})" for n, (_, entry) in enumerate(entries))
    return WordLists(
        rules=rules,
        phrases=re.compile(rf"\b(?:{groups})\b"),
        topic=re.compile(rf"\b(?:{data['topic_pattern']})"),
        sensitive_tags=tuple(t.lower() for t in data["sensitive_tags"]),
    )


def is_sensitive(tags, sensitive_value, sensitive_tags):
    """An article about suicide or self-harm: by tag or `Sensitive: yes`."""
    if str(sensitive_value).strip().lower() in YES:
        return True
    return any(word in str(tag).lower() for tag in tags for word in sensitive_tags)


def invisible_characters(text):
    """'an invisible NO-BREAK SPACE (U+00A0)' for the characters that look like nothing
    or like a space; '' when there are none."""
    found = dict.fromkeys(INVISIBLE.findall(text))
    return " and ".join(
        f"an invisible {unicodedata.name(c, 'character')} (U+{ord(c):04X})" for c in found
    )


def mojibake(text):
    """(garbled, meant) for the first text garbled by a wrong encoding, else None. Only
    what decodes to Latin-1 letters and signs, punctuation, € or ™ counts: "café…”" and
    "Ä”" are real text."""
    for match in GARBLED.finditer(text):
        try:
            meant = match.group().encode("cp1252").decode("utf-8")
        except UnicodeError:
            continue
        point = ord(meant)
        if 0xA0 <= point <= 0xFF or 0x2010 <= point <= 0x203A or meant in "€™":
            return match.group(), meant
    return None


def unusual_characters(text):
    """[(what, fix, stops Pelican)] for the characters in one line of text that no one types
    on purpose: control characters (which break the feeds), U+FFFD, a byte-order mark,
    direction controls, text garbled by a wrong encoding."""
    found = []
    paste = "delete it: retype the line, or paste as plain text"
    control = CONTROL_CHARACTER.search(text)
    if control:
        name = CONTROL_NAMES.get(control.group(), f"control character U+{ord(control.group()):04X}")
        found.append(
            (
                f"holds an invisible {name} (column {control.start() + 1}), often pasted "
                "from a word processor; feeds and pages can't carry it",
                paste,
                True,
            )
        )
    if "\ufffd" in text:
        found.append(
            (
                f"holds \ufffd (U+FFFD, column {text.index(chr(0xFFFD)) + 1}), the mark a "
                "program leaves where it lost a character while converting the text",
                "retype the character that belongs there (see the original text)",
                False,
            )
        )
    if "\ufeff" in text:
        found.append(
            (
                "holds an invisible byte-order mark (U+FEFF, column "
                f"{text.index(chr(0xFEFF)) + 1}), usually pasted in with the start of a file",
                paste,
                False,
            )
        )
    if BIDI_CONTROL.search(text):
        found.append(
            (
                f"holds the invisible {character_names(BIDI_CONTROL, text)}, which changes "
                "the order the text around it is shown in",
                paste,
                False,
            )
        )
    garbled = mojibake(text)
    if garbled:
        found.append(
            (
                f"'{garbled[0]}' is '{garbled[1]}' garbled by a wrong text encoding "
                "(UTF-8 read as Windows-1252)",
                f"write '{garbled[1]}' instead, and check the rest of the text pasted with it",
                False,
            )
        )
    return found


def is_wrapped(name):
    """A tag or topic in brackets or quotes, as YAML writes a list: `["sleep", "rest"]`
    (a closing apostrophe alone is English: `parents'`)."""
    name = name.strip()
    return bool(name) and (
        name[0] in '["“' or name[-1] in ']"”' or (name[0] in "'‘" and name[-1] in "'’")
    )


def character_names(pattern, text):
    """'U+200B ZERO WIDTH SPACE' for each character of `text` that `pattern` finds."""
    found = dict.fromkeys(pattern.findall(text))
    return " and ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'character')}" for c in found)


def parse_date(value):
    match = DATE_SHAPE.match(value)
    if not match:
        return None
    try:
        return datetime(*(int(part) for part in match.groups(default="0")))
    except ValueError:  # 2025-02-30, 25:00
        return None


def closest(word, choices):
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not matches:
        lowered = {c.lower(): c for c in choices}
        return lowered.get(word.lower())
    return matches[0]


def plain_summary(text):
    """The Summary as readers see it: link text without the link targets."""
    text = MARKDOWN_LINK.sub(r"\1", text)
    return " ".join(re.sub(r"[*_`]", "", text).split())


class SourceChecker:
    """Checks one parsed source and collects Problems."""

    def __init__(self, source, rules):
        self.source = source
        self.rules = rules
        self.problems = []
        self.below_header = set()  # fields written below the header's blank line

    def add(self, line, field_name, what, fix, stops_pelican=False):
        self.problems.append(Problem(self.source.path, line, field_name, what, fix, stops_pelican))

    def run(self):
        source = self.source
        if not "".join(source.lines).strip():
            self.add(
                1,
                "file",
                "the file is empty",
                'write the header and the text (`invoke new "Title"` writes a filled-in '
                "file), or delete it",
                stops_pelican=True,
            )
            return self.problems
        self.check_characters()
        self.check_header_shape()
        self.check_fields_below_header()
        self.check_title()
        self.check_dates()
        self.check_status()
        self.check_authors()
        self.check_category_and_slug()
        self.check_tags()
        self.check_addresses()
        self.check_save_as()
        self.check_template()
        self.check_summary()
        self.check_sensitive()
        self.check_review()
        self.check_text()
        self.check_nesting()
        self.check_images()
        self.check_static_links()
        # The markup and safe-messaging checks of the text: text_checks.py.
        return self.problems

    def check_characters(self):
        """Characters no one types on purpose: control characters pasted from a word
        processor, direction overrides, a byte-order mark or U+FFFD in the middle of the
        text, text garbled by a wrong encoding; zero-width characters in the fields."""
        for number, line in enumerate(self.source.lines, 1):
            self.check_line_characters(number, line)
        for key in HEADER_TEXT_FIELDS:
            found = self.source.fields.get(key)
            if found and ZERO_WIDTH.search(found.value):
                self.add(
                    found.line,
                    found.name,
                    f"holds the invisible {character_names(ZERO_WIDTH, found.value)}, which "
                    "splits a word for search and looks like nothing",
                    "retype the value (or delete the characters around the gap)",
                )
        title = self.source.get("title")
        if len(title) > MAX_TITLE:
            self.add(
                self.source.line_of("title"),
                "Title",
                f"is {len(title)} characters long; at most {MAX_TITLE} fit in search results, "
                "browser tabs and social cards",
                "shorten the headline (the first paragraph can say the rest)",
            )

    def check_line_characters(self, number, line):
        for what, fix, stops in unusual_characters(line):
            self.add(number, "text", what, fix, stops_pelican=stops)

    def check_tags(self):
        source = self.source
        value = source.get("tags")
        items = [t.strip() for t in value.split(",")]
        if "" in items and any(items) and ";" not in value:
            self.add(
                source.line_of("tags"),
                "Tags",
                "has an empty tag (two commas in a row, or a comma at the start or end)",
                f"write `Tags: {', '.join(t for t in items if t)}`",
            )
        if any(is_wrapped(t) for t in items):
            plain = [t.strip(QUOTES) for t in items]
            self.add(
                source.line_of("tags"),
                "Tags",
                f"'{value}' has tags in brackets or quotes, which would become part of their names",
                f"write `Tags: {', '.join(t for t in plain if t)}`",
            )
        category = source.get("category")
        if is_wrapped(category):
            self.add(
                source.line_of("category"),
                "Category",
                f"'{category}' is in quotes or brackets, which would become part of the topic",
                f"write `Category: {category.strip(QUOTES)}`",
            )
        seen = {}  # slug -> the first spelling
        for tag in source.tags:
            slug = self.rules.slugify(tag)
            if slug in seen:
                self.add(
                    source.line_of("tags"),
                    "Tags",
                    f"'{tag}' is given twice"
                    if tag == seen[slug]
                    else f"'{tag}' and '{seen[slug]}' are one tag (one address), given twice",
                    f"keep one: `Tags: {', '.join(dict.fromkeys(seen.values()))}`",
                )
            seen.setdefault(slug, tag)
        if ";" in value:
            tags = [t.strip() for t in re.split(r"[;,]", value) if t.strip()]
            self.add(
                source.line_of("tags"),
                "Tags",
                "';' does not separate tags: tags are separated by commas",
                f"write `Tags: {', '.join(tags)}`",
            )

    def check_addresses(self):
        """Each tag, the category and the slug become part of an address (a folder name):
        one with no letters or digits (`..`, `???`) or a very long one can't be written."""
        source, slugify = self.source, self.rules.slugify
        named = [("tags", "Tags", tag) for tag in source.tags]
        if source.get("category"):
            named.append(("category", "Category", source.get("category")))
        title_slug = source.get("slug") or slugify(source.get("title"))
        if title_slug:
            named.append(("slug" if source.get("slug") else "title", "Slug", title_slug))
        for key, label, value in named:
            slug = slugify(value)
            if key != "slug" and invisible_characters(value):
                self.add(
                    source.line_of(key),
                    label,
                    f"'{value}' holds {invisible_characters(value)}, so it would be a "
                    "different name from the one it looks like",
                    "retype it (or delete the space around it and type it again)",
                )
            elif not re.search(r"[A-Za-z0-9]", slug):
                self.add(
                    source.line_of(key),
                    label,
                    f"'{value}' has no letters or digits, so it can't be an address",
                    "use words, e.g. `sleep`",
                    stops_pelican=True,
                )
            elif len(slug) > MAX_SLUG:
                self.add(
                    source.line_of(key),
                    label,
                    f"'{value[:40]}…' is {len(slug)} characters long as an address; at most "
                    f"{MAX_SLUG} fit in a file name",
                    "shorten it to a few words"
                    + (" (or set a short `Slug:`)" if key == "title" else ""),
                    stops_pelican=True,
                )

    def check_header_shape(self):
        source = self.source
        for again in source.repeated:
            first = source.fields[again.key]
            self.add(
                again.line,
                again.name,
                f"is given twice (lines {first.line} and {again.line})",
                "keep one of them",
                stops_pelican=True,
            )
        for found in [*source.fields.values(), *source.repeated]:
            if len(found.values) > 1 and found.key not in MULTILINE_FIELDS:
                self.add(
                    found.line + 1,
                    found.name,
                    "continues on an indented line; only Summary may span several lines",
                    f"write {found.name} on one line",
                    stops_pelican=True,
                )
            if found.key not in KNOWN_FIELDS:
                guess = closest(found.key, KNOWN_FIELDS)
                if guess:
                    self.add(
                        found.line,
                        found.name,
                        "is not a field the site reads",
                        f"did you mean `{KNOWN_FIELDS[guess]}:`?",
                    )
        if source.header_stop:
            self.check_header_stop()
        if source.header.yaml:
            self.add(
                1,
                "header",
                "'---' starts a YAML front matter, which this site does not read as YAML "
                "(quotes and lists would become part of the values)",
                "delete the '---' lines and write each field as `Field: value`, without "
                "quotes, Tags on one line separated by commas",
                stops_pelican=True,
            )

    def check_fields_below_header(self):
        """`Status: draft` written after the blank line that ends the header is article
        text: the draft would be published with that line showing. Reported when the
        first paragraph of the text is nothing but fields the site reads."""
        source = self.source
        if source.header_stop:
            return  # check_header_stop reports the fields left below that line
        start = source.body_start
        while start <= len(source.lines) and not source.lines[start - 1].strip():
            start += 1
        paragraph = []
        for number in range(start, len(source.lines) + 1):
            line = source.lines[number - 1]
            if not line.strip():
                break
            match = META_LINE.match(line)
            if not match or match.group("key").lower() not in KNOWN_FIELDS:
                return
            paragraph.append((number, KNOWN_FIELDS[match.group("key").lower()], line.strip()))
        self.below_header = {name.lower() for _, name, _ in paragraph}
        for number, name, line in paragraph:
            self.add(
                number,
                name,
                f"'{line}' is below the blank line that ends the header, so it is not "
                "read: the page would show it as text",
                "move it up into the header (no blank line between the fields)",
                stops_pelican=True,
            )

    def check_header_stop(self):
        """A line that is not `Field: value` ends the header; catch typos there."""
        source = self.source
        stop = source.header_stop
        text = source.lines[stop - 1]
        stranded = [KNOWN_FIELDS[k] for k in KNOWN_FIELDS if k in source.stranded]
        looks = LOOKS_LIKE_FIELD.match(text)
        meant = None
        if looks:
            key = looks.group("key").strip().lower().replace(" ", "_").replace("-", "_")
            meant = KNOWN_FIELDS.get(key)
        if not (stranded or meant):
            return  # ordinary text right after the header: Markdown allows it
        after = (
            f"; {', '.join(stranded)} below it would be read as article text" if stranded else ""
        )
        if meant:
            fix = f"write it as `{meant}: {looks.group('value').strip() or '...'}`"
        else:
            fix = (
                "write it as `Field: value`, or leave a blank line between the header and the text"
            )
        self.add(
            stop,
            meant or "header",
            f"'{text.strip()}' is not a `Field: value` line, so the header ends here{after}",
            fix,
            stops_pelican=True,
        )

    def check_title(self):
        source = self.source
        if "title" not in source.fields and not self.typo_for("title"):
            self.add(
                1,
                "Title",
                "missing",
                "add `Title: Your headline` as the first line",
                stops_pelican=True,
            )
        elif "title" in source.fields and not source.get("title"):
            self.add(
                source.line_of("title"),
                "Title",
                "is empty",
                "write the headline after `Title:`",
                stops_pelican=True,
            )

    def typo_for(self, key):
        """A field meant as `key` but misspelt, stranded or below the header (reported on
        its own)."""
        source = self.source
        return (
            key in source.stranded
            or key in self.below_header
            or any(closest(k, KNOWN_FIELDS) == key for k in source.fields if k not in KNOWN_FIELDS)
        )

    def example_date(self):
        return self.rules.now.strftime("%Y-%m-%d 09:00")

    def check_date_value(self, key, name):
        source = self.source
        value = source.get(key)
        if key not in source.fields:
            return None
        parsed = parse_date(value)
        if parsed is None:
            shown = f"'{value}'" if value else "it"
            self.add(
                source.line_of(key),
                name,
                f"{shown} is not a date in the form YYYY-MM-DD HH:MM",
                f"write it like `{name}: {self.example_date()}` (the time is optional)",
                stops_pelican=True,
            )
        elif parsed.year < EARLIEST_YEAR:
            self.add(
                source.line_of(key),
                name,
                f"{value} is before {EARLIEST_YEAR}, which is almost always a typo",
                f"write the real date, like `{name}: {self.example_date()}`",
                stops_pelican=True,
            )
            return None
        return parsed

    def check_dates(self):
        source = self.source
        if source.kind == "article" and "date" not in source.fields and not self.typo_for("date"):
            self.add(
                1,
                "Date",
                "missing",
                f"add `Date: {self.example_date()}` (the publish date and time)",
                stops_pelican=True,
            )
        date = self.check_date_value("date", "Date")
        modified = self.check_date_value("modified", "Modified")
        self.date = date
        if date and date > self.rules.now + timedelta(days=365):
            self.add(
                source.line_of("date"),
                "Date",
                f"{source.get('date')} is more than a year ahead, which is almost always a typo",
                "check the year; a date within the next year schedules the article for that day",
            )
        if modified and modified > max(self.rules.now, date or modified):
            self.add(
                source.line_of("modified"),
                "Modified",
                f"{source.get('modified')} is still to come; the page would say it was "
                "updated then",
                "write when the article was last updated (today at the latest), or remove the line",
            )
        if date and modified and modified < date:
            same_day = modified.date() == date.date() and ":" not in source.get("modified")
            self.add(
                source.line_of("modified"),
                "Modified",
                f"{source.get('modified')} is earlier than the Date {source.get('date')}"
                + (" (a day without a time means its midnight)" if same_day else ""),
                (
                    f"write the time of the update too, like `Modified: {source.get('modified')}"
                    f" {date:%H:%M}` or later, or remove the line"
                    if same_day
                    else "Modified is when the article was last updated: set it on or after "
                    "the Date, or remove the line"
                ),
            )

    def check_status(self):
        source = self.source
        if "status" not in source.fields:
            return
        value = source.get("status")
        if value in STATUSES:
            return
        if value.lower() in STATUSES:
            what = f"'{value}' is not a status: statuses are written in lowercase"
            fix = f"write `Status: {value.lower()}`"
        else:
            guess = closest(value.lower(), STATUSES)
            what = f"'{value}' is not a status"
            fix = (f"did you mean `Status: {guess}`? " if guess else "") + (
                "use published, draft (preview only) or hidden"
            )
        self.add(source.line_of("status"), "Status", what, fix, stops_pelican=True)

    def author_problem(self, line, name, label):
        """Problems with one author name; used for Author, Authors and Reviewed_by."""
        authors = self.rules.authors
        known = ", ".join(authors)
        if name not in authors and invisible_characters(name):
            self.add(
                line,
                label,
                f"'{name}' holds {invisible_characters(name)}, so it is not the same name as "
                "the one in " + self.rules.authors_file,
                "retype the name (or delete the space around it and type it again)",
            )
        elif name not in authors:
            guess = closest(name, authors)
            hint = f"did you mean '{guess}'? " if guess else ""
            self.add(
                line,
                label,
                f"'{name}' is not in {self.rules.authors_file}",
                f"{hint}use exactly one of: {known}; or add the author to "
                f"{self.rules.authors_file}",
            )
        elif not str(authors[name].get("credential", "")).strip():
            self.add(
                line,
                label,
                f"'{name}' has no credential in {self.rules.authors_file}",
                f'add `credential = "LCSW"` (their credential) to [{name!r}] there; '
                "bylines always show it",
            )

    def check_authors(self):
        source = self.source
        names = []
        for key, label in (("author", "Author"), ("authors", "Authors")):
            if key in source.fields:
                value = source.get(key)
                split = re.split(r";", value) if ";" in value else value.split(",")
                names += [(source.line_of(key), label, n.strip()) for n in split if n.strip()]
        if not names:
            if source.kind == "article" and not (
                self.typo_for("author") or self.typo_for("authors")
            ):
                self.add(
                    1 if "author" not in source.fields else source.line_of("author"),
                    "Author",
                    "missing",
                    f"add `Author: ` and one of: {', '.join(self.rules.authors)}",
                )
            return
        for line, label, name in names:
            self.author_problem(line, name, label)

    def check_category_and_slug(self):
        source = self.source
        if source.kind != "article":
            return
        if not source.get("category") and not self.typo_for("category"):
            self.add(
                source.line_of("category"),
                "Category",
                "missing",
                "add `Category: ` with the article's one topic, e.g. `Category: Self-care`",
            )
        slug = source.get("slug")
        if not slug and not self.typo_for("slug"):
            suggestion = self.rules.slugify(source.get("title")) or "short-address-like-this"
            self.add(
                source.line_of("slug"),
                "Slug",
                "missing",
                f"add `Slug: {suggestion}` (the address: /articles/{suggestion}/)",
            )
        elif slug and not SLUG_SHAPE.match(slug):
            # Pelican's slugify keeps underscores; the suggestion must pass this check.
            suggestion = "-".join(re.findall(r"[a-z0-9]+", self.rules.slugify(slug)))
            suggestion = suggestion or "short-address-like-this"
            self.add(
                source.line_of("slug"),
                "Slug",
                f"'{slug}' is not a plain address: use lowercase letters, digits and hyphens",
                f"write `Slug: {suggestion}`",
                # A slash or `..` would make Pelican write elsewhere or stop with an error.
                stops_pelican=bool(re.search(r"[/\\]|\.\.", slug)),
            )

    def check_template(self):
        source = self.source
        templates = self.rules.templates.get(source.kind, frozenset())
        name = source.get("template")
        if "template" in source.fields and templates and name not in templates:
            guess = closest(name, templates)
            self.add(
                source.line_of("template"),
                "Template",
                f"'{name}' is not a template of the theme for {source.kind}s",
                (f"did you mean `Template: {guess}`? " if guess else "")
                + f"use one of: {', '.join(sorted(templates))}, or remove the line",
                stops_pelican=True,
            )

    def check_save_as(self):
        """`Save_as: ../x` would write outside the site (Pelican stops with a traceback)."""
        source = self.source
        for key, name in (("save_as", "Save_as"), ("url", "Url")):
            value = source.get(key)
            if not value:
                continue
            parts = value.replace("\\", "/").split("/")
            if value.startswith(("/", "\\")) or ".." in parts or re.match(r"^\w+:", value):
                self.add(
                    source.line_of(key),
                    name,
                    f"'{value}' points outside the site",
                    f"write a path inside the site, like `{name}: articles/"
                    f"{self.rules.slugify(source.get('title')) or 'name'}/"
                    + ("index.html`" if key == "save_as" else "`")
                    + ", or remove the line (the Slug sets the address)",
                    stops_pelican=True,
                )
                return
        self.check_address_pair()

    def check_address_pair(self):
        """Pelican takes `Save_as` (where the page is written) and `Url` (where every link
        to it leads) separately: one without the other, or two that disagree, gives links
        to nowhere or to another page. Save_as names an .html page in plain folders: not
        a feed, a dotfile (.git/, .nojekyll) or a folder."""
        source = self.source
        save_as, url = source.get("save_as"), source.get("url")
        if not (save_as or url):
            return
        date = parse_date(source.get("date"))
        if source.status == "draft" or (date and date > self.rules.now):
            # A publish writes no drafts (DRAFT_SAVE_AS = ""), but a Save_as of its own
            # overrides that: the draft would be published at that address.
            self.add(
                source.line_of("save_as" if save_as else "url"),
                "Save_as" if save_as else "Url",
                "a draft (or an article scheduled for later) with its own address would be "
                "published there",
                "remove the Save_as and Url lines while it is a draft; add them when it is "
                "published",
            )
            return
        example = f"articles/{self.rules.slugify(source.get('title')) or 'name'}/"
        if save_as and not (
            SAVE_AS_SHAPE.match(save_as) and all(len(p) <= MAX_SLUG for p in save_as.split("/"))
        ):
            self.add(
                source.line_of("save_as"),
                "Save_as",
                f"'{save_as}' is not the file name of a page: an article or page is written "
                "to an .html file, in folders of lowercase letters, digits and hyphens",
                f"write `Save_as: {example}index.html` with `Url: {example}`, or remove the "
                "line (the Slug sets the address)",
            )
        elif save_as and url not in (save_as, save_as.removesuffix("index.html")):
            page_url = save_as.removesuffix("index.html")
            self.add(
                source.line_of("url" if url else "save_as"),
                "Url",
                f"'{url}' is not where the page is written ({save_as}), so links to it lead "
                "elsewhere"
                if url
                else f"missing: links to this page would lead to its usual address, not to "
                f"{save_as}",
                f"write `Url: {page_url}`, or remove the Save_as line (the Slug sets the address)",
            )
        elif url and not save_as:
            self.add(
                source.line_of("url"),
                "Url",
                f"'{url}' is where links would lead, but the page is still written to its "
                "usual address",
                "remove the Url line (the Slug sets the address), or add the Save_as it "
                f"leads to, e.g. `Save_as: {url.rstrip('/')}/index.html`",
            )

    def check_summary(self):
        source = self.source
        summary = source.get("summary")
        if not summary:
            if not self.typo_for("summary"):
                self.add(
                    source.line_of("summary"),
                    "Summary",
                    "missing",
                    "add `Summary: ` with one or two plain sentences (the description shown "
                    "in search results, on the home page and in feeds)",
                )
            return
        needs_the_body = BODY_ONLY_MARKDOWN.search(summary)
        if needs_the_body:
            self.add(
                source.line_of("summary"),
                "Summary",
                f"'{needs_the_body.group()}' is a footnote mark or reference link, which works "
                "only in the article's text: lists, feeds and search show the Summary on its "
                "own, with the brackets as written",
                "write the Summary as plain sentences (keep the note in the text), or use an "
                "inline link [words](address)",
            )
        length = len(plain_summary(summary))
        if length > self.rules.summary_max:
            self.add(
                source.line_of("summary"),
                "Summary",
                f"is {length} characters long; at most {self.rules.summary_max} fit in search "
                "results and feeds",
                "shorten it to one or two plain sentences",
            )

    def check_sensitive(self):
        source = self.source
        value = source.get("sensitive")
        if "sensitive" in source.fields and value.lower() not in YES | NO:
            self.add(
                source.line_of("sensitive"),
                "Sensitive",
                f"'{value}' is neither yes nor no",
                "write `Sensitive: yes` for an article about suicide or self-harm (it shows "
                "the crisis resources box), or remove the line",
            )

    def check_review(self):
        source = self.source
        has_reviewer, has_date = "reviewed_by" in source.fields, "last_reviewed" in source.fields
        if has_reviewer:
            reviewer = source.get("reviewed_by")
            if reviewer:
                self.author_problem(source.line_of("reviewed_by"), reviewer, "Reviewed_by")
            else:
                self.add(
                    source.line_of("reviewed_by"),
                    "Reviewed_by",
                    "is empty",
                    f"write the reviewer's name, one of: {', '.join(self.rules.authors)}",
                    stops_pelican=True,
                )
        reviewed = self.check_date_value("last_reviewed", "Last_reviewed")
        if reviewed and reviewed.date() > self.rules.now.date():
            self.add(
                source.line_of("last_reviewed"),
                "Last_reviewed",
                f"{source.get('last_reviewed')} is still to come; the page would say the "
                "review happened then",
                "write the day the review was done (today at the latest)",
            )
        if reviewed and self.date and reviewed.date() < self.date.date():
            self.add(
                source.line_of("last_reviewed"),
                "Last_reviewed",
                f"{source.get('last_reviewed')} is before the Date {source.get('date')}",
                "a review happens on or after the publish date: correct the date",
            )
        if has_reviewer != has_date:
            present, missing = (
                ("reviewed_by", "Last_reviewed")
                if has_reviewer
                else ("last_reviewed", "Reviewed_by")
            )
            self.add(
                source.line_of(present),
                missing,
                "missing",
                f"a clinical review needs both Reviewed_by and Last_reviewed: add `{missing}: `",
                stops_pelican=True,
            )

    def check_text(self):
        source = self.source
        body = "\n".join(source.body_lines)
        if not body.strip():
            self.add(
                source.body_start if source.body_start <= len(source.lines) else len(source.lines),
                "text",
                f"the {source.kind} has no text below the header",
                "leave one blank line after the header, then write the text",
            )
        if source.status != "draft":
            summary_line = source.line_of("summary")
            if is_placeholder(source.get("summary")):
                self.add(
                    summary_line,
                    "Summary",
                    "is still the example text from `invoke new`",
                    "write your own one or two sentences, or keep `Status: draft` for now",
                )
            for number, line in enumerate(source.body_lines, source.body_start):
                if is_placeholder(line):
                    self.add(
                        number,
                        "text",
                        "still holds the notes or example text from `invoke new`",
                        "replace or delete them before publishing, or keep `Status: draft`",
                    )
                    break

    def check_nesting(self):
        """Python-Markdown converts nested lists recursively and crashes somewhere past 200
        levels ("Could not process"); no reader follows a tenth of that."""
        for number, line in enumerate(self.source.body_lines, self.source.body_start):
            nested = NESTED.match(line)
            if nested:
                depth = (
                    len(nested.group("indent")) // 4
                    if nested.group("indent")
                    else nested.group("quotes").count(">")
                )
                self.add(
                    number,
                    "text",
                    f"a list or quote nested {depth} levels deep, more than Markdown can "
                    "convert or a reader can follow",
                    "flatten it: a few levels of list at most",
                    stops_pelican=True,
                )
                return

    def check_images(self):
        source = self.source
        for number, line in enumerate(source.lines[source.body_start - 1 :], source.body_start):
            for match in MARKDOWN_IMAGE.finditer(line):
                if not match.group("alt").strip():
                    src = match.group("src") or "the image"
                    self.add(
                        number,
                        "image",
                        f"{src} has no alt text",
                        "describe the image for people who can't see it: "
                        "![A calm lake at dawn](...)",
                        stops_pelican=True,
                    )
            for tag in HTML_IMAGE.finditer(line):
                alt = HTML_ALT.search(tag.group())
                src = HTML_SRC.search(tag.group())
                shown = src.group("src") if src else "the image"
                if (
                    alt is None
                    or not (alt.group("dq") or alt.group("sq") or alt.group("bare") or "").strip()
                ):
                    self.add(
                        number,
                        "image",
                        f"{shown} has no alt text",
                        'add alt="a short description of the image"',
                        stops_pelican=True,
                    )

    def static_targets(self, written):
        """The files under content/ a `{static}` value may name, as Pelican looks for it:
        as written, %-decoded and HTML-unescaped (normalized, relative to content/)."""
        folder = posixpath.dirname(self.source.relative)
        targets = []
        for decoded in dict.fromkeys(
            (written, unquote(written), html.unescape(written), unquote(html.unescape(written)))
        ):
            path = decoded.split("#")[0].split("?")[0]
            target = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
            targets.append(posixpath.normpath(target))
        return targets

    def check_static_links(self):
        source = self.source
        for number, line in enumerate(source.lines, 1):
            for match in STATIC_LINK.finditer(line):
                if match.group("what") == "attach":
                    # The build reads every file's address before it writes (the checks of
                    # what each page writes), so Pelican can no longer move one, and stops.
                    self.add(
                        number,
                        "link",
                        f"'{match.group()}': {{attach}} (move the file next to the article) "
                        "is not used on this site",
                        f"write {{static}}{match.group('value')} instead; the file stays "
                        "where it is",
                        stops_pelican=True,
                    )
                    continue
                targets = self.static_targets(match.group("value"))
                outside = [t for t in targets if t == ".." or t.startswith("../")]
                unpublished = [
                    t
                    for t in targets
                    if t.split("/", 1)[0] not in self.rules.static_paths
                    and os.path.isfile(os.path.join(self.rules.content_root, t))
                ]
                is_image = IMAGE_BEFORE.search(line[max(0, match.start() - 500) : match.start()])
                if outside or unpublished:
                    where = (
                        "outside the content folder, to a file that is not part of the site"
                        if outside
                        else f"to content/{unpublished[0]}, which is not a file the site "
                        "publishes (it would be copied onto the site as it is)"
                    )
                    self.add(
                        number,
                        "image" if is_image else "link",
                        f"'{match.group()}' points {where}",
                        "link articles and pages with {filename}; images and files to publish go "
                        "in content/images (or content/extra) as {static}/images/its-name.jpg",
                        stops_pelican=True,
                    )
                    continue
                target = targets[-1]  # the most decoded, as the report shows it
                root = self.rules.content_root
                if not any(os.path.isfile(os.path.join(root, t)) for t in targets):
                    self.add(
                        number,
                        "image" if is_image else "link",
                        f"'{match.group()}' points to content/{target}, which does not exist",
                        "check the name; put files in content/images and write "
                        "{static}/images/its-name.jpg",
                        stops_pelican=True,
                    )


def find_unsafe_wording(text, words, tagged):
    """[[line, what, suggestion]] in the lowercased whole source `text`; `tagged`: its
    header marks it as about suicide or self-harm (tags or `Sensitive:`)."""
    found = []
    about_topic = None
    for match in words.phrases.finditer(text):
        rule = words.rules[int(match.lastgroup.removeprefix("rule"))]
        if rule.topic_only:
            if about_topic is None:
                about_topic = tagged or bool(words.topic.search(text))
            if not about_topic:
                continue
        phrase = " ".join(match.group().split())
        if rule.kind == "method":
            what = f'"{phrase}" describes a method of suicide or self-harm'
        else:
            what = f'"{phrase}" is wording that safe-messaging guidelines advise against'
        line = text.count("\n", 0, match.start()) + 1
        found.append([line, what, rule.suggestion])
    return found


def check_sources(sources, rules):
    """Every per-file problem, then the ones only visible across files."""
    problems = []
    for source in sources:
        problems += SourceChecker(source, rules).run()
    problems += duplicate_slugs(sources, rules)
    problems += inconsistent_spellings(sources, rules)
    return problems


def effective_slug(source, rules):
    return source.get("slug") or rules.slugify(source.get("title"))


def duplicate_slugs(sources, rules):
    """Two files with one slug: the one already published keeps it (the earliest published
    one), and the report names the newer file, the one being written."""
    by_key = {}
    for source in sources:
        slug = effective_slug(source, rules)
        if slug:
            key = (source.kind, slug, source.get("lang") or rules.default_lang)
            by_key.setdefault(key, []).append(source)
    problems = []
    for (kind, slug, _), same in by_key.items():
        if len(same) < 2:
            continue
        owner, *newer = sorted(
            same, key=lambda s: (s.status != "published", s.get("date") or "9999", s.path)
        )
        problems += [
            Problem(
                source.path,
                source.slug_line,
                "Slug",
                f"'{slug}' is already the slug of {owner.path}",
                f"give this {kind} its own slug, e.g. `Slug: {slug}-2`",
                stops_pelican=True,
            )
            for source in newer
        ]
    return problems


def inconsistent_spellings(sources, rules):
    """`Self-care` and `Self-Care` would share one page under two names."""
    problems = []
    for key, label in (("category", "Category"), ("tags", "Tags")):
        spellings = {}  # slug -> {spelling: [sources]}
        for source in sources:
            if source.kind != "article":
                continue
            values = source.tags if key == "tags" else [source.get("category")]
            for value in values:
                if value:
                    spellings.setdefault(rules.slugify(value), {}).setdefault(value, []).append(
                        source
                    )
        for variants in spellings.values():
            if len(variants) < 2:
                continue
            # The spelling most files use; on a tie, the one the oldest article uses.
            main = min(
                variants,
                key=lambda v: (
                    -len(variants[v]),
                    min(s.get("date") or "9999" for s in variants[v]),
                ),
            )
            for value, users in variants.items():
                if value == main:
                    continue
                for source in users:
                    problems.append(
                        Problem(
                            source.path,
                            source.line_of(key),
                            label,
                            f"'{value}' is written '{main}' in {variants[main][0].path}",
                            f"use one spelling: '{main}'",
                        )
                    )
    return problems


def non_markdown_files(paths):
    """Files in the article or page folders that Pelican would skip silently."""
    return [
        Problem(
            str(path),
            0,
            "file",
            f"'{Path(path).name}' is not a Markdown (.md) file; articles "
            "and pages are written in Markdown",
            "rename it to end in .md; images belong in content/images",
        )
        for path in paths
        if Path(path).suffix.lower() not in MARKDOWN_EXTENSIONS
    ]
