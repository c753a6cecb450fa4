"""The demo's library photos: city skylines drawn with Pillow, no download needed."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageColor, ImageDraw

from persian.images import clean_image
from photos.models import Photo
from photos.services import photo_create

# 1200 wide: the social rendition (1200 × 630) is made at its full size, and the
# renditions stay few (320, 640 and 1024 wide), so the demo loads in seconds.
SIZE = (1200, 675)
CREDIT = "تحریریه"
# (Persian caption, English caption, sky at the top, sky at the horizon, sun)
SCENES = (
    ("آسمان شهر در غروب", "The city's sky at sunset", "#27306b", "#f39c5a", "#ffd27a"),
    ("شهر در سپیده‌دم", "The city at dawn", "#5d7fb8", "#f6c9a8", "#fff1c9"),
    ("نیمروز بر فراز شهر", "The city at noon", "#2f7fd1", "#bfe3f7", "#fffbe6"),
    ("شب در شهر", "The city at night", "#070b1f", "#25305a", "#e8e8f0"),
    (
        "ابرهای پاییزی بر فراز شهر",
        "Autumn clouds over the city",
        "#6f7c8c",
        "#d5d9de",
        "",
    ),
)


def draw(number: int) -> Image.Image:
    """A skyline under a sky, the same picture for the same ``number``."""
    _fa, _en, top, horizon, sun = SCENES[number % len(SCENES)]
    rng = random.Random(number)
    width, height = SIZE
    image = Image.new("RGB", SIZE)
    pen = ImageDraw.Draw(image)
    a, b = ImageColor.getrgb(top), ImageColor.getrgb(horizon)
    for y in range(height):
        t = y / (height - 1)
        pen.line(
            [(0, y), (width, y)],
            fill=tuple(round(p + (q - p) * t) for p, q in zip(a, b, strict=True)),
        )
    if sun:
        x, y, r = (
            rng.randint(150, width - 150),
            rng.randint(120, 300),
            rng.randint(40, 70),
        )
        pen.ellipse((x - r, y - r, x + r, y + r), fill=sun)
    ground = height - 90
    for shade, low, high in (("#3a3f55", 140, 330), ("#1d2133", 60, 250)):
        x = -rng.randint(0, 40)
        while x < width:
            w = rng.randint(50, 130)
            pen.rectangle(
                (x, ground - rng.randint(low, high), x + w, ground), fill=shade
            )
            x += w + rng.randint(0, 25)
    pen.rectangle((0, ground, width, height), fill="#14161f")
    return image


def demo_photo(number: int) -> Photo:
    """Store drawing ``number`` in the library, checked like any upload."""
    fa, en, *_colours = SCENES[number % len(SCENES)]
    buffer = io.BytesIO()
    draw(number).save(buffer, "JPEG", quality=88)
    upload = SimpleUploadedFile(
        f"demo-{number}.jpg", buffer.getvalue(), content_type="image/jpeg"
    )
    return photo_create(
        image=clean_image(upload), caption_fa=fa, caption_en=en, credit=CREDIT
    )
