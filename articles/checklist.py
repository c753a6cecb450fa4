"""The checks before publishing: what the desk should look at; they never block."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from articles import suggestions
from persian.text import persian_digits

# Search engines cut a longer title in their results.
TITLE_MAX = 70
# A lead longer than this is a paragraph of the body, not a summary.
LEAD_MAX = 300


@dataclass(frozen=True)
class Check:
    key: str  # stable, for the page's script and for tests
    message: str


def length_warning(key: str, length: int | str) -> str:
    """The message for a title or lead ``length`` characters long, over its limit."""
    if key == "title":
        text = _(
            "The title is %(length)s characters long: search results show about "
            "%(limit)s."
        )
        limit = TITLE_MAX
    else:
        text = _("The lead is %(length)s characters long: keep it under %(limit)s.")
        limit = LEAD_MAX
    return text % {"length": persian_digits(length), "limit": persian_digits(limit)}


def photo_warnings(article) -> list[Check]:
    """No lead photo, or one without a Persian caption."""
    if not article.photo_id:
        return [Check("photo", _("The article has no photo."))]
    if not (article.photo.caption_fa or "").strip():
        return [Check("caption", _("The photo has no caption."))]
    return []


def checklist(article, named: dict | None = None) -> list[Check]:
    """Return what ``article`` (saved or not) lacks before it is published.

    ``named`` is the article's suggestions (articles/suggestions.py) if known.
    """
    found = photo_warnings(article)
    for key, limit in (("title", TITLE_MAX), ("lead", LEAD_MAX)):
        length = len((getattr(article, f"{key}_fa", "") or "").strip())
        if length > limit:
            found.append(Check(key, length_warning(key, length)))
    if article.pk:
        named = named if named is not None else suggestions.suggestions(article)
        names = [m.name for m in named["officials"]]
        names += [str(country) for country in named["countries"]]
        if names:
            message = _("Named in the text but not linked: %(names)s.") % {
                "names": "، ".join(names)
            }
            found.append(Check("links", message))
    return found
