"""Upgrading moves the stories already stored into search (migration 0024)."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("articles", "0023_written_flag")]
AFTER = [("articles", "0024_search_entries")]


def article_columns() -> set[str]:
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(
            cursor, "articles_article"
        )
    return {column.name for column in described}


def test_stories_stored_before_the_upgrade_are_found_after_it(migrate, client):
    apps = migrate(BEFORE)
    Old = apps.get_model("articles", "Article")
    service = apps.get_model("topics", "Service").objects.get(slug="political")
    Old.objects.create(
        news_code=14040101001,
        title_fa="سد ارس",
        slug="sad-aras",
        search_title="سد ارس",
        search_text="سد ارس آب پشت سد",
        service=service,
        status="published",
        published_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
    )

    migrate(AFTER)
    response = client.get(reverse("articles:search"), {"q": "پشت"})
    assert [a.title_fa for a in response.context["page"].object_list] == ["سد ارس"]
    # The vectors now live in the search entries only.
    assert "search_vector" not in article_columns()


def test_going_back_restores_the_article_vectors(migrate):
    migrate(BEFORE)
    if connection.vendor == "postgresql":
        assert "search_vector" in article_columns()
    assert "articles_searchentry" not in connection.introspection.table_names()
