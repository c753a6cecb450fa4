import datetime

import pytest

from persian.jalali import day_key, format_date, format_month, month_weeks, parse_date


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
