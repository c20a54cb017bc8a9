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
- `all_generators_finalized`: each language's listings (topics, tags, authors, archives,
  their index pages) are worked out from its own articles, with the address of the same
  listing in the default language as their key, so links (`in_page_language`, `listing_path`)
  and hreflang (`language_versions`) find the version in the reader's language.
- `get_generators`: a small generator writes each other language's home page (/es/), its
  listings (/es/topics/<slug>/, /es/tags/<slug>/, /es/authors/<slug>/, /es/archives/...)
  and its 404 page (/es/404.html), under the folder of that language's home page.
- JSON-LD translation links (`translation_links`): the original names its translations
  (workTranslation), each translation its original (translationOfWork). The original is
  Pelican's: a version without `Translation: true`, the default language's first.
- `feed_generated`: each feed declares its language (Atom xml:lang, RSS <language>);
  another language's feed is named with its language ("… (Español)") and gives the
  tagline and each entry's topic in that language.
"""

import functools
import io
import logging
import os
from collections import namedtuple
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from content_checks.content_checks import all_contents, display_path, fail, generators_by_kind
from content_checks.problems import Problem
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator
from pelican.utils import order_content

from sitebuild.headers import read_header

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
    # base.html sets `lang` first thing: most calls find it at once, in the template's
    # own variables or in those it was included or imported with.
    if isinstance(context, Context):
        found = context.vars
        lang = found["lang"] if "lang" in found else context.parent.get("lang")
        if isinstance(lang, str) and lang:
            return lang
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
    order = list(catalogs)  # LANGUAGES' order, the default language first

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
    def newstyle_gettext(context, message, **variables):
        # What Jinja's newstyle gettext does around `gettext` above, in one call: a page
        # calls _() about 40 times, and Jinja's `_` reaches it through two more calls.
        text = catalogs[page_language(context)].gettext(message)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        if not variables and "%" not in text:
            return text  # what `text % {}` gives, without formatting most of a page's texts
        return text % variables

    env.globals.update(gettext=newstyle_gettext, _=newstyle_gettext)

    @pass_context
    def translated(context, text):
        # Data (a topic, a setting from practice.toml) in the page's language as plain
        # text: unlike _(), whose result Jinja marks safe, autoescape still escapes it.
        return str(catalogs[page_language(context)].gettext(str(text)))

    env.filters["translated"] = translated

    def gettext_in(lang, message, **variables):
        # A sentence in another language than the page's (the 404 page's way to the other
        # languages' sites): that language's catalog, marked safe and formatted like _().
        text = Markup(catalogs[lang].gettext(message))
        return text % variables if variables else text

    @pass_context
    def day_and_month(context, date):
        # "Mar 18" / "18 mar": the archive's short dates in the page's language.
        return format_skeleton("MMMd", date, locale=page_language(context))

    @pass_context
    def translation_links(context, item, schema_type, id_suffix=""):
        absolute = env.filters["absolute_url"]

        def node(version):
            url = absolute(version.url, context["SITEURL"])
            return {"@type": schema_type, "@id": url + id_suffix, "url": url,
                    "inLanguage": version.lang}  # fmt: skip

        return json_ld_translations(item, order, node)

    env.filters["day_and_month"] = day_and_month
    env.filters["versions_of"] = lambda item: versions_of(item, order)
    env.globals.update(
        page_language=pass_context(page_language),
        language_versions=pass_context(language_versions),
        in_page_language=pass_context(in_page_language),
        language_feed=pass_context(language_feed),
        other_language_feeds=pass_context(other_language_feeds),
        listing_path=pass_context(listing_path),
        author_profile=pass_context(author_profile),
        profile_lang=pass_context(profile_lang),
        gettext_in=gettext_in,
        translation_links=translation_links,
    )


def author_profile(context, name):
    """A writer's authors.toml entry in the page's language: each `<field>_<lang>`
    (`bio_es`) given in place of `<field>`; `untranslated` names the fields left in the
    default language, which the templates mark with its lang (profile_lang)."""
    profile = context.get("AUTHORS_INFO", {}).get(name) or {}
    lang = page_language(context)
    if lang == context["DEFAULT_LANG"]:
        return {**profile, "untranslated": set()}
    translated = {key: profile[f"{key}_{lang}"] for key in profile if profile.get(f"{key}_{lang}")}
    return {**profile, **translated, "untranslated": set(profile) - set(translated)}


def profile_lang(context, profile, field):
    """` lang="en"` for an author_profile() field shown in the default language."""
    if field in profile.get("untranslated", ()):
        return Markup(' lang="%s"') % context["DEFAULT_LANG"]
    return ""


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
    translations = getattr(item, "translations", [])
    if not translations:
        return []  # before asking for a url: Pelican works each one out anew
    versions = [(v.lang, v.url) for v in (item, *translations)]
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
    # A listing's first page (a later page has no counterpart of the same number).
    return context.get("I18N_LISTING_VERSIONS", {}).get(context.get("output_file"), [])


HOME_PAGE_NAMES = ("index", "i18n_home")


def first_page(context):
    page = context.get("articles_page")
    return page is None or page.number == 1


def is_marked_translation(item):
    return str(item.metadata.get("translation", "false")).strip().lower() not in ("false", "no")


def original_version(item):
    """The original among the versions of an article or page, as Pelican decides it: the
    versions not marked `Translation: true` (all of them if every one is), of which the
    default language's comes first; None when there is one version only."""
    versions = [item, *getattr(item, "translations", [])]
    if len(versions) < 2:
        return None
    candidates = [v for v in versions if not is_marked_translation(v)] or versions
    in_default = [v for v in candidates if v.in_default_lang]
    return (in_default or candidates)[0]


