"""Small display filters and tags: Jalali dates, Persian digits, page URLs."""

import datetime
import functools
import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info, override

from persian import addresses
from persian.calendars import Calendars, calendars, format_clock
from persian.jalali import format_date, format_datetime
from persian.languages import readable_in
from persian.text import fold_with_map, persian_digits

register = template.Library()


def _lang() -> str:
    return "fa" if (get_language() or "fa").startswith("fa") else "en"


@register.filter
def jalali(value) -> str:
    """``۳ آذر ۱۴۰۵، ۱۴:۰۵`` for a datetime; ``3 Azar 1405, 14:05`` in English."""
    return format_datetime(value, lang=_lang())


@register.filter
def iso(value) -> str:
    """``{{ value|date:'c' }}`` (ISO 8601 in local time, for ``<time datetime>``),
    kept once made: a list prints the same stories' times on page after page."""
    if not isinstance(value, datetime.datetime):
        return ""
    return _iso(value, timezone.get_current_timezone_name())


@functools.lru_cache(maxsize=4096)
def _iso(value: datetime.datetime, _zone: str) -> str:
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return local.isoformat()


@register.filter
def jalali_date(value) -> str:
    """``۳ آذر ۱۴۰۵`` for a date or datetime."""
    return format_date(value, lang=_lang())


@register.filter
def clock(value) -> str:
    """``۱۴:۰۵`` for a time today in Tehran, ``۹ آذر`` for an earlier day."""
    return format_clock(value, lang=_lang())


@register.simple_tag
def address(viewname: str, **kwargs) -> str:
    """``{% url %}`` for the site's fixed links (``persian.addresses``: made once per
    language and kept), with keyword arguments only."""
    return addresses.reverse(viewname, **kwargs)


@register.simple_tag
def today() -> Calendars:
    """Today in Tehran in the Jalali, Hijri and Gregorian calendars, as the page's
    language writes them (the header's date line)."""
    return calendars(timezone.localdate(), lang=_lang())


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


@register.simple_tag(takes_context=True)
def alternates(context, languages=None, urls=None) -> list[dict]:
    """Return this page in each language it exists in: code, name, absolute URL (for
    hreflang). ``languages`` narrows them to an object's translations, and ``urls``
    gives their addresses when they differ by more than the prefix (an article's
    English slug)."""
    request = context["request"]
    codes = languages or [code for code, _name in settings.LANGUAGES]
    result = []
    for code in codes:
        url = (urls or {}).get(code) or translate_url(request.get_full_path(), code)
        result.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": request.build_absolute_uri(url),
                "current": code == _lang(),
            }
        )
    return result


@register.simple_tag(takes_context=True)
def language_links(context, pairs) -> list[dict]:
    """The language switch: every other language, to this page's translation when
    ``pairs`` (from ``alternates``) has one, else to that language's home page."""
    request = context["request"]
    found = {pair["code"]: pair for pair in pairs}
    links = []
    for code, _name in settings.LANGUAGES:
        if code == _lang():
            continue
        if code in found:
            url = found[code]["url"]
        else:
            with override(code):
                url = request.build_absolute_uri(reverse("articles:home"))
        links.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url,
                "translation": code in found,
            }
        )
    return links


@register.filter
def readable(value) -> str:
    """``value`` when this page's language may show it: English pages leave out text
    kept only in Persian (a dateline, a byline). See ``persian.languages``."""
    return readable_in(value, _lang())


@register.filter
def named(items) -> list:
    """The ``items`` that have a name in this page's language (English pages leave
    out officials and topics not yet named in English)."""
    return [item for item in items if str(item)]


_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def jsonld(data) -> str:
    """``data`` as JSON safe inside a <script> element (for JSON-LD)."""
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    return mark_safe(text.translate(_JSON_ESCAPES))  # noqa: S308 - <, >, & escaped


@functools.lru_cache(maxsize=4096)
def _folded(text: str) -> tuple[str, list[int]]:
    """``fold_with_map(text)``, remembered: the same titles and leads come back on
    every page of a popular search, and folding them is most of highlighting."""
    return fold_with_map(text)


@register.filter
def highlight(text, terms) -> str:
    """``text`` escaped, with every folded match of ``terms`` wrapped in <mark>."""
    text = str(text or "")
    if not terms:
        return escape(text)
    key, origin = _folded(text)
    spans = []
    for term in terms:
        start = key.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((origin[start], origin[end - 1] + 1))
            start = key.find(term, end)
    merged = []
    for start, end in sorted(spans):
        # Words apart only by a space or half-space read as one match: «می‌کنیم».
        if merged and not text[merged[-1][1] : start].strip(" \u200c"):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    parts, last = [], 0
    for start, end in merged:
        parts += [
            escape(text[last:start]),
            "<mark>",
            escape(text[start:end]),
            "</mark>",
        ]
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped
