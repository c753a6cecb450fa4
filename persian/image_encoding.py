"""Encoding an image afresh from its pixels: upright, in sRGB, with no metadata."""

import hashlib
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageOps

# Re-encoding a camera's JPEG (quality 92-95) at 90 keeps what the eye sees.
JPEG_QUALITY = 90

_SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class _Output:
    format: str
    extension: str
    content_type: str
    options: dict


_JPEG = _Output(
    "JPEG", "jpg", "image/jpeg", {"quality": JPEG_QUALITY, "optimize": True}
)
_PNG = _Output("PNG", "png", "image/png", {})


class CleanImage(ContentFile):
    """An image encoded afresh by ``clean_image``, named after its content."""

    def __init__(self, content: bytes, output: _Output):
        name = f"{hashlib.sha256(content).hexdigest()[:32]}.{output.extension}"
        super().__init__(content, name=name)
        self.content_type = output.content_type


def reencode(image: Image.Image, *, lossless: bool) -> CleanImage:
    """Return ``image``'s pixels upright, in sRGB, encoded with no metadata."""
    icc_profile = image.info.get("icc_profile")
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except Exception:  # unreadable EXIF: the pixels are fine, keep them as they are
        pass
    picture = _in_srgb(_plain_mode(image), icc_profile)
    transparent = picture.mode in ("RGBA", "LA")
    if transparent and picture.getchannel("A").getextrema() == (255, 255):
        picture = picture.convert(picture.mode[:-1])  # opaque: the alpha says nothing
        transparent = False
    output = _PNG if transparent or lossless else _JPEG
    if output is _JPEG and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    picture.info = {}  # nothing of the upload's metadata goes along
    buffer = io.BytesIO()
    picture.save(buffer, output.format, **output.options)
    return CleanImage(buffer.getvalue(), output)


def _plain_mode(picture: Image.Image) -> Image.Image:
    """Return ``picture`` in L, LA, RGB, RGBA, CMYK, or P without transparency."""
    if picture.mode.startswith("I") or picture.mode == "F":  # 16-bit or float grey
        return picture.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    if picture.mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        if "transparency" in picture.info and picture.mode in ("L", "RGB"):
            return picture.convert(picture.mode + "A")
        return picture
    if picture.mode == "P" and "transparency" not in picture.info:
        return picture
    if picture.mode == "1":
        return picture.convert("L")
    alpha = "A" in picture.mode or "transparency" in picture.info
    return picture.convert("RGBA" if alpha else "RGB")


def _in_srgb(picture: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Return ``picture`` converted from its colour profile to sRGB (RGB or RGBA)."""
    if picture.mode not in ("RGB", "RGBA", "CMYK"):
        return picture
    mode = "RGBA" if picture.mode == "RGBA" else "RGB"
    if icc_profile:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            if picture.mode == mode:
                ImageCms.profileToProfile(picture, source, _SRGB, inPlace=True)
                return picture
            return ImageCms.profileToProfile(picture, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # an unusable profile is left behind; the pixels are kept
    return picture if picture.mode == mode else picture.convert(mode)
