"""Responsive content images, through real Pelican builds of a tiny site."""

import os
import sys
import textwrap
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import forked_python
import pytest
from bs4 import BeautifulSoup, Comment
from PIL import Image

from responsive_images.responsive_images import image_links, output_path_of, planned_widths

PLUGINS = Path(__file__).resolve().parent.parent

HEADER = """\
Title: Rest
Date: 2026-01-05 09:00
Author: Maya Okafor
Category: Self-care
Slug: rest

"""
ARTICLE = (
    HEADER
    + """\
![A lake at dawn]({static}/images/lake.jpg)

Some words.

## Later

More words.

![A small leaf]({static}/images/leaf.png "A leaf")
"""
)


def build(tmp_path, siteurl="", relative=True, article=ARTICLE, images=None,
          plugins=("typeset_markdown", "responsive_images")):  # fmt: skip
    """Build a one-article site with the plugin; returns (process, output folder)."""
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True, exist_ok=True)
    (content / "rest.md").write_text(article, encoding="utf-8")
    for name, image in (images or default_images()).items():
        target = content / "images" / name
        if isinstance(image, bytes):
            target.write_bytes(image)
        else:
            image.save(target)
    settings = tmp_path / "settings.py"
    settings.write_text(
        textwrap.dedent(f"""\
        import sys
        sys.path.insert(0, {str(PLUGINS)!r})  # as pelicanconf.py: plugins import each other
        PATH = {str(content)!r}
        SITEURL = {siteurl!r}
        RELATIVE_URLS = {relative!r}
        STATIC_PATHS = ["images"]
        ARTICLE_URL = "articles/{{slug}}/"
        ARTICLE_SAVE_AS = "articles/{{slug}}/index.html"
        TIMEZONE = "UTC"
        FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
        AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
        CACHE_PATH = {str(tmp_path / "cache")!r}
        PLUGIN_PATHS = [{str(PLUGINS)!r}]
        PLUGINS = {list(plugins)!r}
        """),
        encoding="utf-8",
    )
    output = tmp_path / "output"
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(settings)]
    command += ["-o", str(output), "--fatal", "warnings"]
    process = forked_python.run(
        command,
        cwd=tmp_path,
        # The repository root, as pelicanconf.py adds it: the plugin imports `sitebuild`.
        env={**os.environ, "COLUMNS": "250", "PYTHONPATH": str(PLUGINS.parent)},
    )
    return process, output


def default_images():
    return {
        "lake.jpg": Image.new("RGB", (1000, 500), (90, 130, 150)),
        "leaf.png": Image.new("RGBA", (300, 200), (40, 120, 80, 128)),
    }


def candidates(srcset):
    """[(url, width)] from a srcset attribute."""
    pairs = [entry.strip().rsplit(" ", 1) for entry in srcset.split(",")]
    return [(url, int(width.rstrip("w"))) for url, width in pairs]


def local_file(output, page_url, src, siteurl=""):
    address = urljoin(urljoin(siteurl + "/", page_url), src)
    path = urlsplit(address).path
    return output / path.lstrip("/")


@pytest.fixture(scope="module")
def relative_build(tmp_path_factory):
    process, output = build(tmp_path_factory.mktemp("relative"))
    assert process.returncode == 0, process.stdout + process.stderr
    page = BeautifulSoup((output / "articles/rest/index.html").read_text(), "html.parser")
    return output, page


def test_every_content_image_becomes_a_picture_with_webp_first(relative_build):
    _, page = relative_build
    pictures = page.find_all("picture")
    assert len(pictures) == 2
    for picture in pictures:
        source, img = picture.find("source"), picture.find("img")
        assert source["type"] == "image/webp"
        assert source["sizes"] == img["sizes"]
        assert all(url.endswith(".webp") for url, _ in candidates(source["srcset"]))
    assert [p.img["alt"] for p in pictures] == ["A lake at dawn", "A small leaf"]
    assert pictures[1].img["title"] == "A leaf"


