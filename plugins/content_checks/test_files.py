"""The files under content/ on their own (files.py); whole builds with hostile files are
in tests/test_hostile_content.py."""

import subprocess

from PIL import Image

from content_checks.files import file_problems, git_problems, svg_problems

SETTINGS = {
    "ARTICLE_PATHS": ["articles"],
    "PAGE_PATHS": ["pages"],
    "STATIC_PATHS": ["images", "extra"],
    "IGNORE_FILES": [".#*", "*~", ".DS_Store"],
}


def content(tmp_path):
    root = tmp_path / "content"
    for folder in ("articles", "pages", "images", "extra", "data"):
        (root / folder).mkdir(parents=True)
    (root / "articles" / "a.md").write_text("Title: A\n\nText.\n")
    Image.new("RGB", (8, 8)).save(root / "images" / "photo.jpg")
    (root / "extra" / "favicon.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'
    )
    (root / "data" / "practice.toml").write_text('name = "x"\n')
    (root / "images" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    return root


def reported(root):
    settings = {**SETTINGS, "PATH": str(root)}
    return {p.path.removeprefix(str(root) + "/"): p for p in file_problems(settings, str)}


def test_ordinary_content_passes(tmp_path):
    assert reported(content(tmp_path)) == {}


def test_each_kind_of_bad_file_is_named_with_a_fix(tmp_path):
    root = content(tmp_path)
    (root / "extra" / "notes.txt").symlink_to("../../.git/config")
    (root / "images" / "logo.png").write_bytes((root / "images" / "photo.jpg").read_bytes())
    (root / "images" / "cut.jpg").write_bytes((root / "images" / "photo.jpg").read_bytes()[:300])
    (root / "images" / "notes.md").write_text("Title: x\n")
    (root / "extra" / "app.js").write_text("alert(1)")
    (root / "extra" / "archive.zip").write_bytes(b"PK")
    (root / "extra" / "handout.pdf").write_bytes(b"<html>not a PDF")
    (root / "extra" / "worksheet.pdf").write_bytes(b"%PDF-1.7\n")
    (root / "articles" / "New.MD").write_text("Title: A\n\nText.\n")
    (root / "stray.txt").write_text("x")
    found = reported(root)
    assert set(found) == {
        "extra/notes.txt", "images/logo.png", "images/cut.jpg", "images/notes.md",
        "extra/app.js", "extra/archive.zip", "extra/handout.pdf", "articles/New.MD", "stray.txt",
    }  # fmt: skip
    assert "symbolic link" in found["extra/notes.txt"].what
    assert "JPEG image named .png" in found["images/logo.png"].what
    assert "JPEG" in found["images/cut.jpg"].what  # unreadable or cut off, by where it ends
    assert found["articles/New.MD"].fix == "rename it to end in .md"


def test_an_svg_with_script_handlers_or_outside_addresses_is_refused(tmp_path):
    svg = tmp_path / "x.svg"
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<script>alert(1)</script><foreignObject/><a xlink:href="javascript:alert(1)"/>'
        '<rect onclick="x()"/><image href="https://tracker.example/p.png"/></svg>'
    )
    found = " ".join(what for what, _ in svg_problems(svg))
    for part in ("<script>", "<foreignobject>", "javascript:", "onclick", "tracker.example"):
        assert part in found


def test_git_decides_what_a_publish_may_include(tmp_path):
    root = content(tmp_path)
    settings = {**SETTINGS, "PATH": str(root)}
    assert git_problems(settings, str, publishing=True)[0] == []  # not a repository: a note
    assert "git holds none" in git_problems(settings, str, publishing=True)[1][0]

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / ".gitignore").write_text("content/images/private/\n")
    git("add", "-A")
    (root / "images" / "private").mkdir()
    (root / "images" / "private" / "scan.jpg").write_bytes(b"x")
    (root / "images" / "new.jpg").write_bytes(b"x")
    problems, notes = git_problems(settings, str, publishing=True)
    assert sorted((p.path.rsplit("/", 2)[-2:], p.what.split(",")[0]) for p in problems) == [
        (["images", "new.jpg"], "is not committed to git"),
        (["private", "scan.jpg"], "is ignored by git"),
    ]
    problems, notes = git_problems(settings, str, publishing=False)
    assert problems == [] and len(notes) == 2


# SVGs as drawing programs export them: gradients and patterns by `url(#id)`, Illustrator's
# <style> classes, Inkscape's style attributes.
ORDINARY_SVG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
    "<style>.st0{fill:url(#g)} .st1{fill:url( '#g' );stroke:#fff}</style>"
    '<rect class="st0" fill="url(#g)" style="fill:url(&quot;#g&quot;);opacity:0.5"/>'
    '<use xlink:href="#g"/><animate attributeName="opacity" to="1"/></svg>'
)


def test_svgs_drawing_programs_export_pass(tmp_path):
    path = tmp_path / "drawing.svg"
    path.write_text(ORDINARY_SVG, encoding="utf-8")
    assert svg_problems(path) == []
