"""Library photos inside an article's body, drawn from their current renditions.

The editor places a photo as ``<figure class="photo" data-photo="123">`` holding an
``<img>`` of one rendition and a caption (static/js/editor.js; persian/html.py keeps
exactly that). A page never trusts that ``<img>``: renditions are made again when
a photo's image or focal point changes, and its caption may be corrected since. So
each such figure is replaced, as the page is drawn, by the photo's current
``<picture>`` (the markup of ``{% picture %}``) and its caption and credit in the
page's language; a figure whose photo is gone is dropped without a word.

All the photos of a body cost two queries (the photos, their renditions), however
many there are, and none when the body has none.
"""

import re

from django.template.loader import render_to_string
from django.utils.translation import get_language

from persian.languages import readable_in
from photos.models import Photo

# The stored body is nh3's output, so a figure's tag is written one way; its
# data-photo is a positive integer (persian/html.py drops any other value).
_FIGURE = re.compile(
    r'<figure\b[^>]*?\sdata-photo="([1-9][0-9]{0,17})"[^>]*>.*?</figure>', re.S
)
SIZES = "(min-width: 44rem) 42rem, 100vw"


def photo_ids(html: str | None) -> list[int]:
    """The numbers of the library photos placed in ``html``, in order, once each."""
    return list(dict.fromkeys(int(found) for found in _FIGURE.findall(html or "")))


def expand_photos(html: str | None) -> str:
    """``html`` with each library photo drawn from its current renditions."""
    ids = photo_ids(html)
    if not ids:
        return html or ""
    photos = Photo.objects.with_renditions().in_bulk(ids)
    language = get_language()
    drawn: dict[int, str] = {}

    def figure(match: re.Match[str]) -> str:
        pk = int(match.group(1))
        if pk not in drawn:
            photo = photos.get(pk)
            drawn[pk] = _figure(photo, language) if photo else ""
        return drawn[pk]

    return _FIGURE.sub(figure, html)


def _figure(photo: Photo, language: str) -> str:
    picture = photo.picture("original")
    if picture is None:
        return ""
    return render_to_string(
        "photos/includes/body_photo.html",
        {
            "picture": picture,
            "sizes": SIZES,
            "loading": "lazy",
            "css_class": "",
            "fetchpriority": "",
            "caption": photo.caption,
            "credit": readable_in(photo.credit or photo.photographer, language),
        },
    ).strip()