def test_each_listed_size_exists_with_the_width_it_claims(relative_build):
    output, page = relative_build
    for picture in page.find_all("picture"):
        for srcset, expected_format in (
            (picture.source["srcset"], "WEBP"),
            (picture.img["srcset"], picture.img["src"].rsplit(".", 1)[1]),
        ):
            for url, width in candidates(srcset):
                with Image.open(local_file(output, "articles/rest/", url)) as made:
                    assert made.width == width
                    assert made.format in (
                        expected_format.upper(),
                        "JPEG" if expected_format == "jpg" else "",
                    )


def test_sizes_stop_at_the_original_width_and_keep_its_shape(relative_build):
    _, page = relative_build
    lake, leaf = page.find_all("picture")
    assert [w for _, w in candidates(lake.source["srcset"])] == [480, 800, 1000]
    assert [w for _, w in candidates(leaf.source["srcset"])] == [300]
    # The fallback <img> is a JPEG for a JPEG and a PNG (keeps transparency) for a PNG.
    assert lake.img["src"].endswith("lake-800w.jpg")
    assert leaf.img["src"].endswith("leaf-300w.png")
    assert (lake.img["width"], lake.img["height"]) == ("800", "400")
    assert (leaf.img["width"], leaf.img["height"]) == ("300", "200")


def test_only_an_image_before_the_first_subheading_loads_eagerly(relative_build):
    _, page = relative_build
    lead, later = (p.img for p in page.find_all("picture"))
    assert lead.get("loading") is None and lead["fetchpriority"] == "high"
    assert later["loading"] == "lazy" and "fetchpriority" not in later.attrs
    assert lead["decoding"] == later["decoding"] == "async"


def test_absolute_urls_of_a_published_build_point_at_the_made_files(tmp_path):
    siteurl = "https://blog.example.org"
    process, output = build(tmp_path, siteurl=siteurl, relative=False)
    assert process.returncode == 0, process.stdout + process.stderr
    page = BeautifulSoup((output / "articles/rest/index.html").read_text(), "html.parser")
    for picture in page.find_all("picture"):
        urls = [u for u, _ in candidates(picture.source["srcset"])] + [picture.img["src"]]
        for url in urls:
            assert url.startswith(siteurl + "/images/")
            assert local_file(output, "articles/rest/", url, siteurl).is_file()


def test_an_unreadable_image_stops_the_build_naming_it_and_the_fix(tmp_path):
    images = {**default_images(), "lake.jpg": b"this is not a picture"}
    process, _ = build(tmp_path, images=images)
    report = process.stdout + process.stderr
    assert process.returncode != 0
    assert "rest.md: image images/lake.jpg cannot be read as an image" in report
    assert "Save it again as a JPEG or PNG" in report


