"""A share picture for every article without its own `Image:`.

The title, the writer and the practice's name are drawn at build time into a
1200x630 PNG (the size OpenGraph and Twitter cards show) in the theme's colours
with the theme's bundled font (theme/fonts/, DejaVu, Bitstream Vera licence).
A card is named after a digest of everything drawn on it: unchanged articles
reuse the card already made (kept in CACHE_PATH/social-cards/), and a changed
title gets a new address, so apps that cache pictures by address show the new one.
"""

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from sitebuild.cached_files import read_trusted, write_recorded

WIDTH, HEIGHT = 1200, 630
FONTS = Path(__file__).resolve().parents[2] / "theme" / "fonts"
TITLE_FONT, TEXT_FONT = FONTS / "DejaVuSerif-Bold.ttf", FONTS / "DejaVuSans.ttf"
# The theme's light colours (theme/static/css/site.css): page, text, accent.
BACKGROUND, TEXT, ACCENT, MUTED = "#fbf9f5", "#22272b", "#1f5f6b", "#4f5861"
MARGIN = 80
# Bump when the drawing changes, so every card is drawn again.
DESIGN = "1"


def card_digest(title, byline, site_name):
    parts = [DESIGN, title, byline, site_name]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


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


def title_lines(draw, title, width, max_lines=4):
    """The largest title size (72 down to 44 px) that fits in `max_lines` lines;
    at the smallest size, the last line ends with an ellipsis."""
    for size in range(72, 43, -4):
        font = ImageFont.truetype(str(TITLE_FONT), size)
        lines = wrap(draw, title, font, width)
        if len(lines) <= max_lines:
            return font, lines
    kept = lines[:max_lines]
    while kept[-1] and draw.textlength(kept[-1] + "…", font=font) > width:
        kept[-1] = kept[-1][:-1]
    kept[-1] = kept[-1].rstrip() + "…"
    return font, kept


def draw_card(title, byline, site_name):
    """A 1200x630 picture of the title, the byline and the site's name."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 24, HEIGHT], fill=ACCENT)
    small = ImageFont.truetype(str(TEXT_FONT), 32)
    draw.text((MARGIN, MARGIN - 10), site_name, font=small, fill=ACCENT)
    font, lines = title_lines(draw, title, WIDTH - 2 * MARGIN)
    line_height = round(font.size * 1.22)
    top = (HEIGHT - line_height * len(lines)) // 2
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=font, fill=TEXT)
    draw.text((MARGIN, HEIGHT - MARGIN - 32), byline, font=small, fill=MUTED)
    return image


def make_card(title, byline, site_name, cache_folder, destination):
    """Write the card to `destination`, drawing it only if the cache has none for
    this text whose bytes match their recorded sha256. Returns the destination."""
    cached = Path(cache_folder) / f"{card_digest(title, byline, site_name)}.png"
    data = read_trusted(cached)
    if data is None:  # never drawn, or damaged since: drawn again
        encoded = io.BytesIO()
        draw_card(title, byline, site_name).save(encoded, format="PNG")
        data = encoded.getvalue()
        write_recorded(cached, data)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(data)
    return destination
