"""Body cleanup shared by every source: the byline, separators and spacer
paragraphs, paragraphs Wix split mid-sentence, and runs of short questions
that read as a list.

A body is a list of Blocks: the Markdown to write plus the plain text used to
recognise what a block is.
"""

import re
from dataclasses import dataclass

PARAGRAPH, HEADING, LIST, OTHER = "paragraph", "heading", "list", "other"

# "By Ruth Example, LCSW" or "Written by Ruth Example, PhD, LMFT": a name of
# two to six capitalised words, then optional credentials (abbreviations such
# as LCSW, Psy.D. or "LPC Associate").
_NAME_WORD = r"[A-ZÀ-Þ][\w'’.\-]*"
_CREDENTIAL_WORD = r"[A-Z][A-Za-z.\-/]*"
# "By", "Written by", "By:", "Author:", and Spanish "Por", "Escrito por", "Autora:".
BYLINE_PREFIX = (
    r"(?:(?:[Ww]ritten\s+[Bb]y|[Bb]y|[Ee]scrit[oa]\s+por|[Pp]or)(?:\s*:\s*|\s+)"
    r"|(?:[Aa]uthor|[Aa]utora?)\s*:\s*)"
)
BYLINE = re.compile(
    rf"^{BYLINE_PREFIX}(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,5}})"
    rf"(?:\s*,\s*(?P<credential>{_CREDENTIAL_WORD}(?:\s*,?\s*{_CREDENTIAL_WORD})*))?\.?$"
)
BYLINE_MAX = 100
HONORIFIC = re.compile(r"^(?:Dr|Dra|Lic|Lcda|Lcdo|Mtro|Mtra|Psic)\.?\s+")
CREDENTIAL_TOKEN = re.compile(
    r"^(?:[A-Z]{2,}(?:[-/][A-Z]+)*|Ph\.?D\.?|Psy\.?D\.?|Ed\.?D\.?|M\.?Ed\.?|M\.S\.W?\.?|M\.A\.)$"
)
# A line made only of rule or decoration characters.
SEPARATOR = re.compile(r"^[\s\-_*=~.·•◦▪⁂※#|—–]*$")
# Text ending without a sentence end: a paragraph Wix cut in two.
UNFINISHED = re.compile(r"[\w,]$")
ADDRESS_END = re.compile(r"(?:https?://|www\.|@)\S+$")
QUESTION_MAX = 120
QUESTION_RUN_MIN = 3
HEADING_MAX = 80


@dataclass
class Block:
    kind: str
    markdown: str
    text: str  # plain text, whitespace collapsed

    @classmethod
    def of(cls, kind, markdown, text):
        return cls(kind, markdown.strip(), normalise(text))


# Characters that show nothing (zero-width spaces, direction marks, soft hyphens, a
# stray byte-order mark) and control characters pasted from word processors: the
# site's checks refuse them in titles and tags, and readers never saw them. The
# zero-width joiner stays: it holds emoji such as 👩‍⚕️ together.
INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f\u00ad\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def normalise(text):
    """Collapse whitespace (including no-break spaces) to single spaces, and drop
    characters that show nothing."""
    return " ".join(INVISIBLE.sub("", text).replace("\xa0", " ").split())


def is_empty(block):
    return block.kind != OTHER and SEPARATOR.match(block.text) is not None


def drop_empty(blocks):
    """Remove spacer paragraphs (empty, no-break spaces) and separators."""
    return [b for b in blocks if not is_empty(b)]


