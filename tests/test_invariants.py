"""What the database itself refuses, whatever path writes to it."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from articles.models import Article
from officials.models import Position
from tests.factories import ArticleFactory, OfficialFactory

pytestmark = pytest.mark.django_db

S = Article.Status


@pytest.mark.parametrize("status", [S.PUBLISHED, S.SCHEDULED])
def test_a_published_or_scheduled_article_has_a_publish_time(status):
    article = ArticleFactory(status=S.APPROVED, published_at=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status=status)
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(status=status, published_at=None)


@pytest.mark.parametrize("status", [S.DRAFT, S.REVIEW, S.APPROVED, S.WITHDRAWN])
def test_other_states_may_wait_for_their_time(status):
    assert ArticleFactory(status=status, published_at=None).pk


def test_a_post_does_not_end_before_it_starts():
    official = OfficialFactory()
    start = datetime.date(2021, 10, 1)
    Position.objects.create(
        official=official, title_fa="استاندار", start_date=start, end_date=start
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(
            official=official,
            title_fa="سفیر",
            start_date=start,
            end_date=start - datetime.timedelta(days=1),
        )


def test_news_codes_are_unique():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(news_code=article.news_code)
