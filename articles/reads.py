"""Most read: reads counted in memory, added up in batches, never a write per view.

An article page adds one to a counter in the process's memory (no database write, no
network round trip); every ``FLUSH_EVERY`` reads or ``FLUSH_SECONDS`` seconds, whichever
comes first, and once more when the process exits, the batch is handed on:

- with Redis (``REDIS_URL``), to one hash per day in Redis (``HINCRBY``, one round
  trip per batch), shared by every app server; ``manage.py fold_reads``, run every
  minute by cron or a timer, moves those counts into ``ArticleReads`` (one row per
  article and day) and so the web workers never write them to the database;
- without Redis (the embedded default), straight to ``ArticleReads`` in one statement.

Any number of processes may count at once: each adds its own counts, and a count
Redis or the database could not take is put back, not lost. "Most read today / this
week" is read from ``ArticleReads`` and kept in the cache for a minute.
"""

import atexit
import datetime
import logging
import threading
import time
import uuid
from collections import Counter

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import Sum
from django.utils import timezone

from articles.models import Article, ArticleReads

log = logging.getLogger(__name__)

FLUSH_EVERY = 200
FLUSH_SECONDS = 10
MOST_READ_SECONDS = 60
# Redis keys of the counts not folded yet: one hash per day, {article id: reads}.
REDIS_KEY = "newsroom:reads:"
FOLDING_KEY = "newsroom:reads-folding:"
# Counts left unfolded (no fold_reads running) expire after this long.
REDIS_KEEP_SECONDS = 8 * 24 * 3600

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
    """Hand on the counts kept in memory; return how many (article, day) pairs."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _state["views"] = 0
        _state["since"] = time.monotonic()
    if not batch:
        return 0
    if _redis() is not None:
        try:
            _add_in_redis(batch)
            return len(batch)
        except Exception:  # noqa: BLE001 - any Redis failure: the database takes them
            log.warning(
                "Redis took no read counts; writing them directly.", exc_info=True
            )
    return _write(batch) or 0


def fold_reads() -> int:
    """Move the counts kept in Redis into ``ArticleReads``; return the pairs written.

    Each day's hash is renamed first (one atomic step), so reads counted meanwhile go
    to a new hash and none is counted twice or dropped; a fold cut short leaves its
    renamed hash for the next one, and counts the database refused go back to Redis.
    """
    flush_reads()
    redis = _redis()
    if redis is None:
        return 0
    for key in redis.scan_iter(match=REDIS_KEY + "*", count=100):
        day = key.decode()[len(REDIS_KEY) :]
        try:
            redis.rename(key, f"{FOLDING_KEY}{day}:{uuid.uuid4().hex}")
        except Exception:  # noqa: BLE001 - gone meanwhile: another fold took it
            continue
    written = 0
    for key in redis.scan_iter(match=FOLDING_KEY + "*", count=100):
        day = datetime.date.fromisoformat(
            key.decode()[len(FOLDING_KEY) :].split(":")[0]
        )
        batch = {
            (int(pk), day): int(n) for pk, n in redis.hgetall(key).items() if int(n) > 0
        }
        done = _write(batch) if batch else 0
        if done is None:
            _add_in_redis(batch)  # the database is away: the next fold takes them
        else:
            written += done
        redis.delete(key)
    return written


def _redis():
    """The Redis connection of the cache, or None on the embedded default."""
    if not settings.REDIS_URL:
        return None
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def _add_in_redis(batch: dict) -> None:
    pipe = _redis().pipeline(transaction=False)
    for (pk, day), n in batch.items():
        key = f"{REDIS_KEY}{day.isoformat()}"
        pipe.hincrby(key, str(pk), n)
        pipe.expire(key, REDIS_KEEP_SECONDS)
    pipe.execute()


def _write(batch: dict) -> int | None:
    """Add ``batch`` to ``ArticleReads``; return the pairs written, None if it failed.

    Reads of articles deleted since they were read are left out.
    """
    read = {pk for pk, _day in batch}
    try:
        alive = set(Article.objects.filter(pk__in=read).values_list("pk", flat=True))
    except DatabaseError:
        alive = read
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
        # these counts are lost (fold_reads keeps them), the reader's page is not.
        log.warning("Could not write %d read counts.", len(batch), exc_info=True)
        return None
    return len(batch)


atexit.register(flush_reads)


def most_read(
    language: str, *, days: int = 1, limit: int = 5, photos: bool = True
) -> list[Article]:
    """The articles read most in the last ``days`` days (today is one), most first;
    without their photos (two queries less) for a list that shows none."""
    return most_read_lists(language, days, limit=limit, photos=photos)[0]


def most_read_lists(
    language: str, *spans: int, limit: int = 5, photos: bool = True
) -> list[list[Article]]:
    """``most_read`` for each span of days, their articles read in one query."""
    ranked = [_most_read_ids(language, days, limit) for days in spans]
    articles = Article.objects.for_readers(language)
    if not photos:
        articles = articles.prefetch_related(None)
    found = articles.filter(pk__in={pk for ids in ranked for pk in ids}).in_bulk()
    return [[found[pk] for pk in ids if pk in found][:limit] for ids in ranked]


def _most_read_ids(language: str, days: int, limit: int) -> list[int]:
    """The most read ids, a few spare (some may not be readable in ``language``);
    summed from ``ArticleReads`` at most every ``MOST_READ_SECONDS``."""
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    # Keyed by the first day counted: after midnight "today" starts empty at once.
    key = f"most-read:{language}:{since.isoformat()}:{limit}"
    ids = cache.get(key)
    if ids is None:
        totals = (
            ArticleReads.objects.filter(day__gte=since)
            .values("article")
            .annotate(total=Sum("count"))
            .order_by("-total", "-article")[: limit * 3]
        )
        ids = [row["article"] for row in totals]
        cache.set(key, ids, MOST_READ_SECONDS)
    return ids
