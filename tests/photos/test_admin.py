"""The photo library's admin: one upload, several at once, the focal point click."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from PIL import Image

from photos.models import Photo
from tests.factories import OfficialFactory, TopicFactory, UserFactory, country
from tests.photos.conftest import marked, upload
from tests.test_security_headers import INLINE_HANDLER, INLINE_SCRIPT, INLINE_STYLE

pytestmark = pytest.mark.django_db

ADD = reverse("admin:photos_photo_add")
LIST = reverse("admin:photos_photo_changelist")
UPLOAD = reverse("admin:photos_photo_upload")


def form_data(**values):
    data = {
        "caption_fa": "",
        "caption_en": "",
        "photographer": "",
        "credit": "",
        "taken_on": "",
        "place_fa": "",
        "place_en": "",
        "focal_x": "0.5",
        "focal_y": "0.5",
    }
    return {**data, **values}


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_uploading_one_photo_stores_it_with_its_tags_and_renditions(admin_client):
    topic, official = TopicFactory(), OfficialFactory()
    response = admin_client.post(
        ADD,
        form_data(
            image=upload(Image.new("RGB", (1300, 900), "teal")),
            caption_fa="دیدار استاندار با سفیر قزاقستان",
            photographer="علی رضایی",
            credit="خبرگزاری",
            taken_on="۱۴۰۵/۰۹/۰۳",
            place_fa="تبریز",
            topics=[topic.pk],
            officials=[official.pk],
            countries=[country("KZ").pk],
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = Photo.objects.get()
    assert photo.taken_on.isoformat() == "2026-11-24"
    assert list(photo.topics.all()) == [topic]
    assert list(photo.officials.all()) == [official]
    assert photo.countries.get().code == "KZ"
    assert photo.image.name.startswith("photos/")
    assert photo.renditions.filter(ratio="16:9", format="webp").count() == 3


def test_a_refused_upload_says_why_in_persian(admin_client):
    bad = SimpleUploadedFile("x.jpg", b"<html>not a photo</html>", "image/jpeg")
    response = admin_client.post(ADD, form_data(image=bad, caption_fa="عکس"))
    assert response.status_code == 200
    assert "فایل تصویر معتبری نیست" in response.content.decode()
    assert not Photo.objects.exists()


def test_several_photos_at_once_keep_the_good_ones_and_name_the_bad_one(
    admin_client,
):
    files = [
        upload(Image.new("RGB", (800, 600), "teal"), "first.jpg"),
        SimpleUploadedFile("broken.jpg", b"\xff\xd8\xff\xe0 cut", "image/jpeg"),
        upload(Image.new("RGB", (600, 800), "orange"), "second.jpg"),
    ]
    response = admin_client.post(
        UPLOAD,
        {"images": files, "photographer": "علي", "taken_on": "1405/09/03"},
    )
    assert response.status_code == 302
    assert response["Location"] == LIST
    photos = Photo.objects.all()
    assert photos.count() == 2
    # Typed with an Arabic yeh, stored with the Persian one.
    assert {photo.photographer for photo in photos} == {"علی"}
    assert all(photo.renditions.exists() for photo in photos)
    said = messages_of(response)
    refused = [text for text in said if "broken.jpg" in text]
    assert len(refused) == 1
    assert "اضافه نشد" in refused[0]
    assert "ناقص" in refused[0]  # the reason, from the image checks
    assert any("۲ عکس" in text for text in said)


def test_uploading_several_with_no_file_asks_for_one(admin_client):
    response = admin_client.post(UPLOAD, {"photographer": "علی"})
    assert response.status_code == 200
    assert "این فیلد لازم است" in response.content.decode()


def test_the_upload_page_takes_several_files(admin_client):
    html = admin_client.get(UPLOAD).content.decode()
    assert 'type="file"' in html and "multiple" in html
    assert 'enctype="multipart/form-data"' in html


def test_moving_the_focal_point_in_the_form_makes_the_crops_again(
    admin_client, make_photo, django_capture_on_commit_callbacks
):
    photo = make_photo(image=marked())
    before = set(photo.renditions.values_list("file", flat=True))
    change = reverse("admin:photos_photo_change", args=[photo.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            change, form_data(focal_x="0.906", focal_y="0.5", caption_fa="سرخ")
        )
    assert response.status_code == 302
    photo.refresh_from_db()
    assert (photo.focal_x, photo.focal_y) == (0.906, 0.5)
    assert set(photo.renditions.values_list("file", flat=True)) != before


def test_the_list_shows_thumbnails_and_searches_and_filters(admin_client, make_photo):
    make_photo(size=(900, 600), caption_fa="پل تاریخی", photographer="مینا")
    make_photo(size=(600, 600), caption_fa="بازار تبریز", place_fa="تبریز")
    html = admin_client.get(LIST).content.decode()
    assert html.count('class="photo-thumbnail"') == 2
    assert "بازار تبریز" in admin_client.get(LIST, {"q": "تبریز"}).content.decode()
    found = admin_client.get(LIST, {"q": "مینا"}).content.decode()
    assert "پل تاریخی" in found and "بازار تبریز" not in found
    filtered = admin_client.get(LIST, {"photographer": "مینا"}).content.decode()
    assert "پل تاریخی" in filtered and "بازار تبریز" not in filtered


def test_the_list_costs_the_same_queries_for_more_photos(
    admin_client, make_photo, django_assert_max_num_queries
):
    for _ in range(3):
        make_photo(size=(400, 300))
    admin_client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        admin_client.get(LIST)
    for _ in range(3):
        make_photo(size=(400, 300))
    with django_assert_max_num_queries(len(few)):
        admin_client.get(LIST)


def test_the_change_form_offers_the_focal_point_picker(admin_client, make_photo):
    photo = make_photo(size=(900, 600))
    html = admin_client.get(
        reverse("admin:photos_photo_change", args=[photo.pk])
    ).content.decode()
    assert 'class="focal-picker"' in html
    assert "js/focal-point.js" in html
    assert 'class="focal-x"' in html and 'class="focal-y"' in html


def test_photo_admin_pages_carry_no_inline_script_or_style(admin_client, make_photo):
    photo = make_photo(size=(900, 600))
    for url in [
        LIST,
        ADD,
        UPLOAD,
        reverse("admin:photos_photo_change", args=[photo.pk]),
    ]:
        with translation.override("fa"):
            response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html))
        assert not INLINE_HANDLER.search(html), (url, INLINE_HANDLER.search(html))
        assert not INLINE_STYLE.search(html), (url, INLINE_STYLE.search(html))


def test_a_reporter_without_the_right_to_add_photos_cannot_upload(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(UPLOAD).status_code == 403
