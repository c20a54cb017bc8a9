"""Development settings: what `invoke build`, `serve` and `livereload` use.

The practice's details and the author list live in content/data/*.toml so that
clinicians can edit them without touching Python. The SITE_CONTENT environment variable
names another content folder (articles, pages, images, data) to build instead of
content/: the tests build their own fixture site, tests/fixtures/site/.
"""

import os
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))  # plugins import the shared `sitebuild` package
# A relative SITE_CONTENT is relative to the folder the build runs in.
_CONTENT = Path(os.environ.get("SITE_CONTENT") or ROOT / "content").resolve()


def _load_toml(name):
    """A data file; a syntax error stops with the file and line, not a traceback."""
    path = _CONTENT / "data" / name
    try:
        # utf-8-sig: Windows editors may start the file with a byte-order mark.
        with open(path, encoding="utf-8-sig") as handle:
            return tomllib.loads(handle.read())
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        line = re.search(r"at line (\d+)", str(error))
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        where = shown.as_posix() + (f":{line[1]}" if line else "")
        raise SystemExit(
            f'{where}: TOML: {error} — fix the file: one `key = "value"` per line, text in '
            "double quotes, [tables] in square brackets"
        ) from None


PRACTICE = _load_toml("practice.toml")
AUTHORS_INFO = _load_toml("authors.toml")

# .get(): a missing key is reported by the content checks (site_data.py), not a KeyError.
SITENAME = PRACTICE.get("name", "")
SITESUBTITLE = PRACTICE.get("tagline", "")
SITEURL = ""
RELATIVE_URLS = True
AUTHOR = next(iter(AUTHORS_INFO), "")  # an empty list: the content checks say so

PATH = str(_CONTENT)
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
# Editor backups and the files desktops leave behind are neither built nor published.
IGNORE_FILES = [".#*", "*~", "*.swp", "README*", ".DS_Store", "Thumbs.db", "desktop.ini"]
EXTRA_PATH_METADATA = {
    "extra/favicon.svg": {"path": "favicon.svg"},
    "extra/favicon.ico": {"path": "favicon.ico"},
}

TIMEZONE = "America/Los_Angeles"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%B %-d, %Y"
# The content checks require a Date on every article; never guess one.
DEFAULT_DATE = None

THEME = "theme"
THEME_STATIC_DIR = "theme"

# Curly quotes, real dashes and no lone last word on a line, set by the typeset_markdown
# reader as it reads (so Pelican's content cache keeps it); Pelican's own TYPOGRIFY stays
# off, or the text would be typeset twice. Not the filters that only wrap text in spans
# for a stylesheet to style (span.amp, span.caps, span.dquo): the theme styles none.
TYPOGRIFY = False
TYPOGRIFY_DASHES = "oldschool"
TYPOGRIFY_OMIT_FILTERS = ["amp", "caps", "initial_quotes"]

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
        "markdown.extensions.sane_lists": {},
        # No "smarty": typeset_markdown already makes quotes, dashes and ellipses
        # typographic; doing it twice doubled the Markdown time (benchmarks/).
    },
    "output_format": "html5",
}

# Pretty URLs: every page is a folder with an index.html.
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = "authors/{slug}/index.html"
CATEGORY_URL = "topics/{slug}/"
CATEGORY_SAVE_AS = "topics/{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
# The lists of writers, topics and tags, and all articles by date. The theme links to the
# *_URL settings (Pelican passes every setting to the templates), so each is changed here
# once, the address of its page along with every link to it.
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = AUTHORS_URL + "index.html"
CATEGORIES_URL = "topics/"
CATEGORIES_SAVE_AS = CATEGORIES_URL + "index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = TAGS_URL + "index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = ARCHIVES_URL + "index.html"
YEAR_ARCHIVE_URL = "archives/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "archives/{date:%Y}/index.html"
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
INDEX_SAVE_AS = "index.html"
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
DEFAULT_PAGINATION = 8
DIRECT_TEMPLATES = ["index", "authors", "categories", "tags", "archives"]
# robots.txt names the sitemap, which publishconf.py adds (it needs SITEURL).
TEMPLATE_PAGES = {
    "404.html": "404.html",
    "robots.txt": "robots.txt",
    # Security and cache headers for Netlify / Cloudflare Pages (GitHub Pages ignores it).
    "_headers": "_headers",
}

