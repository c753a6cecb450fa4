import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from persian.images import clean_image
from photos.services import photo_create


def upload(image: Image.Image, name: str = "photo.jpg") -> SimpleUploadedFile:
    """An uploaded JPEG of ``image``."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def marked(size=(1600, 900), box=(1400, 400, 1500, 500)) -> Image.Image:
    """A grey picture with one red square at ``box``."""
    image = Image.new("RGB", size, (128, 128, 128))
    image.paste((220, 0, 0), box)
    return image


@pytest.fixture
def make_photo(db):
    def make(size=(2000, 1200), image=None, **fields):
        picture = image or Image.new("RGB", size, "teal")
        return photo_create(image=clean_image(upload(picture)), **fields)

    return make
