"""The language a post is written in, as its source states it, and its translations.

A saved or fetched Wix page states its language in several places (Wix Multilingual
fills them all in for a translated page; a site with one language leaves most at the
site's default):

- `<html lang="es">` (also `es-ES`, `es-419`, `ES`);
- the BlogPosting JSON-LD's `inLanguage` ("es", "Spanish" or a Language object);
- Wix Multilingual: the current language in the page's `wix-viewer-model` data, or
  the post's address (`/es/post/<slug>`, `/post/<slug>?lang=es`, or the hreflang
  alternate that points at the page itself, as on a subdomain `es.example.com`);
- `og:locale` (`es_ES`, `es_MX`, `es_LA`).
A feed may declare one for all its entries (RSS `<language>`, Atom `xml:lang`).

Only the language counts (the region of `es-MX` is dropped: the site has one
Spanish). When the statements disagree, the first in RULE wins, and the import
report lists the disagreement for a person to check. No statement means the site's
default language (English, no `Lang` line).

hreflang alternates (`<link rel="alternate" hreflang="en-us" href=...>`) name the
post's versions in other languages: the importer links a Spanish post to the
English post its alternates name, when that post is imported too (or was before).
"""

import json
import re
from urllib.parse import parse_qs, unquote, urlparse

from babel import Locale, localedata

# Which statement wins when they disagree, strongest first (README "Moving in from
# the old Wix blog"): the page's own declared language is what browsers, screen
# readers and search engines go by; og:locale is often a site-wide setting.
RULE = (
    "html lang",
    "JSON-LD inLanguage",
    "Wix Multilingual",
    "og:locale",
    "feed language",
    "Wix's words",  # a text capture's "min de lectura": the language Wix showed the blog in
)
# BCP 47: a 2-3 letter language, then subtags (region "MX", "419", script); og:locale
# writes "_" for "-". "und", "mul", "zxx" and "x-default" name no language.
TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
NO_LANGUAGE = {"und", "mul", "zxx", "mis"}
LANGUAGE_NAMES = Locale("en").languages  # {"es": "Spanish", "es_419": ..., ...}
ENGLISH_NAMES = {name.lower(): code for code, name in LANGUAGE_NAMES.items()}


