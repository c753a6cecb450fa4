"""Jalali date and date-time inputs: parsing, rendering, time zone and admin wiring."""

import datetime
import re

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.utils import translation

from articles.models import Article
from officials.models import Position
from persian.forms import (
    JALALI_FORMFIELD_OVERRIDES,
    JalaliDateField,
    JalaliDateInput,
    JalaliDateTimeField,
    JalaliSplitDateTimeWidget,
)
from tests.factories import OfficialFactory

UTC = datetime.UTC
TEHRAN_NOW = datetime.timedelta(hours=3, minutes=30)


class DateForm(forms.Form):
    day = JalaliDateField()


class DateTimeForm(forms.Form):
    when = JalaliDateTimeField(required=False)


class RequiredDateTimeForm(forms.Form):
    when = JalaliDateTimeField()


def error_codes(form, name: str) -> list[str]:
    return [error.code for error in form.errors.as_data()[name]]


def rendered_inputs(html: str) -> dict[str, str]:
    """Return the name → value pairs of the inputs in ``html``."""
    inputs = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]*)"', tag).group(1)
        value = re.search(r'value="([^"]*)"', tag)
        inputs[name] = value.group(1) if value else ""
    return inputs


@pytest.mark.parametrize(
    "typed",
    [
        "1405/09/03",
        "۱۴۰۵/۰۹/۰۳",
        "١٤٠٥/٠٩/٠٣",
        "1405-09-03",
        "1405/9/3",
        " ۱۴۰۵/۰۹/۰۳ ",
        "\u200f۱۴۰۵/۰۹/۰۳",
        "2026-11-24",
    ],
)
def test_date_field_reads_jalali_or_iso_in_any_digits(typed):
    form = DateForm({"day": typed})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2026, 11, 24)


def test_esfand_30_is_accepted_in_a_leap_year_only():
    leap = DateForm({"day": "1403/12/30"})
    common = DateForm({"day": "1404/12/30"})

    assert leap.is_valid(), leap.errors
    assert leap.cleaned_data["day"] == datetime.date(2025, 3, 20)
    assert not common.is_valid()
    assert error_codes(common, "day") == ["invalid"]


@pytest.mark.parametrize(
    "typed",
    [
        "1405/13/01",
        "1405/12/31",
        "1405/00/10",
        "1405/09/32",
        "abc",
        "\x00",
        "1405/09/03\x00",
        "9" * 10000,
        "<script>",
        "1405/09/²",
        "1405/09",
        "14050903",
    ],
    ids=repr,
)
def test_impossible_or_hostile_date_is_a_form_error(typed):
    form = DateForm({"day": typed})

    assert not form.is_valid()
    assert error_codes(form, "day") == ["invalid"]


def test_date_input_shows_the_value_as_jalali_left_to_right():
    html = str(DateForm(initial={"day": datetime.date(2026, 11, 24)})["day"])

    assert 'value="۱۴۰۵/۰۹/۰۳"' in html
    assert 'dir="ltr"' in html
    assert 'size="10"' in html


@pytest.mark.parametrize(
    "language, day, time",
    [("fa", "سال/ماه/روز", "ساعت:دقیقه"), ("en", "yyyy/mm/dd", "hh:mm")],
)
def test_empty_date_and_time_inputs_show_a_format_not_a_value(language, day, time):
    with translation.override(language):
        html = str(DateTimeForm()["when"])

    assert f'placeholder="{day}"' in html
    assert f'placeholder="{time}"' in html
    assert not re.search(r'placeholder="[\d۰-۹]', html)


def test_date_inputs_avoid_the_classes_the_admin_calendar_hooks():
    html = str(DateForm()["day"]) + str(DateTimeForm()["when"])

    assert "jalali-date" in html
    assert "jalali-time" in html
    assert "vDateField" not in html
    assert "vTimeField" not in html


def test_rejected_date_is_shown_back_as_typed():
    form = DateForm({"day": "1405/13/01"})
    form.is_valid()

    assert 'value="1405/13/01"' in str(form["day"])


def test_rejected_markup_is_shown_back_escaped():
    form = DateForm({"day": "<script>"})
    form.is_valid()

    html = str(form["day"])
    assert 'value="&lt;script&gt;"' in html
    assert "<script>" not in html


@pytest.mark.parametrize("time", ["14:30", "۱۴:۳۰", "14:30:00", "١٤:٣٠"])
def test_datetime_field_returns_aware_tehran_time(time):
    form = DateTimeForm({"when_0": "1405/09/03", "when_1": time})

    assert form.is_valid(), form.errors
    when = form.cleaned_data["when"]
    assert when.utcoffset() == TEHRAN_NOW
    assert when == datetime.datetime(2026, 11, 24, 11, 0, tzinfo=UTC)


