"""The browser editor at /admin/: Decap CMS, configured from the site's own data.

A generator (Pelican's documented `get_generators` signal) writes, on every build:
- admin/index.html: the editor's page (noindex, its own Content-Security-Policy,
  never linked from a reader page, no `data-pagefind-body` so search skips it);
- admin/config.yml: Decap's configuration, generated from authors.toml, the site's
  topics, its languages (LANGUAGES) and the content checks' limits, so the editor offers
  only what the checks accept. JSON is YAML, and json.dumps escapes every value an
  author typed. One article collection per language: English files in
  content/articles/, Spanish ones in content/articles/es/ (README). Decap's own `i18n`
  does not fit this layout: its `multiple_folders` wants the English files in an `en/`
  folder too, and it writes no `Lang:` line;
- admin/decap-cms.js and its chunks, linked (or copied) from node_modules (npm `decap-cms`,
  pinned in package.json): the editor is served by the site itself, no CDN;
- admin/editor.js and admin/editor.css: the Pelican header format, the checks'
  extra rules and the preview pane (plugins/editor/static/).
"""

import html
import json
import logging
import os
import shutil
from pathlib import Path

from pelican import signals
from pelican.contents import Article
from pelican.generators import Generator

from sitebuild.pipeline import link_or_copy

HERE = Path(__file__).resolve().parent
ADMIN = "admin"
# Where npm puts Decap CMS's browser build.
DECAP_DIST = HERE.parent.parent / "node_modules" / "decap-cms" / "dist"
# What the editor's page needs beyond the site's policy: Decap compiles its
# config validator with `new Function` ('unsafe-eval'), its styles are injected
# <style> elements ('unsafe-inline'), uploads are previewed as blob:/data: images,
# and it talks to GitHub's API (production) or decap-server (local).
ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https://avatars.githubusercontent.com"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", "blob:", "https://api.github.com"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
# Header fields in the order `invoke new` writes them (and existing articles use);
# the editor puts a field it adds after the nearest earlier one the file has.
HEADER_ORDER = [
    "Title", "Date", "Modified", "Author", "Translator", "Lang", "Reviewed_by", "Last_reviewed",
    "Category",
    "Tags", "Slug", "Template", "Status", "Summary", "Sensitive", "Image", "Image_alt",
]  # fmt: skip
# Always written for a new article, as `invoke new` does even when empty.
ALWAYS_WRITTEN = ["Title", "Date", "Author", "Category", "Tags", "Slug", "Status", "Summary"]
STATUSES = ["draft", "published", "hidden"]
SLUG_PATTERN = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_FORMAT = "YYYY-MM-DD HH:mm"  # Decap's (moment.js) spelling of the checks' date shape
DAY_FORMAT = "YYYY-MM-DD"

log = logging.getLogger(__name__)


def languages(settings):
    """{code: its own name}, the default language first (LANGUAGES in pelicanconf.py)."""
    from i18n.i18n import languages as configured

    return {code: info.get("name", code) for code, info in configured(settings).items()}


# The editor's kinds of content: the setting naming each one's folder inside content/.
KINDS = {"articles": "ARTICLE_PATHS", "pages": "PAGE_PATHS"}


def kind_folder(settings, kind, lang):
    """Inside content/, where one language's files of a kind live: articles/, articles/es/."""
    folder = settings[KINDS[kind]][0]
    return folder if lang == settings["DEFAULT_LANG"] else f"{folder}/{lang}"


def collection_name(settings, kind, lang):
    return kind if lang == settings["DEFAULT_LANG"] else f"{kind}_{lang}"


def page_templates(context):
    """The layouts pages use besides the plain one (contact, feeds, search, team)."""
    pages = [*context.get("pages", []), *context.get("hidden_pages", [])]
    return sorted({p.template for p in pages if getattr(p, "template", "page") != "page"})


def topics(context):
    """Every category an article uses, drafts included, sorted."""
    every = [*context.get("articles", []), *context.get("drafts", [])]
    return sorted({str(a.category) for a in every if getattr(a, "category", None)}, key=str.lower)


def summary_limit(settings):
    return int(settings.get("SUMMARY_MAX_CHARACTERS", 300))


def field(name, label, widget, **options):
    return {"name": name, "label": label, "widget": widget, **options}


def language_field(langs, lang):
    return field(
        "Lang", "Language", "site_select", default=lang,
        options=[{"label": name, "value": code} for code, name in langs.items()],
        hint="A translation keeps the original's slug: start it from the original "
             "(Other languages, at the end).",
    )  # fmt: skip


