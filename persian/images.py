"""Uploaded images: decoded within limits, refused with a reason, stored re-encoded.

Only pixels ever reach storage. An upload is refused before any pixel is decoded
when its bytes, pixel count or sides exceed the limits (read from its header), when
it is animated, or when its file does not end exactly where the image ends (cut off,
or carrying something after it: HTML appended to a GIF is refused, never stored).
What passes is fully decoded and encoded afresh from its pixels, upright (its EXIF
orientation applied), in sRGB, with no metadata at all, under a name made from its
content: photos as JPEG, lossless images and anything transparent as PNG.
"""

import hashlib
import io
import re
import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from persian.text import persian_digits

ACCEPTED_CONTENT_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
# A camera's JPEG may carry more pictures than the photo (MPO: a large preview, the
# other eye of a stereo pair); only the main one is kept, and only a few are walked.
MAX_PICTURES = 4
# Re-encoding a camera's JPEG (quality 92-95) at 90 keeps what the eye sees.
JPEG_QUALITY = 90

# Pillow's own guard, for any image opened anywhere in the process (a library, a
# command): it warns above the upload limit and refuses twice it.
Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS

_SRGB = ImageCms.createProfile("sRGB")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# In a JPEG's entropy-coded data, 0xFF is followed by 0x00 (stuffing), a restart
# marker (0xD0-0xD7) or another 0xFF (fill); anything else is the next marker.
_JPEG_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


class _Truncated(Exception):
    """The file ends before the image does."""


class _Damaged(Exception):
    """The file's structure is not that of its format."""


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


def clean_image(file) -> CleanImage:
    """Return ``file`` re-encoded from its decoded pixels, or raise ValidationError."""
    data = _read_within_limit(file)
    image_format = _sniff(data)
    if image_format is None:
        if _looks_like_svg(data):
            raise ValidationError(
                _(
                    "SVG drawings are not accepted: they can carry scripts. Upload "
                    "the picture as a JPEG or PNG."
                ),
                code="image_svg",
            )
        raise _invalid()
    # The file's structure is walked before any parser sees it: a file cut off, or
    # carrying something after the image, is refused without decoding a pixel.
    try:
        end = _END_OF[image_format](data)
    except _Truncated as exc:
        raise _truncated() from exc
    except _Damaged as exc:
        raise _damaged() from exc
    if image_format == "WEBP" and (size := _webp_size(data)):
        _check_size(*size)  # libwebp allocates the whole canvas as the file opens
    try:
        image = Image.open(io.BytesIO(data), formats=[image_format])
    except Image.DecompressionBombError as exc:
        raise _too_many_pixels() from exc
    except Exception as exc:  # a parser's complaint about a malformed header
        raise _damaged() from exc
    with image:
        _check_size(*image.size)
        _check_pictures(image)
        if image.format == "MPO":
            try:
                end = max(end, _mpo_end(data, image))
            except _Truncated as exc:
                raise _truncated() from exc
            except _Damaged as exc:
                raise _damaged() from exc
        if end < len(data):
            raise _trailing_data()
        try:
            image.load()
        except Exception as exc:
            raise _damaged() from exc
        return _reencode(image, lossless=_is_lossless(data, image.format))


def _sniff(data: bytes) -> str | None:
    """Return the accepted format that ``data`` starts like, or None.

    Pillow then parses it as that format only: an upload never reaches the parsers
    of EPS, PSD, TIFF or the dozens of other formats Pillow knows.
    """
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(_PNG_SIGNATURE):
        return "PNG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


# --- Limits ------------------------------------------------------------------


def _read_within_limit(file) -> bytes:
    """Return the bytes of ``file`` (from its start), refusing more than the limit."""
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    size = getattr(file, "size", None)
    if size is None or size <= limit:
        position = file.tell() if hasattr(file, "tell") else None
        if hasattr(file, "seek"):
            file.seek(0)
        try:
            data = file.read(limit + 1)
        finally:
            if position is not None:
                file.seek(position)
        size = len(data)
    if size > limit:
        raise ValidationError(
            _("The image is too large (%(size)s); the limit is %(limit)s."),
            code="image_too_large",
            params={
                "size": persian_digits(filesizeformat(size)),
                "limit": persian_digits(filesizeformat(limit)),
            },
        )
    return data


