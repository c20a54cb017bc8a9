"""Sources are recognised by their content, whatever their file name."""

import pytest

from tools.wix_import.detect import FEED, HTML, TEXT, read_source
from tools.wix_import.model import SourceError


@pytest.mark.parametrize(
    "content,kind",
    [
        (b'<?xml version="1.0"?>\n<?xml-stylesheet href="a.xsl"?>\n<feed xmlns="x">', FEED),
        (b"\xef\xbb\xbf<rss version='2.0'><channel>", FEED),
        (b"<!DOCTYPE html><html><body><article>", HTML),
        (b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'>", HTML),
        (b"top of page\n\nA title\n", TEXT),
        ("Caf\xe9 notes\n".encode("cp1252"), TEXT),
        ("top of page\r\n\r\nCaf\xe9\r\n".encode("utf-16"), TEXT),  # Notepad's "Unicode"
        ("<!DOCTYPE html><html>".encode("utf-16-be").join([b"\xfe\xff", b""]), HTML),
    ],
)
def test_kind_comes_from_the_content(tmp_path, content, kind):
    path = tmp_path / "source.dat"
    path.write_bytes(content)
    found, text, _ = read_source(path)
    assert found == kind and "\x00" not in text and not text.startswith("\ufeff")


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"", "the file is empty"),
        (b" \n\n", "the file is empty"),
        (b"\x89PNG\x00\x01", "binary"),
        (b"PK\x03\x04\x14\x00\x06\x00", "this is a Word document or another zipped file"),
        (b"{\\rtf1\\ansi Title", "this is a rich-text (RTF) document"),
        (b"%PDF-1.7\n", "this is a PDF"),
    ],
)
def test_empty_and_binary_files_are_refused_saying_what_was_expected(tmp_path, content, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SourceError) as raised:
        read_source(path)
    assert expected in raised.value.message
    assert "expected a captured Wix blog post" in raised.value.message


def test_a_page_saved_as_a_single_file_mhtml_is_read_as_its_html(tmp_path):
    path = tmp_path / "post.mhtml"
    path.write_bytes(
        b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example.org/post/a\r\n"
        b"Subject: Rest\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
        b'\ttype="text/html";\r\n\tboundary="----b"\r\n\r\n\r\n------b\r\n'
        b"Content-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\n"
        b"Content-Location: https://www.example.org/post/a\r\n\r\n"
        b'<!DOCTYPE html><html><body><p class=3D"x">Caf=C3=A9 time</p></body></html>\r\n'
        b"------b--\r\n"
    )
    kind, text, _ = read_source(path)
    assert kind == HTML and '<p class="x">Caf\u00e9 time</p>' in text
