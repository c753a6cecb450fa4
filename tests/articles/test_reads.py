"""Most read: reads counted without a database write per view."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import reads
from articles.models import ArticleReads
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# With Redis (the PostgreSQL run in CI), batches go to Redis and fold_reads moves them
# into the database; on the embedded default, batches are written directly.
WITH_REDIS = bool(settings.REDIS_URL)


@pytest.fixture(autouse=True)
def _no_timed_flush(monkeypatch):
    # Only the count of reads decides when a batch is written in these tests.
    monkeypatch.setattr(reads, "FLUSH_SECONDS", 10**9)
    monkeypatch.setattr(reads, "_state", {"views": 0, "since": 0.0})


def writes(queries) -> list[str]:
    # Reading the counts (the side column's most read, once a minute) writes nothing.
    return [
        q["sql"]
        for q in queries
        if "articlereads" in q["sql"].lower() and not q["sql"].startswith("SELECT")
    ]


def test_reading_an_article_writes_nothing_until_the_batch_is_full(client, monkeypatch):
    monkeypatch.setattr(reads, "FLUSH_EVERY", 5)
    article = ArticleFactory()
    url = article.get_absolute_url()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(4):
            client.get(url)
    assert not writes(queries)
    assert not ArticleReads.objects.exists()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    inserts = [q for q in writes(queries) if q.upper().startswith("INSERT")]
    if WITH_REDIS:
        # The batch went to Redis: the web worker writes no read to the database.
        assert not inserts
        assert not ArticleReads.objects.exists()
        reads.fold_reads()
    else:
        assert len(inserts) == 1
    assert ArticleReads.objects.get().count == 5


def test_batches_add_up_across_flushes(client):
    article = ArticleFactory()
    for _ in range(3):
        client.get(article.get_absolute_url())
    reads.fold_reads()
    client.get(article.get_absolute_url())
    reads.fold_reads()
    assert ArticleReads.objects.get(article=article).count == 4


def test_pages_served_from_the_cache_are_counted(client, settings):
    settings.PAGE_CACHE = True
    article = ArticleFactory()
    for _ in range(3):
        client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    reads.fold_reads()
    assert ArticleReads.objects.get(article=article).count == 4


def test_reads_of_a_deleted_article_are_dropped_quietly(client):
    gone, kept = ArticleFactory(), ArticleFactory()
    client.get(gone.get_absolute_url())
    client.get(kept.get_absolute_url())
    gone.delete()
    if WITH_REDIS:
        reads.flush_reads()
        assert reads.fold_reads() == 1
    else:
        assert reads.flush_reads() == 1
    assert list(ArticleReads.objects.values_list("article", flat=True)) == [kept.pk]


def test_the_home_page_shows_the_most_read_today(client):
    quiet = ArticleFactory(title_fa="خبر کم‌خوانده")
    popular = ArticleFactory(title_fa="خبر پرخواننده")
    for _ in range(3):
        client.get(popular.get_absolute_url())
    client.get(quiet.get_absolute_url())
    reads.fold_reads()
    cache.clear()  # a minute later, when the counts are summed anew
    assert reads.most_read("fa") == [popular, quiet]
    html = client.get("/").content.decode()
    section = html[html.index("پربازدیدترین‌های امروز") :]
    assert section.index("خبر پرخواننده") < section.index("خبر کم‌خوانده")


def test_most_read_this_week_counts_earlier_days(client):
    import datetime

    from django.utils import timezone

    older = ArticleFactory(title_fa="دیروز")
    today = ArticleFactory(title_fa="امروز")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    ArticleReads.objects.create(article=older, day=yesterday, count=10)
    ArticleReads.objects.create(article=today, day=timezone.localdate(), count=2)
    assert reads.most_read("fa", days=1) == [today]
    assert reads.most_read("fa", days=7) == [older, today]


def test_fold_reads_moves_every_count_once(client, capsys):
    article = ArticleFactory()
    for _ in range(3):
        client.get(article.get_absolute_url())
    reads.flush_reads()
    client.get(article.get_absolute_url())  # counted after the batch, still in memory
    call_command("fold_reads")
    call_command("fold_reads")  # nothing left: nothing added twice
    assert ArticleReads.objects.get(article=article).count == 4
    out = capsys.readouterr().out
    assert ("Folded the reads of 1 article-days." in out) == WITH_REDIS


@pytest.mark.skipif(not WITH_REDIS, reason="the embedded default keeps no counts apart")
def test_counts_the_database_refused_wait_in_redis_for_the_next_fold(
    client, monkeypatch
):
    article = ArticleFactory()
    for _ in range(2):
        client.get(article.get_absolute_url())
    monkeypatch.setattr(reads, "_write", lambda batch: None)  # the database is away
    assert reads.fold_reads() == 0
    monkeypatch.undo()
    assert not ArticleReads.objects.exists()
    assert reads.fold_reads() == 1
    assert ArticleReads.objects.get(article=article).count == 2
