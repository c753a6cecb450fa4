import datetime

import pytest
from django.template import engines
from django.utils import timezone

from persian.jalali import (
    day_key,
    format_date,
    format_datetime,
    format_month,
    month_weeks,
    parse_date,
)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1405/09/03", datetime.date(2026, 11, 24)),
        ("۱۴۰۵/۰۹/۰۳", datetime.date(2026, 11, 24)),
        ("1400/07/25", datetime.date(2021, 10, 17)),
        ("2026-11-24", datetime.date(2026, 11, 24)),
        ("1403/12/30", datetime.date(2025, 3, 20)),
    ],
)
def test_parse_date_reads_jalali_and_iso(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "1405/13/01", "1404/12/30", "1405/09/²", "abc", "\x00", "9" * 10000, "1/2"],
)
def test_parse_date_returns_none_for_anything_else(text):
    assert parse_date(text) is None


def test_format_date_writes_persian_month_and_digits():
    assert format_date(datetime.date(2026, 11, 24)) == "۳ آذر ۱۴۰۵"


def test_day_key_is_eight_jalali_digits():
    assert day_key(datetime.datetime(2026, 11, 24, 12, 0)) == "14050903"


def test_a_months_weeks_start_on_saturday_and_hold_every_day():
    weeks = month_weeks(1405, 9)  # 1 Azar 1405 is Sunday, 22 November 2026
    assert weeks[0][:2] == [None, datetime.date(2026, 11, 22)]
    assert all(len(week) == 7 for week in weeks)
    assert sum(1 for week in weeks for day in week if day) == 30
    assert [d for w in month_weeks(1403, 12) for d in w if d][-1] == datetime.date(
        2025, 3, 20
    )  # Esfand of a leap year has 30 days
    assert len([d for w in month_weeks(1404, 12) for d in w if d]) == 29


def test_a_month_is_named_in_persian_or_english():
    assert format_month(1405, 9) == "آذر ۱۴۰۵"
    assert format_month(1405, 9, lang="en") == "Azar 1405"


@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2026, 3, 20, 20, 30, tzinfo=datetime.UTC),  # Nowruz, Tehran
        datetime.datetime(2026, 12, 1, 10, 2, 26, 969760, tzinfo=datetime.UTC),
        None,
    ],
)
def test_iso_times_are_those_djangos_date_filter_writes(value):
    template = engines["django"].from_string(
        "{% load persian %}{{ value|date:'c' }}|{{ value|iso }}"
    )

    django_time, kept_time = template.render({"value": value}).split("|")

    assert kept_time == django_time


def test_a_kept_time_follows_the_active_time_zone():
    moment = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)
    template = engines["django"].from_string("{% load persian %}{{ value|iso }}")

    tehran = template.render({"value": moment})
    with timezone.override("UTC"):
        utc = template.render({"value": moment})

    assert tehran == "2026-12-01T13:30:00+03:30"
    assert utc == "2026-12-01T10:00:00+00:00"


def test_a_kept_jalali_time_follows_the_active_time_zone():
    moment = datetime.datetime(2026, 12, 1, 22, 0, tzinfo=datetime.UTC)

    tehran = format_datetime(moment)
    with timezone.override("UTC"):
        utc = format_datetime(moment)

    assert tehran == "۱۱ آذر ۱۴۰۵، ۰۱:۳۰"  # past midnight in Tehran: the next day
    assert utc == "۱۰ آذر ۱۴۰۵، ۲۲:۰۰"
