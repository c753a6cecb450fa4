"""Uploaded images: each refusal with its reason, and what is stored instead."""

import contextlib
import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageCms, ImageFile, PngImagePlugin

from persian.images import clean_image
from photos.models import Photo
from tests.factories import image_bytes

ATTACK_HTML = b"<html><script>alert(document.cookie)</script></html>"


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def refusal(data: bytes) -> str:
    """Return the code of the error ``clean_image`` refuses ``data`` with."""
    with pytest.raises(ValidationError) as refused:
        clean_image(upload(data))
    return refused.value.code


def stored(data: bytes) -> Image.Image:
    """Return what ``clean_image`` would store for ``data``, opened."""
    return Image.open(io.BytesIO(clean_image(upload(data)).read()))


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png_declaring(width: int, height: int) -> bytes:
    """A valid-looking PNG of a few bytes whose header declares ``width × height``."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def frames(count: int, size=(16, 16)) -> list[Image.Image]:
    colours = [((i * 37) % 256, (i * 91) % 256, (i * 151) % 256) for i in range(count)]
    return [Image.new("RGB", size, colour) for colour in colours]


def animation(image_format: str, count: int) -> bytes:
    first, *rest = frames(count)
    buffer = io.BytesIO()
    first.save(buffer, image_format, save_all=True, append_images=rest)
    return buffer.getvalue()


@contextlib.contextmanager
def no_decoding():
    """Fail the test if any pixel is decoded inside the block."""

    def load(self):
        raise AssertionError("pixels were decoded")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ImageFile.ImageFile, "load", load)
        yield


# --- Refused -----------------------------------------------------------------


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "GIF", "WEBP"])
def test_truncated_image_is_refused(image_format):
    data = image_bytes(image_format, (200, 150))
    assert refusal(data[: len(data) // 2]) == "image_truncated"


def test_jpeg_missing_only_its_end_marker_is_refused():
    assert refusal(image_bytes("JPEG")[:-2]) == "image_truncated"


@pytest.mark.parametrize("image_format", ["GIF", "JPEG", "PNG", "WEBP"])
def test_html_after_the_end_of_the_image_is_refused(image_format):
    assert refusal(image_bytes(image_format) + ATTACK_HTML) == "image_trailing_data"


def test_a_second_image_after_the_first_is_refused():
    assert refusal(image_bytes("JPEG") + image_bytes("JPEG")) == "image_trailing_data"


def test_html_after_a_camera_files_last_picture_is_refused():
    photo = Image.new("RGB", (64, 48), "teal")
    buffer = io.BytesIO()
    photo.save(buffer, "MPO", save_all=True, append_images=[photo.resize((16, 12))])
    assert refusal(buffer.getvalue() + ATTACK_HTML) == "image_trailing_data"


def test_many_pixels_in_few_bytes_are_refused_before_decoding():
    # The attack: 6300 × 6300 pixels in a PNG of a few tens of kilobytes.
    data = image_bytes("PNG", (6300, 6300), mode="1")
    assert len(data) < 64 * 1024
    with no_decoding(), pytest.warns(Image.DecompressionBombWarning):
        assert refusal(data) == "image_too_many_pixels"


def test_a_decompression_bomb_is_refused_before_decoding():
    data = png_declaring(100_000, 100_000)
    with no_decoding():
        assert refusal(data) == "image_too_many_pixels"


def test_pixel_limit_is_a_setting(settings):
    settings.MAX_IMAGE_PIXELS = 64 * 48 - 1
    assert refusal(image_bytes("JPEG", (64, 48))) == "image_too_many_pixels"


def test_too_long_a_side_is_refused():
    data = image_bytes("PNG", (12_000, 10), mode="L")
    with no_decoding():
        assert refusal(data) == "image_side_too_long"


def test_too_many_bytes_are_refused_before_reading_them(settings):
    data = image_bytes("PNG", (64, 48))
    settings.MAX_IMAGE_UPLOAD_BYTES = len(data) - 1
    assert refusal(data) == "image_too_large"


@pytest.mark.parametrize("image_format", ["GIF", "PNG", "WEBP"])
def test_animated_image_is_refused(image_format):
    data = animation(image_format, 3)
    with no_decoding():
        assert refusal(data) == "image_animated"


def test_two_hundred_frame_gif_is_refused():
    data = animation("GIF", 200)
    with no_decoding():
        assert refusal(data) == "image_animated"


def test_camera_file_with_too_many_pictures_is_refused():
    first, *rest = frames(6, size=(32, 24))
    buffer = io.BytesIO()
    first.save(buffer, "MPO", save_all=True, append_images=rest)
    with no_decoding():
        assert refusal(buffer.getvalue()) == "image_too_many_pictures"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body>not an image</body></html>",
        b"%PDF-1.4 not an image",
        b"",
        image_bytes("TIFF"),
        image_bytes("BMP"),
        image_bytes("ICO"),
    ],
    ids=["html", "pdf", "empty", "tiff", "bmp", "ico"],
)
def test_what_is_not_an_accepted_image_is_refused(data):
    assert refusal(data) == "invalid_image"


@pytest.mark.parametrize("prolog", [b"", b'<?xml version="1.0"?>\n', b"\xef\xbb\xbf"])
def test_svg_with_a_script_is_refused(prolog):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )
    assert refusal(prolog + svg) == "image_svg"


def test_image_whose_pixels_cannot_be_decoded_is_refused():
    data = bytearray(image_bytes("PNG", (64, 48)))
    start = data.index(b"IDAT") + 4
    data[start : start + 20] = b"\xaa" * 20  # same length, broken compressed data
    assert refusal(bytes(data)) == "image_damaged"


# --- Stored re-encoded -------------------------------------------------------


def exif_photo(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {2: (38.0, 4.0, 48.0)}  # GPS latitude: where it was taken
    return image_bytes("JPEG", (64, 48), exif=exif.tobytes(), comment=ATTACK_HTML)


def test_stored_photo_is_upright_and_carries_no_metadata():
    picture = stored(exif_photo(orientation=6))
    # Orientation 6: the camera was turned; shown upright, the left half is on top.
    assert picture.size == (48, 64)
    top, bottom = picture.getpixel((24, 4)), picture.getpixel((24, 60))
    assert top[1] > 100 and top[2] > 100  # teal
    assert bottom[0] > 200 and bottom[2] < 80  # orange
    assert len(picture.getexif()) == 0
    assert not {"exif", "comment", "icc_profile", "xmp", "dpi"} & set(picture.info)


def test_stored_bytes_hold_nothing_of_the_uploads_metadata():
    data = clean_image(upload(exif_photo(orientation=1))).read()
    assert b"Camera maker" not in data
    assert b"<script" not in data
    assert data.endswith(b"\xff\xd9")


def test_png_text_and_colour_profile_are_left_behind():
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "<script>alert(1)</script>")
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = clean_image(
        upload(image_bytes("PNG", pnginfo=text, icc_profile=srgb, dpi=(300, 300)))
    ).read()
    assert b"script" not in data
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "PNG"
    assert picture.info == {}


def test_camera_file_is_stored_as_its_main_picture_only():
    photo = Image.new("RGB", (64, 48), "teal")
    buffer = io.BytesIO()
    photo.save(buffer, "MPO", save_all=True, append_images=[photo.resize((16, 12))])
    picture = stored(buffer.getvalue())
    assert (picture.format, picture.size) == ("JPEG", (64, 48))
    assert getattr(picture, "n_frames", 1) == 1


@pytest.mark.parametrize(
    ("image_format", "mode", "options", "stored_as"),
    [
        ("JPEG", "RGB", {}, "JPEG"),
        ("WEBP", "RGB", {}, "JPEG"),
        ("WEBP", "RGB", {"lossless": True}, "PNG"),
        ("WEBP", "RGBA", {}, "PNG"),
        ("PNG", "RGB", {}, "PNG"),
        ("PNG", "RGBA", {}, "PNG"),
        ("GIF", "RGB", {}, "PNG"),
    ],
)
def test_photos_are_stored_as_jpeg_and_lossless_or_transparent_images_as_png(
    image_format, mode, options, stored_as
):
    data = image_bytes(image_format, mode=mode, **options)
    if mode == "RGBA":  # a transparent corner
        image = Image.open(io.BytesIO(data)).convert("RGBA")
        image.putpixel((0, 0), (0, 0, 0, 0))
        buffer = io.BytesIO()
        image.save(buffer, image_format, **options)
        data = buffer.getvalue()
    clean = clean_image(upload(data))
    picture = Image.open(clean)
    assert picture.format == stored_as
    assert clean.content_type == f"image/{stored_as.lower()}"
    assert picture.size == (64, 48)
    if mode == "RGBA":
        assert picture.mode == "RGBA"
        assert picture.getpixel((0, 0))[3] == 0


def test_name_is_made_from_the_content_never_from_the_client():
    first = clean_image(upload(image_bytes("JPEG"), name="../../evil.html"))
    again = clean_image(upload(image_bytes("JPEG"), name="another name.jpg"))
    other = clean_image(upload(image_bytes("JPEG", (32, 32)), name="evil.html"))
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", first.name)
    assert first.name == again.name != other.name


# --- Every way in ------------------------------------------------------------


@pytest.mark.django_db
def test_image_assigned_in_code_is_stored_re_encoded_under_a_dated_name():
    photo = Photo(image=upload(exif_photo(orientation=6), name="../../evil.html"))
    photo.full_clean()
    photo.save()
    photo.refresh_from_db()
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)
    with photo.image.open("rb") as file:
        picture = Image.open(io.BytesIO(file.read()))
    assert picture.size == (48, 64)
    assert len(picture.getexif()) == 0


@pytest.mark.django_db
def test_image_assigned_in_code_is_refused_by_full_clean_and_by_save():
    photo = Photo(image=upload(image_bytes("GIF") + ATTACK_HTML, name="photo.gif"))
    with pytest.raises(ValidationError) as refused:
        photo.full_clean()
    assert "image" in refused.value.message_dict
    with pytest.raises(ValidationError), transaction.atomic():
        photo.save()
    assert not Photo.objects.exists()


@pytest.mark.parametrize("options", [{}, {"lossless": True}, {"exif": b"Exif\0\0"}])
def test_webp_canvas_is_checked_before_the_decoder_allocates_it(settings, options):
    settings.MAX_IMAGE_PIXELS = 100
    data = image_bytes("WEBP", (64, 48), **options)

    def not_opened(*args, **kwargs):
        raise AssertionError("the decoder was created")

    with (
        pytest.MonkeyPatch.context() as patch,
        pytest.raises(ValidationError) as refused,
    ):
        patch.setattr(Image, "open", not_opened)
        clean_image(upload(data))
    assert refused.value.code == "image_too_many_pixels"
    assert "۶۴ × ۴۸" in refused.value.messages[0]
