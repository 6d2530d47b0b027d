"""Pure Pillow drawing of sleeves and artist pictures (no database, no cache).

A sleeve is a gradient in the genre's colours (hue jittered by the id), one of five
geometric motifs, the artist's name at the top and the title at the bottom. An
artist picture is a lit, head-and-shoulders silhouette on a soft radial glow with
the name beneath. Everything is drawn at 800 px and scaled down, so every size of
one item looks the same; everything random comes from the id.
"""

import colorsys
import math
import random
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFilter, ImageFont, ImageOps

CANVAS = 800
# Base hue (degrees) and lightness of each genre's palette.
_GENRE_HUES = {
    "pop": (330, 0.6), "rock": (8, 0.45), "electronic": (190, 0.5), "hip-hop": (45, 0.45),
    "r-and-b": (280, 0.45), "jazz": (220, 0.4), "classical": (35, 0.6), "folk": (95, 0.45),
    "metal": (0, 0.25), "country": (28, 0.5), "soundtrack": (250, 0.4), "world": (160, 0.45),
    "blues": (210, 0.35), "dance": (300, 0.55),
}  # fmt: skip
# Fonts with accented letters (DejaVu ships with most Linux systems); without them
# Pillow's built-in font is used and names are drawn without their accents.
_FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
_FONT_FILES = {
    True: ("DejaVuSansCondensed-Bold.ttf", _FONT_DIR + "DejaVuSansCondensed-Bold.ttf"),
    False: ("DejaVuSans.ttf", _FONT_DIR + "DejaVuSans.ttf"),
}


@dataclass(frozen=True)
class Subject:
    """What a picture shows: its id (the seed), its words and its genre."""

    id: int
    title: str
    artist: str
    genre: str


@dataclass(frozen=True)
class Palette:
    dark: tuple[int, int, int]
    light: tuple[int, int, int]
    accent: tuple[int, int, int]


def palette(rng: random.Random, genre: str) -> Palette:
    hue, lightness = _GENRE_HUES.get(genre, (rng.randrange(360), 0.5))
    hue = (hue + rng.uniform(-25, 25)) % 360

    def colour(h: float, light: float, saturation: float) -> tuple[int, int, int]:
        r, g, b = colorsys.hls_to_rgb(h / 360, light, saturation)
        return round(r * 255), round(g * 255), round(b * 255)

    return Palette(
        dark=colour(hue, lightness * 0.35, 0.55),
        light=colour(hue + rng.uniform(10, 40), min(0.85, lightness + 0.2), 0.7),
        accent=colour(hue + 150 + rng.uniform(-20, 20), 0.6, 0.8),
    )


def paint_cover(subject: Subject, size: int) -> Image.Image:
    rng = random.Random(f"cover:{subject.id}")
    colours = palette(rng, subject.genre)
    image = _gradient(colours.dark, colours.light, rng.uniform(0, 360)).convert("RGBA")
    motif = rng.choice((_rings, _stripes, _dots, _shapes, _horizon))
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    motif(ImageDraw.Draw(overlay), rng, colours)
    image = Image.alpha_composite(image, overlay)
    _caption(image, subject.artist.upper(), top=True, bold=False, scale=0.05)
    _caption(image, subject.title, top=False, bold=True, scale=0.08)
    return image.convert("RGB").resize((size, size), Image.Resampling.LANCZOS)


def paint_portrait(subject: Subject, size: int) -> Image.Image:
    rng = random.Random(f"portrait:{subject.id}")
    colours = palette(rng, subject.genre)
    glow = Image.radial_gradient("L").resize((CANVAS, CANVAS))
    image = ImageOps.colorize(glow, colours.light, colours.dark).convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(rng.randint(6, 12)):  # out-of-focus stage lights
        x, y, r = rng.uniform(0, CANVAS), rng.uniform(0, CANVAS * 0.7), rng.uniform(30, 110)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colours.accent, rng.randint(25, 70)))
    overlay = overlay.filter(ImageFilter.GaussianBlur(12))
    image = Image.alpha_composite(image, overlay)
    lean = rng.uniform(-40, 40)  # the sitter turns a little
    _silhouette(image, lean + 10, (*colours.accent, 160))  # rim light behind
    _silhouette(image, lean, (*colours.dark, 245))
    _caption(image, subject.artist, top=False, bold=True, scale=0.075)
    return image.convert("RGB").resize((size, size), Image.Resampling.LANCZOS)


