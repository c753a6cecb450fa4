"""HTML that editors write is cleaned against an allow-list before it is stored."""

import re
from html import unescape

import nh3

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


def sanitize_html(html: str) -> str:
    """Return ``html`` with every tag, attribute and URL scheme not allowed removed."""
    if not html:
        return html
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


_TAG = re.compile(r"<[^>]*>")


def html_to_text(html: str | None) -> str:
    """Return the words of ``html``: tags become spaces, entities become characters."""
    if not html:
        return ""
    return unescape(_TAG.sub(" ", html))
