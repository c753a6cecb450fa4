"""The load: plan the days, compose the articles, store them, then the counters."""

import datetime
import io
import random
import time
from concurrent.futures import ThreadPoolExecutor

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from articles.bulk.compose import Composer
from articles.bulk.plan import Facets, article_batches, plan_days
from articles.bulk.writers import BulkInsert, PostgresCopy
from articles.models import Article, NewsCodeCounter
from officials.models import Official
from topics.models import Service, Topic

# The newest article is this long before now, so none is ever in the future.
NEWEST_LAG = datetime.timedelta(minutes=5)
# From this many articles on, PostgreSQL builds the plain indexes again afterwards.
REBUILD_MIN = 20_000


def bench_articles_load(
    *,
    articles: int,
    seed: int = 1405,
    batch: int = 20_000,
    rebuild_indexes: bool | None = None,
    stdout=None,
) -> int:
    """Add ``articles`` published, tagged articles exactly as saves would store them.

    Why not saves: one save folds 2 KB of text and allocates a code under a row lock;
    a million of them take hours, this takes minutes. On PostgreSQL a large load
    (or ``rebuild_indexes=True``) builds the plain indexes again afterwards instead
    of updating them row by row. Returns the number of articles added.
    """
    if articles < 1:
        raise ValueError("articles must be at least 1.")
    started = time.perf_counter()
    if not (
        Service.objects.exists()
        and Topic.objects.exists()
        and Official.objects.exists()
    ):
        call_command("seed_demo", stdout=stdout or io.StringIO())
    # A fresh stream per top-up: a second load is not a copy of the first.
    last_pk = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rng = random.Random(f"{seed}:{last_pk}")
    composer = Composer(rng)
    end = timezone.now() - NEWEST_LAG
    postgres = connection.vendor == "postgresql"
    if rebuild_indexes is None:
        # Rebuilding costs in proportion to the whole table (the last id says about
        # how large), updating in proportion to the load.
        rebuild_indexes = articles >= REBUILD_MIN and articles * 4 >= last_pk
    # Indexes can be built two at a time only on two connections, which see the
    # articles once committed: not when a caller holds a transaction open.
    defer = not connection.in_atomic_block

    def report(done: int, note: str = "") -> None:
        if stdout is not None:
            note = f", {note}" if note else ""
            seconds = time.perf_counter() - started
            stdout.write(f"  {done:,} / {articles:,} articles, {seconds:.0f} s{note}")

    def progress(note: str) -> None:
        report(articles, note)

    with transaction.atomic():
        writer = PostgresCopy() if postgres else BulkInsert()
        facets = Facets(seed, rng)
        plan = plan_days(articles, rng, end)
        batches = article_batches(
            plan=plan, end=end, facets=facets, composer=composer, rng=rng, batch=batch
        )
        if postgres and rebuild_indexes:
            writer.set_indexes_aside()
        _store(writer, batches, threaded=postgres, report=report)
        if postgres and rebuild_indexes:
            writer.restore_indexes(progress, defer=defer)
        NewsCodeCounter.objects.bulk_create(
            [
                NewsCodeCounter(day=key, last=first_seq + count - 1)
                for _date, key, first_seq, count in plan
            ],
            update_conflicts=True,
            unique_fields=["day"],
            update_fields=["last"],
            batch_size=1000,
        )
    if postgres and writer.set_aside:
        writer.restore_deferred_indexes(progress)
    writer.analyze()
    return articles


def _store(writer, batches, *, threaded: bool, report) -> None:
    """Write every batch; threaded, the next batch is composed while one is stored."""
    done = 0
    if not threaded:
        for rows, links in batches:
            writer.write(rows, links)
            done += len(rows)
            report(done)
        return
    with ThreadPoolExecutor(max_workers=1) as worker:
        pending, size = None, 0
        for rows, links in batches:
            if pending is not None:
                pending.result()
                done += size
                report(done)
            pending, size = worker.submit(writer.write, rows, links), len(rows)
        if pending is not None:
            pending.result()
            report(done + size)
