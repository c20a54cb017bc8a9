"""The site's author list (content/data/authors.toml): which name to use, and
the block to add for an author the site doesn't know yet."""

import json
import unicodedata

AUTHORS_FILE = "content/data/authors.toml"
# What the byline's credential stands for, to fill "title" and "license".
CREDENTIALS = {
    "LCSW": "Licensed Clinical Social Worker",
    "LICSW": "Licensed Independent Clinical Social Worker",
    "LMSW": "Licensed Master Social Worker",
    "LMFT": "Licensed Marriage and Family Therapist",
    "LPC": "Licensed Professional Counselor",
    "LPC ASSOCIATE": "Licensed Professional Counselor Associate",
    "LPCC": "Licensed Professional Clinical Counselor",
    "LCPC": "Licensed Clinical Professional Counselor",
    "LMHC": "Licensed Mental Health Counselor",
    "PSYD": "Licensed Psychologist",
    "PSY.D": "Licensed Psychologist",
    "PSY.D.": "Licensed Psychologist",
}


def _folded(name):
    """Name compared without case or accents ("Patiño" matches "Patino")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def known_name(candidates, authors):
    """The first candidate the author list knows (exactly, or but for case and
    accents), spelled as the list spells it; None if it knows none."""
    by_folded = {_folded(name): name for name in authors}
    for candidate in candidates:
        if candidate in authors:
            return candidate
        if _folded(candidate) in by_folded:
            return by_folded[_folded(candidate)]
    return None


def toml_string(value):
    # A JSON string is a valid TOML basic string (same escapes); keep accents readable.
    return json.dumps(value, ensure_ascii=False)


def toml_block(name, credential, authors):
    """The table to paste into authors.toml, with the same fields the
    existing authors have (empty where we can't know the value)."""
    template = next(iter(authors.values()), {}) if authors else {}
    fields = list(template) or ["credential", "title", "license", "bio", "photo"]
    spelled_out = CREDENTIALS.get(credential.split(",")[0].strip().upper(), "")
    known = {"credential": credential, "title": spelled_out, "license": spelled_out}
    lines = [f"[{toml_string(name)}]"]
    for field in fields:
        if field in known:
            value = known[field]
        elif isinstance(template.get(field), list):
            lines.append(f"{field} = []")
            continue
        else:
            value = ""
        lines.append(f"{field} = {toml_string(value)}")
    return "\n".join(lines)
