"""Which languages a translated object is written in."""

from django.conf import settings


def languages_with_text(obj, field: str) -> list[str]:
    """The languages ``obj`` has ``field`` in; always the default one (Persian)."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [
        code
        for code, _name in settings.LANGUAGES
        if code == default or getattr(obj, f"{field}_{code}", None)
    ]
