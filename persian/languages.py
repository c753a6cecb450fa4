"""Which languages a translated object is written in, and what a page may show."""

import re

from django.conf import settings

# Letters of the Arabic script (Persian, Arabic, Urdu…), in every Unicode block.
ARABIC_SCRIPT = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)


def languages_with_text(obj, field: str) -> list[str]:
    """The languages ``obj`` has ``field`` in; always the default one (Persian)."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [
        code
        for code, _name in settings.LANGUAGES
        if code == default or getattr(obj, f"{field}_{code}", None)
    ]


def readable_in(value, language: str) -> str:
    """``value`` if a page in ``language`` may show it, else "".

    For text kept in one language only (dateline, byline, source, credit): a page in
    any other language than Persian shows it only when it holds no Persian letters.
    """
    text = str(value or "")
    if (language or "").split("-")[0] == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return text
    return "" if ARABIC_SCRIPT.search(text) else text


def localized_verbose_name(verbose_name, language: str) -> str:
    """The name of a translated field in one language, as people read it: «تیتر
    (فارسی)», «Title (Persian)» (``MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME``).

    Read anew each time it is shown, in the active language. With none active, as
    when Django stores a change message in the admin log, it is ``Title [fa]``, the
    stored form that ``persian.admin.field_label`` reads back in the reader's language.
    """
    from django.utils.translation import get_language, gettext

    if get_language() is None:
        return f"{verbose_name} [{language}]"
    name = dict(settings.LANGUAGES).get(language, language)
    return f"{verbose_name} ({gettext(str(name))})"
