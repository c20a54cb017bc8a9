"""Content checks: every build stops with one clear report when an author's
Markdown would give a broken, wrong or unsafe page.

Two passes, each reporting every problem it finds:
1. before Pelican reads anything, the raw sources (header fields, dates,
   authors, statuses, slugs, images), because Pelican drops or half-reads a
   file with such mistakes after logging one line;
2. after Pelican has read everything and before it writes, each file's own
   text and HTML (markup, safe-messaging wording, the HTML policy: text_checks.py,
   run by typeset_markdown's reader as it reads, so Pelican's content cache keeps
   the findings of unchanged files), the links and images against what the build
   really contains, and the output paths.
Problems are printed as `path:line: field: what is wrong — how to fix it`,
then the build fails. Readability is only a printed warning.
"""

import functools
import json
import logging
import os
import re
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.utils import slugify
from typeset_markdown.typeset_markdown import read_along

import sitebuild.headers
import sitebuild.html_text

from .files import file_problems, git_problems
from .languages import language_problems
from .problems import ContentCheckError, Problem
from .rendered import ContentLinks, check_content, clashing_outputs, output_paths
from .site_data import site_data_problems
from .sources import (
    MARKDOWN_EXTENSIONS,
    Rules,
    check_sources,
    is_sensitive,
    load_word_lists,
    non_markdown_files,
    parse,
)
from .text_checks import FINDINGS_KEY, findings, text_problems

STATE_KEY = "content_checks"
# The project's modules the text checks use.
SHARED_CODE = [Path(module.__file__) for module in (sitebuild.headers, sitebuild.html_text)]
WORD_LISTS = load_word_lists()


