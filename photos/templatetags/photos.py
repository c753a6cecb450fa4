"""``{% picture photo "16:9" sizes="…" loading="lazy" %}``: a photo's ``<picture>``."""

from django import template
from django.utils.safestring import mark_safe

from photos.embed import expand_photos

register = template.Library()


@register.inclusion_tag("photos/includes/picture.html")
def picture(
    photo,
    ratio="original",
    sizes="100vw",
    loading="lazy",
    css_class="",
    fetchpriority="",
):
    """Render the stored renditions of ``photo`` in ``ratio``; nothing is computed."""
    return {
        "picture": photo.picture(ratio) if photo is not None else None,
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
        "fetchpriority": fetchpriority,
    }


@register.inclusion_tag("photos/includes/preload.html")
def picture_preload(photo, ratio="original", sizes="100vw", fetchpriority=""):
    """A ``<link rel="preload">`` for the first source ``{% picture %}`` offers."""
    found = photo.picture(ratio) if photo else None
    return {
        "source": found.sources[0] if found else None,
        "sizes": sizes,
        "fetchpriority": fetchpriority,
    }


@register.filter
def with_photos(body):
    """An article's stored body, its library photos drawn from their renditions.

    The body was sanitised when it was saved (persian/html.py), as for ``|safe``.
    """
    return mark_safe(expand_photos(body))
