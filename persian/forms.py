"""Form fields and widgets that let editors type and read dates in the Jalali calendar.

Values are shown with Persian digits (``۱۴۰۵/۰۹/۰۳``, ``۱۴:۳۰``), the way editors read
them everywhere else; input accepts Persian, Arabic or Latin digits, Jalali or ISO.
A raw value that failed validation is shown back exactly as it was typed.

The inputs carry the ``jalali-date`` and ``jalali-time`` classes, never the admin's
``vDateField``/``vTimeField``: admin's DateTimeShortcuts.js hooks those and would add
its Gregorian calendar and "Today"/"Now" shortcuts.
"""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from persian.jalali import parse_date, to_jalali
from persian.text import latin_digits, normalize, persian_digits

# Longer input cannot be a date or a time; refuse it before doing any work on it.
_MAX_INPUT_LENGTH = 32


def _clean_text(value) -> str | None:
    """Return typed ``value`` in Latin digits without bidi marks; None if too long."""
    text = str(value)
    if len(text) > _MAX_INPUT_LENGTH:
        return None
    return latin_digits(normalize(text))


def _jalali_text(value: datetime.date) -> str:
    """Return ``value`` as the Jalali ``۱۴۰۵/۰۹/۰۳`` (a datetime in local time)."""
    return persian_digits(to_jalali(value).strftime("%Y/%m/%d"))


class JalaliDateInput(forms.TextInput):
    """A left-to-right text input that shows a date as Jalali ``۱۴۰۵/۰۹/۰۳``."""

    def __init__(self, attrs=None):
        defaults = {
            "class": "jalali-date",
            "dir": "ltr",
            "size": 10,
            # A format, not a date: an empty input must never look filled in.
            "placeholder": _("yyyy/mm/dd"),
            "autocomplete": "off",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, datetime.date):
            return _jalali_text(value)
        # A submitted string is shown back untouched so the editor can correct it.
        return str(value)


class JalaliTimeInput(forms.TimeInput):
    """A left-to-right text input that shows a time as ``۱۴:۳۰`` (``۱۴:۳۰:۱۵``).

    Seconds are shown when the time has them, so saving a form untouched keeps the
    time to the second instead of trimming it to the minute.
    """

    def __init__(self, attrs=None):
        defaults = {
            "class": "jalali-time",
            "dir": "ltr",
            "size": 8,
            "placeholder": _("hh:mm"),
            "autocomplete": "off",
        }
        super().__init__({**defaults, **(attrs or {})}, format="%H:%M")

    def format_value(self, value):
        if isinstance(value, datetime.time) and value.second:
            return persian_digits(value.strftime("%H:%M:%S"))
        text = super().format_value(value)
        if text is None or isinstance(value, str):
            return text
        return persian_digits(text)


class JalaliDateField(forms.DateField):
    """A date typed as Jalali ``1405/09/03`` or ISO ``2026-11-24``, in any digits."""

    widget = JalaliDateInput
    default_error_messages = {
        "invalid": _("Enter a date such as 1405/09/03."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = _clean_text(value)
        day = parse_date(text) if text is not None else None
        if day is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return day


class JalaliTimeField(forms.TimeField):
    """A time typed as ``14:30`` or ``14:30:15``, in any digits."""

    widget = JalaliTimeInput
    input_formats = ("%H:%M", "%H:%M:%S")
    default_error_messages = {
        "invalid": _("Enter a time such as 14:30."),
    }

    def to_python(self, value):
        if isinstance(value, str) and value not in self.empty_values:
            value = _clean_text(value)
            if value is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class JalaliSplitDateTimeWidget(forms.MultiWidget):
    """A Jalali date input and a time input, laid out like the admin's own."""

    supports_microseconds = False
    # The admin's layout, with its already translated "Date:"/"Time:" labels.
    template_name = "admin/widgets/split_datetime.html"

    def __init__(self, attrs=None, date_attrs=None, time_attrs=None):
        widgets = (
            JalaliDateInput(attrs if date_attrs is None else date_attrs),
            JalaliTimeInput(attrs if time_attrs is None else time_attrs),
        )
        super().__init__(widgets)

    def decompress(self, value):
        # Anything but a datetime (say a string from the add page's query string) is
        # dropped rather than crashing the page, as SplitDateTimeWidget would.
        if not isinstance(value, datetime.datetime):
            return [None, None]
        if settings.USE_TZ and timezone.is_aware(value):
            value = timezone.localtime(value)
        return [value.date(), value.time().replace(microsecond=0)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["date_label"] = _("Date:")
        context["time_label"] = _("Time:")
        return context


class JalaliSplitHiddenDateTimeWidget(JalaliSplitDateTimeWidget):
    """The hidden twin, for ``show_hidden_initial`` (fields with a callable default)."""

    template_name = "django/forms/widgets/splithiddendatetime.html"

    def __init__(self, attrs=None, date_attrs=None, time_attrs=None):
        super().__init__(attrs, date_attrs, time_attrs)
        for widget in self.widgets:
            widget.input_type = "hidden"


def _skipped_or_repeated(naive: datetime.datetime, zone) -> bool:
    """Return True if a clock change skipped or repeated ``naive`` in ``zone``."""
    return zone.utcoffset(naive.replace(fold=0)) != zone.utcoffset(
        naive.replace(fold=1)
    )


class JalaliDateTimeField(forms.MultiValueField):
    """A Jalali date plus a time, cleaned to an aware datetime in the current zone.

    Both parts are needed once either is given; both empty is None (if not required).
    """

    widget = JalaliSplitDateTimeWidget
    hidden_widget = JalaliSplitHiddenDateTimeWidget
    default_error_messages = {
        "incomplete": _("Enter both a date and a time."),
        # Iran dropped daylight saving in 2022; older dates can still fall in a gap.
        "clock_change": _(
            "Clocks were changed at this time on that day; enter another time."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("require_all_fields", False)
        fields = (JalaliDateField(), JalaliTimeField())
        super().__init__(fields, **kwargs)

    def compress(self, data_list):
        if not data_list:
            return None
        naive = datetime.datetime.combine(*data_list)
        if not settings.USE_TZ:
            return naive
        zone = timezone.get_current_timezone()
        if _skipped_or_repeated(naive, zone):
            raise ValidationError(
                self.error_messages["clock_change"], code="clock_change"
            )
        return timezone.make_aware(naive, zone)


# Use as ``ModelAdmin.formfield_overrides``; the admin merges it over its own defaults,
# replacing both AdminDateWidget and the AdminSplitDateTime/SplitDateTimeField pair.
JALALI_FORMFIELD_OVERRIDES = {
    models.DateField: {"form_class": JalaliDateField, "widget": JalaliDateInput},
    models.DateTimeField: {
        "form_class": JalaliDateTimeField,
        "widget": JalaliSplitDateTimeWidget,
    },
}


class PersianTextForm(forms.ModelForm):
    """A model form that stores every text normalised (yeh/kaf, bidi marks)."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = normalize(value)
        return cleaned
