"""The editor's «عکس از آرشیو» (photo from the library): one page of the library.

static/js/editor.js opens it in a dialog over the article form and loads it again
for a search or another page. Each photo comes with the markup the body gets when
it is chosen: ``<figure class="photo" data-photo="…">`` around one rendition and its
caption, the only image persian/html.py keeps in a body.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from persian.jalali import format_date
from persian.text import latin_digits
from photos.models import Photo, Rendition
from photos.search import search_photos

PER_PAGE = 12
# Deeper than anyone pages by hand; a search narrows the library instead.
MAX_PAGE = 500


@dataclass(frozen=True)
class Choice:
    """A photo as the picker shows it, and what choosing it places in the body."""

    photo: Photo
    thumbnail: Rendition
    caption: str
    details: tuple[str, ...]  # photographer, place, date taken: those it has
    figure: SafeString


def picker_view(model_admin, request):
    """A page of the library, newest first, narrowed by the words searched for."""
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    query = request.GET.get("q", "")[:200]
    language = _language(request.GET.get("language"))
    page = _page_number(request.GET.get("page"))
    photos = search_photos(Photo.objects.with_renditions(), query)
    start = (page - 1) * PER_PAGE
    found = list(photos[start : start + PER_PAGE + 1])
    choices = [c for c in (_choice(p, language) for p in found[:PER_PAGE]) if c]

    def page_url(number: int) -> str:
        params = {"q": query, "language": language, "page": number}
        return f"{reverse('admin:photos_photo_picker')}?{urlencode(params)}"

    context = {
        "choices": choices,
        "query": query,
        "language": language,
        "page": page,
        "previous_url": page_url(page - 1) if page > 1 else "",
        "next_url": page_url(page + 1)
        if len(found) > PER_PAGE and page < MAX_PAGE
        else "",
    }
    return TemplateResponse(request, "admin/photos/photo/picker.html", context)


def _language(value: str | None) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    return value if value in codes else settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def _interface_language() -> str:
    return "fa" if (get_language() or "fa").startswith("fa") else "en"


def _page_number(value: str | None) -> int:
    try:
        number = int(latin_digits(value or "1"))
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def _choice(photo: Photo, language: str) -> Choice | None:
    thumbnail, image = photo.thumbnail, photo.body_image()
    if thumbnail is None or image is None:
        return None  # no renditions yet: nothing a body could show
    caption = getattr(photo, f"caption_{language}", "") or ""
    figure = render_to_string(
        "admin/photos/photo/picker_figure.html",
        {"photo": photo, "image": image, "caption": caption},
    ).strip()
    return Choice(
        photo=photo,
        thumbnail=thumbnail,
        caption=caption or photo.caption_fa or "",
        details=tuple(
            part
            for part in (
                photo.photographer,
                photo.place,
                format_date(photo.taken_on, lang=_interface_language()),
            )
            if part
        ),
        figure=SafeString(figure),
    )
