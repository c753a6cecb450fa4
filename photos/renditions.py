"""Renditions made with Pillow: a shape cropped around the focal point, resized.

Pure image work, no database: ``photos/services.py`` stores what these return.
"""

import hashlib
import io
from dataclasses import dataclass

from PIL import Image

WEBP_QUALITY = 80
JPEG_QUALITY = 82


@dataclass(frozen=True)
class Encoded:
    """One rendition's bytes, its size and format, named after its content."""

    content: bytes
    width: int
    height: int
    format: str  # "webp" or "jpeg"

    @property
    def name(self) -> str:
        digest = hashlib.sha256(self.content).hexdigest()[:32]
        return f"{digest}.{'jpg' if self.format == 'jpeg' else 'webp'}"


def ratio_value(ratio: str, size: tuple[int, int]) -> float:
    """Return width / height for ``"16:9"``-style ``ratio``, or the image's own."""
    if ratio == "original":
        return size[0] / size[1]
    across, down = (int(part) for part in ratio.split(":"))
    return across / down


def crop_box(
    size: tuple[int, int], aspect: float, focus: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest ``aspect`` box inside ``size``, centred on ``focus`` if it can be.

    Where the focal point is near an edge the box stops at that edge, so it always
    lies inside the image and holds the point.
    """
    width, height = size
    if width / height > aspect:
        box_w, box_h = max(1, round(height * aspect)), height
    else:
        box_w, box_h = width, max(1, round(width / aspect))
    left = _centred(focus[0] * width, box_w, width)
    top = _centred(focus[1] * height, box_h, height)
    return left, top, left + box_w, top + box_h


def _centred(point: float, length: int, limit: int) -> int:
    return int(min(max(round(point - length / 2), 0), limit - length))


def widths_for(box_width: int, widths: tuple[int, ...]) -> list[int]:
    """The widths to make of a box this wide: never upscaled, at least one."""
    fitting = [w for w in widths if w <= box_width]
    return fitting or [box_width]


def render(
    image: Image.Image, box: tuple[int, int, int, int], width: int, height: int
) -> Image.Image:
    """Return ``box`` of ``image`` resized to ``width`` × ``height``."""
    return image.resize(
        (width, height), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0
    )


def encode(picture: Image.Image, fmt: str) -> Encoded:
    """Return ``picture`` encoded as WebP or JPEG, with no metadata."""
    buffer = io.BytesIO()
    if fmt == "webp":
        picture.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        if picture.mode not in ("RGB", "L"):
            picture = _flatten(picture)
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return Encoded(buffer.getvalue(), picture.width, picture.height, fmt)


def _flatten(picture: Image.Image) -> Image.Image:
    """A transparent picture on white: JPEG has no transparency."""
    rgba = picture.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def prepare(image: Image.Image) -> Image.Image:
    """Return ``image`` in a mode both WebP and JPEG take (RGB, RGBA or L)."""
    if image.mode in ("RGB", "RGBA", "L"):
        return image
    if image.mode == "LA" or "transparency" in image.info:
        return image.convert("RGBA")
    return image.convert("RGB")
