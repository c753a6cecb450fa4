"""The body keeps the photo library's renditions and no other image."""

import pytest

from persian.html import foreign_media, is_library_image, sanitize_html

OWN = "/media/photos/renditions/3f2a9c0e1b.jpg"


def figure(number: str = "12", src: str = OWN) -> str:
    return (
        f'<figure class="photo" data-photo="{number}">'
        f'<img src="{src}" alt="پل" width="640" height="360">'
        "<figcaption>پل آجی‌چای</figcaption></figure>"
    )


def test_a_library_photo_is_kept_as_the_editor_placed_it():
    assert sanitize_html(figure()) == figure()


@pytest.mark.parametrize(
    "src",
    [
        "/media/articles/2026/01/old-upload.jpg",
        "/media/photos/2026/01/original.jpg",
        "/media/photos/renditions/../../articles/x.jpg",
        "/media/photos/renditions/sub/x.jpg",
        "/static/img/logo.png",
        "https://other.example/media/photos/renditions/3f2a9c0e1b.jpg",
        "//cdn.example/photo.jpg",
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
    ],
)
def test_any_other_image_is_dropped_and_named_for_the_editor(src):
    html = f'<p>متن<img src="{src}" alt="x"></p>'
    assert sanitize_html(html) == "<p>متن</p>"
    assert foreign_media(html) == [src]


def test_the_editor_is_told_nothing_about_a_library_photo():
    assert foreign_media(figure()) == []


def test_the_renditions_folder_follows_media_url(settings):
    settings.MEDIA_URL = "https://media.agency.example/m/"
    src = "https://media.agency.example/m/photos/renditions/3f2a9c0e1b.webp"
    assert is_library_image(src)
    assert not is_library_image(OWN)


@pytest.mark.parametrize("number", ["0", "-3", "12a", "1.5", "", "x", "1" * 19])
def test_data_photo_that_is_not_a_positive_integer_is_removed(number):
    cleaned = sanitize_html(figure(number))
    assert "data-photo" not in cleaned
    assert f'<img src="{OWN}"' in cleaned  # the image itself stays


def test_data_photo_is_kept_on_figure_only():
    html = f'<p data-photo="12">متن</p><img src="{OWN}" data-photo="12" alt="">'
    assert "data-photo" not in sanitize_html(html)


def test_figure_keeps_only_the_photo_class():
    html = '<figure class="photo wide" data-photo="7"><p class="photo">x</p></figure>'
    assert sanitize_html(html) == (
        '<figure class="photo" data-photo="7"><p>x</p></figure>'
    )
