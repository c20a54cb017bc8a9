"""A share picture for every article without its own `Image:`.

The title, the writer and the practice's name are drawn at build time into a
1200x630 PNG (the size OpenGraph and Twitter cards show) in the theme's colours
with the theme's bundled font (theme/fonts/, DejaVu, Bitstream Vera licence).
A card is named after a digest of everything drawn on it: unchanged articles
reuse the card already made (kept in CACHE_PATH/social-cards/), and a changed
title gets a new address, so apps that cache pictures by address show the new one.

A card holds four colours and the smoothed edges between the page colour and
each ink, so it is drawn straight into a 256-colour palette: an 8-bit PNG that
looks the same as a full-colour one (no channel differs by more than 1) with a
third of the bytes to compress and no row filters to try, so it is quick to
write and smaller. Everything but the title is drawn once per writer.
"""

import functools
import hashlib
import io
import zlib
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFont

from sitebuild.cached_files import read_trusted, write_recorded

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parents[2] / "theme" / "fonts"
TITLE_FONT, TEXT_FONT = FONTS / "DejaVuSerif-Bold.ttf", FONTS / "DejaVuSans.ttf"
# The theme's light colours (theme/static/css/site.css): page, text, accent.
BACKGROUND, TEXT, ACCENT, MUTED = "#fbf9f5", "#22272b", "#1f5f6b", "#4f5861"
MARGIN = 80
# Bump when the drawing changes, so every card is drawn again.
DESIGN = "2"
# Palette: entry 0 is the page; each ink has SHADES entries after it, from barely
# covering the page (1) to the ink itself (SHADES), so 1 + 3 * 85 = 256 entries.
SHADES = 85
INKS = (TEXT, ACCENT, MUTED)


def card_digest(title, byline, site_name):
    parts = [DESIGN, title, byline, site_name]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


@functools.cache
def font(path, size):
    return ImageFont.truetype(str(path), size)


def rgb(colour):
    return tuple(bytes.fromhex(colour.removeprefix("#")))


@functools.cache
def palette():
    """The 256 colours a card is drawn in: the page, then each ink's shades."""
    page = rgb(BACKGROUND)
    entries = [page]
    for ink in map(rgb, INKS):
        for shade in range(1, SHADES + 1):
            entries.append(
                tuple(round(p + (i - p) * shade / SHADES) for p, i in zip(page, ink, strict=True))
            )
    return [channel for entry in entries for channel in entry]


def in_ink(shades, ink):
    """`shades` (a layer drawn with fill SHADES on 0) as palette entries of ink number `ink`."""
    offset = INKS.index(ink) * SHADES
    return shades.point([0] + [offset + min(shade, SHADES) for shade in range(1, 256)])


def wrap(draw, text, font, width):
    """Lines of `text` no wider than `width` pixels (a word longer than that
    stands alone on its line)."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def title_lines(draw, title, width):
    """The largest title size (72 down to 44 px) that fits in four lines;
    at the smallest size, the last line ends with an ellipsis."""
    for size in range(72, 43, -4):
        title_font = font(TITLE_FONT, size)
        lines = wrap(draw, title, title_font, width)
        if len(lines) <= 4:
            return title_font, lines
    kept = lines[:4]
    while kept[-1] and draw.textlength(kept[-1] + "…", font=title_font) > width:
        kept[-1] = kept[-1][:-1]
    kept[-1] = kept[-1].rstrip() + "…"
    return title_font, kept


@functools.lru_cache(maxsize=64)
def frame(byline, site_name):
    """Everything on a card but its title, as palette entries: the accent bar and the
    site's name in the accent colour, the byline in the muted one."""
    small = font(TEXT_FONT, 32)
    accent = Image.new("L", (WIDTH, HEIGHT), 0)
    draw = ImageDraw.Draw(accent)
    draw.rectangle([0, 0, 24, HEIGHT], fill=SHADES)
    draw.text((MARGIN, MARGIN - 10), site_name, font=small, fill=SHADES)
    muted = Image.new("L", (WIDTH, HEIGHT), 0)
    ImageDraw.Draw(muted).text((MARGIN, HEIGHT - MARGIN - 32), byline, font=small, fill=SHADES)
    # The two never overlap, so adding them puts each where it belongs.
    return ImageChops.add(in_ink(accent, ACCENT), in_ink(muted, MUTED))


def draw_card(title, byline, site_name):
    """A 1200x630 picture of the title, the byline and the site's name (mode P)."""
    card = frame(byline, site_name).copy()
    draw = ImageDraw.Draw(card)
    title_font, lines = title_lines(draw, title, WIDTH - 2 * MARGIN)
    line_height = round(title_font.size * 1.22)
    top = (HEIGHT - line_height * len(lines)) // 2
    # The title sits between the name and the byline, where the frame is all page
    # (entry 0): drawn with fill SHADES, its smoothed edges are the text ink's shades.
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=title_font, fill=SHADES)
    card.putpalette(palette())
    return card


def encode(card):
    # Long runs of one colour: run-length compression is as small as zlib's default
    # here and several times faster.
    encoded = io.BytesIO()
    card.save(encoded, format="PNG", compress_type=zlib.Z_RLE)
    return encoded.getvalue()


def make_card(title, byline, site_name, cache_folder, destination):
    """Write the card to `destination`, drawing it only if the cache has none for
    this text whose bytes match their recorded sha256. Returns the destination."""
    cached = Path(cache_folder) / f"{card_digest(title, byline, site_name)}.png"
    data = read_trusted(cached)
    if data is None:  # never drawn, or damaged since: drawn again
        data = encode(draw_card(title, byline, site_name))
        write_recorded(cached, data)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(data)
    return destination