def parse_byline(text):
    """(name, credential) from "By Name, CRED", else None."""
    text = normalise(text)
    match = BYLINE.match(text) if len(text) <= BYLINE_MAX else None
    if not match:
        return None
    credential = (match["credential"] or "").strip()
    if credential.endswith(".") and credential.count(".") == 1:
        credential = credential[:-1]  # the sentence's full stop, not "Psy.D."
    if credential and sum(c.isupper() for c in credential) < 2:
        return None  # "By Monday Night, Sarah..." is a sentence, not a byline
    # "Dr." is said by the credential (PhD, PsyD); the site lists the name without it.
    words = HONORIFIC.sub("", match["name"].strip()).split()
    # "By Jo Park LCSW": a credential written without its comma is no part of the name.
    trailing = []
    while (
        len(words) > 2
        and CREDENTIAL_TOKEN.match(words[-1])
        and any(c.islower() for c in "".join(words[:-1]))  # not a name in capitals
    ):
        trailing.insert(0, words.pop())
    credential = ", ".join([*trailing, credential] if credential else trailing)
    return " ".join(words), credential


def take_byline(blocks, look_at=3):
    """Find the "By Name, CRED" paragraph near the top and remove it.

    Returns (blocks without it, (name, credential) or None).
    """
    for index, block in enumerate(blocks[:look_at]):
        if block.kind != PARAGRAPH:
            continue
        found = parse_byline(block.text)
        if found:
            return blocks[:index] + blocks[index + 1 :], found
    return blocks, None


def join_split_paragraphs(blocks):
    """Join a long paragraph that ends mid-sentence with the paragraph after it.

    Short unfinished lines are left alone: they are headings or labels; so are
    paragraphs of several lines (a list of links, an address) and those ending
    with a web address.
    """
    joined = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.kind == PARAGRAPH
            and block.kind == PARAGRAPH
            and len(previous.text) > HEADING_MAX
            and "\n" not in previous.markdown
            and UNFINISHED.search(previous.text)
            and not ADDRESS_END.search(previous.text)
        ):
            joined[-1] = Block(
                PARAGRAPH,
                f"{previous.markdown} {block.markdown}",
                f"{previous.text} {block.text}",
            )
        else:
            joined.append(block)
    return joined


def is_short_question(block):
    return (
        block.kind == PARAGRAPH
        and "\n" not in block.markdown
        and len(block.text) <= QUESTION_MAX
        and re.search(r"\?[\"”’')]*$", block.text) is not None
    )


def questions_to_lists(blocks):
    """A run of three or more short question paragraphs becomes one list."""
    result, run = [], []

    def flush():
        if len(run) >= QUESTION_RUN_MIN:
            result.append(
                Block(
                    LIST,
                    "\n".join(f"- {b.markdown}" for b in run),
                    " ".join(b.text for b in run),
                )
            )
        else:
            result.extend(run)
        run.clear()

    for block in blocks:
        if is_short_question(block):
            run.append(block)
        else:
            flush()
            result.append(block)
    flush()
    return result


def tidy(blocks, *, wix=True):
    """The cleanup every source gets; `wix` adds the repairs for Wix's quirks."""
    blocks = drop_empty(blocks)
    if wix:
        blocks = join_split_paragraphs(blocks)
        blocks = questions_to_lists(blocks)
    return blocks


def credit_author(post, blocks, writer):
    """Set the post's author from a "By <name>, <credential>" line among the first
    blocks (the full name beats Wix's shorter "Writer:" name, kept as another
    name), else from `writer`. Returns the blocks without that line."""
    blocks, byline = take_byline(blocks)
    if byline:
        post.author, post.credential = byline
        if writer:
            post.other_names.append(writer)
    elif writer:
        # A Wix profile named "Jo Park, LCSW": the credential is no part of the name.
        post.author, post.credential = parse_byline(f"By {writer}") or (writer, "")
    return blocks


def without_title(blocks, title):
    """The body without a first paragraph or heading that only repeats the title
    (authors often paste it again above the text)."""
    words = re.findall(r"\w+", title.casefold())
    if (
        blocks
        and blocks[0].kind in (PARAGRAPH, HEADING)
        and words == re.findall(r"\w+", blocks[0].text.casefold())
    ):
        return blocks[1:]
    return blocks
