"""A day as Persian news agencies print it at the top of the page: the Jalali date with
its weekday, the lunar Hijri date and the Gregorian date.

The Hijri date is the Umm al-Qura calendar (``hijridate``), which may differ from
Iran's official lunar calendar by a day around the start of a month; it covers
1924–2077, and a day outside that range has no Hijri date here.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from hijridate import Gregorian

from persian.jalali import MONTHS_EN, MONTHS_FA, WEEKDAYS_FA, day_start, to_jalali
from persian.text import persian_digits

# Saturday first, as jdatetime counts the week.
WEEKDAYS_FULL_EN = (
    "Saturday",
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
)
HIJRI_MONTHS_FA = (
    "محرم",
    "صفر",
    "ربیع‌الاول",
    "ربیع‌الثانی",
    "جمادی‌الاول",
    "جمادی‌الثانی",
    "رجب",
    "شعبان",
    "رمضان",
    "شوال",
    "ذی‌القعده",
    "ذی‌الحجه",
)
GREGORIAN_MONTHS_FA = (
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
)
# Named here, not by strftime: the process's locale must not change a page.
GREGORIAN_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class Calendars:
    """One day in the three calendars, as a reader of ``lang`` reads them."""

    jalali: str  # «سه‌شنبه ۱۰ آذر ۱۴۰۵», "Tuesday 10 Azar 1405"
    hijri: str  # «۲۱ جمادی‌الثانی ۱۴۴۸», "21 Jumada al-Akhirah 1448"; "" if none
    gregorian: str  # «۱ دسامبر ۲۰۲۶», "1 December 2026"
    iso: str  # 2026-12-01, for <time datetime>
    year: str  # the year a copyright line gives: «۱۴۰۵», "2026"


def hijri_date(day: datetime.date, *, lang: str = "fa") -> str:
    """``day`` in the Umm al-Qura Hijri calendar; "" outside the years it covers."""
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except OverflowError:
        return ""
    if lang != "fa":
        return f"{hijri.day} {hijri.month_name('en')} {hijri.year}"
    month = HIJRI_MONTHS_FA[hijri.month - 1]
    return persian_digits(f"{hijri.day} {month} {hijri.year}")


def gregorian_date(day: datetime.date, *, lang: str = "fa") -> str:
    """``day`` as «۱ دسامبر ۲۰۲۶» (``1 December 2026`` in English)."""
    if lang != "fa":
        return f"{day.day} {GREGORIAN_MONTHS_EN[day.month - 1]} {day.year}"
    month = GREGORIAN_MONTHS_FA[day.month - 1]
    return persian_digits(f"{day.day} {month} {day.year}")


def jalali_with_weekday(day: datetime.date, *, lang: str = "fa") -> str:
    """``day`` as «سه‌شنبه ۱۰ آذر ۱۴۰۵» (``Tuesday 10 Azar 1405`` in English)."""
    j = to_jalali(day)
    if lang != "fa":
        weekday = WEEKDAYS_FULL_EN[j.weekday()]
        return f"{weekday} {j.day} {MONTHS_EN[j.month - 1]} {j.year}"
    weekday = WEEKDAYS_FA[j.weekday()]
    return persian_digits(f"{weekday} {j.day} {MONTHS_FA[j.month - 1]} {j.year}")


def calendars(day: datetime.date, *, lang: str = "fa") -> Calendars:
    """``day`` in the Jalali, Hijri and Gregorian calendars, for a page in ``lang``."""
    return Calendars(
        jalali=jalali_with_weekday(day, lang=lang),
        hijri=hijri_date(day, lang=lang),
        gregorian=gregorian_date(day, lang=lang),
        iso=day.isoformat(),
        year=persian_digits(str(to_jalali(day).year))
        if lang == "fa"
        else str(day.year),
    )


def next_midnight(now: datetime.datetime | None = None) -> datetime.datetime:
    """The start of the next day in the site's time zone (Tehran) after ``now``."""
    today = timezone.localdate(now or timezone.now())
    return day_start(today + datetime.timedelta(days=1))


def format_clock(value: datetime.datetime | None, *, lang: str = "fa") -> str:
    """An aware datetime as a list of the latest news shows it: its time when it is
    today in Tehran (``۱۴:۰۵``), its day and month before (``۹ آذر``)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    if local.date() == timezone.localdate():
        text = local.strftime("%H:%M")
    else:
        j = to_jalali(local)
        text = f"{j.day} {(MONTHS_FA if lang == 'fa' else MONTHS_EN)[j.month - 1]}"
    return persian_digits(text) if lang == "fa" else text
