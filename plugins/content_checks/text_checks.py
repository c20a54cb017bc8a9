"""The checks that need nothing but one file: its Markdown text and the HTML made of it.

typeset_markdown's reader runs `findings` as it reads a file, so Pelican's content cache
keeps them with the HTML: an unchanged file is not checked again, yet its problems come
back from the cache and are reported on every build (content_checks.check_rendered), so
a cached file with a mistake fails every build until the file is fixed. What depends on
other files (a `{filename}` link's target, a tag page) is kept as a list of links and
checked on every build (rendered.py).

The findings are plain lists (pickled in the cache): problems as [line, field, what,
fix] without the path (the same file may be built from another folder), links as
[tag, url].
"""

import html
import re
from urllib.parse import urlparse

from sitebuild.html_text import parse_html

from .body_html import removed_by_policy, unbalanced_tags
from .markup import HTML_ELEMENTS, check_markup, looks_schemeless
from .problems import Problem
from .sources import find_unsafe_wording, is_sensitive, parse

# The metadata key typeset_markdown's reader keeps `findings` under.
FINDINGS_KEY = "text_check_findings"
# Every url-carrying attribute, as Pelican's own link replacement looks for them.
URL_ATTRIBUTES = ("href", "src", "poster", "data", "cite", "formaction", "action")
WITH_URL = ",".join(f"[{name}]" for name in URL_ATTRIBUTES)
INTRASITE = re.compile(r"^[{|](?P<what>[^|}]*)[|}](?P<value>.*)$", re.DOTALL)
LEFTOVER = re.compile(r"[{|](?:filename|static|attach|tag|category|author|index)[|}]\S*")
EXTERNAL_SCHEMES = ("http", "https")
RESOURCE_TAGS = {"img", "source", "video", "audio", "iframe", "embed", "object", "script", "track"}
LINK_ADVICE = (
    "link an article as {filename}other-article.md and a page as {filename}../pages/page.md"
)


def text_problems(source, words):
    """Problems in the Markdown text itself: raw tags and scheme-less links (markup.py),
    wording safe-messaging guidelines advise against."""
    problems = check_markup(source)
    text = "\n".join(source.lines).lower()  # lower() keeps every newline in place
    tagged = is_sensitive(source.tags, source.get("sensitive"), words.sensitive_tags)
    for line, what, suggestion in find_unsafe_wording(text, words, tagged):
        problems.append(Problem(source.path, line, "safe messaging", what, suggestion))
    return problems


class LineFinder:
    """The line of a source where a needle is written; the n-th problem with the same
    text is at the n-th place that text is written."""

    def __init__(self, source):
        self.source, self.reported = source, {}

    def __call__(self, needle):
        if self.source is None or not needle:
            return 0
        places = [
            n for n, text in enumerate(self.source.lines, 1) for _ in range(text.count(needle))
        ]
        index = self.reported.get(needle, 0)
        self.reported[needle] = index + 1
        return places[min(index, len(places) - 1)] if places else 0


def findings(text, html, summary, words):
    """{"problems": [[line, field, what, fix]], "links": [[tag, url]]} of one file:
    `text` its Markdown, `html` and `summary` what Pelican made of it."""
    source = parse("", text, "")
    problems = [[p.line, p.field, p.what, p.fix] for p in text_problems(source, words)]
    line_of = LineFinder(source)
    links = []

    def add(needle, field, what, fix):
        problems.append([line_of(needle), field, what, fix])

    for part in (html or "", summary or ""):
        for removed in removed_by_policy(part):
            if not removed.attribute and removed.tag not in HTML_ELEMENTS:
                continue  # not an HTML element (<www.example.org>): markup.py reports it
            what, fix = removed.what_and_fix()
            problems.append([source.find_any_line(removed.needles()), "HTML", what, fix])
        # Markdown closes what it opens: only the author's own tags can be left open.
        for problem, tag in unbalanced_tags(part) if "<" in text else ():
            if problem == "unclosed":
                line = source.find_any_line([f"<{tag}>", f"<{tag} "])
                what = f"<{tag}> is opened but not closed: the rest of the page would be inside it"
                fix = f"close it with </{tag}> where it should end"
            else:
                line = source.find_any_line([f"</{tag}>"])
                what = f"</{tag}> closes an element the text did not open (the page's own)"
                fix = f"remove the </{tag}>"
            problems.append([line, "HTML", what, fix])
        tree = parse_html(part)
        for element in tree.css(WITH_URL):
            for name in URL_ATTRIBUTES:
                url = element.attributes.get(name)
                if url is not None:
                    url = url.strip()
                    if INTRASITE.match(url):
                        elsewhere = address_carried(url)
                        if elsewhere:
                            # Its line: the value as written, else its `{kind}` (an entity
                            # such as &colon; in the value is decoded in `url`).
                            kind, value = url.split("}", 1) if "}" in url else ("", url)
                            add(
                                value if value in text else kind + "}",
                                "image" if element.tag == "img" else "link",
                                f"'{url}' carries the address '{elsewhere}', which the "
                                "build keeps: the link would lead there, not to this site",
                                "write only the name or file after the {...}, e.g. "
                                "{tag}sleep or {static}/images/lake.jpg",
                            )
                        else:
                            links.append([element.tag, url])
                    else:
                        check_address(element.tag, url, add)
        shown = tree.body.text(separator=" ") if tree.body else ""
        for leftover in LEFTOVER.finditer(shown):
            snippet = leftover.group().rstrip(").,;:!?'\"")
            add(
                snippet,
                "link",
                f"'{snippet}' would be shown as text: it is not written as a link",
                "write it as [link text]({filename}other-article.md), with no space between "
                "] and (",
            )
    return {"problems": problems, "links": links}


def address_carried(url):
    """The scheme or host in a `{tag}…`-style link's value ('javascript:', '//evil.example'),
    or ''. Pelican replaces only the path of the value and keeps the rest, so
    `{tag}javascript:x` becomes a javascript: address and `{static}//evil.example/images/a.jpg`
    an image on another site. The value is read as written and HTML-unescaped once more,
    as Pelican tries both."""
    value = INTRASITE.match(url).group("value")
    for written in (value, html.unescape(value)):
        parsed = urlparse(written.strip())
        if parsed.scheme or parsed.netloc:
            return f"{parsed.scheme}:" if parsed.scheme else f"//{parsed.netloc}"
    return ""


def check_address(tag, url, add):
    """A link or image address that is not a `{filename}`-style link."""
    field = "image" if tag == "img" else "link"
    parsed = urlparse(url)
    if parsed.scheme and parsed.scheme not in EXTERNAL_SCHEMES:
        return  # mailto: and tel: are fine; body_html reports any other scheme
    if not parsed.netloc and url.startswith("#"):
        return
    if parsed.scheme in EXTERNAL_SCHEMES or parsed.netloc:
        if tag in RESOURCE_TAGS:
            add(
                url,
                field,
                f"'{url}' is loaded from another website, which would tell that site "
                "who reads this page",
                "save the file in content/images and use ![description]({static}/images/name.jpg)",
            )
        return
    if looks_schemeless(url):
        return  # another site's address without https://: markup.py reports it at its line
    if parsed.path.endswith((".md", ".markdown")):
        fix = f"write {{filename}}{parsed.path} so the build turns it into the page's address"
        add(url, field, f"'{url}' links to a Markdown file, which is not part of the site", fix)
        return
    add(
        url,
        field,
        f"'{url}' is a hand-written address inside the site, which breaks when the site moves",
        f"use the build's links instead: {LINK_ADVICE}; images as {{static}}/images/name.jpg",
    )
