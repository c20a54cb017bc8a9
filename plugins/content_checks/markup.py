"""Checks on an article's Markdown text itself, line by line, so each mistake is
reported at its own line:

- a raw tag that is not an HTML element, such as `<www.example.de/x>` (an address
  in angle brackets without https://): Python-Markdown passes it through as HTML,
  the browser makes an unknown element of it, the address vanishes from the page
  and the page's own elements are left unclosed;
- a link to another site written without its scheme (`[text](www.example.de/x)`,
  `href="example.org/x"`): the browser reads it as a page of this site.

Code (fenced blocks and `code spans`) is skipped: there a `<` is literal.
"""

import re

from .problems import Problem

# The elements of the HTML Living Standard an author may write (and the SVG/MathML roots).
HTML_ELEMENTS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button
    canvas caption cite code col colgroup data datalist dd del details dfn dialog div dl dt
    em embed fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr
    html i iframe img input ins kbd label legend li link main map mark math menu meta meter
    nav noscript object ol optgroup option output p picture pre progress q rp rt ruby s samp
    script search section select slot small source span strong style sub summary sup svg
    table tbody td template textarea tfoot th thead time title tr track u ul var video wbr
    """.split()
)
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# Python-Markdown's autolinks (<https://…>, <ftp://…>) and automatic e-mail links.
AUTOLINK = re.compile(r"^<(?:(?:https?|ftp)://[^<>]*|[^<> !]+@[^@<> ]+)>$", re.IGNORECASE)
RAW_TAG = re.compile(r"</?(?P<name>[A-Za-z][^\s<>/]*)[^<>]*>")
# An address on another site without its scheme: www.… or name.tld/…
SCHEMELESS = re.compile(
    r"^(?:www\.[\w-]+(?:\.[\w-]+)+"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|info|io|co|us|uk|ca|au|de|at|ch|fr|es|it"
    r"|nl|be|se|no|dk|fi|ie|nz|health|care|app|dev|me))(?:[/?#:]|$)",
    re.IGNORECASE,
)
LINK_TARGETS = re.compile(
    r"\]\(\s*<?(?P<md>[^)\s>]+)"  # [text](target) and ![alt](target)
    r"|^\s{0,3}\[[^\]]+\]:\s*<?(?P<ref>[^\s>]+)"  # [label]: target
    r"|\b(?:href|src)\s*=\s*[\"']?(?P<attr>[^\"'\s>]+)",  # href="target", src=target
    re.IGNORECASE,
)


def text_lines(source):
    """(line number, text) of the body outside code, code spans blanked out."""
    fence = None
    for number, line in enumerate(source.body_lines, source.body_start):
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if line.startswith(("    ", "\t")) and not line.strip().startswith(("-", "*", "<")):
            continue  # an indented code block (or a list item's continuation: no tags there)
        yield number, CODE_SPAN.sub(lambda m: " " * len(m.group()), line)


def check_markup(source):
    """Problems with raw tags and scheme-less links, one per occurrence."""
    problems = []

    def add(line, field, what, fix):
        problems.append(Problem(source.path, line, field, what, fix))

    for number, line in text_lines(source):
        for tag in RAW_TAG.finditer(line):
            written = tag.group()
            if AUTOLINK.match(written) or tag.group("name").lower() in HTML_ELEMENTS:
                continue
            if written.startswith("</"):
                continue  # its opening tag is the one reported
            inside = written.strip("</>")
            if SCHEMELESS.match(inside):
                fix = f"add https:// inside the brackets: <https://{inside}>"
            else:
                fix = "write &lt; for a literal '<', or remove the tag"
            add(number, "text", f"'{written}' is not an HTML element: the page would hide it", fix)
        for link in LINK_TARGETS.finditer(line):
            target = link.group("md") or link.group("ref") or link.group("attr")
            if target and SCHEMELESS.match(target):
                add(
                    number,
                    "link",
                    f"'{target}' is an address on another site written without https://, so "
                    "the browser looks for it on this site",
                    f"add https://: https://{target}",
                )
    return problems


def looks_schemeless(url):
    """True for an address check_markup reports (the rendered check leaves it alone)."""
    return SCHEMELESS.match(url) is not None
