"""Jalali (Solar Hijri) dates, always through jdatetime."""

import datetime
import functools
import re

import jdatetime
from django.utils import timezone

from persian.text import latin_digits, persian_digits

_DATE = re.compile(r"[0-9]{1,4}/[0-9]{1,2}/[0-9]{1,2}")

MONTHS_FA = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the site's time zone (Tehran)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def to_jalali(value: datetime.date | datetime.datetime) -> jdatetime.date:
    """Return the Jalali date of ``value`` (an aware datetime is read in local time)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return _jalali_day(value)


# A page prints the days of many stories, most of them the same few days.
@functools.lru_cache(maxsize=4096)
def _jalali_day(day: datetime.date) -> jdatetime.date:
    return jdatetime.date.fromgregorian(date=day)


def from_jalali(year: int, month: int, day: int) -> datetime.date:
    """Return the Gregorian date of a Jalali date; ValueError if it is impossible."""
    return jdatetime.date(year, month, day).togregorian()


def parse_date(text: str) -> datetime.date | None:
    """Return the date written as Jalali ``1405/09/03`` or ISO ``2026-11-24``."""
    text = latin_digits((text or "").strip()).replace("-", "/")
    if not _DATE.fullmatch(text):
        return None
    parts = text.split("/")
    year, month, day = (int(p) for p in parts)
    try:
        if year < 1700:
            return from_jalali(year, month, day)
        return datetime.date(year, month, day)
    except ValueError:
        return None


MONTHS_EN = (
    "Farvardin",
    "Ordibehesht",
    "Khordad",
    "Tir",
    "Mordad",
    "Shahrivar",
    "Mehr",
    "Aban",
    "Azar",
    "Dey",
    "Bahman",
    "Esfand",
)


def format_date(value, *, lang: str = "fa") -> str:
    """Return ``value`` as ``۳ آذر ۱۴۰۵`` (``3 Azar 1405`` in English; "" for None)."""
    if value is None:
        return ""
    j = to_jalali(value)
    if lang != "fa":
        return f"{j.day} {MONTHS_EN[j.month - 1]} {j.year}"
    return persian_digits(f"{j.day} {MONTHS_FA[j.month - 1]} {j.year}")


def format_datetime(value: datetime.datetime | None, *, lang: str = "fa") -> str:
    """Return an aware datetime as ``۳ آذر ۱۴۰۵، ۱۴:۰۵`` in local time."""
    if value is None:
        return ""
    return _format_datetime(value, lang, timezone.get_current_timezone_name())


# Lists print the same stories' times on page after page.
@functools.lru_cache(maxsize=4096)
def _format_datetime(value: datetime.datetime, lang: str, _zone: str) -> str:
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    if lang != "fa":
        return f"{format_date(local, lang=lang)}, {local.strftime('%H:%M')}"
    return f"{format_date(local)}، {persian_digits(local.strftime('%H:%M'))}"


def day_key(value: datetime.datetime) -> str:
    """Return the Jalali day of ``value`` as the eight digits ``14050903``."""
    j = to_jalali(value)
    return f"{j.year:04d}{j.month:02d}{j.day:02d}"


# The Persian week starts on Saturday (jdatetime's weekday 0).
WEEKDAYS_FA = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")
WEEKDAYS_EN = ("Sat", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri")


def format_month(year: int, month: int, *, lang: str = "fa") -> str:
    """Return a Jalali month as ``آذر ۱۴۰۵`` (``Azar 1405`` in English)."""
    if lang != "fa":
        return f"{MONTHS_EN[month - 1]} {year}"
    return persian_digits(f"{MONTHS_FA[month - 1]} {year}")


def month_weeks(year: int, month: int) -> list[list[datetime.date | None]]:
    """Return the Gregorian dates of a Jalali month, a week (Saturday first) a row.

    Days before the 1st and after the last are None; ValueError for no such month.
    """
    first = jdatetime.date(year, month, 1)
    length = jdatetime.j_days_in_month[month - 1]
    if month == 12 and first.isleap():
        length += 1
    start = first.togregorian()
    cells = [None] * first.weekday()
    cells += [start + datetime.timedelta(days=n) for n in range(length)]
    cells += [None] * (-len(cells) % 7)
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]
