"""Articles and pages in more than one language (English by default, Spanish too).

Built only on Pelican's documented pieces:

- Pelican's own translations: `Lang: es` in a header, translations found by the
  translation id (ARTICLE_TRANSLATION_ID / PAGE_TRANSLATION_ID: the slug), addresses from
  ARTICLE_LANG_URL, PAGE_LANG_URL, DRAFT_LANG_URL and their *_SAVE_AS (all under /es/).
- `article_generator_pretaxonomy`: an article with no version in the default language
  (Spanish only) is moved to the generator's translations, so English listings, topics,
  tags and the English feeds hold English articles only; Pelican still writes it.
- `content_object_init`: the dates of a non-default-language article are written in its
  language with Babel (`9 de octubre de 2026`).
- `generator_init`: Jinja's i18n extension (JINJA_ENVIRONMENT) gets gettext callables that
  pick the language of the page being rendered (article.lang, page.lang, or a `lang`
  variable for listings); catalogs are theme/translations/<lang>/LC_MESSAGES/messages.po,
  compiled with Babel when the build starts (no compiled .mo file is kept in git).
- `get_generators`: a small generator writes each other language's home page (/es/).
- `feed_generated`: each feed declares its language (Atom xml:lang, RSS <language>).
"""

import functools
import io
import logging
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from pelican import signals
from pelican.generators import Generator

logger = logging.getLogger(__name__)
CATALOG = "translations/{lang}/LC_MESSAGES/messages.po"


class LanguageSettingsError(ValueError):
    """The language settings or a catalog are wrong; the message says how to fix them."""


def languages(settings):
    """LANGUAGES from pelicanconf.py: {code: {"name": ..., "locale": ...}}, default first."""
    configured = settings.get("LANGUAGES") or {settings["DEFAULT_LANG"]: {}}
    default = settings["DEFAULT_LANG"]
    if default not in configured:
        raise LanguageSettingsError(
            f"pelicanconf.py: LANGUAGES: DEFAULT_LANG {default!r} is not one of "
            f"{sorted(configured)} — add it to LANGUAGES"
        )
    return {default: configured[default], **configured}


def catalog_path(settings, lang):
    return Path(settings["THEME"]) / CATALOG.format(lang=lang)


@functools.cache
def compiled_catalog(path, mtime_ns):
    """A .po file compiled in memory with Babel (its mtime in the key: an edited
    catalog is compiled again by the next build in the same process)."""
    try:
        with open(path, "rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except PoFileError as error:
        # Babel counts lines from 0; editors from 1.
        what = str(error).rsplit(" on ", 1)[0]
        raise LanguageSettingsError(
            f'{path}:{error.lineno + 1}: {what} — write msgid "English" and msgstr "Spanish"'
            " lines, each text in double quotes"
        ) from None
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(fp=compiled)


def translations(settings, lang):
    """gettext for one language: the default language's strings are the msgids."""
    if lang == settings["DEFAULT_LANG"]:
        return NullTranslations()
    path = catalog_path(settings, lang)
    if not path.is_file():
        raise LanguageSettingsError(
            f"{path}: missing — LANGUAGES lists {lang!r}, so the theme needs its catalog"
        )
    return compiled_catalog(str(path), path.stat().st_mtime_ns)


def page_language(context):
    """The language of the page being rendered: a listing's `lang`, else its article's
    or page's, else the site's default."""
    for name in ("lang", "article", "page"):
        value = context.get(name)
        if isinstance(value, str) and value:
            return value
        if value is not None and getattr(value, "lang", None):
            return value.lang
    return context["DEFAULT_LANG"]


def install_gettext(generator):
    """Our gettext on every generator's Jinja environment (generator_init)."""
    settings = generator.settings
    catalogs = {lang: translations(settings, lang) for lang in languages(settings)}

    @pass_context
    def gettext(context, message):
        return catalogs[page_language(context)].gettext(message)

    @pass_context
    def ngettext(context, singular, plural, count):
        return catalogs[page_language(context)].ngettext(singular, plural, count)

    env = generator.env
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        raise LanguageSettingsError(
            'pelicanconf.py: JINJA_ENVIRONMENT: add "jinja2.ext.i18n" to its extensions '
            "(the theme's {% trans %} blocks need it)"
        )
    env.install_gettext_callables(gettext, ngettext, newstyle=True)

    @pass_context
    def translated(context, text):
        # Data (a topic, a setting from practice.toml) in the page's language as plain
        # text: unlike _(), whose result Jinja marks safe, autoescape still escapes it.
        return str(catalogs[page_language(context)].gettext(str(text)))

    env.filters["translated"] = translated
    order = list(languages(settings))
    env.filters["versions_of"] = lambda item: versions_of(item, order)
    env.globals.update(
        page_language=pass_context(page_language),
        language_versions=pass_context(language_versions),
        in_page_language=pass_context(in_page_language),
        language_feed=pass_context(language_feed),
        other_language_feeds=pass_context(other_language_feeds),
    )


def other_language_feeds(context):
    """[(lang, [(kind, path)])] for every language but the page's that has feeds."""
    page_lang = page_language(context)
    found = []
    for lang in languages(context):
        if lang == page_lang:
            continue
        feeds = [(kind, language_feed({**context, "lang": lang}, kind)) for kind in ("atom", "rss")]
        feeds = [(kind, path) for kind, path in feeds if path]
        if feeds:
            found.append((lang, feeds))
    return found


def versions_of(item, order):
    """[(lang, path)] of a published article or page in every language it exists in,
    in the order of LANGUAGES; empty when it exists in one language only."""
    versions = [(v.lang, v.url) for v in (item, *getattr(item, "translations", []))]
    if len(versions) < 2:
        return []
    return sorted(versions, key=lambda version: order.index(version[0]))


def language_versions(context):
    """This page's versions (versions_of), for hreflang and the language switcher:
    an article's or page's, or for the first page of a home page, every home page."""
    order = list(languages(context))
    item = context.get("article") or context.get("page")
    if item is not None and not isinstance(item, str):
        return versions_of(item, order)
    if context.get("page_name") in HOME_PAGE_NAMES and first_page(context):
        homes = context.get("I18N_HOMES", {})
        return list(homes.items()) if len(homes) > 1 else []
    return []


HOME_PAGE_NAMES = ("index", "i18n_home")


def first_page(context):
    page = context.get("articles_page")
    return page is None or page.number == 1


def language_feed(context, kind):
    """The feed (kind "atom" or "rss") of the page's language, a path under FEED_DOMAIN,
    or None when the build writes none: the default language keeps FEED_ATOM/FEED_RSS
    (feeds/all.atom.xml), the others have TRANSLATION_FEED_* with their {lang}."""
    lang = page_language(context)
    name = kind.upper()
    if lang == context["DEFAULT_LANG"]:
        return context.get(f"FEED_{name}")
    pattern = context.get(f"TRANSLATION_FEED_{name}")
    if pattern and context.get("I18N_ARTICLES", {}).get(lang):
        return pattern.format(lang=lang)
    return None


def in_page_language(context, path):
    """A site path ("contact/", "" for home) as the version in the page's language
    when that version exists, else as it is."""
    lang = page_language(context)
    if lang == context["DEFAULT_LANG"]:
        return path
    return context.get("I18N_PATHS", {}).get(lang, {}).get(path, path)


def localize_dates(content):
    """content_object_init: dates of a non-default-language article in its language."""
    settings = content.settings
    if content.lang == settings["DEFAULT_LANG"] or content.lang not in languages(settings):
        return
    if hasattr(content, "date"):
        content.locale_date = format_date(content.date, format="long", locale=content.lang)
    if getattr(content, "modified", None):
        content.locale_modified = format_date(content.modified, format="long", locale=content.lang)
    # The clinical review's day (plugins/clinical_review/, listed before this plugin).
    if getattr(content, "last_reviewed_date", None):
        content.locale_last_reviewed = format_date(
            content.last_reviewed_date, format="long", locale=content.lang
        )


def only_default_language_listed(generator):
    """article_generator_pretaxonomy: an article without a version in the default
    language leaves the default language's lists (it is still written, as a translation)."""
    default = generator.settings["DEFAULT_LANG"]
    for listed, others in (
        ("articles", "translations"),
        ("drafts", "drafts_translations"),
        ("hidden_articles", "hidden_translations"),
    ):
        items = getattr(generator, listed)
        moved = [a for a in items if a.lang != default]
        if moved:
            setattr(generator, listed, [a for a in items if a.lang == default])
            getattr(generator, others).extend(moved)


def by_language(items):
    grouped = {}
    for item in items:
        grouped.setdefault(item.lang, []).append(item)
    return grouped


def collect_articles(generator):
    """article_generator_finalized: each language's articles and drafts, newest first."""
    context = generator.context
    newest_first = functools.partial(sorted, key=lambda a: a.date, reverse=True)
    articles = by_language([*generator.articles, *generator.translations])
    drafts = by_language([*generator.drafts, *generator.drafts_translations])
    context["I18N_ARTICLES"] = {lang: newest_first(items) for lang, items in articles.items()}
    context["I18N_DRAFTS"] = {lang: newest_first(items) for lang, items in drafts.items()}
    # Older and newer articles in the same language (pelican-neighbors, listed before
    # this plugin, falls back to the default language's neighbours).
    for lang, items in context["I18N_ARTICLES"].items():
        if lang == generator.settings["DEFAULT_LANG"]:
            continue
        for newer, article, older in zip(
            [None, *items[:-1]], items, [*items[1:], None], strict=True
        ):
            article.next_article, article.prev_article = newer, older


def collect_paths(generators):
    """all_generators_finalized: for each language, the default language's path of
    every article and page that has a version in it -> the path of that version.
    Navigation, footer and crisis links use it to stay in the reader's language."""
    context = generators[0].context
    default = context["DEFAULT_LANG"]
    paths = {}
    for generator in generators:
        for name in ("articles", "pages", "hidden_pages", "hidden_articles"):
            for item in getattr(generator, name, []):
                if item.lang != default:
                    continue
                for other in item.translations:
                    paths.setdefault(other.lang, {})[item.url] = other.url
    context["I18N_PATHS"] = paths
    # Published translations, for the sitemap (Pelican's `articles` and `pages` hold the
    # originals: the default language's, and pages in one other language only).
    context["I18N_TRANSLATIONS"] = [
        item
        for generator in generators
        for item in getattr(generator, "translations", [])
        if item.status == "published"
    ]
    context["I18N_HOMES"] = {
        lang: home_path(context, lang)
        for lang in languages(context)
        if lang == default or context.get("I18N_ARTICLES", {}).get(lang)
    }
    for lang, home in context["I18N_HOMES"].items():
        if lang != default:
            paths.setdefault(lang, {})[""] = home


def home_path(context, lang):
    if lang == context["DEFAULT_LANG"]:
        return ""
    return context["I18N_HOME_SAVE_AS"].format(lang=lang).removesuffix("index.html")


class LanguageHomeGenerator(Generator):
    """Writes the home page of every language besides the default (index.html with
    `lang` set and that language's articles), when the language has any article."""

    def generate_output(self, writer):
        for lang in languages(self.settings):
            articles = self.context.get("I18N_ARTICLES", {}).get(lang)
            if lang == self.settings["DEFAULT_LANG"] or not articles:
                continue
            save_as = self.settings["I18N_HOME_SAVE_AS"].format(lang=lang)
            writer.write_file(
                save_as,
                self.get_template("index"),
                self.context,
                paginated={"articles": articles},
                template_name="index",
                page_name="i18n_home",
                url=home_path(self.context, lang),
                relative_urls=self.settings["RELATIVE_URLS"],
                lang=lang,
                drafts=self.context.get("I18N_DRAFTS", {}).get(lang, []),
            )


def language_home_generator(pelican):
    return LanguageHomeGenerator


def declare_feed_language(context, feed):
    """feed_generated: a feed's language, from the {lang} of TRANSLATION_FEED_* or,
    for every other feed, the default language (their articles are all in it)."""
    url = feed.feed["feed_url"]
    lang = context["DEFAULT_LANG"]
    for setting in ("TRANSLATION_FEED_ATOM", "TRANSLATION_FEED_RSS"):
        pattern = context.get(setting)
        for code in languages(context):
            if pattern and url.endswith(pattern.format(lang=code)):
                lang = code
    feed.feed["language"] = lang


def check_settings(pelican):
    """initialized: fail early, with the fix, on wrong language settings or catalogs."""
    settings = pelican.settings
    for lang in languages(settings):
        translations(settings, lang)
    if "{lang}" not in settings.get("I18N_HOME_SAVE_AS", "{lang}"):
        raise LanguageSettingsError(
            "pelicanconf.py: I18N_HOME_SAVE_AS must contain {lang}, e.g. '{lang}/index.html'"
        )


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(install_gettext)
    signals.content_object_init.connect(localize_dates)
    signals.article_generator_pretaxonomy.connect(only_default_language_listed)
    signals.article_generator_finalized.connect(collect_articles)
    signals.all_generators_finalized.connect(collect_paths)
    signals.get_generators.connect(language_home_generator)
    signals.feed_generated.connect(declare_feed_language)
