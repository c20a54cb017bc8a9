"""A Wix blog post captured as the text a browser shows (select all, copy).

Two layouts are met. The practice's capture puts the title first:

    top of page
    <title>
      • Writer: <short name>
        <short name>
      • Oct 9
      • 3 min read
    Updated: Oct 10
    By <full name>, <credential>
    <paragraphs...>
    Comments
    bottom of page

A browser's "select all" on a Wix post page (innerText) puts the site's menu and
the blog's header first, then the writer, date and reading time, then the title:

    top of page
    Home / About / ... / All Posts / <categories> / Search / Log in / Sign up
    <writer>
    Jun 4, 2020
    1 min read
    <title>
    <paragraphs...>
    <category labels>  12 views  0 comments  Post not marked as liked
    Recent Posts  See All  <other posts>  <site footer>
    bottom of page

The metadata block is found around the first "Writer:" or "N min read" line;
the title is the line above it, or the line below it when what stands above is
Wix's blog header. The body ends at "Comments", "Recent Posts" (and the like),
and loses the share buttons, counters, tags and category labels at its end.
A blog shown in Spanish says "Escritor:", "3 min de lectura", "Actualizado:",
"9 oct", "Comentarios" and "Publicaciones recientes"; those words are read too,
and say the post is in Spanish.

Plain text carries no emphasis, links or pictures, except written-out
addresses, which become links; a line that looks like a picture's caption is
kept as text and reported.
"""

import re

from .blocks import (
    BYLINE_PREFIX,
    HEADING,
    HEADING_MAX,
    LIST,
    PARAGRAPH,
    SEPARATOR,
    Block,
    normalise,
    parse_byline,
    tidy,
    without_title,
)
from .dates import parse_wix_date, resolve
from .language import statement
from .markdown_text import text_to_markdown
from .model import EmptyPost, Post, SourceError

