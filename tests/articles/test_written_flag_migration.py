"""Upgrading flags the stories already written in English (migration 0023)."""

import datetime

import pytest

from articles.models import Article

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("articles", "0022_english_list_indexes")]
FLAGGED = [("articles", "0023_written_flag")]


def test_stories_already_written_in_english_are_flagged(migrate):
    apps = migrate(BEFORE)
    Old = apps.get_model("articles", "Article")
    service = apps.get_model("topics", "Service").objects.get(slug="political")

    def story(code: int, **english):
        return Old.objects.create(
            news_code=code,
            title_fa=f"خبر {code}",
            slug=f"khabar-{code}",
            service=service,
            status="published",
            published_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
            **english,
        ).pk

    both = story(14040101001, title_en="Snow", lead_en="Roads.", body_en="<p>R.</p>")
    no_body = story(14040101002, title_en="Snow", lead_en="Roads.", body_en="")
    persian = story(14040101003)

    migrate(FLAGGED)
    english = set(Article.objects.in_language("en").values_list("pk", flat=True))
    assert both in english and not {no_body, persian} & english
