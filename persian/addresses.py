"""Addresses of the site's pages, reversed once per language and kept.

A page links the same addresses over and over (the services bar, the footer, the
feeds, each story's service), and each ``reverse()`` walks the URL patterns again. An
address depends only on the view, its arguments, the language (its prefix), the script
prefix and the URL configuration, so it is kept under all of them; a change of
``ROOT_URLCONF`` (tests) forgets every kept address.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language

# Enough for every fixed address and the stories of many pages, in each language.
KEPT = 4096


@functools.lru_cache(maxsize=KEPT)
def _reverse(viewname: str, items: tuple, _language, _prefix, _urlconf) -> str:
    # The language, prefix and URL configuration are the active ones: they are in
    # the key only so that each keeps its own address.
    return django_reverse(viewname, kwargs=dict(items) or None)


def reverse(viewname: str, **kwargs) -> str:
    """``django.urls.reverse(viewname, kwargs=kwargs)``, kept once made."""
    return _reverse(
        viewname,
        tuple(sorted(kwargs.items())),
        get_language(),
        get_script_prefix(),
        get_urlconf(),
    )


@receiver(setting_changed)
def _forget(setting, **_kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
