"""Article search over the folded keys (``newsroom.text.search_key``).

A query and the stored text are folded the same way, so Arabic or Persian yeh/kaf,
a half-space or a space, diacritics and Persian, Arabic or Latin digits never stop a
match. Every word must appear. The newest matches, at most ``SEARCH_LIMIT`` of them,
are ranked: articles whose title matches first, then (on PostgreSQL) full-text rank,
then the newest. So a word found in half of a million articles costs what a rare one
does: PostgreSQL reads the newest matches through the newest-first index (or, for a rare
word, the trigram GIN indexes) and ranks a few hundred rows, never every match.
SQLite scans, which is fine for a demo-sized archive.
"""

from django.db import connection
from django.db.models import Case, F, FloatField, Value, When
from django.db.models.expressions import RawSQL

from newsroom.text import search_terms

# Longer queries are cut: no reader types more, and each word costs a LIKE.
MAX_QUERY_LENGTH = 200
# Only this many of the newest matches are ranked and shown: ten pages, more than any
# reader turns, and the whole cost of a search whatever the size of the archive.
SEARCH_LIMIT = 200


def clean_query(raw: str | None) -> str:
    """Return the reader's query without control characters, at most 200 characters."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable() or ch == "\u200c")
    return text.strip()[:MAX_QUERY_LENGTH]


def search_articles(queryset, query: str) -> tuple:
    """Return (matching articles, best first; the folded words searched for).

    ``queryset`` is ordered newest first; only its newest ``SEARCH_LIMIT`` matches are
    ranked and returned.
    """
    terms = search_terms(clean_query(query))
    if not terms:
        return queryset.none(), []
    matches = queryset
    for term in terms:
        matches = matches.filter(search_text__contains=term)
    newest = list(matches.values_list("pk", flat=True)[:SEARCH_LIMIT])
    queryset = queryset.filter(pk__in=newest)
    title_hits = sum(
        (
            Case(When(search_title__contains=term, then=Value(1)), default=Value(0))
            for term in terms
        ),
        start=Value(0),
    )
    queryset = queryset.annotate(title_hits=title_hits)
    order = [F("title_hits").desc()]
    if connection.vendor == "postgresql":
        queryset = queryset.annotate(
            rank=RawSQL(
                "ts_rank(to_tsvector('simple', search_text), "
                "plainto_tsquery('simple', %s))",
                [" ".join(terms)],
                output_field=FloatField(),
            )
        )
        order.append(F("rank").desc())
    order += [F("published_at").desc(nulls_last=True), F("news_code").desc()]
    return queryset.order_by(*order), terms