def json_ld_translations(item, order, node):
    """The JSON-LD properties that link an article or page with its other versions:
    workTranslation on the original (a list of its translations), translationOfWork
    on a translation; `node(version)` describes a version."""
    original = original_version(item)
    if original is None:
        return {}
    if original is not item:
        return {"translationOfWork": node(original)}
    others = sorted(item.translations, key=lambda version: order.index(version.lang))
    return {"workTranslation": [node(version) for version in others]}


def listing_path(context, item):
    """The path of a topic's, tag's or author's listing (a Category, Tag or Author) in
    the page's language, or None when that language has no such page (a draft's new tag,
    a topic only the other language writes about)."""
    listings = context.get("I18N_LISTINGS", {}).get(page_language(context), {})
    listing = listings.get(item.url)
    return listing.url if listing else None


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


def in_page_language(context, path, lang=None):
    """A site path ("contact/", "" for home) as the version in the page's language (or
    in `lang`) when that version exists, else as it is."""
    lang = lang or page_language(context)
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
    """article_generator_pretaxonomy: the default language's lists hold exactly its
    articles. An article without a version in the default language leaves them (it is
    still written, as a translation); a default-language version marked `Translation:
    true` (its original is in another language) joins them."""
    default = generator.settings["DEFAULT_LANG"]
    for listed, others in (
        ("articles", "translations"),
        ("drafts", "drafts_translations"),
        ("hidden_articles", "hidden_translations"),
    ):
        items, other_items = getattr(generator, listed), getattr(generator, others)
        if any(a.lang != default for a in items) or any(a.lang == default for a in other_items):
            everything = [*items, *other_items]
            kept = [a for a in everything if a.lang == default]
            order_by = generator.settings["ARTICLE_ORDER_BY"]
            setattr(generator, listed, order_content(kept, order_by=order_by))
            setattr(generator, others, [a for a in everything if a.lang != default])


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
        for name in (
            "articles",
            "pages",
            "hidden_pages",
            "hidden_articles",
            "translations",  # a default-language page marked `Translation: true`
            "hidden_translations",
        ):
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
    collect_listings(context, generators)


# One listing page: its address, its file, the template and what the template gets.
Listing = namedtuple("Listing", "url save_as template variables")


def grouped(articles, keys_of):
    """{key: [articles]} for each key that `keys_of(article)` gives (a category, tags,
    authors, a year), in the articles' order (newest first)."""
    groups = {}
    for article in articles:
        for key in keys_of(article):
            groups.setdefault(key, []).append(article)
    return groups


def language_listings(settings, articles, home, name_in_language):
    """Every listing of one language's articles, {key: Listing}. The key is the address
    Pelican gives the same listing in the default language (a topic's `url`, "topics/"),
    which is what templates link to; the page is that address under `home`, the
    language's home folder ("es/"; "" for the default language, whose listings Pelican
    writes itself). `name_in_language` sorts the topics by their shown name."""
    by_category = grouped(articles, lambda a: [a.category])
    by_tag = grouped(articles, lambda a: getattr(a, "tags", []))
    by_author = grouped(articles, lambda a: a.authors)
    by_year = grouped(articles, lambda a: [a.date.year])
    common = {
        "articles": articles,
        "dates": articles,
        "categories": sorted(by_category.items(), key=lambda c: name_in_language(c[0].name)),
        "tags": list(by_tag.items()),
        "authors": sorted(by_author.items()),
    }
    listings = {}

    def add(key, save_as, template, **variables):
        if save_as:
            listings[key] = Listing(home + key, home + save_as, template, common | variables)

    for template in settings["DIRECT_TEMPLATES"]:
        if template != "index":
            save_as = settings.get(f"{template.upper()}_SAVE_AS", f"{template}.html")
            add(save_as.removesuffix("index.html"), save_as, template)
    for kind, groups in (("category", by_category), ("tag", by_tag), ("author", by_author)):
        for item, items in groups.items():
            add(item.url, item.save_as, kind, **{kind: item, "articles": items, "dates": items})
    if settings.get("YEAR_ARCHIVE_SAVE_AS"):
        for year, items in by_year.items():
            day = items[0].date
            add(
                settings["YEAR_ARCHIVE_URL"].format(date=day),
                settings["YEAR_ARCHIVE_SAVE_AS"].format(date=day),
                "period_archives",
                period=(year,),
                period_num=(year,),
                articles=items,
                dates=items,
            )
    return listings