def _gradient(start, end, angle: float) -> Image.Image:
    ramp = Image.linear_gradient("L").resize((CANVAS * 2, CANVAS * 2)).rotate(angle)
    ramp = ramp.crop((CANVAS // 2, CANVAS // 2, CANVAS * 3 // 2, CANVAS * 3 // 2))
    return ImageOps.colorize(ramp, start, end)


def _rings(draw: ImageDraw.ImageDraw, rng: random.Random, colours: Palette) -> None:
    cx, cy = rng.uniform(0.2, 0.8) * CANVAS, rng.uniform(0.25, 0.7) * CANVAS
    for i, radius in enumerate(range(rng.randint(500, 700), 20, -rng.randint(35, 70))):
        colour = colours.accent if i % 2 else colours.light
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius),
                     fill=(*colour, 40 + 12 * (i % 3)))  # fmt: skip


def _stripes(draw: ImageDraw.ImageDraw, rng: random.Random, colours: Palette) -> None:
    x = -CANVAS
    while x < CANVAS * 2:
        width = rng.randint(20, 120)
        slant = CANVAS * 0.6
        corners = [(x, 0), (x + width, 0), (x + width - slant, CANVAS), (x - slant, CANVAS)]
        colour = rng.choice((colours.accent, colours.light))
        draw.polygon(corners, fill=(*colour, rng.randint(40, 110)))
        x += width + rng.randint(10, 90)


def _dots(draw: ImageDraw.ImageDraw, rng: random.Random, colours: Palette) -> None:
    spacing = rng.choice((50, 64, 80, 100))
    phase = rng.uniform(0, 6.28)
    for row in range(CANVAS // spacing + 1):
        for column in range(CANVAS // spacing + 1):
            wave = (1 + math.sin(phase + row * 0.5 + column * 0.3)) / 2
            r = spacing * (0.1 + 0.35 * wave)
            x, y = column * spacing + spacing / 2, row * spacing + spacing / 2
            draw.ellipse((x - r, y - r, x + r, y + r), fill=(*colours.accent, 150))


def _shapes(draw: ImageDraw.ImageDraw, rng: random.Random, colours: Palette) -> None:
    for _ in range(rng.randint(3, 6)):
        x, y, r = (rng.uniform(0, CANVAS) for _ in range(3))
        fill = (*rng.choice((colours.accent, colours.light, colours.dark)), rng.randint(70, 160))
        if rng.random() < 0.5:
            draw.ellipse((x - r / 2, y - r / 2, x + r / 2, y + r / 2), fill=fill)
        else:
            draw.regular_polygon(
                (x, y, r / 2), rng.choice((3, 4, 6)), rng.uniform(0, 90), fill=fill
            )


def _horizon(draw: ImageDraw.ImageDraw, rng: random.Random, colours: Palette) -> None:
    horizon = CANVAS * rng.uniform(0.5, 0.65)
    cx, r = CANVAS * rng.uniform(0.35, 0.65), CANVAS * rng.uniform(0.18, 0.28)
    draw.ellipse((cx - r, horizon - r, cx + r, horizon + r), fill=(*colours.accent, 230))
    y, gap = horizon, 8.0
    while y < CANVAS:
        draw.rectangle((0, y, CANVAS, y + gap * 0.6), fill=(*colours.dark, 200))
        y += gap
        gap *= 1.25


def _silhouette(image: Image.Image, lean: float, fill) -> None:
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    cx = CANVAS / 2 + lean
    draw.ellipse((cx - 125, 190, cx + 125, 460), fill=fill)  # head
    draw.rectangle((cx - 55, 420, cx + 55, 540), fill=fill)  # neck
    draw.ellipse((cx - 330, 500, cx + 330, 1100), fill=fill)  # shoulders
    image.alpha_composite(layer.filter(ImageFilter.GaussianBlur(2)))


def _caption(image: Image.Image, text: str, *, top: bool, bold: bool, scale: float) -> None:
    """Words on a translucent band, wrapped to at most three lines, shrunk to fit."""
    margin = CANVAS * 0.06
    size = int(CANVAS * scale)
    while True:
        font, accents = _font(size, bold)
        lines = _wrap(text if accents else _without_accents(text), font, CANVAS - 2 * margin)
        if len(lines) <= 3 or size <= 18:
            break
        size = int(size * 0.85)
    line_height = size * 1.2
    height = line_height * len(lines[:3]) + margin
    y0 = margin / 2 if top else CANVAS - height
    band = Image.new("RGBA", image.size, (0, 0, 0, 0))
    ImageDraw.Draw(band).rectangle((0, y0, CANVAS, y0 + height), fill=(0, 0, 0, 90))
    image.alpha_composite(band)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines[:3]):
        draw.text((margin, y0 + margin / 2 + i * line_height), line, font=font,
                  fill=(255, 255, 255, 255))  # fmt: skip


def _wrap(text: str, font, width: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


@lru_cache(maxsize=64)
def _font(size: int, bold: bool) -> tuple[ImageFont.FreeTypeFont, bool]:
    """The font at `size`, and whether it has accented letters."""
    for candidate in _FONT_FILES[bold]:
        try:
            return ImageFont.truetype(candidate, size), True
        except OSError:
            continue
    return ImageFont.load_default(size=size), False


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