# The site's Content-Security-Policy: _headers sends it as a header and the search
# page repeats it in a <meta> (GitHub Pages sends no headers). Only our own files may
# load; 'wasm-unsafe-eval' lets Pagefind's search run its WebAssembly. No inline script
# or style is allowed anywhere.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
# Every other page's <meta> policy, stricter (where both apply, a browser enforces
# both): no WebAssembly, no frames at all, and Trusted Types, so no string can become
# HTML or script through the DOM (theme.js never needs that; Pagefind's UI does).
PAGE_CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "require-trusted-types-for 'script'",
    ]
)
# `invoke livereload` refreshes the browser with a script it injects inline,
# which the policy blocks: only that preview goes without the <meta> (it sets
# PELICAN_LIVERELOAD). publishconf.py always keeps it.
CSP_IN_META = os.environ.get("PELICAN_LIVERELOAD") != "1"
# Only in that preview: a failed rebuild's problems appear on the open page (its
# theme/static/js/build-report.js reads output/build-report.json, which
# sitebuild/devserver.py writes), and a draft's old address follows it once it is
# published (plugins/editor writes a redirect at drafts/<slug>/).
LIVE_PREVIEW = os.environ.get("PELICAN_LIVERELOAD") == "1"

# Feeds are written only by publishconf.py (absolute URLs need SITEURL).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
# Readers' apps fetch the feed again and again, often on phones: the newest 20
# articles, in full, not the whole archive (Pelican's default is 100).
FEED_MAX_ITEMS = 20
# The XSLT (in theme/static/) that shows a feed as a readable page in a browser.
FEED_STYLESHEET = "feed.xsl"

# Preview shows drafts (listed on the home page, each with a DRAFT banner).
SHOW_DRAFTS = True
# An article dated in the future is held back as a draft until the first build
# on or after its date (CI's daily scheduled build publishes it).
WITH_FUTURE_DATES = False

# Navigation: (label, URL relative to SITEURL).
NAV_LINKS = [
    ("Articles", ARCHIVES_URL),
    ("Topics", CATEGORIES_URL),
    ("About", "about/"),
    ("Services", "services/"),
    ("Team", "team/"),
    ("Contact", "contact/"),
]
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False

# A source that takes longer than this many seconds to convert stops the build, named
# (sitebuild/pipeline.py), instead of hanging it: Python-Markdown is very slow on some
# pathological lines.
CONVERT_TIME_LIMIT = 10

# Articles with this many second-level headings get a table of contents.
TOC_MIN_HEADINGS = 4
RELATED_POSTS_MAX = 3
READING_WORDS_PER_MINUTE = 250

PLUGIN_PATHS = ["plugins"]
# Pelican's content cache: each file's reading (typeset HTML and metadata) is kept in
# CACHE_PATH and used while the file's sha256 matches. Unlike mtimes, hashes survive a
# git clone, so CI can cache the folder. The cache holds a copy of the settings: they
# must pickle (no lambdas; functions defined at the top level of a settings file).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CHECK_MODIFIED_METHOD = "sha256"
CACHE_PATH = "cache"
# Listed explicitly: installed namespace plugins would otherwise load themselves.
PLUGINS = [
    # Markdown with typography, cached by Pelican; refuses an untested Pelican version.
    "typeset_markdown",
    "pelican.plugins.neighbors",
    "pelican.plugins.related_posts",
    # No empty page for a tag only drafts have (related_posts would add one).
    "published_tags",
    "reading_time",
    # Stops the build with one report when the content has mistakes (README,
    # "Writing an article"); also marks articles that get the crisis box.
    "content_checks",
    # Before toc: it turns footnotes into a "References" section with a heading.
    "clinical_review",
    "toc",
    "feed_style",
    # `Image:` and `Image_alt:` for an article's social card (README).
    "social_image",
    # A page at each old Wix address (content/data/redirects.toml) leading to its article.
    "redirects",
    # WebP and JPEG/PNG sizes, width/height and lazy loading for content images.
    "responsive_images",
    # The browser editor at /admin/ (Decap CMS), configured from this site's data.
    "editor",
    # Tells the build (sitebuild/pipeline.py) which Markdown file each page comes from
    # and which one is being converted, so its reports name the file to fix.
    "source_tracking",
    # Languages: Lang, translations, gettext for the theme, /es/ home (see below).
    "i18n",
]

# The editor (plugins/editor, README "Writing in the browser"). In production it signs
# in with GitHub and commits to EDITOR_REPO; `invoke livereload` instead starts
# decap-server on 127.0.0.1, and the editor edits this working tree through it.
EDITOR_REPO = PRACTICE.get("editor_repo", "")
EDITOR_BRANCH = PRACTICE.get("editor_branch", "main")
# The OAuth helper GitHub sign-in needs on hosts without one built in (README).
EDITOR_AUTH_URL = PRACTICE.get("editor_auth_url", "")
EDITOR_PROXY_PORT = int(os.environ.get("EDITOR_PROXY_PORT", "8081"))
EDITOR_LOCAL_BACKEND = f"http://127.0.0.1:{EDITOR_PROXY_PORT}/api/v1"
EDITOR_REPOSITORY_ROOT = str(ROOT)

