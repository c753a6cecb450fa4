"""The admin in the editor's language: Jalali dates, Persian digits, Persian labels.

Django's admin writes dates in the Gregorian calendar and numbers in Latin digits,
whatever the language. The project's admins use these instead: columns
(``jalali_column``, ``show_number``), the date filter of every list (registered here
for every date field, so a new admin gets it too), and the change messages of the
admin log (``change_message``). The Persian admin gets Persian digits, the English
admin Latin ones; both get Jalali dates, as the ``jalali`` template filter does.

Django's admin imports this module at start-up (autodiscovery), which registers the
date filter before any list is drawn, and puts Django's own display of a value (a
read-only field, a plain column) into the admin's calendar and digits.
"""

import datetime
import decimal
import json
import re

import jdatetime
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin import utils as admin_utils
from django.contrib.admin.models import LogEntry
from django.contrib.admin.templatetags import admin_list
from django.db import models
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from persian.jalali import day_start, format_date, format_datetime
from persian.text import persian_digits

EMPTY = "—"


def admin_lang() -> str:
    """``fa`` while the admin is Persian, ``en`` otherwise (digits and month names)."""
    return "fa" if (get_language() or "fa").startswith("fa") else "en"


def show_datetime(value, empty=EMPTY) -> str:
    """``۳ آذر ۱۴۰۵، ۱۴:۰۵`` (``3 Azar 1405, 14:05`` in English); ``empty`` for none."""
    return format_datetime(value, lang=admin_lang()) or empty


def show_date(value, empty=EMPTY) -> str:
    """``۳ آذر ۱۴۰۵`` (``3 Azar 1405`` in English); ``empty`` for none."""
    return format_date(value, lang=admin_lang()) or empty


def show_number(value) -> str:
    """``۱۲٬۳۴۵`` in the Persian admin, ``12,345`` in the English one."""
    if value is None or value == "":
        return EMPTY
    text = f"{value:,}" if isinstance(value, int) else str(value)
    if admin_lang() == "fa":
        return persian_digits(text).replace(",", "\u066c")
    return text


def show_count(count: int, opts) -> str:
    """``۱۲۳ مطلب``: how many objects of a model, counted in the admin's language.

    A Persian noun stays singular after a number; English takes its plural.
    """
    singular = admin_lang() == "fa" or count == 1
    noun = opts.verbose_name if singular else opts.verbose_name_plural
    return f"{show_number(count)} {noun}"


def show_digits(value) -> str:
    """``value`` (a code, an id) with no grouping, in the admin's digits."""
    if value is None or value == "":
        return EMPTY
    return persian_digits(value) if admin_lang() == "fa" else str(value)


def jalali_column(field: str, description, *, with_time: bool = True):
    """Return a list column showing the date ``field`` in Jalali, sortable by it."""

    @admin.display(description=description, ordering=field)
    def column(obj):
        value = getattr(obj, field)
        return show_datetime(value) if with_time else show_date(value)

    column.__name__ = f"{field}_jalali"
    return column


# --- Django's own display of a value -------------------------------------------------

_display_for_field = admin_utils.display_for_field
_display_for_value = admin_utils.display_for_value


def _shown(value):
    """``value`` as the admin shows it, if it is a date, time or number; else None."""
    if isinstance(value, datetime.datetime):
        return show_datetime(value)
    if isinstance(value, datetime.date):
        return show_date(value)
    if isinstance(value, datetime.time):
        return show_digits(value.strftime("%H:%M"))
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return show_digits(value)
    return None


def display_for_field(value, field, empty_value_display, avoid_link=False):
    """Django's display of a field's value, with dates Jalali and digits the admin's:
    what a read-only field (a view-only page) and a plain column show."""
    if not getattr(field, "flatchoices", None) and value not in field.empty_values:
        shown = _shown(value)
        if shown is not None:
            return shown
    return _display_for_field(value, field, empty_value_display, avoid_link)