EXPECTED = (
    "expected the text of a Wix blog post page: the title, then lines such as "
    '"Writer: <name>", the date ("Oct 9") and "3 min read", then the article'
)
# Lines of Wix's page around the article, English and Spanish, lowercased.
CHROME = {
    "top of page",
    "bottom of page",
    "skip to content",
    "skip to main content",
    "writer's picture",
    "writer's image",
    "writer",
    "inicio de la página",
    "parte superior de la página",
    "arriba de la página",
    "final de la página",
    "parte inferior de la página",
    "abajo de la página",
    "ir al contenido principal",
    "foto del escritor",
    "imagen del escritor",
    "escritor",
    "admin",  # the badge under a site owner's name
    "owner",
    "administrador",
    "propietario",
}
ALL_POSTS = {"all posts", "todas las publicaciones"}
# The blog's own header above the writer's name, when the title comes after it.
BLOG_HEADER = {
    "all posts",
    "search",
    "log in / sign up",
    "log in",
    "sign up",
    "login",
    "todas las publicaciones",
    "buscar",
    "iniciar sesión / registrarse",
    "iniciar sesión",
    "registrarse",
}
END_MARKERS = {
    "comments",
    "recent posts",
    "related posts",
    "see all",
    "write a comment",
    "write a comment...",
    "log in to leave a comment",
    "bottom of page",
    "comentarios",
    "publicaciones recientes",
    "publicaciones relacionadas",
    "ver todo",
    "ver todas",
    "escribe un comentario",
    "escribe un comentario...",
    "escribir un comentario",
    "escribir un comentario...",
    "inicia sesión para dejar un comentario",
    "final de la página",
    "parte inferior de la página",
    "abajo de la página",
}
PAGE_TOPS = {"top of page", "inicio de la página", "parte superior de la página"}
# The label of the writer's round picture, just above their name.
AVATAR = {"writer's picture", "writer's image", "foto del escritor", "imagen del escritor"}
# Lines only Wix's pages have: a capture without "N min read" is still a capture.
WIX_MARKS = {"top of page", "bottom of page", "writer's picture", "foto del escritor"}
# Where the other posts Wix shows under a post begin.
OTHER_POSTS = {
    "recent posts",
    "related posts",
    "see all",
    "comments",
    "publicaciones recientes",
    "publicaciones relacionadas",
    "ver todo",
    "comentarios",
}
# A number as Wix writes it before a counter's word: "12", "1.2k", "3,400".
NUMBER = r"\d[\d.,]*\s*k?\s*"
VIEWS = r"views?|vistas?|visualizaciones"
COMMENTS = r"comments?|comentarios?"
# The like button's state, read out as text.
LIKED = (
    r"(?:\d+\s+likes?\.\s*)?post (?:not )?marked as liked"
    r"|publicaci[oó]n (?:no )?marcada como me gusta"
)
# The post's counters: the article has ended (the site's footer may follow).
STATS = re.compile(
    rf"^(?:{NUMBER}(?:{VIEWS})"
    rf"(?:\s*{NUMBER}(?:{COMMENTS}))?"  # "12 views0 comments"
    rf"|{LIKED})$",
    re.IGNORECASE,
)
# A counter Wix may show beside the date.
COUNTER = re.compile(rf"^{NUMBER}(?:{VIEWS}|{COMMENTS})$", re.I)
# "Comments (2)", "Comentarios (2)": the comments' heading with their number.
COMMENTS_COUNT = re.compile(r"^(?:comments|comentarios)\s*\(\d+\)$", re.IGNORECASE)
# Counters, like and share buttons between the article and the comments.
TRAILING_CHROME = re.compile(
    rf"^(?:(?:{NUMBER}(?:{VIEWS}|{COMMENTS}|likes?|me gusta)\.?\s*)+"
    rf"|{LIKED}|me gusta|like|likes|reply|responder"
    r"|share|share this post|compartir|compartir esta publicaci[oó]n|copy link|link copied"
    r"|copiar enlace|enlace copiado|facebook|twitter|x \(twitter\)|linkedin|pinterest"
    r"|whatsapp|email|e-mail|correo electr[oó]nico|print|imprimir|more actions|m[aá]s acciones"
    r"|\d[\d.,]*)$",
    re.IGNORECASE,
)
READ_TIME = re.compile(
    r"^(\d+)\s*(?:min(?:ute)?s?\.?\s+read|min(?:uto)?s?\.?\s+de\s+lectura)$", re.IGNORECASE
)
WRITER = re.compile(r"^(?:writer|escritor|escritora|autor|autora)\s*:\s*(.+)$", re.IGNORECASE)
UPDATED = re.compile(r"^(?:updated|actualizado|actualizada)\s*:?\s*(.+)$", re.IGNORECASE)
FIELD = re.compile(
    r"^(categor(?:y|ies)|categor[ií]as?|tags?|etiquetas?)\s*:?\s*(.*)$", re.IGNORECASE
)
# Words only a Spanish Wix page shows: the post is in Spanish.
SPANISH = re.compile(
    r"^(?:escritor|escritora|autor|autora)\s*:|min(?:uto)?s?\.?\s+de\s+lectura$|^actualizad[oa]\b",
    re.IGNORECASE,
)
BULLET = re.compile(r"^(?:[•·◦▪●‣✓✔➤►→]\s*|[–*-]\s+)(.+)$")
NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(.+)$")
HEADING_WORDS_MAX = 12
PART_SEPARATOR = re.compile(r"\s+[·•|]\s+")
# A picture's caption or credit: the picture itself is not in a text capture.
CAPTION = re.compile(
    r"^(?:photo|picture|image|pictured|caption|foto|imagen|fotograf[ií]a)s?\b"
    r"(?:\s*[:©]|\s+(?:by|credit|courtesy|de|por|cortes[ií]a)\b)|©"
    r"|\b(?:unsplash|pexels|freepik|shutterstock|istock|getty images|canva)\b",
    re.IGNORECASE,
)
# Lines that are no heading though short: a caption, a source, a label.
NOT_HEADING = re.compile(rf"{CAPTION.pattern}|^(?:source|fuente|credit|cr[eé]dito)s?\s*:", re.I)
TITLE_MAX = 150
POST_ADDRESS = re.compile(r"^https?://\S+/post/[^/\s]+/?$")
# A whole paragraph on one line: long, ending a sentence (a <br> line is short).
PROSE_LINE = re.compile(r"^(?![•·◦▪●‣✓✔➤►→*–-]\s|\d{1,3}[.)]\s).{100,}[.!?…:\"”’)]$")
NAME_WORD = re.compile(r"^(?:[A-ZÀ-Þ][\w'’.\-]*|de|del|la|van|von|da|di|le|y)$")


