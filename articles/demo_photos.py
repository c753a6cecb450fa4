"""The demo's library photos: scenes drawn with Pillow, no download needed.

Each scene is drawn once and stored in the library under its caption; the demo's
stories share them as agencies share file photos (``"photo"`` in the demo files),
and the photo stories' galleries give each one a caption of their own.
"""

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
WIDTH, HEIGHT = SIZE
CREDIT = "تحریریه"
GROUND = HEIGHT - 90

# name: (Persian caption, English caption, sky at the top, sky at the horizon)
SCENES = {
    "sunset": ("آسمان شهر در غروب", "The city's sky at sunset", "#27306b", "#f39c5a"),
    "dawn": ("شهر در سپیده‌دم", "The city at dawn", "#5d7fb8", "#f6c9a8"),
    "noon": ("نیمروز بر فراز شهر", "The city at noon", "#2f7fd1", "#bfe3f7"),
    "night": ("شب در شهر", "The city at night", "#070b1f", "#25305a"),
    "clouds": (
        "ابرهای پاییزی بر فراز شهر",
        "Autumn clouds over the city",
        "#6f7c8c",
        "#d5d9de",
    ),
    "mountains": (
        "قله‌های پربرف سهند",
        "Snow on the peaks of Sahand",
        "#3f78c4",
        "#cfe6f7",
    ),
    "market": (
        "راسته‌ای از بازار سرپوشیده",
        "An aisle of the covered bazaar",
        "#3b2618",
        "#8a5a36",
    ),
    "bridge": (
        "پلی قدیمی بر رودخانه",
        "An old bridge over the river",
        "#4d86c6",
        "#f2dfb8",
    ),
    "stadium": (
        "ورزشگاه در شب مسابقه",
        "The stadium on a match night",
        "#0a1030",
        "#1f3a6b",
    ),
    "lake": ("ساحل دریاچه ارومیه", "The shore of Lake Urmia", "#5a9bd8", "#e4f1fa"),
    "fields": ("مزارع در فصل برداشت", "Fields at harvest time", "#3d8fd6", "#e9f3d6"),
    "railway": (
        "قطار باری در راه",
        "A freight train on its way",
        "#6a8fb8",
        "#f0d9b5",
    ),
    "monument": (
        "بنایی تاریخی در دامنه کوه",
        "A historic building on a mountainside",
        "#4a7cc0",
        "#f4e1c1",
    ),
    "ski": ("دامنه پیست اسکی", "A ski slope", "#2c6fc2", "#dcefff"),
}
SUN = {"sunset": "#ffd27a", "dawn": "#fff1c9", "noon": "#fffbe6", "night": "#e8e8f0"}


def _sky(pen: ImageDraw.ImageDraw, top: str, horizon: str, bottom: int = HEIGHT):
    a, b = ImageColor.getrgb(top), ImageColor.getrgb(horizon)
    for y in range(bottom):
        t = y / max(1, bottom - 1)
        pen.line(
            [(0, y), (WIDTH, y)],
            fill=tuple(round(p + (q - p) * t) for p, q in zip(a, b, strict=True)),
        )


def _sun(pen, rng, colour: str) -> None:
    x, y, r = rng.randint(150, WIDTH - 150), rng.randint(110, 280), rng.randint(40, 70)
    pen.ellipse((x - r, y - r, x + r, y + r), fill=colour)


