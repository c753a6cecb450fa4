"""``{% picture photo "16:9" sizes="…" loading="lazy" %}``: a photo's ``<picture>``."""

from django import template

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
