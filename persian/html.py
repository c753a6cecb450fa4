"""HTML that editors write is cleaned against an allow-list before it is stored.

Images in a body are the photo library's own renditions and nothing else: files
under ``MEDIA_URL`` + ``PHOTO_RENDITIONS_FOLDER`` (the setting names the folder the
library writes them to; this toolkit knows no app). Any other ``<img>`` is dropped
whole: another host's (a tracking pixel, a hot-linked photo that may change or
vanish), a source no reader's browser should follow (``data:``, ``javascript:``),
and another file of ours (an old upload that nothing keeps track of). The pages
promise to load nothing from elsewhere, and the content-security policy enforces it.

A library photo is placed as ``<figure class="photo" data-photo="123">``: the number
is the photo's, so the page can show its current renditions and caption whatever
became of the file named in the stored ``<img>``. ``data-photo`` is kept on
``<figure>`` only, and only as a positive integer.
"""

import re
from html import unescape
from urllib.parse import urlsplit

import nh3
from django.conf import settings

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "a", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "p": {"dir"},
    "span": {"dir"},
    "blockquote": {"dir"},
    "figure": {"data-photo"},
}
# The only class kept: a figure holding a library photo.
ALLOWED_CLASSES = {"figure": {"photo"}}
URL_SCHEMES = {"http", "https", "mailto"}


# Elements that load what their src names, when a page shows them.
MEDIA_TAGS = {"img"}
# A photo's number: a positive integer small enough for any database's bigint.
_PHOTO_NUMBER = re.compile(r"[1-9][0-9]{0,17}")
# What a rendition file is named (photos/renditions.py: its content's hash).
_RENDITION_NAME = re.compile(r"[A-Za-z0-9_-]+\.(?:jpg|jpeg|webp|png)")
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_MEDIA_SRC = re.compile(r"<(?:img|iframe|video|audio|source|embed|object)\b[^>]*?"
                        r"\s(?:src|data)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))",
                        re.I)  # fmt: skip


def sanitize_html(html: str) -> str:
    """Return ``html`` with every tag, attribute and URL scheme not allowed removed.

    Images that are not the photo library's renditions are removed whole.
    """
    if not html:
        return html
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_filter_attribute,
    )
    # nh3 writes tags one way, so an image left without a source is easy to find.
    return _IMG_WITHOUT_SRC.sub("", cleaned)


def foreign_media(html: str | None) -> list[str]:
    """The sources of media in ``html`` that the save drops, as the editor wrote them.

    Images not from the photo library, and other media not on this site: what
    ``sanitize_html`` removes, so that the editor can be told.
    """
    found = []
    for match in _MEDIA_SRC.finditer(html or ""):
        url = unescape(next(g for g in match.groups() if g is not None))
        is_img = match.group(0)[1:4].lower() == "img"
        kept = is_library_image(url) if is_img else is_own_url(url)
        if not kept and url.strip() and url not in found:
            found.append(url)
    return found


def library_image_prefix() -> str:
    """The start of every rendition's address: ``/media/photos/renditions/``."""
    folder = settings.PHOTO_RENDITIONS_FOLDER.strip("/")
    return f"{settings.MEDIA_URL.rstrip('/')}/{folder}/"


def is_library_image(url: str) -> bool:
    """Whether ``url`` names a file of the photo library's renditions folder."""
    url = url.strip()
    prefix = library_image_prefix()
    return url.startswith(prefix) and bool(
        _RENDITION_NAME.fullmatch(url[len(prefix) :])
    )


def is_own_url(url: str) -> bool:
    """Whether ``url`` is on this site: relative, or on one of its own host names."""
    url = url.strip()
    if not url:
        return False
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return False
    if not parts.netloc:
        return not parts.scheme  # "/media/x.jpg" or "x.jpg", never "http:x.jpg"
    host = (parts.hostname or "").lower()
    return any(
        host == allowed or (allowed.startswith(".") and host.endswith(allowed))
        for allowed in (a.lower() for a in settings.ALLOWED_HOSTS if a != "*")
    )


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag in MEDIA_TAGS and attribute == "src" and not is_library_image(value):
        return None
    if attribute == "data-photo" and not _PHOTO_NUMBER.fullmatch(value.strip()):
        return None
    return value.strip() if attribute == "data-photo" else value


_TAG = re.compile(r"<[^>]*>")


def html_to_text(html: str | None) -> str:
    """Return the words of ``html``: tags become spaces, entities become characters."""
    if not html:
        return ""
    return unescape(_TAG.sub(" ", html))