def slug_field(address):
    return field(
        "Slug", f"Slug (the address: {address})", "site_string",
        hint="Lowercase letters, digits and hyphens, e.g. coping-with-grief.",
        pattern=[SLUG_PATTERN, "Use lowercase letters, digits and hyphens only."],
    )  # fmt: skip


def status_field():
    return field(
        "Status", "Status", "site_select", options=STATUSES, default="draft",
        hint="draft: preview only. published: on the site once the change is published.",
    )  # fmt: skip


def summary_field(summary_max):
    return field(
        "Summary", f"Summary (at most {summary_max} characters)", "site_text",
        hint="One or two plain sentences: shown on the home page, in search and feeds.",
        pattern=[
            f"^[\\s\\S]{{0,{summary_max}}}$",
            f"At most {summary_max} characters fit in search results and feeds: shorten it.",
        ],
    )  # fmt: skip


def text_fields():
    return [
        field("body", "Text", "site_markdown"),
        # Never written to the file (not a header field): links to the other versions.
        field("Versions", "Other languages", "translations", required=False),
    ]


def article_fields(authors, categories, summary_max, content, langs, lang):
    """The article's header fields, each limited as the content checks limit it. `lang`
    is the collection's language: the Language field's default. The site_* widgets
    (plugins/editor/static/editor.js) take the original's values in a new translation."""
    date = {"format": DATE_FORMAT, "date_format": DAY_FORMAT, "time_format": "HH:mm"}
    optional = {"required": False, "default": ""}
    translator = field(
        "Translator", "Translated by", "site_string", **optional,
        hint="Shown in the byline; the Author stays the clinician who wrote it.",
    )  # fmt: skip
    return [
        field("Title", "Title", "site_string"),
        language_field(langs, lang),
        slug_field("/articles/slug/"),
        status_field(),
        field("Date", "Date", "datetime", default="{{now}}", **date),
        field("Modified", "Modified (after a meaningful update)", "datetime", **date, **optional),
        field("Author", "Author", "site_select", options=authors,
              hint="Listed in content/data/authors.toml."),
        *([translator] if lang != next(iter(langs)) else []),
        field("Category", "Topic", "site_select", options=categories,
              hint="A new topic is added by hand in the file (README)."),
        field("Tags", "Tags", "list", required=False, default=[],
              hint="A few lowercase words separated by commas."),
        summary_field(summary_max),
        field("Sensitive", "About suicide or self-harm (shows the crisis box)", "site_boolean",
              required=False, default=False),
        field("Reviewed_by", "Clinically reviewed by", "site_select", options=authors,
              required=False, hint="Set during review."),
        field("Last_reviewed", "Last reviewed", "datetime", format=DAY_FORMAT,
              date_format=DAY_FORMAT, time_format=False, **optional),
        field("Image", "Social card image", "image", required=False, choose_url=False,
              media_folder=f"/{content}/images", public_folder="images"),
        field("Image_alt", "Image description (alt text)", "image_alt", required=False,
              hint="What the picture shows, for people who cannot see it."),
        *text_fields(),
    ]  # fmt: skip


def page_fields(templates, summary_max, langs, lang):
    """A page's header fields: no author, date or topic; a layout some pages have."""
    return [
        field("Title", "Title", "site_string"),
        language_field(langs, lang),
        slug_field("/slug/"),
        status_field(),
        field("Template", "Layout", "site_select", options=templates, required=False,
              hint="Only for the pages that have one (contact form, team, feeds, search)."),
        summary_field(summary_max),
        *text_fields(),
    ]  # fmt: skip


def collection(settings, kind, lang, fields, **options):
    """One kind of content in one language, in that language's folder."""
    langs = languages(settings)
    default = settings["DEFAULT_LANG"]
    singular = {"articles": "Article", "pages": "Page"}[kind]
    return {
        "name": collection_name(settings, kind, lang),
        "label": kind.capitalize() if lang == default else f"{kind.capitalize()} in {langs[lang]}",
        "label_singular": singular if lang == default else f"{singular} in {langs[lang]}",
        "folder": settings["PATH_RELATIVE"] + "/" + kind_folder(settings, kind, lang),
        "create": True,
        "extension": "md",
        "format": "pelican",
        "identifier_field": "Title",
        "slug": "{{fields.Slug}}",
        **options,
        "fields": fields,
    }


def collections(settings, context):
    langs = languages(settings)
    summary_max = summary_limit(settings)
    authors = list(settings.get("AUTHORS_INFO") or {})
    articles = [
        collection(
            settings, "articles", lang,
            article_fields(
                authors, topics(context), summary_max, settings["PATH_RELATIVE"], langs, lang
            ),
            summary="{{fields.Title}} ({{fields.Status}})",
            sortable_fields=["Date", "Title", "Author"],
        )
        for lang in langs
    ]  # fmt: skip
    pages = [
        collection(
            settings, "pages", lang, page_fields(page_templates(context), summary_max, langs, lang),
            summary="{{fields.Title}}", sortable_fields=["Title"],
        )
        for lang in langs
    ]  # fmt: skip
    return articles + pages


