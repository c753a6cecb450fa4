"""Most read: reads counted without a database write per view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import reads
from articles.models import ArticleReads
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_timed_flush(monkeypatch):
    # Only the count of reads decides when a batch is written in these tests.
    monkeypatch.setattr(reads, "FLUSH_SECONDS", 10**9)
    monkeypatch.setattr(reads, "_state", {"views": 0, "since": 0.0})


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if "articlereads" in q["sql"].lower()]


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
    assert len([q for q in writes(queries) if q.upper().startswith("INSERT")]) == 1
    assert ArticleReads.objects.get().count == 5


def test_batches_add_up_across_flushes(client):
    article = ArticleFactory()
    for _ in range(3):
        client.get(article.get_absolute_url())
    reads.flush_reads()
    client.get(article.get_absolute_url())
    reads.flush_reads()
    assert ArticleReads.objects.get(article=article).count == 4


def test_pages_served_from_the_cache_are_counted(client, settings):
    settings.PAGE_CACHE = True
    article = ArticleFactory()
    for _ in range(3):
        client.get(article.get_absolute_url())
    assert client.get(article.get_absolute_url())["X-Page-Cache"] == "hit"
    reads.flush_reads()
    assert ArticleReads.objects.get(article=article).count == 4


def test_reads_of_a_deleted_article_are_dropped_quietly(client):
    gone, kept = ArticleFactory(), ArticleFactory()
    client.get(gone.get_absolute_url())
    client.get(kept.get_absolute_url())
    gone.delete()
    assert reads.flush_reads() == 1
    assert list(ArticleReads.objects.values_list("article", flat=True)) == [kept.pk]


def test_the_home_page_shows_the_most_read_today(client):
    quiet = ArticleFactory(title_fa="خبر کم‌خوانده")
    popular = ArticleFactory(title_fa="خبر پرخواننده")
    for _ in range(3):
        client.get(popular.get_absolute_url())
    client.get(quiet.get_absolute_url())
    reads.flush_reads()
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
