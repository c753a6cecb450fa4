"""Small display filters: Jalali dates and Persian digits."""

from django import template
from django.utils.translation import get_language

from newsroom.jalali import format_datetime
from newsroom.text import persian_digits

register = template.Library()


@register.filter
def jalali(value) -> str:
    """``۳ آذر ۱۴۰۵، ۱۴:۰۵`` for an aware datetime."""
    return format_datetime(value)


@register.filter
def fa_digits(value) -> str:
    """The value with Persian digits while the page is Persian."""
    if value is None:
        return ""
    return persian_digits(value) if get_language() == "fa" else str(value)
