"""A day as the header prints it: Jalali with its weekday, lunar Hijri, Gregorian."""

import datetime
import zoneinfo

import pytest

from persian.calendars import calendars, format_clock, hijri_date, next_midnight

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")


def test_a_day_in_three_calendars_in_persian_words_and_digits():
    day = calendars(datetime.date(2026, 12, 1))
    assert day.jalali == "سه‌شنبه ۱۰ آذر ۱۴۰۵"
    assert day.hijri == "۲۱ جمادی‌الثانی ۱۴۴۸"
    assert day.gregorian == "۱ دسامبر ۲۰۲۶"
    assert day.iso == "2026-12-01"
    assert day.year == "۱۴۰۵"


def test_a_day_in_three_calendars_in_english():
    day = calendars(datetime.date(2026, 12, 1), lang="en")
    assert day.jalali == "Tuesday 10 Azar 1405"
    assert day.hijri == "21 Jumada al-Akhirah 1448"
    assert day.gregorian == "1 December 2026"
    assert day.year == "2026"


@pytest.mark.parametrize(
    "day,expected",
    [
        # The first days of Ramadan and Shawwal by Umm al-Qura.
        (datetime.date(2023, 3, 23), "۱ رمضان ۱۴۴۴"),
        (datetime.date(2026, 2, 18), "۱ رمضان ۱۴۴۷"),
        (datetime.date(2026, 3, 20), "۱ شوال ۱۴۴۷"),
        (datetime.date(2025, 6, 26), "۱ محرم ۱۴۴۷"),
    ],
)
def test_hijri_months_have_their_persian_names(day, expected):
    assert hijri_date(day) == expected


def test_a_day_the_hijri_calendar_does_not_cover_has_no_hijri_date():
    assert hijri_date(datetime.date(1900, 1, 1)) == ""
    day = calendars(datetime.date(2100, 3, 21))
    assert day.hijri == ""
    assert day.jalali == "یکشنبه ۱ فروردین ۱۴۷۹"


def test_nowruz_starts_the_jalali_year_on_its_weekday():
    assert calendars(datetime.date(2026, 3, 21)).jalali == "شنبه ۱ فروردین ۱۴۰۵"
    assert calendars(datetime.date(2026, 3, 20), lang="en").jalali == (
        "Friday 29 Esfand 1404"
    )


def test_next_midnight_is_the_start_of_the_next_day_in_tehran():
    late = datetime.datetime(2026, 12, 1, 23, 59, 30, tzinfo=TEHRAN)
    assert next_midnight(late) == datetime.datetime(2026, 12, 2, tzinfo=TEHRAN)
    # 21:00 UTC is already the next day in Tehran (UTC+3:30).
    utc = datetime.datetime(2026, 12, 1, 21, 0, tzinfo=datetime.UTC)
    assert next_midnight(utc) == datetime.datetime(2026, 12, 3, tzinfo=TEHRAN)
    start = datetime.datetime(2026, 12, 2, tzinfo=TEHRAN)
    assert next_midnight(start) == datetime.datetime(2026, 12, 3, tzinfo=TEHRAN)


def test_the_clock_of_a_list_is_the_time_today_and_the_day_before(monkeypatch):
    from django.utils import timezone

    now = datetime.datetime(2026, 12, 1, 15, 0, tzinfo=TEHRAN)
    monkeypatch.setattr(timezone, "now", lambda: now)
    today = datetime.datetime(2026, 12, 1, 7, 14, tzinfo=TEHRAN)
    yesterday = datetime.datetime(2026, 11, 30, 23, 50, tzinfo=TEHRAN)
    assert format_clock(today) == "۰۷:۱۴"
    assert format_clock(today, lang="en") == "07:14"
    assert format_clock(yesterday) == "۹ آذر"
    assert format_clock(yesterday, lang="en") == "9 Azar"
    assert format_clock(None) == ""
