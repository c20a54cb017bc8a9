"""Downloaded pictures as the site can publish them, and pictures taken out of the
text without the text around them."""

from io import BytesIO

import pytest
from PIL import Image

from tools.wix_import.media import file_name, picture_bytes, with_picture_renamed, without_picture


def image_bytes(kind):
    buffer = BytesIO()
    Image.new("RGB", (8, 6), (90, 140, 170)).save(buffer, kind)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "kind,suffix", [("JPEG", ".jpg"), ("PNG", ".png"), ("GIF", ".gif"), ("WEBP", ".webp")]
)
def test_the_suffix_comes_from_the_bytes_not_the_address(kind, suffix):
    data = image_bytes(kind)
    assert picture_bytes(data) == (data, suffix)


def test_a_format_the_site_does_not_publish_becomes_png():
    data, suffix = picture_bytes(image_bytes("BMP"))
    assert suffix == ".png" and Image.open(BytesIO(data)).format == "PNG"


@pytest.mark.parametrize(
    "data", [b"<!DOCTYPE html><title>Not found</title>", image_bytes("PNG")[:40], b""]
)
def test_an_error_page_or_a_cut_off_file_is_no_picture(data):
    assert picture_bytes(data) is None


def test_a_picture_taken_out_leaves_the_text_and_the_link_around_it_goes_too():
    line = "Before ![A](wix-image:a.jpg) after.  \n[![B](wix-image:b.jpg)](https://x.org) end"
    assert without_picture(line, "a.jpg") == (
        "Before after.  \n[![B](wix-image:b.jpg)](https://x.org) end"
    )
    assert without_picture(line, "b.jpg") == "Before ![A](wix-image:a.jpg) after.  \n end"
    assert with_picture_renamed(line, "a.jpg", "a.png").startswith("Before ![A](wix-image:a.png)")


def test_file_names_are_decoded_and_folded_to_plain_letters():
    assert file_name("https://x.org/media/caf%C3%A9%20y%20t%C3%A9.jpg") == "cafe-y-te.jpg"
    assert file_name("file:///tmp/Post_files/ma%C3%B1ana.PNG", taken={"manana.PNG"}) == (
        "manana-2.PNG"
    )
