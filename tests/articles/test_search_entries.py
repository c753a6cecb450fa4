"""A reader's search finds what readers may see, however the story was written:
saved, changed many at a time by an UPDATE, or deleted. On PostgreSQL it reads the
search entries the article table's trigger keeps (``articles.SearchEntry``)."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, SearchEntry
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search entries are PostgreSQL's"
)


def results(client, query: str, language: str = "fa") -> list[str]:
    """The titles a reader of ``language`` finds for ``query``, best first."""
    with translation.override(language):
        address = reverse("articles:search")
    response = client.get(address, {"q": query})
    assert response.status_code == 200
    page = response.context["page"]
    return [article.title for article in page.object_list] if page else []


def test_a_story_published_by_an_update_of_many_is_found(client):
    story = ArticleFactory(title_fa="سد ارس", status=Article.Status.DRAFT)
    assert not results(client, "ارس")
    Article.objects.filter(pk=story.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now()
    )
    assert results(client, "ارس") == ["سد ارس"]


def test_a_story_withdrawn_by_an_update_of_many_is_no_longer_found(client):
    story = ArticleFactory(title_fa="سد ارس")
    assert results(client, "ارس") == ["سد ارس"]
    Article.objects.filter(pk=story.pk).update(status=Article.Status.WITHDRAWN)
    assert not results(client, "ارس")


def test_a_scheduled_story_is_found_from_its_time_on(client):
    story = ArticleFactory(
        title_fa="سد ارس",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert not results(client, "ارس")
    Article.objects.filter(pk=story.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert results(client, "ارس") == ["سد ارس"]


def test_a_corrected_text_is_found_by_its_new_words_only(client):
    story = ArticleFactory(title_fa="سد ارس", lead_fa="آب پشت سد")
    story.lead_fa = "برق نیروگاه"
    story.save()
    assert not results(client, "پشت")
    assert results(client, "نیروگاه") == ["سد ارس"]


def test_the_newest_matches_come_first_when_none_matches_in_the_title(client):
    now = timezone.now()
    for hours, title in [(3, "کهنه"), (1, "تازه"), (2, "میانه")]:
        ArticleFactory(
            title_fa=title,
            lead_fa="بارش برف",
            published_at=now - datetime.timedelta(hours=hours),
        )
    assert results(client, "برف") == ["تازه", "میانه", "کهنه"]


def test_an_english_reader_finds_only_stories_written_in_english(client):
    english = {"title_en": "Aras dam", "lead_en": "Water.", "body_en": "<p>W.</p>"}
    story = ArticleFactory(title_fa="سد ارس", **english)
    ArticleFactory(title_fa="سد ارس دو", title_en="Aras dam two")  # no English body
    assert results(client, "Aras", language="en") == ["Aras dam"]
    story.lead_en = ""
    story.save()
    assert not results(client, "Aras", language="en")


@postgres_only
def test_every_story_has_one_entry_with_its_state_and_none_once_deleted():
    kept = ArticleFactory(title_fa="سد ارس", status=Article.Status.DRAFT)
    gone = ArticleFactory(title_fa="پل")
    Article.objects.filter(pk=kept.pk).update(status=Article.Status.PUBLISHED)
    gone.delete()
    kept.refresh_from_db()
    entries = list(SearchEntry.objects.values_list("article", "news_code", "status"))
    assert entries == [(kept.pk, kept.news_code, "published")]


def test_a_change_of_state_alone_keeps_the_words_found(client):
    story = ArticleFactory(title_fa="سد ارس", status=Article.Status.DRAFT)
    story.status = Article.Status.PUBLISHED
    story.published_at = timezone.now()
    story.save(update_fields=["status", "published_at"])
    assert results(client, "ارس") == ["سد ارس"]
