"""HTML that editors write is cleaned against an allow-list before it is stored.

Images load only from this site: an ``<img>`` whose source is another host (a
tracking pixel, a hot-linked photo that may change or vanish) is dropped whole, as
are sources no reader's browser should follow (``data:``, ``javascript:``). The pages
promise to load nothing from elsewhere, and the content-security policy enforces it.
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
}
URL_SCHEMES = {"http", "https", "mailto"}


# Elements that load what their src names, when a page shows them.
MEDIA_TAGS = {"img"}
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_MEDIA_SRC = re.compile(r"<(?:img|iframe|video|audio|source|embed|object)\b[^>]*?"
                        r"\s(?:src|data)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))",
                        re.I)  # fmt: skip


def sanitize_html(html: str) -> str:
    """Return ``html`` with every tag, attribute and URL scheme not allowed removed.

    Images whose source is not this site are removed whole.
    """
    if not html:
        return html
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_drop_foreign_sources,
    )
    # nh3 writes tags one way, so an image left without a source is easy to find.
    return _IMG_WITHOUT_SRC.sub("", cleaned)


def foreign_media(html: str | None) -> list[str]:
    """The sources of media in ``html`` not on this site, as the editor wrote them.

    What ``sanitize_html`` removes, so that the editor can be told.
    """
    found = []
    for match in _MEDIA_SRC.finditer(html or ""):
        url = unescape(next(g for g in match.groups() if g is not None))
        if not is_own_url(url) and url not in found:
            found.append(url)
    return found


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


def _drop_foreign_sources(tag: str, attribute: str, value: str) -> str | None:
    if tag in MEDIA_TAGS and attribute == "src" and not is_own_url(value):
        return None
    return value


_TAG = re.compile(r"<[^>]*>")


def html_to_text(html: str | None) -> str:
    """Return the words of ``html``: tags become spaces, entities become characters."""
    if not html:
        return ""
    return unescape(_TAG.sub(" ", html))
