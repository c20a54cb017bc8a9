"""Checks for articles and pages in more than one language (plugins/i18n/, README
"Articles and pages in Spanish"). Two files claiming the same translation in the same
language share a slug in that language: `duplicate_slugs` in sources.py reports them."""

import difflib

from .problems import Problem


def language_problems(sources, settings):
    """`Lang` must be a language in LANGUAGES; `Translation: true` must have a version in
    another language (sharing its slug) to be the translation of."""
    default = settings["DEFAULT_LANG"]
    languages = settings.get("LANGUAGES") or {default: {}}
    problems = []
    slugs = {}  # (kind, slug) -> {lang}
    for source in sources:
        lang = source.get("lang") or default
        slugs.setdefault((source.kind, source.get("slug")), set()).add(lang)
    for source in sources:
        lang = source.get("lang")
        if "lang" in source.fields and lang not in languages:
            close = difflib.get_close_matches(lang.lower(), list(languages), n=1, cutoff=0.3)
            hint = f"write `Lang: {close[0]}`" if close else f"use one of {', '.join(languages)}"
            problems.append(
                Problem(
                    source.path,
                    source.line_of("lang"),
                    "Lang",
                    (f"'{lang}' is not" if lang else "is empty, not")
                    + f" a language of this site ({', '.join(languages)})",
                    f"{hint}, or leave the line out for {languages[default].get('name', default)}",
                    stops_pelican=True,
                )
            )
        translation = (source.get("translation") or "").strip().lower()
        others = slugs.get((source.kind, source.get("slug")), set()) - {lang or default}
        if translation in ("true", "yes") and not others:
            problems.append(
                Problem(
                    source.path,
                    source.line_of("translation"),
                    "Translation",
                    f"no {source.kind} in another language has the slug '{source.get('slug')}'"
                    " to be the translation of",
                    "give it the original's `Slug:` exactly, or remove `Translation:` "
                    "if the text exists in this language only",
                    stops_pelican=True,  # Pelican's warning would end the build first
                )
            )
    return problems
