"""Article search over the folded keys (``persian.text.search_key``).

A query and the stored text are folded the same way, so Arabic or Persian yeh/kaf,
a half-space or a space, diacritics and Persian, Arabic or Latin digits never stop a
match. Every word must appear. The newest matches, at most ``SEARCH_LIMIT`` of them,
are ranked: words in the title first, then words near the top (rootitr and lead), then
the newest. So a word found in half of a million articles costs what a rare one does.

PostgreSQL matches words and their beginnings (``تبریز`` finds ``تبریزی``) through
each article's full-text vector in its search entry (``SearchEntry``) and their GIN
index; for readers the planner reads a common word's newest matches along the
entries' newest-first index and a rare word's from the GIN index. SQLite matches any
part of a word by a plain scan, which is fine for a demo-sized archive.
"""

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import StrIndex, Substr
from django.db.models.lookups import GreaterThan

from articles.models import SearchEntry
from articles.querysets import live, written_in
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


def search_articles(queryset, query: str, *, language: str | None = None) -> tuple:
    """Return (matching articles, best first; the folded words searched for; how many).

    ``queryset`` is ordered newest first; only its newest ``SEARCH_LIMIT`` matches are
    ranked and returned, so how many is known without counting them again. With
    ``language``, ``queryset`` is what readers of that language see (``for_readers``)
    and its newest matches are found among the search entries alone.
    """
    terms = search_terms(clean_query(query))
    if not terms:
        return queryset.none(), [], 0
    newest = _newest_matches(queryset, terms, language)
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


def _newest_matches(queryset, terms: list[str], language: str | None) -> list:
    """The ids of the newest ``SEARCH_LIMIT`` articles of ``queryset`` that hold
    every term."""
    if connection.vendor != "postgresql":
        for term in terms:
            queryset = queryset.filter(search_text__contains=term)
        return list(queryset.values_list("pk", flat=True)[:SEARCH_LIMIT])
    words = " & ".join("'" + term.replace("'", "''") + "':*" for term in terms)
    entries = SearchEntry.objects.filter(
        vector=SearchQuery(words, search_type="raw", config="simple")
    )
    if language is None:
        matches = queryset.filter(pk__in=entries.values("article"))
        return list(matches.values_list("pk", flat=True)[:SEARCH_LIMIT])
    # A reader's search: the entries hold the publishing state and the languages,
    # so the newest matches are read from them alone, in the lists' order.
    entries = entries.filter(live(), written_in(language)).order_by(
        "-published_at", "-news_code"
    )
    return list(entries.values_list("article", flat=True)[:SEARCH_LIMIT])