def _ridge(pen, rng, base: int, low: int, high: int, colour: str, snow: str = ""):
    """A mountain range: peaks between ``low`` and ``high`` above ``base``."""
    x, points, peaks = 0, [(0, base)], []
    while x < WIDTH + 120:
        peak = (x + rng.randint(60, 140), base - rng.randint(low, high))
        points.append(peak)
        peaks.append(peak)
        x = peak[0] + rng.randint(60, 140)
        points.append((x, base - rng.randint(low // 3, low)))
    points.append((WIDTH, base))
    pen.polygon(points, fill=colour)
    for px, py in peaks if snow else ():
        depth = min(60, (base - py) // 3)
        pen.polygon(
            [(px, py), (px - depth, py + depth), (px + depth, py + depth)], fill=snow
        )


def _skyline(pen, rng) -> None:
    for shade, low, high in (("#3a3f55", 140, 330), ("#1d2133", 60, 250)):
        x = -rng.randint(0, 40)
        while x < WIDTH:
            w = rng.randint(50, 130)
            pen.rectangle(
                (x, GROUND - rng.randint(low, high), x + w, GROUND), fill=shade
            )
            x += w + rng.randint(0, 25)
    pen.rectangle((0, GROUND, WIDTH, HEIGHT), fill="#14161f")


def _mountains(pen, rng) -> None:
    _ridge(pen, rng, 520, 200, 330, "#8c9db5", snow="#f4f7fb")
    _ridge(pen, rng, 600, 90, 200, "#53657d", snow="#e6ecf3")
    pen.rectangle((0, 590, WIDTH, HEIGHT), fill="#33402f")


def _market(pen, rng) -> None:
    # Brick arches one behind the other, narrowing towards the far end.
    cx, cy = WIDTH // 2, 330
    for step in range(9, 0, -1):
        half_w, half_h = 60 + step * 62, 40 + step * 36
        shade = 70 + step * 12
        box = (cx - half_w, cy - half_h - 80, cx + half_w, cy + half_h + 80)
        pen.rectangle(box, fill=(shade + 60, shade + 20, shade - 20))
        inner = (cx - half_w + 26, cy - half_h - 40, cx + half_w - 26, cy + half_h)
        pen.ellipse(
            (inner[0], inner[1], inner[2], inner[1] + 2 * (half_w - 26)),
            fill=(shade // 2 + 40, shade // 3 + 20, 20),
        )
        pen.rectangle((inner[0], cy - 10, inner[2], HEIGHT), fill=(60, 38, 22))
    pen.polygon(
        [(0, HEIGHT), (WIDTH, HEIGHT), (cx + 60, 430), (cx - 60, 430)], "#b89a78"
    )
    for side in (-1, 1):
        for n in range(6):
            x = cx + side * (120 + n * 80)
            colour = rng.choice(["#c0392b", "#d68910", "#1e8449", "#2471a3", "#7d3c98"])
            pen.rectangle((x - 30, 430 + n * 30, x + 30, 480 + n * 34), fill=colour)
        for n in range(5):
            x = cx + side * (90 + n * 95)
            pen.ellipse((x - 10, 120 + n * 8, x + 10, 140 + n * 8), fill="#ffd27a")


def _bridge(pen, rng) -> None:
    _ridge(pen, rng, 430, 60, 150, "#8aa07a")
    pen.rectangle((0, 430, WIDTH, HEIGHT), fill="#5f8fb0")
    deck, arch = 360, 150
    pen.rectangle((40, deck, WIDTH - 40, deck + 40), fill="#a0522d")
    for n in range(6):
        x = 60 + n * 185
        pen.rectangle((x, deck + 40, x + 185, 470), fill="#a0522d")
        pen.ellipse((x + 30, deck + 60, x + 155, deck + 60 + arch), fill="#5f8fb0")
    pen.rectangle((0, 470, WIDTH, HEIGHT), fill="#5f8fb0")
    for _n in range(40):
        x, y = rng.randint(0, WIDTH), rng.randint(480, HEIGHT - 10)
        pen.line([(x, y), (x + rng.randint(20, 70), y)], fill="#a9c8de", width=2)


def _stadium(pen, rng) -> None:
    pen.polygon([(0, 200), (WIDTH, 200), (WIDTH, 420), (0, 420)], fill="#2b2f3d")
    for _n in range(900):
        x, y = rng.randint(0, WIDTH), rng.randint(210, 410)
        pen.point((x, y), fill=rng.choice(["#e74c3c", "#ecf0f1", "#f1c40f", "#c0392b"]))
    for n in range(8):
        colour = "#2e8b3a" if n % 2 else "#35a043"
        top, bottom = 420 + n * 32, 452 + n * 32
        pen.rectangle((0, top, WIDTH, bottom), fill=colour)
    pen.line([(WIDTH // 2, 420), (WIDTH // 2, HEIGHT)], fill="#f5f5f5", width=4)
    pen.ellipse(
        (WIDTH // 2 - 110, 500, WIDTH // 2 + 110, 620), outline="#f5f5f5", width=4
    )
    for x in (120, WIDTH - 120):
        pen.line([(x, 200), (x, 40)], fill="#7f8c8d", width=8)
        pen.rectangle((x - 50, 20, x + 50, 60), fill="#fffbe0")


def _lake(pen, rng) -> None:
    _ridge(pen, rng, 380, 30, 90, "#9a8f86")
    pen.rectangle((0, 380, WIDTH, HEIGHT), fill="#7cc2c7")
    for _n in range(6):
        x, y = rng.randint(0, WIDTH - 200), rng.randint(400, 520)
        pen.ellipse((x, y, x + rng.randint(150, 320), y + 30), fill="#d9a6b0")
    pen.polygon([(0, 560), (WIDTH, 520), (WIDTH, HEIGHT), (0, HEIGHT)], fill="#f3f1ea")


def _fields(pen, rng) -> None:
    colours = ["#c9a227", "#7fa34a", "#d8b84a", "#5c8a3a"]
    for n, top in enumerate((360, 430, 510, 590)):
        wave = [(0, top + rng.randint(-20, 20))]
        wave += [(x, top + rng.randint(-25, 25)) for x in range(150, WIDTH + 150, 150)]
        pen.polygon([*wave, (WIDTH, HEIGHT), (0, HEIGHT)], fill=colours[n])
        for x in range(0, WIDTH, 48):
            pen.line([(x, top + 30), (x + 30, HEIGHT)], fill="#00000022", width=2)
    pen.rectangle((880, 300, 896, 380), fill="#5b3a1e")
    pen.ellipse((830, 220, 950, 330), fill="#3f6e2a")


def _railway(pen, rng) -> None:
    pen.rectangle((0, 420, WIDTH, HEIGHT), fill="#a39274")
    vanish = (WIDTH * 0.7, 420)
    for rail in (360, 620):
        pen.line([(rail, HEIGHT), vanish], fill="#505050", width=6)
    for n in range(1, 12):
        t = n / 12
        y = 420 + (HEIGHT - 420) * t * t
        half = 40 + 180 * t * t
        x = vanish[0] + (490 - vanish[0]) * t * t
        pen.line([(x - half, y), (x + half, y)], fill="#6b4f2e", width=4)
    pen.line([(0, 429), (WIDTH, 429)], fill="#505050", width=5)
    x = -60
    while x < WIDTH * 0.62:
        colour = rng.choice(["#c0392b", "#2471a3", "#1e8449", "#d68910"])
        pen.rectangle((x, 300, x + 170, 410), fill=colour)
        for wheel in (x + 30, x + 140):
            pen.ellipse((wheel - 14, 400, wheel + 14, 428), fill="#222")
        x += 180


def _monument(pen, rng) -> None:
    _ridge(pen, rng, 560, 220, 320, "#9c8b74")
    pen.rectangle((0, 560, WIDTH, HEIGHT), fill="#7a8a5a")
    cx = WIDTH // 2
    pen.rectangle((cx - 220, 330, cx + 220, 560), fill="#d9c2a0")
    pen.rectangle((cx - 70, 220, cx + 70, 330), fill="#d1b894")
    pen.polygon([(cx - 85, 220), (cx + 85, 220), (cx, 110)], fill="#b49872")
    pen.rectangle((cx - 35, 440, cx + 35, 560), fill="#6b4f2e")
    for x in (cx - 150, cx + 110):
        pen.rectangle((x, 380, x + 40, 440), fill="#6b4f2e")


def _ski(pen, rng) -> None:
    _ridge(pen, rng, 420, 120, 220, "#a9b8cc", snow="#ffffff")
    pen.polygon([(0, 300), (WIDTH, 520), (WIDTH, HEIGHT), (0, HEIGHT)], fill="#f7fafc")
    pen.line([(80, 250), (WIDTH - 60, 520)], fill="#444", width=3)
    for n in range(1, 8):
        x = 80 + n * (WIDTH - 140) / 8
        y = 250 + n * 270 / 8
        pen.line([(x, y), (x, y + 30)], fill="#444", width=2)
        pen.rectangle((x - 12, y + 30, x + 12, y + 42), fill="#c0392b")
    for _n in range(14):
        x = rng.randint(60, WIDTH - 60)
        y = 300 + (x / WIDTH) * 220 + rng.randint(40, 160)
        pen.ellipse((x - 7, y - 18, x + 7, y), fill=rng.choice(["#e74c3c", "#2471a3"]))
    for x in range(20, 300, 55):
        pen.polygon([(x, 560), (x + 45, 560), (x + 22, 470)], fill="#1e5631")


DRAWERS = {
    "mountains": _mountains,
    "market": _market,
    "bridge": _bridge,
    "stadium": _stadium,
    "lake": _lake,
    "fields": _fields,
    "railway": _railway,
    "monument": _monument,
    "ski": _ski,
}


def draw(name: str) -> Image.Image:
    """Scene ``name`` of ``SCENES``, the same picture every time."""
    _fa, _en, top, horizon = SCENES[name]
    rng = random.Random(name)
    image = Image.new("RGB", SIZE)
    pen = ImageDraw.Draw(image, "RGBA")
    _sky(pen, top, horizon)
    if name in SUN:
        _sun(pen, rng, SUN[name])
    DRAWERS.get(name, _skyline)(pen, rng)
    return image


def demo_photo(name: str) -> Photo:
    """The library photo of scene ``name``, drawn and stored the first time only.

    Raises KeyError for a name ``SCENES`` does not hold.
    """
    fa, en, *_colours = SCENES[name]
    found = Photo.objects.filter(caption_fa=fa, credit=CREDIT).first()
    if found is not None:
        return found
    buffer = io.BytesIO()
    draw(name).save(buffer, "JPEG", quality=88)
    upload = SimpleUploadedFile(
        f"demo-{name}.jpg", buffer.getvalue(), content_type="image/jpeg"
    )
    return photo_create(
        image=clean_image(upload), caption_fa=fa, caption_en=en, credit=CREDIT
    )
