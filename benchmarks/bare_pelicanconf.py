"""Bare Pelican for the benchmark's baseline: its default theme, default Markdown
extensions, no plugins, no typogrify, no cache. Only what the corpus layout needs."""

SITENAME = "Bare Pelican"
# Absolute URLs, like a published site (feeds need them).
SITEURL = "https://bench.example.org"
TIMEZONE = "America/Los_Angeles"
DEFAULT_LANG = "en"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
# Listed explicitly: installed namespace plugins would otherwise load themselves.
PLUGINS = []
