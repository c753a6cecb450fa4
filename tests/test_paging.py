"""Keyset pages: older/newer links that neither repeat nor skip, at any depth."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, TopicFactory, service

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(
        r'class="story-title"><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )


def link(response, rel: str) -> str | None:
    found = re.search(rf'<a rel="{rel}" href="([^"]*)"', response.content.decode())
    return html.unescape(found[1]) if found else None


def make(n: int, **kwargs) -> list:
    """``n`` published articles, a minute apart, newest first."""
    now = timezone.now()
    return [
        ArticleFactory(
            title_fa=f"خبر {i}",
            published_at=now - datetime.timedelta(minutes=i + 1),
            **kwargs,
        )
        for i in range(n)
    ]


def walk(client, path: str, *, between=None) -> list[str]:
    """Follow the "older" links from ``path`` to the end; return every title seen."""
    seen, url, step = [], path, 0
    while url:
        response = client.get(url if url.startswith("/") else path + url)
        assert response.status_code == 200
        seen += titles(response)
        url = link(response, "next")
        if between:
            between(step)
        step += 1
    return seen


@pytest.mark.parametrize("path", ["/news/", "/service/economic/"])
def test_older_links_visit_every_article_once(client, path):
    made = make(45, service=service("economic"))
    assert walk(client, path) == [a.title_fa for a in made]


def test_publishing_between_clicks_neither_repeats_nor_skips(client):
    made = make(50)

    def publish(step):
        ArticleFactory(title_fa=f"تازه {step}", published_at=timezone.now())

    seen = walk(client, "/news/", between=publish)
    assert seen == [a.title_fa for a in made]


def test_same_publish_time_is_split_by_news_code(client):
    when = timezone.now() - datetime.timedelta(hours=1)
    made = [
        ArticleFactory(title_fa=f"هم‌زمان {i}", published_at=when) for i in range(45)
    ]
    seen = walk(client, "/news/")
    assert sorted(seen) == sorted(a.title_fa for a in made)
    assert len(seen) == len(set(seen)) == 45


def test_newer_link_leads_back_to_the_same_articles(client):
    make(45)
    first = client.get("/news/")
    second = client.get("/news/" + link(first, "next"))
    assert link(first, "prev") is None
    back = client.get("/news/" + link(second, "prev"))
    assert titles(back) == titles(first)
    assert link(back, "prev") is None
    assert link(back, "next") == link(first, "next")


def test_links_keep_the_filter_and_drop_the_old_page_number(client):
    topic = TopicFactory(slug="tourism")
    for article in make(25):
        article.topics.add(topic)
    make(5)
    older = link(client.get("/news/", {"topic": "tourism", "page": "1"}), "next")
    assert "topic=tourism" in older and "page=" not in older
    assert len(titles(client.get("/news/" + older))) == 5


def test_old_numbered_links_still_answer(client):
    made = make(45)
    page2 = client.get("/news/", {"page": "2"})
    assert page2.status_code == 200
    assert titles(page2) == [a.title_fa for a in made[20:40]]
    assert link(page2, "prev") and link(page2, "next")
    assert client.get("/news/", {"page": "4"}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {"older": "abc"},
        {"older": "1-"},
        {"newer": "99999999999999999-1"},
        {"older": "-5-3"},
        {"older": "1" * 40},
        {"older": "0-0"},
    ],
)
def test_malformed_or_exhausted_cursors_are_404(client, query):
    make(3)
    assert client.get("/news/", query).status_code == 404


def test_lists_never_count_the_whole_table(client, django_assert_max_num_queries):
    make(30, service=service("economic"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in ["/news/", "/service/economic/", "/news/?page=2"]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        assert not [q for q in queries if "COUNT(" in q["sql"].upper()], path


def test_admin_counts_exactly_up_to_a_cap_then_estimates(monkeypatch, is_postgres):
    from articles.models import Article
    from articles.paging import EstimatedCountPaginator

    make(7)
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_UP_TO", 10)
    assert EstimatedCountPaginator(Article.objects.all(), 5).count == 7
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_UP_TO", 3)
    count = EstimatedCountPaginator(Article.objects.all(), 5).count
    # PostgreSQL answers with the planner's estimate, never below what was counted.
    assert count == 7 if not is_postgres else count >= 4


def test_admin_changelist_counts_no_more_than_a_capped_subquery(admin_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make(3)
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get("/admin/articles/article/").status_code == 200
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts), counts
