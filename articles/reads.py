"""Most read: reads counted in memory, written to the database in batches.

An article page adds one to a counter in the process's memory (no database write, no
network round trip); every ``FLUSH_EVERY`` reads or ``FLUSH_SECONDS`` seconds, whichever
comes first, the counts are added to ``ArticleReads`` (one row per article and day) in a
single statement, and once more when the process exits. Any number of processes may
count at once: each adds its own counts. "Most read today / this week" is read from
those rows and kept in the cache for a minute.
"""

import atexit
import datetime
import logging
import threading
import time
from collections import Counter

from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Sum
from django.utils import timezone

from articles.models import Article, ArticleReads

log = logging.getLogger(__name__)

FLUSH_EVERY = 200
FLUSH_SECONDS = 10
MOST_READ_SECONDS = 60

_lock = threading.Lock()
_pending: Counter = Counter()
_state = {"views": 0, "since": time.monotonic()}


def count_read(article_id: int) -> None:
    """Count one read of ``article_id`` today; flush the batch when it is due."""
    day = timezone.localdate()
    with _lock:
        _pending[(article_id, day)] += 1
        _state["views"] += 1
        due = (
            _state["views"] >= FLUSH_EVERY
            or time.monotonic() - _state["since"] >= FLUSH_SECONDS
        )
    if due:
        flush_reads()


def forget_reads() -> None:
    """Drop the counts kept in memory (for tests, whose articles are rolled back)."""
    with _lock:
        _pending.clear()
        _state["views"] = 0


def flush_reads() -> int:
    """Add the counts kept in memory to the database; return how many rows changed."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _state["views"] = 0
        _state["since"] = time.monotonic()
    if not batch:
        return 0
    # Articles deleted since they were read are left out.
    read = {pk for pk, _day in batch}
    alive = set(Article.objects.filter(pk__in=read).values_list("pk", flat=True))
    batch = {key: n for key, n in batch.items() if key[0] in alive}
    if not batch:
        return 0
    table = connection.ops.quote_name(ArticleReads._meta.db_table)
    rows = ", ".join(["(%s, %s, %s)"] * len(batch))
    params = [v for (pk, day), n in batch.items() for v in (pk, day, n)]
    sql = (
        f"INSERT INTO {table} (article_id, day, count) VALUES {rows} "
        f"ON CONFLICT (day, article_id) DO UPDATE "
        f"SET count = {table}.count + EXCLUDED.count"
    )
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    except DatabaseError:
        # The database away for a moment, or an article deleted this very instant:
        # these counts are lost, the page the reader asked for is not.
        log.warning("Could not write %d read counts.", len(batch), exc_info=True)
        return 0
    return len(batch)


atexit.register(flush_reads)


def most_read(language: str, *, days: int = 1, limit: int = 5) -> list[Article]:
    """The articles read most in the last ``days`` days (today is one), most first."""
    key = f"most-read:{language}:{days}:{limit}"
    ids = cache.get(key)
    if ids is None:
        since = timezone.localdate() - datetime.timedelta(days=days - 1)
        totals = (
            ArticleReads.objects.filter(day__gte=since)
            .values("article")
            .annotate(total=Sum("count"))
            .order_by("-total", "-article")[: limit * 3]
        )
        ids = [row["article"] for row in totals]
        cache.set(key, ids, MOST_READ_SECONDS)
    found = Article.objects.for_readers(language).filter(pk__in=ids).in_bulk()
    return [found[pk] for pk in ids if pk in found][:limit]
