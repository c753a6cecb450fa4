"""Small display filters and tags: Jalali dates, Persian digits, page URLs."""

from django import template
from django.utils.translation import get_language

from newsroom.jalali import format_date, format_datetime
from newsroom.text import persian_digits

register = template.Library()


def _lang() -> str:
    return "fa" if (get_language() or "fa").startswith("fa") else "en"


@register.filter
def jalali(value) -> str:
    """``۳ آذر ۱۴۰۵، ۱۴:۰۵`` for a datetime; ``3 Azar 1405, 14:05`` in English."""
    return format_datetime(value, lang=_lang())


@register.filter
def jalali_date(value) -> str:
    """``۳ آذر ۱۴۰۵`` for a date or datetime."""
    return format_date(value, lang=_lang())


@register.filter
def fa_digits(value) -> str:
    """The value with Persian digits while the page is Persian."""
    if value is None:
        return ""
    return persian_digits(value) if _lang() == "fa" else str(value)


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """Return the current query string with ``changes`` applied (None removes a key)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
