"""`invoke livereload`: once a draft is published, the address the author had open
leads to its new one, in every language, for pages as for articles (plugins/editor)."""

import re
import shutil
from urllib.parse import urljoin

from conftest import FIXTURE_SITE, copy_project, invoke, small_fixture_site

PREVIEW = {"PELICAN_LIVERELOAD": "1"}  # what `invoke livereload` sets
# A file under content/, its address as a draft, its address once published.
DRAFTS = {
    "articles/es/teens-and-holiday-stress.md": (
        "es/drafts/teens-and-holiday-stress/",
        "es/articles/teens-and-holiday-stress/",
    ),
    "articles/sleep-log-for-stress.md": (
        "drafts/sleep-log-for-stress/",
        "articles/sleep-log-for-stress/",
    ),
    "pages/es/feeds.md": ("es/drafts/pages/feeds/", "es/feeds/"),
    "pages/winter-groups.md": ("drafts/pages/winter-groups.html", "winter-groups/"),
}
NEW_PAGE = """Title: Winter Support Groups
Slug: winter-groups
Summary: Small groups that meet on weekday evenings through the winter.

Each group meets once a week for eight weeks.
"""


def built(output, address):
    path = output / address
    return (path / "index.html" if address.endswith("/") else path).read_text(encoding="utf-8")


def set_status(source, status):
    text = re.sub(r"^Status: .*\n", "", source.read_text(encoding="utf-8"), flags=re.M)
    title, rest = text.split("\n", 1)
    source.write_text(f"{title}\nStatus: {status}\n{rest}", encoding="utf-8")


def test_a_published_drafts_address_leads_to_it_in_every_language(tmp_path):
    content = small_fixture_site(tmp_path / "content")
    (content / "articles" / "es").mkdir()
    shutil.copy(FIXTURE_SITE / "articles/es/teens-and-holiday-stress.md", content / "articles/es")
    (content / "pages" / "winter-groups.md").write_text(NEW_PAGE, encoding="utf-8")
    site = copy_project(tmp_path / "site", content=content)
    output = tmp_path / "out"
    for source in DRAFTS:
        set_status(site / "content" / source, "draft")
    invoke("build", "--output", str(output), cwd=site, env=PREVIEW)
    titles = {}
    for source, (draft, _) in DRAFTS.items():
        titles[source] = re.search(r"<h1[^>]*>(.*?)</h1>", built(output, draft), re.S)[1]

    for source in DRAFTS:
        set_status(site / "content" / source, "published")
    invoke("build", "--output", str(output), cwd=site, env=PREVIEW)
    for source, (draft, published) in DRAFTS.items():
        page = built(output, draft)
        target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page)
        assert target, f"{draft} ({source}) does not lead on: {page[:300]}"
        assert urljoin(f"http://site/{draft}", target[1]) == f"http://site/{published}"
        assert titles[source] in built(output, published)
