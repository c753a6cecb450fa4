"""Article search over the folded keys (``persian.text.search_key``).

A query and the stored text are folded the same way, so Arabic or Persian yeh/kaf,
a half-space or a space, diacritics and Persian, Arabic or Latin digits never stop a
match. Every word must appear. The newest matches, at most ``SEARCH_LIMIT`` of them,
are ranked: words in the title first, then words near the top (rootitr and lead), then
the newest. So a word found in half of a million articles costs what a rare one does.

PostgreSQL matches words and their beginnings (``تبریز`` finds ``تبریزی``) through
the stored full-text vector and its GIN index (migration 0010); the planner reads a
common word's newest matches along the newest-first index and a rare word's from the
GIN index. SQLite matches any part of a word by a plain scan, which is fine for a
demo-sized archive.
"""

from django.db import connection
from django.db.models import BooleanField, Case, F, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import GreaterThan

from persian.text import search_terms

# Longer queries are cut: no reader types more, and each word costs a LIKE.
MAX_QUERY_LENGTH = 200
# Only this many of the newest matches are ranked and shown: ten pages, more than any
# reader turns, and the whole cost of a search whatever the size of the archive.
SEARCH_LIMIT = 200
# Characters at the top of the folded text that count as "near the top".
EARLY = 400


def clean_query(raw: str | None) -> str:
    """Return the reader's query without control characters, at most 200 characters."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == "\u200c")
    return text.strip()[:MAX_QUERY_LENGTH]


def search_articles(queryset, query: str) -> tuple:
    """Return (matching articles, best first; the folded words searched for; how many).

    ``queryset`` is ordered newest first; only its newest ``SEARCH_LIMIT`` matches are
    ranked and returned, so how many is known without counting them again.
    """
    terms = search_terms(clean_query(query))
    if not terms:
        return queryset.none(), [], 0
    matches = _matching(queryset, terms)
    newest = list(matches.values_list("pk", flat=True)[:SEARCH_LIMIT])
    queryset = queryset.filter(pk__in=newest)
    # The folded text starts with the title, rootitr and lead: a word found in its
    # first few hundred characters is what the story is about. Only that top is read
    # (a long story's whole text is not decompressed), once per word and row.
    early = [
        GreaterThan(
            StrIndex(Substr("search_text", 1, EARLY + len(term) - 1), Value(term)), 0
        )
        for term in terms
    ]
    title = [Q(search_title__contains=term) for term in terms]
    queryset = queryset.annotate(title_hits=_hits(title), early_hits=_hits(early))
    return (
        queryset.order_by(
            F("title_hits").desc(),
            F("early_hits").desc(),
            F("published_at").desc(nulls_last=True),
            F("news_code").desc(),
        ),
        terms,
        len(newest),
    )


def _hits(conditions: list) -> Case:
    """How many of ``conditions`` hold, as an SQL expression."""
    return sum(
        (Case(When(c, then=Value(1)), default=Value(0)) for c in conditions),
        start=Value(0),
    )


def _matching(queryset, terms: list[str]):
    """``queryset`` narrowed to the articles that hold every term."""
    if connection.vendor == "postgresql":
        query = " & ".join("'" + term.replace("'", "''") + "':*" for term in terms)
        return queryset.filter(
            RawSQL(
                "articles_article.search_vector @@ to_tsquery('simple', %s)",
                [query],
                output_field=BooleanField(),
            )
        )
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    return queryset