def display_path(path):
    """Paths relative to where the build runs, as editors and terminals link them."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def authors_file_path(settings):
    """content/data/authors.toml, where pelicanconf.py reads AUTHORS_INFO from."""
    return settings.get("AUTHORS_FILE") or os.path.join(settings["PATH"], "data", "authors.toml")


def site_rules(settings):
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    authors_file = authors_file_path(settings)
    return Rules(
        # A writer whose entry is not a table is reported by site_data.py.
        authors={
            name: info
            for name, info in (settings.get("AUTHORS_INFO") or {}).items()
            if isinstance(info, dict)
        },
        authors_file=display_path(authors_file),
        content_root=settings["PATH"],
        now=datetime.now(zone).replace(tzinfo=None),
        # Cached: the same tags and categories come back in many articles.
        slugify=functools.lru_cache(maxsize=None)(
            lambda text: slugify(
                text or "",
                regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
                preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
                use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
            )
        ),
        words=WORD_LISTS,
        summary_max=settings.get("SUMMARY_MAX_CHARACTERS", 300),
        default_lang=settings.get("DEFAULT_LANG", "en"),
        templates=theme_templates(settings),
        static_paths=tuple(path.strip("/") for path in settings["STATIC_PATHS"]),
    )


EXTENDS = re.compile(r"""{%-?\s*extends\s+["']([^"']+)\.html["']""")


def theme_templates(settings):
    """The names `Template:` may give, {"article": names, "page": names}: the theme's
    article.html and page.html and the templates that extend them (directly or through
    another), overrides included. A listing's template (tag, index, author...) renders
    an article or page only by crashing on what it misses."""
    folders = [os.path.join(settings["THEME"], "templates")]
    folders += settings.get("THEME_TEMPLATES_OVERRIDES", [])
    parents = {}
    for folder in (f for f in folders if os.path.isdir(f)):
        for name in (n for n in os.listdir(folder) if n.endswith(".html")):
            text = Path(folder, name).read_text(encoding="utf-8", errors="replace")
            extends = EXTENDS.search(text)
            parents[name.removesuffix(".html")] = extends.group(1) if extends else None

    def kind_of(name, seen=()):
        if name in ("article", "page"):
            return name
        if name is None or name in seen:
            return None
        return kind_of(parents.get(name), (*seen, name))

    kinds = {"article": set(), "page": set()}
    for name in parents:
        if kind_of(name):
            kinds[kind_of(name)].add(name)
    return {kind: frozenset(names) for kind, names in kinds.items()}


def read_sources(generator):
    """Every file Pelican will read as an article or a page, parsed."""
    settings = generator.settings
    sources, problems = [], []
    for kind, paths, excludes in (
        ("article", settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"]),
        ("page", settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"]),
    ):
        every_file = sorted(generator.get_files(paths, exclude=excludes, extensions=False))
        shown = {f: display_path(os.path.join(generator.path, f)) for f in every_file}
        problems += non_markdown_files(shown[f] for f in every_file)
        for relative in every_file:
            full = os.path.join(generator.path, relative)
            if Path(full).suffix not in MARKDOWN_EXTENSIONS:
                continue  # Pelican reads only these (an upper-case .MD: files.py reports it)
            try:
                text = Path(full).read_text(encoding="utf-8-sig")
            except UnicodeDecodeError:
                problems.append(
                    Problem(
                        shown[relative], 0, "file", "is not UTF-8 text",
                        "save it as UTF-8 in your editor", stops_pelican=True,
                    )
                )  # fmt: skip
                continue
            source = parse(shown[relative], text, kind, relative.replace(os.sep, "/"))
            source.full_path = os.path.abspath(full)
            sources.append(source)
    return sources, problems


def check_sources_first(generator):
    """Pass 1, when the article generator starts: before any file is read."""
    settings = generator.settings
    rules = site_rules(settings)
    problems = file_problems(settings, display_path)
    problems += site_data_problems(settings, display_path)
    uncommitted, notes = git_problems(
        settings, display_path, settings.get("REFUSE_UNCOMMITTED_CONTENT", False)
    )
    problems += uncommitted
    if notes:
        print("Content warnings (the build goes on):", *notes, sep="\n", file=sys.stderr)
    sources, read_problems = read_sources(generator)
    problems += read_problems
    problems += check_sources(sources, rules)
    problems += language_problems(sources, generator.settings)
    problems += author_list_problems(generator.settings, rules)
    problems += social_image_problems(generator.settings, sources)
    generator.context[STATE_KEY] = {
        "problems": problems,
        "sources": {s.full_path: s for s in sources},
    }
    if any(p.stops_pelican for p in problems):
        # Pass 2 will not come: the text's own mistakes join this one report.
        fail(problems + [p for s in sources for p in text_problems(s, WORD_LISTS)])


def social_image_problems(settings, sources):
    """The social_image plugin stops at the first bad `Image:` while Pelican
    reads; asking it first puts every such mistake into this one report."""
    if "social_image" not in settings.get("PLUGINS", []):
        return []
    from social_image.social_image import image_problems

    problems = []
    for source in sources:
        metadata = {key: found.value for key, found in source.fields.items()}
        for message in image_problems(metadata, settings["PATH"], settings["STATIC_PATHS"]):
            field_name = message.split()[0]
            what, _, fix = message.partition(": ")
            problems.append(
                Problem(
                    source.path,
                    source.line_of(field_name.lower()),
                    field_name,
                    what,
                    fix or f"correct the {field_name} line",
                    stops_pelican=True,
                )
            )
    return problems


def author_list_problems(settings, rules):
    """Every author in the list needs a credential: bylines always show one."""
    problems = []
    lines = []
    path = authors_file_path(settings)
    if os.path.isfile(path):
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    for name, info in rules.authors.items():
        if str((info or {}).get("credential", "")).strip():
            continue
        line = next((n for n, text in enumerate(lines, 1) if name in text and "[" in text), 0)
        problems.append(
            Problem(
                rules.authors_file,
                line,
                "credential",
                f"{name} has no credential",
                f'add `credential = "LCSW"` (their credential) under [{name!r}]',
            )
        )
    return problems


def generators_by_kind(generators):
    """all_generators_finalized's generators as {"articles": …, "pages": …, "static": …}."""
    kinds = {"articles": ArticlesGenerator, "pages": PagesGenerator, "static": StaticGenerator}
    return {
        kind: generator
        for generator in generators
        for kind, cls in kinds.items()
        if isinstance(generator, cls)
    }


def check_rendered(generators):
    """Pass 2, after every file was read and before anything is written."""
    by_kind = generators_by_kind(generators)
    articles, pages = by_kind.get("articles"), by_kind.get("pages")
    if articles is None:
        return
    state = articles.context.get(STATE_KEY) or {"problems": [], "sources": {}}
    settings = articles.settings
    contents = all_contents(articles, pages)
    links = ContentLinks(settings, articles.context, articles)
    problems = list(state["problems"])
    for content in contents:
        source = state["sources"].get(os.path.abspath(content.source_path))
        problems += check_content(content, links, source)
    writers = output_paths(by_kind, settings, contents)
    problems += clashing_outputs(writers, state["sources"], settings)
    report_readability(articles, settings, state["sources"])
    if problems:
        fail(problems)


def all_contents(articles, pages):
    found = []
    for generator, names in (
        (
            articles,
            (
                "articles",
                "translations",
                "hidden_articles",
                "hidden_translations",
                "drafts",
                "drafts_translations",
            ),
        ),
        (
            pages,
            (
                "pages",
                "translations",
                "hidden_pages",
                "hidden_translations",
                "draft_pages",
                "draft_translations",
            ),
        ),
    ):
        if generator is not None:
            for name in names:
                found += getattr(generator, name, [])
    return found


def report_readability(articles, settings, sources):
    """A printed warning, never an error: `--fatal warnings` must not stop on it."""
    limit = settings.get("READABILITY_MAX_GRADE", 9)
    notes = []
    for article in [*articles.articles, *articles.hidden_articles, *articles.drafts]:
        grade = getattr(article, "reading_grade", None)
        if grade is None or grade <= limit:
            continue
        source = sources.get(os.path.abspath(article.source_path))
        path = source.path if source else article.relative_source_path
        notes.append(
            f"{path}: readability: Flesch-Kincaid grade {grade} is above {limit} — shorter "
            "sentences and everyday words make it easier to read (a warning; the build goes on)"
        )
    if notes:
        print(
            "Readability warnings (the build goes on):", *sorted(notes), sep="\n", file=sys.stderr
        )


def fail(problems):
    problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.what))
    noun = "problem" if len(problems) == 1 else "problems"
    print(
        f"Content checks: {len(problems)} {noun} to fix before the site can be built:",
        *(str(p) for p in problems),
        sep="\n",
        file=sys.stderr,
        flush=True,
    )
    # `invoke livereload` asks for them as data too, to show them on the open page.
    report_file = os.environ.get("CONTENT_CHECKS_REPORT_FILE")
    if report_file:
        fields = ("path", "line", "field", "what", "fix")
        report = [{name: getattr(p, name) for name in fields} for p in problems]
        Path(report_file).write_text(json.dumps(report), encoding="utf-8")
    raise ContentCheckError(len(problems))