def _check_size(width: int, height: int) -> None:
    """Refuse an image whose header declares too many pixels or too long a side."""
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise _too_many_pixels(width, height)
    if max(width, height) > settings.MAX_IMAGE_SIDE:
        raise ValidationError(
            _(
                "One side of the image is too long (%(w)s × %(h)s pixels); no side "
                "may be longer than %(limit)s pixels."
            ),
            code="image_side_too_long",
            params={
                "w": persian_digits(width),
                "h": persian_digits(height),
                "limit": persian_digits(settings.MAX_IMAGE_SIDE),
            },
        )


def _check_pictures(image: Image.Image) -> None:
    """Refuse animations, and a camera file carrying more than a few pictures."""
    if image.format == "MPO":
        if image.n_frames > MAX_PICTURES:
            raise ValidationError(
                _(
                    "This file holds %(count)s pictures; a photo may carry at most "
                    "%(limit)s (the photo and its previews)."
                ),
                code="image_too_many_pictures",
                params={
                    "count": persian_digits(image.n_frames),
                    "limit": persian_digits(MAX_PICTURES),
                },
            )
    elif getattr(image, "is_animated", False):
        # A story's photo is a still: stored as its first frame, an animation would
        # be published as something the editor did not see.
        raise ValidationError(
            _(
                "Animated images are not accepted. Upload a still photo (JPEG, PNG, "
                "GIF or WebP)."
            ),
            code="image_animated",
        )


def _too_many_pixels(width: int | None = None, height: int | None = None):
    megapixels = f"{settings.MAX_IMAGE_PIXELS / 1_000_000:g}".replace(".", "٫")
    limit = persian_digits(megapixels)
    if width is None:
        return ValidationError(
            _("The image has too many pixels; the limit is %(limit)s megapixels."),
            code="image_too_many_pixels",
            params={"limit": limit},
        )
    return ValidationError(
        _(
            "The image is too large (%(w)s × %(h)s pixels); the limit is %(limit)s "
            "megapixels."
        ),
        code="image_too_many_pixels",
        params={
            "w": persian_digits(width),
            "h": persian_digits(height),
            "limit": limit,
        },
    )


def _invalid():
    return ValidationError(
        _("The file is not a valid image. Upload a JPEG, PNG, GIF or WebP photo."),
        code="invalid_image",
    )


def _damaged():
    return ValidationError(
        _(
            "The image is damaged and its pixels cannot be read. Upload the original "
            "file again."
        ),
        code="image_damaged",
    )


def _truncated():
    return ValidationError(
        _(
            "The image is incomplete: the file ends before the picture does (it may "
            "have been cut off while copying). Upload the original file again."
        ),
        code="image_truncated",
    )


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) and b"<svg" in head


# --- Where the image ends ----------------------------------------------------


def _trailing_data():
    return ValidationError(
        _(
            "The file carries other data after the end of the image (for example "
            "the short video some phones add to a photo, or another file joined "
            "to it). Save the photo again as a plain JPEG or PNG and upload that."
        ),
        code="image_trailing_data",
    )


def _jpeg_segments(data: bytes, start: int):
    """Yield (marker, payload start, payload end) of the JPEG at ``start``, to EOI."""
    if data[start : start + 2] != b"\xff\xd8":
        raise _Damaged
    pos = start + 2
    while True:
        pos = data.find(b"\xff", pos)  # skipping stray bytes, as libjpeg does
        if pos < 0:
            raise _Truncated
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            raise _Truncated
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            yield marker, pos, pos
            return
        if marker == 0x00 or marker == 0x01 or 0xD0 <= marker <= 0xD8:
            continue  # no length follows these
        if pos + 2 > len(data):
            raise _Truncated
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            raise _Damaged
        end = pos + length
        if end > len(data):
            raise _Truncated
        yield marker, pos + 2, end
        pos = end
        if marker == 0xDA:  # SOS: entropy-coded data runs to the next marker
            found = _JPEG_MARKER.search(data, pos)
            if found is None:
                raise _Truncated
            pos = found.start()