def display_for_value(value, empty_value_display, boolean=False):
    """Django's display of a computed value: dates Jalali, digits the admin's."""
    shown = None if boolean or value is None else _shown(value)
    if shown is not None:
        return shown
    return _display_for_value(value, empty_value_display, boolean)


# The modules that call them look them up by these names when they draw a page.
for _module in (admin_utils, helpers, admin_list):
    if hasattr(_module, "display_for_field"):
        _module.display_for_field = display_for_field
    if hasattr(_module, "display_for_value"):
        _module.display_for_value = display_for_value


# --- The date filter -----------------------------------------------------------


def _jalali_bounds(today: datetime.date) -> tuple[datetime.date, ...]:
    """The first days of this Jalali month, the next, this Jalali year and the next."""
    j = jdatetime.date.fromgregorian(date=today)
    month = jdatetime.date(j.year, j.month, 1)
    after = jdatetime.date(j.year + (j.month == 12), j.month % 12 + 1, 1)
    return (
        month.togregorian(),
        after.togregorian(),
        jdatetime.date(j.year, 1, 1).togregorian(),
        jdatetime.date(j.year + 1, 1, 1).togregorian(),
    )


class JalaliDateFieldListFilter(admin.DateFieldListFilter):
    """Django's date filter, with "this month" and "this year" of the Jalali calendar.

    Today and the past seven days are the same in either calendar; the days are those
    of the site's time zone (Tehran).
    """

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        days = _jalali_bounds(timezone.localdate())
        if isinstance(field, models.DateTimeField):
            days = tuple(day_start(day) for day in days)
        month, next_month, year, next_year = days
        since, until = self.lookup_kwarg_since, self.lookup_kwarg_until
        links = dict(self.links)
        links[_("This month")] = {since: month, until: next_month}
        links[_("This year")] = {since: year, until: next_year}
        self.links = tuple(links.items())


admin.FieldListFilter.register(
    lambda f: isinstance(f, models.DateField),
    JalaliDateFieldListFilter,
    take_priority=True,
)


# --- Change messages -------------------------------------------------------------

# modeltranslation names a translated field "title [fa]"; the admin log keeps
# that name, untranslated, in each change message.
_TRANSLATED_LABEL = re.compile(r"^(?P<label>.+) \[(?P<code>[a-z]{2,3}(?:-[a-z]+)?)\]$")


def _translated(label: str) -> str:
    """``label`` in the admin's language; a form's label is the model's name of the
    field with a capital (``Publish time``), which is translated without it."""
    translated = gettext(label)
    if translated == label and label[:1].isupper():
        plain = label[0].lower() + label[1:]
        if gettext(plain) != plain:
            return gettext(plain)
    return translated


def field_label(label: str) -> str:
    """The stored name of a field, in the admin's language: «تیتر (فارسی)»."""
    match = _TRANSLATED_LABEL.match(label)
    languages = dict(settings.LANGUAGES)
    if not match or match["code"] not in languages:
        return _translated(label)
    return f"{_translated(match['label'])} ({languages[match['code']]})"


def change_message(raw) -> str:
    """Return an admin log message (its stored JSON, or plain text) in the admin's
    language, with every field named as the editor's form names it."""
    if isinstance(raw, LogEntry):
        raw = raw.change_message
    raw = raw or ""
    try:
        parts = json.loads(raw) if raw.startswith("[") else None
    except json.JSONDecodeError:
        parts = None
    if not isinstance(parts, list):
        return raw
    for part in parts:
        changed = part.get("changed") if isinstance(part, dict) else None
        if isinstance(changed, dict) and isinstance(changed.get("fields"), list):
            changed["fields"] = [field_label(str(f)) for f in changed["fields"]]
    return LogEntry(change_message=json.dumps(parts)).get_change_message()


def sized_img(image, css_class: str = "photo-thumbnail"):
    """A stored image (a photo's rendition: ``file``, ``width``, ``height``) as an
    <img> of its size, or "—" when there is none: for the admin's lists and forms."""
    if not image:
        return "—"
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" class="{}">',
        image.file.url,
        image.width,
        image.height,
        css_class,
    )