def language_of(value):
    """ "es-MX", "es_419", "ES", "Spanish", {"alternateName": "es"} -> "es"; "" when the
    value names no language we can read."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name") or ""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    found = TAG.match(value)
    if found:
        code = found[1].lower()
        return code if code in LANGUAGE_NAMES and code not in NO_LANGUAGE else ""
    return ENGLISH_NAMES.get(value.lower(), "").split("_")[0]


def known_language(text):
    """True for a language code Babel has data for ("es", "es-MX"), not any 2-3 letters
    ("art", a free Wix site's folder, is a code but no language anyone writes in)."""
    code = language_of(text) if TAG.match(text or "") else ""
    return bool(code) and localedata.exists(code)


def statement(marker, value, described=""):
    """One statement about the language: (marker, value as written, how to name it)."""
    value = value.strip()
    forms = {
        "html lang": f'<html lang="{value}">',
        "JSON-LD inLanguage": f'JSON-LD "inLanguage": "{value}"',
        "og:locale": f'og:locale "{value}"',
        "feed language": f'the feed\'s language "{value}"',
    }
    return (marker, value, described or forms.get(marker, f"{marker} {value!r}"))


def decide(statements):
    """(language, the statement that gave it, [notes]) from statement()s: the first
    readable one in RULE order wins; the notes name a disagreement (TODO: a person
    should look) or an unreadable value."""
    readable, notes = [], []
    for marker, value, described in statements:
        code = language_of(value)
        if code:
            readable.append((RULE.index(marker), code, described))
        elif value:
            notes.append(f"Language: {described} names no language; left out")
    if not readable:
        return "", "", notes
    readable.sort(key=lambda found: found[0])
    _, chosen, described = readable[0]
    others = [f"{d} ({code!r})" for _, code, d in readable[1:] if code != chosen]
    if others:
        notes.append(
            f"TODO language: {described} says {chosen!r}, but {', '.join(others)} "
            f"disagree{'s' if len(others) == 1 else ''}; imported as {chosen!r} by the rule "
            "(html lang, then JSON-LD inLanguage, then Wix Multilingual, then og:locale): "
            "check the text, and correct `Lang:` if it is wrong"
        )
    return chosen, described, notes


def page_statements(soup, posting, url, alternates):
    """The statement()s a saved or fetched Wix page makes about its language
    (`alternates`: the page's alternates_of(), found once by the caller)."""
    found = []
    root = soup.find("html")
    if root is not None and (root.get("lang") or "").strip():
        found.append(statement("html lang", root["lang"]))
    in_language = posting.get("inLanguage")
    if isinstance(in_language, list):
        in_language = in_language[0] if in_language else None
    if isinstance(in_language, dict):
        in_language = in_language.get("alternateName") or in_language.get("name")
    if isinstance(in_language, str) and in_language.strip():
        found.append(statement("JSON-LD inLanguage", in_language))
    wix = multilingual_language(soup) or address_language(url, alternates)
    if wix:
        found.append(statement("Wix Multilingual", *wix))
    locale = soup.find("meta", property="og:locale")
    if locale is not None and (locale.get("content") or "").strip():
        found.append(statement("og:locale", locale["content"]))
    return found


def multilingual_language(soup):
    """(code, description) of the current language in Wix's wix-viewer-model data."""
    script = soup.find("script", id="wix-viewer-model")
    if script is None:
        return None
    try:
        current = json.loads(script.string or "")["siteFeaturesConfigs"]["multilingual"]
        current = current["currentLanguage"]
        code = current.get("languageCode") or current.get("locale") or ""
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(code, str) or not code.strip():
        return None
    return code, f'Wix Multilingual\'s current language "{code}"'


def address_language(url, alternates):
    """(code, description) when the post's address carries its language: /es/post/x,
    /post/x?lang=es, or the hreflang alternate that is the page itself (es.example.com)."""
    if not url:
        return None
    parts = urlparse(url)
    for name in ("lang", "language"):
        values = parse_qs(parts.query).get(name)
        if values and known_language(values[0]):
            return values[0], f'the address "{url}"'
    prefix = post_folder(url)
    # A free Wix site's folder (/mysite/post/x) is no language: only a real one counts.
    if known_language(prefix):
        return prefix, f'the address "{url}"'
    for lang, href in alternates.items():
        if same_address(href, url):
            return lang, f'hreflang "{lang}" of its own address'
    return None


def post_folder(url):
    """The one folder before /post/ in an old address ("es" in /es/post/x), or "":
    Wix Multilingual's language folder, or a free Wix site's name."""
    path = unquote(urlparse(url).path)
    folder = path.split("/post/", 1)[0].strip("/") if "/post/" in path else ""
    return "" if "/" in folder else folder


def alternates_of(soup):
    """{hreflang as written: href} of the page's <link rel="alternate" hreflang> links."""
    found = {}
    for link in soup.find_all("link", hreflang=True):
        rel = link.get("rel") or []
        rel = rel if isinstance(rel, list) else rel.split()
        lang, href = link.get("hreflang", "").strip(), (link.get("href") or "").strip()
        if "alternate" in rel and lang and href and lang.lower() != "x-default":
            found.setdefault(lang, href)
    return found


def language_alternates(alternates):
    """{language: address} from {hreflang: href}: "en-us" -> "en"."""
    found = {}
    for lang, href in alternates.items():
        code = language_of(lang)
        if code:
            found.setdefault(code, href)
    return found


def address_path(url):
    """The decoded path of an address, without its query or a trailing slash: what
    identifies a post on the old site (`?lang=es` only picks the language)."""
    return unquote(urlparse(url).path).rstrip("/")


def same_address(one, other):
    first, second = urlparse(one), urlparse(other)
    return (first.netloc, address_path(one), first.query) == (
        second.netloc,
        address_path(other),
        second.query,
    )
