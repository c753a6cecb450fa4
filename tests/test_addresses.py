"""Kept addresses (persian.addresses) are those Django makes, in each language."""

from django.test import override_settings
from django.urls import reverse as django_reverse
from django.utils import translation

from persian import addresses


def test_an_address_is_kept_apart_for_each_language():
    with translation.override("fa"):
        persian = addresses.reverse("topics:service", slug="economic")
    with translation.override("en"):
        english = addresses.reverse("topics:service", slug="economic")

    assert persian == "/service/economic/"
    assert english == "/en/service/economic/"


def test_a_kept_address_is_what_django_reverses(settings):
    with translation.override("en"):
        assert addresses.reverse(
            "articles:detail", code=14050910004, slug="باران"
        ) == django_reverse(
            "articles:detail", kwargs={"code": 14050910004, "slug": "باران"}
        )
        assert addresses.reverse("articles:feed") == django_reverse("articles:feed")


def test_another_url_configuration_forgets_the_kept_addresses():
    with translation.override("fa"):
        addresses.reverse("articles:home")
        with override_settings(ROOT_URLCONF="tests.urls_elsewhere"):
            assert addresses.reverse("articles:home") == "/elsewhere/"
        assert addresses.reverse("articles:home") == "/"
