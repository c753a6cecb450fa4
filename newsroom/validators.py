"""Validators shared by the apps' models."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image

from newsroom.text import persian_digits


def validate_image_upload(file) -> None:
    """Refuse new uploads that are too large or that Pillow cannot open as an image."""
    if getattr(file, "_committed", False):
        # Already stored: it was checked on upload, and re-reading it on every save
        # would block editing an article whose photo went missing from storage.
        return
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The image is too large (%(size)s); the limit is %(limit)s."),
            code="image_too_large",
            params={
                "size": persian_digits(filesizeformat(file.size)),
                "limit": persian_digits(filesizeformat(limit)),
            },
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        with Image.open(file) as image:
            width, height = image.size
            if width * height > settings.MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image is too large (%(w)s × %(h)s pixels)."),
                    code="image_too_many_pixels",
                    params={"w": persian_digits(width), "h": persian_digits(height)},
                )
            image.verify()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            _("The image is too large (too many pixels)."), code="image_too_many_pixels"
        ) from exc
    except Exception as exc:
        raise ValidationError(
            _("The file is not a valid image. Upload a JPEG, PNG or WebP photo."),
            code="invalid_image",
        ) from exc
    finally:
        if position is not None:
            file.seek(position)
