"""The editor's «عکس از آرشیو»: a staff-only page of the library to pick from."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from persian.html import sanitize_html
from photos.picker import PER_PAGE
from tests.factories import TopicFactory, UserFactory, library_photo
from tests.test_security_headers import INLINE_HANDLER, INLINE_SCRIPT, INLINE_STYLE

pytestmark = pytest.mark.django_db

PICKER = reverse("admin:photos_photo_picker")


def captions(html: str) -> list[str]:
    return re.findall(r'<span class="photo-picker-caption">([^<]*)</span>', html)


def figures(html: str) -> list[str]:
    return re.findall(r'<template class="photo-picker-figure">(.*?)</template>', html)


def picker(client, **params) -> str:
    response = client.get(PICKER, params)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(PICKER)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_staff_without_the_library_are_refused(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(PICKER).status_code == 403


def test_staff_who_may_see_the_library_can_pick(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_photo"))
    library_photo(caption_fa="عکس آرشیو")
    client.force_login(user)
    assert captions(picker(client)) == ["عکس آرشیو"]


def test_each_photo_comes_with_its_320_thumbnail_and_the_figure_to_place(
    admin_client,
):
    photo = library_photo(size=(1280, 720), caption_fa="پل آجی‌چای", caption_en="Bridge")
    html = picker(admin_client)
    thumb = re.search(
        r'<button type="button" class="photo-picker-choose".*?<img [^>]*>', html, re.S
    )[0]
    assert f'data-photo="{photo.pk}"' in thumb
    assert f'src="{photo.thumbnail.file.url}"' in thumb
    assert 'width="320" height="180"' in thumb
    [figure] = figures(html)
    image = photo.body_image()
    assert figure == (
        f'<figure class="photo" data-photo="{photo.pk}"><img src="{image.file.url}"'
        f' alt="پل آجی‌چای" width="640" height="360">'
        "<figcaption>پل آجی‌چای</figcaption></figure>"
    )
    # Exactly what the body keeps when the article is saved.
    assert sanitize_html(figure) == figure


def test_the_english_body_gets_the_english_caption(admin_client):
    library_photo(caption_fa="پل", caption_en="The bridge")
    [figure] = figures(picker(admin_client, language="en"))
    assert "<figcaption>The bridge</figcaption>" in figure and "پل" not in figure
    library_photo(caption_fa="فقط فارسی")
    figure = figures(picker(admin_client, language="en"))[0]
    assert "<figcaption>" not in figure and 'alt=""' in figure


@pytest.mark.parametrize(
    "query",
    [
        "دیدار استاندار",
        "ديدار استاندار",  # Arabic yeh
        "تبریز",  # the place
        "رضایی",  # the photographer
        "می‌گوید",  # half-space
        "می گوید",  # a space instead
        "میگوید",  # glued
        "گردشگری",  # a keyword (topic)
    ],
)
def test_search_finds_persian_whatever_the_yeh_kaf_or_half_space(admin_client, query):
    photo = library_photo(
        caption_fa="دیدار استاندار با سفیر؛ سفیر می‌گوید",
        place_fa="تبریز",
        photographer="علی رضایی",
    )
    photo.topics.add(TopicFactory(name_fa="گردشگری"))
    library_photo(caption_fa="مسابقه فوتبال", place_fa="اردبیل", photographer="سارا")
    assert captions(picker(admin_client, q=query)) == [
        "دیدار استاندار با سفیر؛ سفیر می‌گوید"
    ]


def test_a_search_that_finds_nothing_says_so(admin_client):
    library_photo(caption_fa="پل")
    html = picker(admin_client, q="زلزله")
    assert captions(html) == []
    assert "هیچ عکسی در آرشیو با این جست‌وجو پیدا نشد." in html


def test_the_library_is_paged_newest_first(admin_client):
    for n in range(PER_PAGE + 1):
        library_photo(size=(64, 48), caption_fa=f"عکس {n}")
    first = picker(admin_client)
    assert len(captions(first)) == PER_PAGE
    assert captions(first)[0] == f"عکس {PER_PAGE}"
    assert 'rel="prev"' not in first
    next_url = re.search(
        r'<a href="([^"]+)" class="photo-picker-page" rel="next">', first
    )[1]
    second = admin_client.get(next_url.replace("&amp;", "&")).content.decode()
    assert captions(second) == ["عکس 0"]
    assert 'rel="next"' not in second and 'rel="prev"' in second
    assert captions(picker(admin_client, page="۲")) == ["عکس 0"]  # Persian digits
    for garbage in ("abc", "-4", "0", "۲x"):
        assert captions(picker(admin_client, page=garbage)) == captions(first)
    assert captions(picker(admin_client, page="9" * 30)) == []  # far past the end


def test_a_page_costs_the_same_queries_for_one_photo_or_twelve(admin_client):
    library_photo(size=(64, 48))
    picker(admin_client)
    with CaptureQueriesContext(connection) as one:
        picker(admin_client)
    few = len(one.captured_queries)
    for _ in range(PER_PAGE):
        library_photo(size=(64, 48))
    with CaptureQueriesContext(connection) as many:
        picker(admin_client)
    assert len(many.captured_queries) == few


def test_the_picker_has_no_inline_script_or_style(admin_client):
    library_photo(caption_fa="عکس")
    html = picker(admin_client, q='"><script>alert(1)</script>')
    for pattern in (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE):
        assert not re.search(pattern, html)
    assert "<script>alert" not in html
