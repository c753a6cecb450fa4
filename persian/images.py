"""Uploaded images: decoded within limits, refused with a reason, stored re-encoded.

Only pixels ever reach storage. An upload is refused before any pixel is decoded
when its bytes, pixel count or sides exceed the limits (read from its header), when
it is animated, or when its file does not end exactly where the image ends (cut off,
or carrying something after it: HTML appended to a GIF is refused, never stored).
What passes is fully decoded and encoded afresh from its pixels, upright (its EXIF
orientation applied), in sRGB, with no metadata at all, under a name made from its
content: photos as JPEG, lossless images and anything transparent as PNG.

Each format's structure is walked in ``persian/image_formats.py``, the pixels are
encoded afresh in ``persian/image_encoding.py``; the limits and refusals are here.
"""

import io
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from persian.image_encoding import CleanImage, reencode
from persian.image_formats import (
    Damaged,
    Truncated,
    image_end,
    is_lossless,
    looks_like_svg,
    mpo_end,
    sniff,
    webp_size,
)
from persian.text import persian_digits

ACCEPTED_CONTENT_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
# A camera's JPEG may carry more pictures than the photo (MPO: a large preview, the
# other eye of a stereo pair); only the main one is kept, and only a few are walked.
MAX_PICTURES = 4

# Pillow's own guard, for any image opened anywhere in the process (a library, a
# command): it warns above the upload limit and refuses twice it.
Image.MAX_IMAGE_PIXELS = settings.MAX_IMAGE_PIXELS


def clean_image(file) -> CleanImage:
    """Return ``file`` re-encoded from its decoded pixels, or raise ValidationError."""
    data = _read_within_limit(file)
    image_format = sniff(data)
    if image_format is None:
        if looks_like_svg(data):
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
    with _structure_refused():
        end = image_end(data, image_format)
    if image_format == "WEBP" and (size := webp_size(data)):
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
            with _structure_refused():
                end = max(end, mpo_end(data, image))
        if end < len(data):
            raise _trailing_data()
        try:
            image.load()
        except Exception as exc:
            raise _damaged() from exc
        return reencode(image, lossless=is_lossless(data, image.format))


@contextmanager
def _structure_refused():
    """Turn a file cut off, or not structured as its format, into its refusal."""
    try:
        yield
    except Truncated as exc:
        raise _truncated() from exc
    except Damaged as exc:
        raise _damaged() from exc


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


def _trailing_data():
    return ValidationError(
        _(
            "The file carries other data after the end of the image (for example "
            "the short video some phones add to a photo, or another file joined "
            "to it). Save the photo again as a plain JPEG or PNG and upload that."
        ),
        code="image_trailing_data",
    )