@pytest.mark.parametrize("damage", ["truncated", "replaced by another picture"])
def test_a_damaged_copy_in_the_cache_is_made_again_never_published(tmp_path, damage):
    process, output = build(tmp_path)
    assert process.returncode == 0, process.stdout + process.stderr
    published = output / "images" / "lake-480w.jpg"
    good = published.read_bytes()
    (cached,) = (tmp_path / "cache" / "responsive_images").glob("*-480.jpg")
    if damage == "truncated":
        cached.write_bytes(good[: len(good) // 2])
    else:  # a whole picture, but not the one made from lake.jpg
        Image.new("RGB", (480, 240), (255, 0, 0)).save(cached, "JPEG")
    process, output = build(tmp_path)
    assert process.returncode == 0, process.stdout + process.stderr
    assert published.read_bytes() == good
    with Image.open(published) as image:
        image.load()
        assert image.getpixel((10, 10)) != (255, 0, 0)
    assert cached.read_bytes() == good  # the cache holds the whole copy again


def test_without_the_markdown_reader_that_notes_images_the_build_stops_with_the_fix(tmp_path):
    process, output = build(tmp_path, plugins=["responsive_images"])
    assert process.returncode != 0
    assert "rest.md: images: this file was not read by typeset_markdown's" in process.stdout
    assert 'list "typeset_markdown" in PLUGINS' in process.stdout
    assert not (output / "articles/rest/index.html").exists()


def test_widths_are_never_upscaled():
    assert planned_widths(1600) == [480, 800, 1200]
    assert planned_widths(1000) == [480, 800, 1000]
    assert planned_widths(800) == [480, 800]
    assert planned_widths(200) == [200]


@pytest.mark.parametrize(
    "src,page,siteurl,expected",
    [
        ("../../images/a.jpg", "articles/rest/index.html", "", "images/a.jpg"),
        ("/images/a.jpg", "articles/rest/index.html", "", "images/a.jpg"),
        (
            "https://blog.example.org/images/a.jpg",
            "x/index.html",
            "https://blog.example.org",
            "images/a.jpg",
        ),
        ("https://example.net/images/a.jpg", "x/index.html", "https://blog.example.org", None),
        (
            "https://example.org/blog/images/a%20b.jpg",
            "x.html",
            "https://example.org/blog",
            "images/a b.jpg",
        ),
    ],
)
def test_image_addresses_map_to_output_files(src, page, siteurl, expected):
    assert output_path_of(src, page, siteurl) == expected


HOSTILE = (
    HEADER
    + """\
<!-- An earlier picture: <img src="{static}/images/leaf.png" alt="Old"> -->

![A lake at dawn]({static}/images/lake.jpg)

Write `<img src="{static}/images/lake.jpg">` to show a picture.

<IMG src="{static}/images/leaf.png" ALT="A leaf" TITLE="Light and shade">

<picture><img src="{static}/images/leaf.png" alt="Chosen by hand"></picture>

## Later
"""
)


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory):
    """The page of an article whose images are written in ways a pattern would misread."""
    process, output = build(tmp_path_factory.mktemp("hostile"), article=HOSTILE)
    assert process.returncode == 0, process.stdout + process.stderr
    return BeautifulSoup((output / "articles/rest/index.html").read_text(), "html.parser")


def test_the_first_image_a_reader_sees_loads_first_not_one_in_a_comment(hostile_page):
    lake = hostile_page.find("img", alt="A lake at dawn")
    assert lake.parent.name == "picture"
    assert lake["fetchpriority"] == "high" and lake.get("loading") is None
    (comment,) = hostile_page.find_all(string=lambda s: isinstance(s, Comment) and "Old" in s)
    assert "<picture" not in comment and 'src="../../images/leaf.png"' in comment


def test_an_image_written_as_an_uppercase_tag_becomes_a_picture(hostile_page):
    leaf = hostile_page.find("img", alt="A leaf")
    assert leaf.parent.name == "picture" and leaf["title"] == "Light and shade"
    assert leaf["loading"] == "lazy" and leaf["src"].endswith("leaf-300w.png")


def test_code_that_shows_an_img_tag_stays_text(hostile_page):
    (code,) = hostile_page.find_all("code")
    assert code.get_text() == '<img src="{static}/images/lake.jpg">'


def test_a_picture_written_by_hand_is_left_as_written(hostile_page):
    assert not hostile_page.select("picture picture")
    chosen = hostile_page.find("img", alt="Chosen by hand")
    assert chosen.parent.name == "picture" and chosen["src"] == "../../images/leaf.png"
    assert len(hostile_page.find_all("picture")) == 3


def test_images_are_noted_as_a_browser_reads_the_body():
    body = (
        '<!-- <img src="{static}/images/old.jpg"> -->'
        '<p><code>&lt;img src="{static}/images/code.jpg"&gt;</code></p>'
        "<script>let html = '<img src=\"{static}/images/script.jpg\">';</script>"
        '<p><IMG TITLE="calm > stormy" SRC="{static}/images/lead.jpg"></p>'
        '<H3>Later</H3><img src="{static}/images/later.png" alt="<h2> is a heading">'
    )
    assert image_links(body) == [["/images/lead.jpg", True], ["/images/later.png", False]]