def mark_sensitive(content):
    """Articles about suicide or self-harm show the crisis resources box."""
    tags = getattr(content, "tags", None) or []
    content.crisis_box = is_sensitive(
        [str(t) for t in tags], content.metadata.get("sensitive", ""), WORD_LISTS.sensitive_tags
    )


class HideCheckTraceback(logging.Filter):
    """Pelican logs any exception that ends a build with its traceback; ours
    already printed a report for authors, so only its one-line summary shows."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, ContentCheckError):
            record.exc_info = None
            record.msg, record.args = "%s", (str(error),)
        return True


def check_while_reading():
    """typeset_markdown's reader runs the text checks on each file it
    reads; Pelican's cache keeps the findings, and pass 2 reports them every build."""
    here = Path(__file__).parent
    code = [*here.glob("*.py"), *here.glob("*.toml")]
    read_along(
        FINDINGS_KEY,
        lambda text, html, metadata: findings(text, html, metadata.get("summary"), WORD_LISTS),
        files=[*(f for f in code if not f.name.startswith("test_")), *SHARED_CODE],
        libraries=["nh3", "selectolax"],
    )


def register():
    check_while_reading()
    pelican_logger = logging.getLogger("pelican")
    if not any(isinstance(f, HideCheckTraceback) for f in pelican_logger.filters):
        pelican_logger.addFilter(HideCheckTraceback())
    signals.article_generator_init.connect(check_sources_first)
    signals.all_generators_finalized.connect(check_rendered)
    signals.content_object_init.connect(mark_sensitive)