def test_datetime_field_uses_no_daylight_saving_after_2022():
    form = DateTimeForm({"when_0": "1405/05/01", "when_1": "14:30"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"].utcoffset() == TEHRAN_NOW


def test_datetime_field_keeps_daylight_saving_for_older_summers():
    form = DateTimeForm({"when_0": "1399/05/01", "when_1": "14:30"})

    assert form.is_valid(), form.errors
    when = form.cleaned_data["when"]
    assert when.utcoffset() == datetime.timedelta(hours=4, minutes=30)
    assert when == datetime.datetime(2020, 7, 22, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("day", "time"),
    [
        ("1401/01/02", "00:30"),  # skipped: clocks went forward at 00:00
        ("1401/06/30", "23:30"),  # repeated: clocks went back at 24:00
    ],
)
def test_datetime_field_refuses_a_time_a_clock_change_skipped_or_repeated(day, time):
    form = DateTimeForm({"when_0": day, "when_1": time})

    assert not form.is_valid()
    assert error_codes(form, "when") == ["clock_change"]


def test_datetime_field_is_none_when_both_parts_are_empty():
    form = DateTimeForm({"when_0": "", "when_1": ""})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] is None


def test_required_datetime_field_refuses_both_parts_empty():
    form = RequiredDateTimeForm({"when_0": "", "when_1": ""})

    assert not form.is_valid()
    assert error_codes(form, "when") == ["required"]


@pytest.mark.parametrize(
    "data",
    [
        {"when_0": "1405/09/03", "when_1": ""},
        {"when_0": "", "when_1": "14:30"},
    ],
)
def test_datetime_field_needs_both_parts_once_either_is_given(data):
    form = DateTimeForm(data)
    incomplete = form.fields["when"].error_messages["incomplete"]

    assert not form.is_valid()
    # MultiValueField passes this message on without its code.
    assert form.errors["when"] == [str(incomplete)]


@pytest.mark.parametrize(
    "time", ["25:00", "14:60", "abc", "\x00", "9" * 10000, "<script>"], ids=repr
)
def test_impossible_or_hostile_time_is_a_form_error(time):
    form = DateTimeForm({"when_0": "1405/09/03", "when_1": time})

    assert not form.is_valid()
    assert error_codes(form, "when") == ["invalid"]


def test_impossible_date_in_datetime_field_is_a_form_error():
    form = DateTimeForm({"when_0": "1405/13/01", "when_1": "14:30"})

    assert not form.is_valid()
    assert error_codes(form, "when") == ["invalid"]


def test_datetime_input_shows_jalali_date_and_local_time():
    utc = datetime.datetime(2026, 11, 24, 11, 0, 59, 123456, tzinfo=UTC)
    inputs = rendered_inputs(str(DateTimeForm(initial={"when": utc})["when"]))

    assert inputs == {"when_0": "۱۴۰۵/۰۹/۰۳", "when_1": "۱۴:۳۰:۵۹"}


def test_datetime_on_the_minute_is_shown_without_seconds():
    utc = datetime.datetime(2026, 11, 24, 11, 0, 0, tzinfo=UTC)
    inputs = rendered_inputs(str(DateTimeForm(initial={"when": utc})["when"]))

    assert inputs["when_1"] == "۱۴:۳۰"


def test_untouched_datetime_with_seconds_is_not_changed():
    utc = datetime.datetime(2026, 11, 24, 11, 0, 59, tzinfo=UTC)
    shown = rendered_inputs(str(DateTimeForm(initial={"when": utc})["when"]))
    form = DateTimeForm(shown, initial={"when": utc})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == utc
    assert form.changed_data == []


def test_rejected_datetime_is_shown_back_as_typed():
    form = DateTimeForm({"when_0": "1405/13/01", "when_1": "۱۴:۳۰"})
    form.is_valid()

    inputs = rendered_inputs(str(form["when"]))
    assert inputs == {"when_0": "1405/13/01", "when_1": "۱۴:۳۰"}


def test_untouched_datetime_with_hidden_initial_is_not_changed():
    # A callable model default (Correction.created_at) makes the admin render a
    # hidden copy of the initial value; re-posting it must not count as a change.
    class DefaultNowForm(forms.Form):
        when = JalaliDateTimeField(
            initial=lambda: datetime.datetime(2026, 11, 24, 11, 0, 42, tzinfo=UTC),
            show_hidden_initial=True,
        )

    html = str(DefaultNowForm()["when"])
    posted = rendered_inputs(html)
    assert posted["initial-when_0"] == "۱۴۰۵/۰۹/۰۳"
    assert 'type="hidden"' in html

    assert not DefaultNowForm(posted).has_changed()
    assert DefaultNowForm({**posted, "when_1": "۱۴:۳۱"}).has_changed()


@pytest.fixture
def jalali_admin_request(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    return request


class JalaliModelAdmin(admin.ModelAdmin):
    formfield_overrides = JALALI_FORMFIELD_OVERRIDES


@pytest.mark.django_db
def test_admin_overrides_give_position_jalali_date_fields(jalali_admin_request):
    model_admin = JalaliModelAdmin(Position, admin.AdminSite())
    form_class = model_admin.get_form(jalali_admin_request)
    official = OfficialFactory()

    form = form_class(
        {
            "official": official.pk,
            "title": "استاندار تهران",
            "title_fa": "استاندار تهران",
            "start_date": "1400/07/25",
            "end_date": "",
        }
    )

    assert type(form.fields["start_date"]) is JalaliDateField
    assert type(form.fields["start_date"].widget) is JalaliDateInput
    assert form.is_valid(), form.errors
    assert form.cleaned_data["start_date"] == datetime.date(2021, 10, 17)
    assert form.cleaned_data["end_date"] is None


@pytest.mark.django_db
def test_admin_overrides_replace_split_datetime_for_published_at(
    jalali_admin_request,
):
    model_admin = JalaliModelAdmin(Article, admin.AdminSite())
    form = model_admin.get_form(jalali_admin_request)()

    field = form.fields["published_at"]
    assert type(field) is JalaliDateTimeField
    assert type(field.widget) is JalaliSplitDateTimeWidget
    # The admin's Gregorian calendar comes in through its widgets' media.
    scripts = " ".join(form.media._js)
    assert "calendar.js" not in scripts
    assert "DateTimeShortcuts.js" not in scripts