def parse(path, text, *, captured, year=None):
    """Read one captured page into a Post; SourceError when it isn't one
    (EmptyPost when it is one, but without any text)."""
    # A line of only "·" or "•" (Wix's separators, one a line on a phone) is no text.
    lines = [normalise(line) for line in text.splitlines()]
    lines = [line if not SEPARATOR.match(line) else "" for line in lines]
    anchor = next((i for i, line in enumerate(lines) if _is_anchor(line)), None)
    if anchor is None and any(line.lower() in WIX_MARKS for line in lines):
        # Reading time hidden in the blog's settings: the date line is the anchor.
        anchor = next(
            (i for i, line in enumerate(lines) if parse_wix_date(_unbullet(line), captured)), None
        )
    if anchor is None:
        raise SourceError(path, f'no "Writer:" or "N min read" line found; {EXPECTED}')
    # The post's address, pasted above the text: its old address and Wix slug.
    address = next((i for i in range(anchor) if POST_ADDRESS.match(lines[i])), None)
    old_url = lines[address] if address is not None else ""
    if address is not None:
        lines[address] = ""
    pages = [i for i, line in enumerate(lines) if line.lower() in PAGE_TOPS]
    if len(pages) > 1:
        raise SourceError(
            path,
            f"holds {len(pages)} pages (lines {', '.join(str(i + 1) for i in pages)} each say "
            '"top of page"): save each post in a file of its own',
        )
    start = _meta_start(lines, anchor, captured)
    header = [i for i in range(start) if lines[i]]  # what stands above the metadata
    writer_line = None
    if not any(WRITER.match(part) for line in lines[start : anchor + 1] for part in _parts(line)):
        # No "Writer:" label: the name is the line just above the date, if it is one.
        if header and _is_name(lines[header[-1]]) and _above_is_not_title(lines, header):
            writer_line = header.pop()
    meta = _read_meta(lines, start, captured)
    title_index = None
    if _title_follows(lines, header, meta["end"]):
        title_index = meta["end"]
        meta_after = _read_meta(lines, title_index + 1, captured)  # "Updated:" after it
        for key in ("date", "updated"):
            meta[key] = meta[key] or meta_after[key]
        meta["end"] = meta_after["end"]
    else:
        title_index = next(
            (i for i in reversed(header) if lines[i].lower() not in CHROME | BLOG_HEADER), None
        )
    if title_index is None:
        raise SourceError(path, f'no title above the "Writer:" line; {EXPECTED}')

    post = Post(source=path, title=lines[title_index], old_url=old_url)
    if writer_line is not None and not meta["writer"]:
        meta["writer"] = lines[writer_line]
    if any(SPANISH.search(part) for line in lines[start : meta["end"]] for part in _parts(line)):
        post.statements.append(statement("Wix's words", "es", 'Wix\'s words ("min de lectura")'))
    post.category, post.tags = meta["category"], meta["tags"]
    end = next(
        (
            i
            for i in range(meta["end"], len(lines))
            if lines[i].lower() in END_MARKERS
            or STATS.match(lines[i])
            or COMMENTS_COUNT.match(lines[i])
        ),
        len(lines),
    )
    later = [i for i in range(end, len(lines)) if READ_TIME.match(_unbullet(lines[i]))]
    others = next((i for i in range(end, len(lines)) if lines[i].lower() in OTHER_POSTS), None)
    if later and (others is None or later[0] < others):
        raise SourceError(
            path,
            "this is a list of posts (the blog's page, or a category's), not one post: "
            f"capture each post's own page; {EXPECTED}",
        )
    categories = _blog_categories([lines[i] for i in header if i < title_index])
    body_lines = _trim_trailing_chrome(lines[meta["end"] : end], post, categories)

    blocks = _blocks(body_lines)
    blocks = without_title(blocks, post.title)
    blocks = _take_bylines(post, blocks, meta["writer"])
    for block in blocks[:2]:  # "Updated: Oct 10" under the byline, not over it
        updated = UPDATED.match(block.text) if block.kind == PARAGRAPH else None
        found = parse_wix_date(updated[1], captured) if updated else None
        if found:
            meta["updated"] = meta["updated"] or found
            blocks.remove(block)
            break
    blocks = tidy(_infer_headings(blocks))
    for block in blocks:
        if block.kind == PARAGRAPH and CAPTION.search(block.text):
            post.notes.append(
                f"TODO picture: {block.text[:80]!r} reads like a picture's caption; a text "
                "capture holds no pictures: import the saved page or the site's address to "
                "bring the picture, or delete the caption"
            )

    if meta["date"] is None:
        raise SourceError(path, f'no publish date such as "Oct 9" under the title; {EXPECTED}')
    if not blocks:
        raise EmptyPost(
            path,
            f"{post.title!r} has a title but no text (a post of pictures or a video only?); "
            "not imported: save its page as HTML, or import the site by its address",
        )
    post.body = blocks
    post.date, note = resolve(meta["date"], year=year, captured=captured)
    if note:
        post.notes.append(f"Date: {note}")
    if meta["updated"] is not None:
        post.modified, note = resolve(
            meta["updated"], year=year, captured=captured, not_before=post.date
        )
        if note:
            post.notes.append(f"Modified: {note}")
    return post


