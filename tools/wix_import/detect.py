"""Which kind of source a file is, judged by its content, not its name."""

import codecs
import email
import email.policy
import re

from .model import SourceError

TEXT, HTML, FEED = "captured page text", "saved HTML page", "feed"
EXPECTED = (
    "expected a captured Wix blog post (the page's text, or the page saved as HTML) "
    "or an RSS 2.0 / Atom feed file"
)


def read_source(path):
    """Return (kind, text, raw bytes) for one file; SourceError if it can't be read."""
    try:
        data = path.read_bytes()
    except OSError as problem:
        raise SourceError(path, f"can't be read ({problem.strerror})") from problem
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows Notepad's "Unicode": a capture saved there is still a capture.
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as problem:
            raise SourceError(path, f"not readable as UTF-16 text; {EXPECTED}") from problem
    if not data.strip():
        raise SourceError(path, f"the file is empty; {EXPECTED}")
    for start, what in OTHER_DOCUMENTS.items():
        if data.startswith(start):
            raise SourceError(
                path,
                f"this is {what}, not a capture: save the post's text as plain text (.txt) "
                f"or the page as HTML; {EXPECTED}",
            )
    if MHTML.match(data[:2048]):
        return HTML, web_archive_page(path, data), data
    if b"\x00" in data[:8192]:
        raise SourceError(path, f"this is a binary file, not text; {EXPECTED}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return kind_of(text), text, data


# Files an author may save a capture in by mistake, by their first bytes.
OTHER_DOCUMENTS = {
    b"PK\x03\x04": "a Word document or another zipped file",
    b"%PDF": "a PDF",
    b"{\\rtf": "a rich-text (RTF) document",
    b"\xd0\xcf\x11\xe0": "an old Word document",
}
# A page a browser saved "as a single file" (.mhtml, .mht): a MIME message.
MHTML = re.compile(rb"^(?:[\w-]+:[^\n]*\r?\n)*MIME-Version:", re.IGNORECASE)


def web_archive_page(path, data):
    """The HTML page inside a web archive (its pictures are fetched from their
    addresses, at their original size, like those of any saved page)."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            # Browsers often leave out the charset; Wix's pages are UTF-8.
            html = part.get_payload(decode=True)
            try:
                return html.decode(part.get_content_charset() or "utf-8")
            except (LookupError, UnicodeDecodeError):
                return html.decode("cp1252", errors="replace")
    raise SourceError(path, f"a web archive (.mhtml) with no HTML page in it; {EXPECTED}")


def kind_of(text):
    head = text.lstrip()[:4000].lower()
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        return HTML if "<html" in head and "<rss" not in head and "<feed" not in head else FEED
    if head.startswith("<!doctype html") or "<html" in head or "<body" in head:
        return HTML
    return TEXT
