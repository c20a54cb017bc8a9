"""Publish settings: what `invoke preview` and `invoke gh-pages` build with."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *

# The public address, without a trailing slash: site_url in practice.toml,
# unless the SITEURL environment variable says otherwise (the tests build for
# 127.0.0.1). An empty SITEURL makes `invoke gh-pages` refuse to publish.
SITEURL = os.environ.get("SITEURL", PRACTICE.get("site_url", "")).rstrip("/")
RELATIVE_URLS = False
# Every published page carries the Content-Security-Policy, whatever the environment.
CSP_IN_META = True
LIVE_PREVIEW = False

FEED_DOMAIN = SITEURL
# The default language's articles (English; Pelican's FEED_ALL_* would mix in every
# translation), and one feed per language with its language declared (plugins/i18n/):
# feeds/es.atom.xml; feeds/en.atom.xml lists what all.atom.xml lists.
FEED_ATOM = "feeds/all.atom.xml"
FEED_RSS = "feeds/all.rss.xml"
TRANSLATION_FEED_ATOM = "feeds/{lang}.atom.xml"
TRANSLATION_FEED_RSS = "feeds/{lang}.rss.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/{slug}.rss.xml"
RSS_FEED_SUMMARY_ONLY = False

# The sitemap lists absolute addresses, so only the published build has one.
TEMPLATE_PAGES = {**TEMPLATE_PAGES, "sitemap.xml": "sitemap.xml"}

# Minify every stylesheet and the theme's scripts (a step of sitebuild/pipeline.py),
# before the search index is built. HTML pages are not minified (sitebuild/minify.py).
MINIFY_CSS = True
MINIFY_JS = True

# Only what git holds is published: a file under content/ that git ignores or does not
# track stops a publish (plugins/content_checks/files.py); the development build warns.
REFUSE_UNCOMMITTED_CONTENT = True

# Drafts are never written in a published build.
SHOW_DRAFTS = False
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

DELETE_OUTPUT_DIRECTORY = True

# The published editor signs in with GitHub only.
EDITOR_LOCAL_BACKEND = None