def _jpeg_end(data: bytes, start: int = 0) -> int:
    """Return the offset just past the EOI of the JPEG starting at ``start``."""
    for marker, _begin, end in _jpeg_segments(data, start):
        if marker == 0xD9:
            return end
    raise _Truncated  # pragma: no cover - the generator returns only after EOI


def _mpo_end(data: bytes, image: Image.Image) -> int:
    """Return where the last of a camera file's declared pictures ends."""
    header = next(
        (
            begin + 4
            for marker, begin, end in _jpeg_segments(data, 0)
            if marker == 0xE2 and data[begin : begin + 4] == b"MPF\x00"
        ),
        None,
    )
    if header is None:
        raise _Damaged
    end = 0
    for entry in image.mpinfo[0xB002][1:]:
        offset = header + entry["DataOffset"]
        end = max(end, _jpeg_end(data, offset))
    return end


def _png_end(data: bytes) -> int:
    """Return the offset just past the PNG's IEND chunk."""
    pos = len(_PNG_SIGNATURE)
    while True:
        if pos + 8 > len(data):
            raise _Truncated
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        pos += 12 + length  # length, type, data, CRC
        if pos > len(data):
            raise _Truncated
        if kind == b"IEND":
            return pos


def _gif_end(data: bytes) -> int:
    """Return the offset just past the GIF's trailer (0x3B)."""
    if len(data) < 13:
        raise _Truncated
    pos = 13 + _gif_colour_table(data[10])
    while True:
        if pos >= len(data):
            raise _Truncated
        block = data[pos]
        if block == 0x3B:  # trailer
            return pos + 1
        if block == 0x21:  # extension: label, then sub-blocks
            pos = _gif_sub_blocks(data, pos + 2)
        elif block == 0x2C:  # image descriptor, colour table, LZW size, sub-blocks
            if pos + 10 > len(data):
                raise _Truncated
            pos += 10 + _gif_colour_table(data[pos + 9]) + 1
            pos = _gif_sub_blocks(data, pos)
        else:
            raise _Damaged


def _gif_colour_table(flags: int) -> int:
    return 3 * 2 ** ((flags & 0x07) + 1) if flags & 0x80 else 0


def _gif_sub_blocks(data: bytes, pos: int) -> int:
    while True:
        if pos >= len(data):
            raise _Truncated
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def _webp_end(data: bytes) -> int:
    """Return the end of the WebP's RIFF container, as its header declares it."""
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data):
        raise _Truncated
    return end


def _webp_size(data: bytes) -> tuple[int, int] | None:
    """Return the canvas size a WebP file's first chunk declares, or None."""
    kind = data[12:16]
    if kind == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        return width, int.from_bytes(data[27:30], "little") + 1
    return None


def _is_lossless(data: bytes, image_format: str) -> bool:
    """Return whether the source kept every pixel exactly (PNG, GIF, WebP VP8L)."""
    if image_format in ("PNG", "GIF"):
        return True
    if image_format != "WEBP":
        return False
    pos = 12
    while pos + 8 <= len(data):
        kind = data[pos : pos + 4]
        if kind in (b"VP8 ", b"VP8L"):
            return kind == b"VP8L"
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        pos += 8 + size + (size & 1)
    return False


_END_OF = {"JPEG": _jpeg_end, "PNG": _png_end, "GIF": _gif_end, "WEBP": _webp_end}


# --- Re-encoding -------------------------------------------------------------


def _reencode(image: Image.Image, *, lossless: bool) -> CleanImage:
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
