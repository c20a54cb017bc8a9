"""`invoke import-wix`: move posts from the old Wix blog into content/articles/.

One module per concern:

- detect.py            which kind of file a source is (text capture, HTML page, feed)
- text_capture.py      the text a browser shows for a Wix post (with its page chrome)
- html_page.py         a Wix post page saved as HTML
- feed.py              RSS 2.0 and Atom feeds (Wix's own, or any feed with full content)
- site.py              a Wix site by address: its sitemaps, post pages and pictures
- html_to_markdown.py  HTML to Markdown blocks (markdownify, plus footnotes and images)
- media.py             pictures and videos: original addresses, file names, video links
- blocks.py            body cleanup shared by all sources (byline, separators, lists)
- dates.py             Wix dates ("Oct 9", "Oct 9, 2023", "3 days ago") and the year rule
- summary.py           Summary: the first sentences, at most 300 characters
- authors.py           authors.toml lookups and the block to add for a new author
- language.py          the language a post states (html lang, JSON-LD, Wix Multilingual,
                       og:locale) and its translations (hreflang alternates)
- writer.py            slugs, collisions and the Markdown files themselves
- redirects.py         content/data/redirects.toml: old Wix address -> new article
- importer.py          the whole run: read, check, write, print the summary
"""
