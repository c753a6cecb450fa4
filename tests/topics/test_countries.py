import re

import pytest

from topics.models import Country, Service

pytestmark = pytest.mark.django_db
PERSIAN = re.compile("[\u0600-\u06ff]")


def test_all_iso_countries_are_loaded_with_persian_and_english_names():
    countries = list(Country.objects.all())
    assert len(countries) == 249
    assert len({c.code for c in countries}) == 249
    for country in countries:
        assert PERSIAN.search(country.name_fa), country.code
        assert country.name_en and not PERSIAN.search(country.name_en), country.code


def test_countries_use_the_names_persian_copy_uses():
    names = dict(Country.objects.values_list("code", "name_fa"))
    assert names["IR"] == "ایران"
    assert names["KZ"] == "قزاقستان"
    assert names["TR"] == "ترکیه"
    assert names["AZ"] == "جمهوری آذربایجان"


def test_the_province_name_alone_is_never_a_name_of_a_country():
    for country in Country.objects.all():
        assert "آذربایجان" not in country.other_names.splitlines()


def test_the_seven_desks_exist():
    assert list(Service.objects.values_list("slug", flat=True)) == [
        "political",
        "economic",
        "social",
        "cultural",
        "sports",
        "international",
        "provinces",
    ]