def _is_anchor(line):
    return any(WRITER.match(part) or READ_TIME.match(part) for part in _parts(line))


def _unbullet(line):
    match = BULLET.match(line)
    return match[1] if match else line


def _parts(line):
    """ "Oct 9 · 3 min read" on one line holds two pieces of metadata."""
    return [part for part in PART_SEPARATOR.split(_unbullet(line)) if part]


def _meta_start(lines, anchor, reference):
    """The first line of the metadata block that holds line `anchor`: going up over
    blank lines, dates, "Writer:" lines and Wix's avatar label."""
    start = anchor
    for index in range(anchor - 1, -1, -1):
        line = lines[index]
        if not line:
            continue
        items = [_meta_item(part, set(), reference) for part in _parts(line)]
        if line.lower() in PAGE_TOPS or not all(item and item[0] != "field" for item in items):
            break
        start = index
    return start


def _is_name(line):
    """A person's name as Wix shows it under the avatar: one to five capitalised words."""
    words = _unbullet(line).split()
    return 1 <= len(words) <= 5 and all(NAME_WORD.match(w) for w in words) and words[0][0].isupper()


def _above_is_not_title(lines, header):
    """Whether the name-like line just above the date has something above it
    (the title, or Wix's blog header): else the line is the title itself."""
    return len(header) >= 2 and lines[header[-2]].lower() not in PAGE_TOPS


def _title_follows(lines, header, after):
    """Whether the title is the first line after the metadata: Wix's blog header
    (or nothing, or just "top of page" over the writer's picture) stands above the
    metadata, and a short line follows it."""
    above = [lines[i].lower() for i in reversed(header) if lines[i]]
    avatar = bool(above) and above[0] in AVATAR
    above = [line for line in above if line not in AVATAR]
    if above and above[0] not in BLOG_HEADER and not (avatar and above[0] in WIX_MARKS):
        return False
    if after >= len(lines):
        return False
    candidate = lines[after]
    return bool(candidate) and len(candidate) <= TITLE_MAX and not parse_byline(candidate)