def decap_config(settings, context):
    """Decap's configuration for this site, as a dict."""
    backend = {
        "name": "github",
        "repo": settings.get("EDITOR_REPO") or "OWNER/REPOSITORY",
        "branch": settings.get("EDITOR_BRANCH") or "main",
        "squash_merges": True,
    }
    if settings.get("EDITOR_AUTH_URL"):  # the OAuth helper a GitHub Pages site needs
        backend["base_url"] = settings["EDITOR_AUTH_URL"]
    config = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": settings["PATH_RELATIVE"] + "/images",
        "public_folder": "{static}/images",
        "site_url": settings.get("SITEURL") or None,
        "logo_url": None,
        "show_preview_links": False,
        "collections": collections(settings, context),
    }
    if settings.get("EDITOR_LOCAL_BACKEND"):
        config["local_backend"] = {"url": settings["EDITOR_LOCAL_BACKEND"]}
    return {key: value for key, value in config.items() if value is not None}


def admin_policy(settings):
    policy = {name: list(sources) for name, sources in ADMIN_POLICY.items()}
    local = settings.get("EDITOR_LOCAL_BACKEND")
    if local:
        policy["connect-src"].append(local.split("/api/", 1)[0])
    if settings.get("EDITOR_AUTH_URL"):
        policy["connect-src"].append(settings["EDITOR_AUTH_URL"])
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


# The article page's words the preview shows, in each language (the theme's catalogs).
PREVIEW_WORDS = {
    "by": "By %(writer)s",
    "translatedBy": "Translated by %(name)s",
    "updated": "Updated:",
    "reviewed": "Clinically reviewed by %(reviewer)s, on %(day)s",
    "draftArticle": "<strong>DRAFT</strong>: preview only. This article is not published.",
    "draftPage": "<strong>DRAFT</strong>: preview only. This page is not published.",
}


def preview_words(settings, lang):
    from i18n.i18n import translations

    catalog = translations(settings, lang)
    return {key: catalog.gettext(msgid) for key, msgid in PREVIEW_WORDS.items()}


def written_content(settings, context):
    """Every article and page the build writes, in every language (plugins/i18n lists
    the articles by language; a page's translations hang on its original). Drafts only
    where the build writes them: a published /admin/ names no draft or scheduled one."""
    articles = dict(context.get("I18N_ARTICLES") or {})
    if settings.get("DRAFT_SAVE_AS"):
        for lang, drafts in (context.get("I18N_DRAFTS") or {}).items():
            articles[lang] = [*articles.get(lang, []), *drafts]
    pages = [*context.get("pages", []), *context.get("hidden_pages", [])]
    if settings.get("DRAFT_PAGE_SAVE_AS"):
        pages += context.get("draft_pages", [])
    pages += [t for p in pages for t in p.translations]
    return [a for items in articles.values() for a in items] + pages


def content_versions(settings, context, content_path):
    """{kind: {slug: {lang: [collection, entry]}}}: each article's and page's versions,
    so its editor can open a translation or offer to start one (Pelican's translation
    id is the slug)."""
    collections = {
        kind_folder(settings, kind, lang): (kind, collection_name(settings, kind, lang))
        for kind in KINDS
        for lang in languages(settings)
    }
    content = Path(content_path).resolve()
    versions = {kind: {} for kind in KINDS}
    for item in written_content(settings, context):
        source = Path(item.source_path).resolve().relative_to(content)
        if source.parent.as_posix() in collections:  # a file the editor lists
            kind, name = collections[source.parent.as_posix()]
            versions[kind].setdefault(item.slug, {})[item.lang] = [name, source.stem]
    return versions


def site_data(settings, context, content_path):
    """What editor.js needs besides the entry: credentials and sensitive tags (preview),
    the header format's rules, the languages and each article's versions."""
    from content_checks.sources import load_word_lists

    authors = settings.get("AUTHORS_INFO") or {}
    langs = languages(settings)
    return {
        "credentials": {
            name: str((info or {}).get("credential", "")) for name, info in authors.items()
        },
        "sensitiveTags": list(load_word_lists().sensitive_tags),
        "headerOrder": HEADER_ORDER,
        "alwaysWritten": ALWAYS_WRITTEN,
        "listFields": ["Tags"],
        "booleanFields": ["Sensitive"],
        "implicit": {"Status": "published", "Lang": settings["DEFAULT_LANG"]},
        "authorsFile": "content/data/authors.toml",
        "defaultLang": settings["DEFAULT_LANG"],
        "languages": {
            code: {"name": name, "words": preview_words(settings, code)}
            for code, name in langs.items()
        },
        # Each collection's kind, language and folder inside content/ (where the relative
        # {filename} links of a translation start from).
        "collections": {
            collection_name(settings, kind, code): {
                "kind": kind,
                "lang": code,
                "folder": kind_folder(settings, kind, code),
            }
            for kind in KINDS
            for code in langs
        },
        "versions": content_versions(settings, context, content_path),
    }


