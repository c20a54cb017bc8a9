from social_image.social_image import image_problems

STATIC = ["images", "extra"]


def make_content(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "lake.jpg").write_bytes(b"jpeg")
    (tmp_path / "drafts-folder").mkdir()
    (tmp_path / "drafts-folder" / "lake.jpg").write_bytes(b"jpeg")
    return tmp_path


def test_a_published_image_with_alt_text_is_accepted(tmp_path):
    root = make_content(tmp_path)
    meta = {"image": "images/lake.jpg", "image_alt": "A quiet lake at dawn"}
    assert image_problems(meta, root, STATIC) == []
    assert image_problems({**meta, "image": "{static}/images/lake.jpg"}, root, STATIC) == []
    assert image_problems({}, root, STATIC) == []


def test_a_missing_file_is_named_with_the_field(tmp_path):
    root = make_content(tmp_path)
    meta = {"image": "images/lakes.jpg", "image_alt": "A lake"}
    assert image_problems(meta, root, STATIC) == [
        "Image 'images/lakes.jpg' does not exist under content/: "
        "add the file or fix the path (e.g. `images/lake.jpg`)"
    ]


def test_alt_text_is_required(tmp_path):
    root = make_content(tmp_path)
    (problem,) = image_problems({"image": "images/lake.jpg"}, root, STATIC)
    assert problem.startswith("Image is set but Image_alt is missing")
    (problem,) = image_problems({"image_alt": "A lake"}, root, STATIC)
    assert problem.startswith("Image_alt is set without Image")


def test_pictures_from_elsewhere_or_unpublished_folders_are_refused(tmp_path):
    root = make_content(tmp_path)
    alt = {"image_alt": "A lake"}
    for image in ("https://cdn.example.com/lake.jpg", "../secret.jpg"):
        (problem,) = image_problems({**alt, "image": image}, root, STATIC)
        assert "must be a file of this site" in problem
    (problem,) = image_problems({**alt, "image": "drafts-folder/lake.jpg"}, root, STATIC)
    assert "is not in a published folder" in problem


def test_a_card_is_a_1200x630_png_named_after_its_text_and_drawn_once(tmp_path):
    from PIL import Image

    from social_image.cards import card_digest, make_card

    cache, site = tmp_path / "cache", tmp_path / "site"
    made = make_card(
        "Rest, then rest again", "By Maya Okafor, LCSW", "Willow", cache, site / "a.png"
    )
    with Image.open(made) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))
    (cached,) = cache.glob("*.png")
    assert cached.stem == card_digest("Rest, then rest again", "By Maya Okafor, LCSW", "Willow")
    drawn_at = cached.stat().st_mtime_ns
    make_card("Rest, then rest again", "By Maya Okafor, LCSW", "Willow", cache, site / "b.png")
    assert cached.stat().st_mtime_ns == drawn_at  # reused, not drawn again
    assert (site / "b.png").read_bytes() == made.read_bytes()
    # Another title is another card; a damaged cached card is drawn again.
    assert card_digest("Rest", "By Maya Okafor, LCSW", "Willow") != cached.stem
    cached.write_bytes(cached.read_bytes()[:500])
    make_card("Rest, then rest again", "By Maya Okafor, LCSW", "Willow", cache, site / "c.png")
    assert (site / "c.png").read_bytes() == made.read_bytes()
    # So is a whole card of the right size that is not the one drawn for this text.
    Image.new("RGB", (1200, 630), (255, 0, 0)).save(cached, "PNG")
    make_card("Rest, then rest again", "By Maya Okafor, LCSW", "Willow", cache, site / "d.png")
    assert (site / "d.png").read_bytes() == made.read_bytes()
    assert cached.read_bytes() == made.read_bytes()


def test_a_long_title_is_shortened_with_an_ellipsis_to_fit_the_card():
    from PIL import Image, ImageDraw

    from social_image.cards import MARGIN, WIDTH, title_lines

    draw = ImageDraw.Draw(Image.new("RGB", (WIDTH, 10)))
    font, lines = title_lines(draw, "A very long title " * 30, WIDTH - 2 * MARGIN)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(draw.textlength(line, font=font) <= WIDTH - 2 * MARGIN for line in lines)


def test_a_card_shows_its_text_in_the_theme_colours():
    from PIL import ImageChops

    from social_image.cards import ACCENT, BACKGROUND, MUTED, TEXT, draw_card, rgb

    card = draw_card("Rest, then rest again", "By Maya Okafor, LCSW", "Willow").convert("RGB")
    assert card.getpixel((5, 300)) == rgb(ACCENT)  # the bar down the left edge
    assert card.getpixel((1190, 10)) == rgb(BACKGROUND)
    colours = {colour for _, colour in card.getcolors(256)}
    # Each ink at full strength, and smoothed edges between it and the page.
    assert {rgb(BACKGROUND), rgb(TEXT), rgb(ACCENT), rgb(MUTED)} <= colours
    assert len(colours) > 50
    # The title is drawn: another title changes the middle of the card, and only there.
    other = draw_card("Sleep, then sleep again", "By Maya Okafor, LCSW", "Willow").convert("RGB")
    left, top, _, bottom = ImageChops.difference(card, other).getbbox()
    assert 150 < top < bottom < 480 and left >= 80