def _meta_item(part, names, reference=None):
    """(kind, value) when a piece of a line is metadata, else None."""
    if part.lower() in CHROME or COUNTER.match(part):
        return ("chrome", None)  # "12 views" beside the date, "Admin" under the name
    if READ_TIME.match(part):
        return ("read time", None)
    if writer := WRITER.match(part):
        return ("writer", writer[1].strip())
    if part.lower() in names:
        return ("chrome", None)  # Wix repeats the writer's name under the avatar
    if (updated := UPDATED.match(part)) and (found := parse_wix_date(updated[1], reference)):
        return ("updated", found)
    if found := parse_wix_date(part, reference):
        return ("date", found)
    if (field := FIELD.match(part)) and field[2]:
        return ("field", field)
    return None


def _read_meta(lines, start, reference):
    """Read the metadata lines from `start`; stop at the first other line."""
    meta = {"writer": "", "date": None, "updated": None, "category": "", "tags": [], "end": start}
    names = set()
    for index in range(start, len(lines)):
        meta["end"] = index
        if not lines[index]:
            continue
        parts = _parts(lines[index])
        items = [_meta_item(part, names, reference) for part in parts]
        if len(items) > 1 and not items[0] and all(items[1:]) and not meta["writer"]:
            items[0] = ("writer", parts[0])  # "Jo Park · Oct 9 · 2 min read"
        if not all(items):
            return meta
        for kind, value in items:
            if kind == "writer":
                meta["writer"] = value
                names.add(value.lower())
            elif kind in ("date", "updated") and meta[kind] is None:
                meta[kind] = value
            elif kind == "field":
                _read_field(meta, value[1], value[2])
    meta["end"] = len(lines)
    return meta


def _read_field(meta, label, value):
    values = [v.strip().lstrip("#") for v in value.split(",") if v.strip().lstrip("#")]
    if label.lower().startswith("categor"):
        meta["category"] = meta["category"] or (values[0] if values else "")
        meta["tags"].extend(values[1:])
    else:
        meta["tags"].extend(values)


def _blog_categories(header):
    """The blog's categories, lowercased: the lines its header lists between "All Posts"
    and "Search" (or "Log in"); not the site's menu ("Home", "Contact")."""
    lowered = [line.lower() for line in header]
    starts = [i for i, line in enumerate(lowered) if line in ALL_POSTS]
    if not starts:
        return set()
    found = set()
    for line in lowered[starts[-1] + 1 :]:
        if line in BLOG_HEADER or line in AVATAR:
            break
        if line not in {"more", "más"}:  # Wix folds long lists under "More"
            found.add(line)
    return found


def _trim_trailing_chrome(lines, post, navigation):
    """Drop what Wix shows after the article: counters, like and share buttons,
    "Tags"/"Categories" (read into the post, also as a label over one value a
    line) and the category labels (lines the blog's header lists too: the first
    is the Category, the others Tags)."""
    lines = list(lines)
    meta = {"category": post.category, "tags": []}
    labels = []
    while lines:
        last = lines[-1]
        parts = _parts(last)
        if not last or TRAILING_CHROME.match(last) or SEPARATOR.match(last):
            lines.pop()
            continue
        if navigation and parts and all(part.lower() in navigation for part in parts):
            labels[:0] = parts
            lines.pop()
            continue
        if field := FIELD.match(last):
            _read_field(meta, field[1], field[2])
            lines.pop()
            continue
        # "Tags" on a line of its own, its values one a line below it.
        label = _label_above(lines)
        if label is None:
            break
        values = [line for line in lines[label + 1 :] if line]
        _read_field(meta, FIELD.match(lines[label])[1], ", ".join(values))
        del lines[label:]
    if labels:
        _read_field(meta, "categories", ", ".join(labels))
    post.category = meta["category"]
    post.tags.extend(meta["tags"])
    return lines


def _label_above(lines):
    """The index of a "Tags"/"Categories" label whose lines below are all short
    values (the end of the body), else None."""
    for index in range(len(lines) - 1, max(-1, len(lines) - 40), -1):
        line = lines[index]
        if not line:
            continue
        field = FIELD.match(line)
        if field and not field[2]:
            return index
        if len(line) > 40 or re.search(r"[.!?:]$", line):
            return None
    return None