def collect_listings(context, generators):
    """I18N_LISTINGS: each language's listings ({lang: {key: Listing}}; the default
    language's from its published articles, as Pelican writes them), and
    I18N_LISTING_VERSIONS: {file: [(lang, url)]} for each listing written in more than
    one language, for hreflang and the switcher."""
    default = context["DEFAULT_LANG"]
    listings = {}
    for lang in languages(context):
        articles = context["articles"] if lang == default else context["I18N_ARTICLES"].get(lang)
        if articles:
            catalog = translations(context, lang)
            home = home_path(context, lang)
            listings[lang] = language_listings(context, articles, home, catalog.gettext)
    versions = {}
    for key in {key for by_key in listings.values() for key in by_key}:
        found = [(lang, by_key[key]) for lang, by_key in listings.items() if key in by_key]
        if len(found) > 1:
            for _, listing in found:
                versions[listing.save_as] = [(lang, listing.url) for lang, listing in found]
    context["I18N_LISTINGS"] = listings
    context["I18N_LISTING_VERSIONS"] = versions
    refuse_contents_on_listings(generators, listings, default)
    for lang, by_key in listings.items():
        if lang != default:
            context["I18N_PATHS"].setdefault(lang, {}).update(
                {key: listing.url for key, listing in by_key.items()}
            )


def home_path(context, lang):
    if lang == context["DEFAULT_LANG"]:
        return ""
    return context["I18N_HOME_SAVE_AS"].format(lang=lang).removesuffix("index.html")


def refuse_contents_on_listings(generators, listings, default):
    """An article or page written where one of another language's listings goes (a
    Spanish page with `Slug: topics` lands on es/topics/) stops the build at its Slug
    line, in the content checks' report (they catch it for the default language's)."""
    by_kind = generators_by_kind(generators)
    articles, pages = by_kind.get("articles"), by_kind.get("pages")
    written_by = {
        os.path.normpath(c.save_as): c for c in all_contents(articles, pages) if c.save_as
    }
    problems = []
    for listing in (
        listing
        for lang, by_key in listings.items()
        if lang != default
        for listing in by_key.values()
    ):
        content = written_by.get(os.path.normpath(listing.save_as))
        if content is not None:
            header = read_header(content.source_path)
            field = "Save_as" if header.get("save_as") else "Slug"
            problems.append(
                Problem(
                    display_path(content.source_path),
                    header.line_of(field.lower()),
                    field,
                    f"this {type(content).__name__.lower()} would be written to "
                    f"{listing.save_as}, where the site writes its listing /{listing.url}",
                    f"choose another {field.lower()}",
                )
            )
    if problems:
        fail(problems)


class LanguagePagesGenerator(Generator):
    """Writes, for every language besides the default that has articles, what Pelican
    writes for the default one: the home page (with `lang` set and that language's
    articles), the topic, tag, author and year pages and their index pages
    (I18N_LISTINGS), and, for every language besides the default, its 404 page."""

    def generate_output(self, writer):
        default = self.settings["DEFAULT_LANG"]
        relative_urls = self.settings["RELATIVE_URLS"]
        for lang in languages(self.settings):
            if lang == default:
                continue
            home = home_path(self.context, lang)
            if self.settings.get("TEMPLATE_PAGES", {}).get("404.html"):
                writer.write_file(
                    home + "404.html",
                    self.get_template("404"),
                    self.context,
                    relative_urls=relative_urls,
                    url="",
                    lang=lang,
                )
            articles = self.context.get("I18N_ARTICLES", {}).get(lang)
            if not articles:
                continue
            writer.write_file(
                self.settings["I18N_HOME_SAVE_AS"].format(lang=lang),
                self.get_template("index"),
                self.context,
                paginated={"articles": articles},
                template_name="index",
                page_name="i18n_home",
                url=home,
                relative_urls=relative_urls,
                lang=lang,
                drafts=self.context.get("I18N_DRAFTS", {}).get(lang, []),
            )
            for listing in self.context["I18N_LISTINGS"][lang].values():
                writer.write_file(
                    listing.save_as,
                    self.get_template(listing.template),
                    self.context,
                    template_name=listing.template,
                    url=listing.url,
                    relative_urls=relative_urls,
                    blog=True,
                    lang=lang,
                    all_articles=articles,
                    **listing.variables,
                )


def language_pages_generator(pelican):
    return LanguagePagesGenerator


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
    if lang != context["DEFAULT_LANG"]:
        # The practice's tagline and each entry's topic in the feed's language (the
        # topic is the first of an entry's categories, Pelican's order; tags are
        # written in the article's language already).
        gettext = translations(context, lang).gettext
        # Named apart from the default language's feed in a reader's list: "… (Español)".
        feed.feed["title"] = f"{feed.feed['title']} ({languages(context)[lang]['name']})"
        for key in ("subtitle", "description"):
            if feed.feed.get(key):
                feed.feed[key] = gettext(feed.feed[key])
        for item in feed.items:
            if item.get("categories"):
                topic, *tags = item["categories"]
                item["categories"] = [gettext(topic), *tags]


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
    signals.get_generators.connect(language_pages_generator)
    signals.feed_generated.connect(declare_feed_language)
