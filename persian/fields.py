"""The image field of articles and officials: only re-encoded images are stored."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from persian.images import ACCEPTED_CONTENT_TYPES, CleanImage, clean_image
from persian.validators import validate_image_upload

IMAGE_HELP_TEXT = _(
    "A still photo in JPEG, PNG, GIF or WebP. It is stored re-encoded, turned upright, "
    "without its metadata (camera, place, date)."
)


class ImageUploadField(forms.ImageField):
    """An image upload: refused with the reason, or re-encoded by ``clean_image``."""

    def to_python(self, data):
        # FileField's checks (a name, not empty), then ours instead of ImageField's.
        file = forms.FileField.to_python(self, data)
        if file is None:
            return None
        return clean_image(file)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if "accept" in attrs:
            attrs["accept"] = ",".join(ACCEPTED_CONTENT_TYPES)
        return attrs


class CleanImageField(models.ImageField):
    """An image field that stores only what ``clean_image`` made of the upload.

    Its form field refuses a bad upload with the reason and hands over the image
    re-encoded under a generated name; an upload assigned in code is re-encoded here
    on save (refused with a ValidationError), so no path stores the client's bytes or
    its file name.
    """

    default_validators = [validate_image_upload]

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        if file and not file._committed and not isinstance(file.file, CleanImage):
            file.file = clean_image(file.file)
            file.name = file.file.name
        return super().pre_save(model_instance, add)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadField, **kwargs})