def _take_bylines(post, blocks, writer):
    """The "By <name>, <credential>" lines at the top: the first is the author
    (its full name beats Wix's shorter "Writer:" name, kept as another name);
    a second one (a co-author) is listed for a person, as the site shows one."""
    bylines, kept = [], []
    for index, block in enumerate(blocks):
        if index < 3 + len(bylines) and block.kind == PARAGRAPH and not kept[2:]:
            found = [parse_byline(line) for line in _split_bylines(block.text)]
            if found and all(found):
                bylines += found
                continue
        kept.append(block)
    if bylines:
        post.author, post.credential = bylines[0]
        if writer:
            post.other_names.append(writer)
        for name, credential in bylines[1:]:
            post.notes.append(
                f"TODO co-author: the post also names {name}"
                + (f", {credential}" if credential else "")
                + f"; the site shows one author per article ({bylines[0][0]}): add a line "
                "naming them to the text if they should be credited"
            )
    elif writer:
        # "Writer: Jo Park, LCSW": the credential is no part of the name.
        post.author, post.credential = parse_byline(f"By {writer}") or (writer, "")
    return kept


def _split_bylines(text):
    """ "By A, LPC By B, LCSW" or "By A, LPC and B, LCSW": one byline each."""
    pieces = re.split(
        rf"(?<![Ww]ritten)(?<![Ee]scrit[oa])\s+(?={BYLINE_PREFIX})|\s+(?:and|&|y)\s+(?=[A-ZÀ-Þ])",
        text,
    )
    first = re.match(BYLINE_PREFIX, pieces[0])
    prefix = first[0] if first else ""
    return [p if re.match(BYLINE_PREFIX, p) else f"{prefix}{p}" for p in pieces]


def _blocks(lines):
    """Group lines into blocks at blank lines; bullet lines make lists; the
    lines of one block are one paragraph's line breaks (Wix's <br>), except
    lines of prose, which are paragraphs of their own (a capture that kept no
    blank line between paragraphs)."""
    groups, current = [], []
    for line in [*lines, ""]:
        if line and PROSE_LINE.search(line):
            if current:
                groups.append(current)
            groups.append([line])
            current = []
        elif line:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    blocks = []
    for group in groups:
        items = [BULLET.match(line) for line in group]
        numbers = [NUMBERED.match(line) for line in group]
        if all(items):
            block = Block.of(
                LIST,
                "\n".join(f"- {text_to_markdown(m[1])}" for m in items),
                " ".join(m[1] for m in items),
            )
        elif all(numbers):
            block = Block.of(
                LIST,
                "\n".join(f"{m[1]}. {text_to_markdown(m[2])}" for m in numbers),
                " ".join(m[2] for m in numbers),
            )
        else:
            block = Block.of(
                PARAGRAPH, "  \n".join(text_to_markdown(line) for line in group), " ".join(group)
            )
        if blocks and blocks[-1].kind == LIST == block.kind and _same_list(blocks[-1], block):
            blocks[-1] = Block(LIST, f"{blocks[-1].markdown}\n{block.markdown}", blocks[-1].text)
        else:
            blocks.append(block)
    return blocks


def _same_list(first, second):
    """Items Wix put one per paragraph still make one list (same marker kind)."""
    return first.markdown[:1].isdigit() == second.markdown[:1].isdigit()


def _infer_headings(blocks):
    """A short line without a sentence end, followed by text, is a heading
    (not a caption, a label ending in ":" or a line inside quotes)."""
    result = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if (
            block.kind == PARAGRAPH
            and following is not None
            and following.kind in (PARAGRAPH, LIST)
            and "\n" not in block.markdown
            and len(block.text) <= HEADING_MAX
            and len(block.text.split()) <= HEADING_WORDS_MAX
            and re.match(r"[A-Z0-9À-Þ¿¡]", block.text)
            and re.search(r"[\w)]$", block.text)
            and not NOT_HEADING.search(block.text)
            and not (result and result[-1].kind == HEADING)
        ):
            result.append(Block(HEADING, f"## {block.markdown}", block.text))
        else:
            result.append(block)
    return result
