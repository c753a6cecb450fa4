"""Searching the library: caption, place, photographer, credit and keywords.

Every word of the query must appear in one of them. Stored text is normalised when
it is saved (Persian yeh and kaf), and so is the query. Words are split at spaces
and half-spaces alike and matched inside words, and a glued verb or plural in the
query is split where its half-space belongs: «می‌گوید», «می گوید» and «میگوید» find
one another, and an Arabic ي or ك in the query finds the Persian one.
"""

import re

from django.db.models import Exists, OuterRef, Q

from persian.text import ZWNJ, fix_half_spaces, normalize
from photos.models import Photo

TEXT_FIELDS = (
    "caption_fa",
    "caption_en",
    "place_fa",
    "place_en",
    "photographer",
    "credit",
)
# Keywords: the photo's tags, by their name in either language.
KEYWORDS = ("topics", "officials", "countries")
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
_SEPARATORS = re.compile(rf"[\s{ZWNJ}]+")


def search_words(query: str | None) -> list[str]:
    """The query's distinct words, normalised: at most 8, each at most 50 letters."""
    text = "".join(ch for ch in (query or "") if ch.isprintable() or ch == ZWNJ)
    words: list[str] = []
    text = fix_half_spaces(normalize(text[:MAX_QUERY_LENGTH]))
    for word in _SEPARATORS.split(text):
        word = word[:50]
        if word and word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def search_photos(queryset, query: str | None):
    """``queryset`` narrowed to the photos whose text or keywords hold every word."""
    for word in search_words(query):
        queryset = queryset.filter(_matches(word))
    return queryset


def _matches(word: str) -> Q:
    found = Q()
    for field in TEXT_FIELDS:
        found |= Q(**{f"{field}__icontains": word})
    for keyword in KEYWORDS:
        through = getattr(Photo, keyword).through
        target = getattr(Photo, keyword).field.m2m_reverse_field_name()
        names = Q(**{f"{target}__name_fa__icontains": word}) | Q(
            **{f"{target}__name_en__icontains": word}
        )
        found |= Q(Exists(through.objects.filter(names, photo=OuterRef("pk"))))
    return found