class EditorGenerator(Generator):
    """Writes the admin/ folder (see the module's docstring)."""

    def generate_context(self):
        # For theme/templates/_headers, which sends the same policy as a header.
        self.context["EDITOR_CONTENT_SECURITY_POLICY"] = admin_policy(self.settings)

    def generate_output(self, writer):
        settings = self.settings
        target = Path(self.output_path) / ADMIN
        target.mkdir(parents=True, exist_ok=True)
        installed = (DECAP_DIST / "decap-cms.js").is_file()
        if installed:
            # The main file loads its chunks from beside itself; source maps are not needed.
            for chunk in DECAP_DIST.glob("*decap-cms.js"):
                # A hard link, not a copy: every build writes a new folder, and copying
                # Decap's 5 MB into each one cost more than the rest of the editor.
                # Nothing writes into admin/ after this (the minify step skips it).
                (target / chunk.name).unlink(missing_ok=True)
                link_or_copy(chunk, target / chunk.name)
        else:
            log.info(
                "The editor at /admin/ is not installed: run `npm ci` (%s missing).", DECAP_DIST
            )
        for name in ("editor.js", "editor.css"):
            shutil.copyfile(HERE / "static" / name, target / name)
        config = decap_config({**settings, "PATH_RELATIVE": self.content_folder()}, self.context)
        (target / "config.yml").write_text(
            "# Written by plugins/editor on every build: edit the plugin, not this file.\n"
            + json.dumps(config, indent=2, ensure_ascii=False)
            + "\n",
            encoding="utf-8",
        )
        page = self.env.from_string((HERE / "admin.html").read_text(encoding="utf-8"))
        text = page.render(
            **self.context,
            EDITOR_POLICY=self.context["EDITOR_CONTENT_SECURITY_POLICY"],
            EDITOR_INSTALLED=installed,
            EDITOR_LANGUAGES=list(languages(settings)),
            EDITOR_SITE_DATA=json.dumps(
                site_data(settings, self.context, self.path), ensure_ascii=False
            ).replace("</", "<\\/"),
        )
        (target / "index.html").write_text(text, encoding="utf-8")

    def content_folder(self):
        """The content folder relative to the repository, as Decap names paths."""
        root = Path(self.settings.get("EDITOR_REPOSITORY_ROOT") or os.getcwd()).resolve()
        try:
            return Path(self.path).resolve().relative_to(root).as_posix()
        except ValueError:
            return Path(self.settings["PATH"]).name


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url={target}">
<meta name="robots" content="noindex">
<title>Published: {title}</title>
</head>
<body>
<p>This draft is published now: <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def draft_save_as(content):
    """Where Pelican wrote `content` while it was a draft, in any language: DRAFT_SAVE_AS,
    DRAFT_PAGE_SAVE_AS or their *_LANG_* forms (Pelican's own choice of setting); "" when
    drafts are not written."""
    kind = "DRAFT" if isinstance(content, Article) else "DRAFT_PAGE"
    setting = f"{kind}{'' if content.in_default_lang else '_LANG'}_SAVE_AS"
    return (content.settings.get(setting) or "").format(**content.url_format)


def follow_published_draft(generator, content):
    """article_generator_write_article / page_generator_write_page, `invoke livereload`
    only (LIVE_PREVIEW): the address an article or page had as a draft sends the open
    tab on to its new one, instead of a 404 after the refresh."""
    save_as = draft_save_as(content)
    if not generator.settings.get("LIVE_PREVIEW") or content.status == "draft" or not save_as:
        return
    target = Path(generator.output_path) / save_as
    if target.exists() or save_as == content.save_as:  # a draft still lives there
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    up = "../" * save_as.count("/")
    target.write_text(
        REDIRECT_PAGE.format(
            target=html.escape(up + content.url),
            title=content.title,  # already HTML, as on the article's page
        ),
        encoding="utf-8",
    )


def add_generator(pelican):
    return EditorGenerator


def register():
    signals.get_generators.connect(add_generator)
    signals.article_generator_write_article.connect(follow_published_draft)
    signals.page_generator_write_page.connect(follow_published_draft)