# Footer links besides Get help now and Privacy: (label, URL relative to SITEURL).
FOOTER_LINKS = [
    ("About", "about/"),
    ("Contact", "contact/"),
    # The practice's notices (sample wording, see README): one click from every page.
    ("Fees and insurance", "fees/"),
    ("Telehealth", "telehealth/"),
    ("Editorial policy", "editorial-policy/"),
    ("Accessibility", "accessibility/"),
    ("Terms and disclaimer", "terms/"),
    ("Notice of Privacy Practices", "notice-of-privacy-practices/"),
]
# The site's one disclaimer: ends every article, and the footer of every other page,
# followed by a link to GET_HELP_URL.
DISCLAIMER = (
    "Articles on this site are for education only. They are not a substitute for "
    "professional care and do not create a therapist-client relationship. "
    "This site is not for emergencies."
)
# Where every "get help" link goes (the page content/pages/get-help-now.md), relative
# to SITEURL; the crisis numbers themselves are PRACTICE["crisis"] (practice.toml).
GET_HELP_URL = "get-help-now/"
CRISIS_LINE_NAME = "988 Suicide & Crisis Lifeline"
# The language and region of the site's OpenGraph cards (English pages; LANGUAGES below
# gives each language's).
OG_LOCALE = "en_US"
CTA_TITLE = "Talk with one of our clinicians"
CTA_TEXT = (
    "If this article stirred something you’d like to work through, we offer "
    "individual, couples and family therapy, in person and by telehealth."
)


# The theme's filters (theme/template_filters.py): plain_text, absolute_url, page_url.
from theme.template_filters import FILTERS as JINJA_FILTERS  # noqa: E402, F401

# Pelican's Jinja options, without checking every template file's mtime each time a
# page includes it: a build starts a new environment anyway. Autoescape: anything a
# template prints is text unless it is marked as HTML (an article's body, which the
# content checks sanitize, and our own macros).
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # {% trans %} and _() in the theme; plugins/i18n/ installs the gettext they call.
    "extensions": ["jinja2.ext.i18n"],
    "auto_reload": False,
}
# `invoke livereload` and the test suite only: Jinja keeps the templates it compiled in a
# folder that sitebuild/devserver.py makes for that one session (private, removed when it
# stops), so a save's build does not compile every template again (Pelican's four
# environments did each). Jinja compiles a template again when its source changed; the
# preview empties the folder when a plugin or the settings change. Never a folder that
# outlives the session (cache/ is restored in CI): Jinja loads these files as code,
# unchecked. The tests' builds share one the same way (tests/conftest.py points it at a
# folder private to the test run; a preview they start sets its own).
if os.environ.get("COMPILED_TEMPLATES_FOLDER"):
    from jinja2 import FileSystemBytecodeCache

    JINJA_ENVIRONMENT["bytecode_cache"] = FileSystemBytecodeCache(
        os.environ["COMPILED_TEMPLATES_FOLDER"]
    )

# ---- Languages (plugins/i18n/, README "Articles in Spanish") ----------------------
# English is the default; `Lang: es` in a header makes an article or page Spanish.
# Versions of one text in two languages are found by Pelican's translation id, the
# slug: give the Spanish file the English file's `Slug:`. Spanish addresses are the
# English ones under /es/. Template strings come from
# theme/translations/<lang>/LC_MESSAGES/messages.po (compiled by the plugin at build time).
LANGUAGES = {
    # name: how the language calls itself (the switcher's link text);
    # locale: og:locale.
    "en": {"name": "English", "locale": OG_LOCALE},
    "es": {"name": "Español", "locale": "es_US"},
}
ARTICLE_TRANSLATION_ID = "slug"
PAGE_TRANSLATION_ID = "slug"
ARTICLE_LANG_URL = "{lang}/articles/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/articles/{slug}/index.html"
DRAFT_LANG_URL = "{lang}/drafts/{slug}/"
DRAFT_LANG_SAVE_AS = "{lang}/drafts/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_PAGE_LANG_URL = "{lang}/drafts/pages/{slug}/"
DRAFT_PAGE_LANG_SAVE_AS = "{lang}/drafts/pages/{slug}/index.html"
# Each other language's home page, listing its articles.
I18N_HOME_SAVE_AS = "{lang}/index.html"
# ---- end of languages ----------------------------------------------------------------
