"""Saving a published article untouched keeps its publish time to the second."""

import datetime
import re

from django.contrib.admin.models import LogEntry

from articles.models import Article
from tests.articles.conftest import change_form, change_url
from tests.factories import ArticleFactory, service

PUBLISHED = datetime.datetime(2026, 11, 24, 11, 7, 42, tzinfo=datetime.UTC)


def shown_value(html: str, name: str) -> str:
    (value,) = re.findall(rf'name="{name}"[^>]*value="([^"]*)"', html)
    return value


def test_plain_save_keeps_the_publish_second_and_logs_no_time_change(client, newsroom):
    article = ArticleFactory(
        status=Article.Status.PUBLISHED,
        published_at=PUBLISHED,
        service=service("political"),
    )
    client.force_login(newsroom["chief"])
    page = client.get(change_url(article)).content.decode()
    shown = {
        name: shown_value(page, name) for name in ("published_at_0", "published_at_1")
    }
    assert shown["published_at_1"] == "۱۴:۳۷:۴۲"

    response = client.post(
        change_url(article), change_form(article, lead_fa="لید تازه", **shown)
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead_fa == "لید تازه"
    assert article.published_at == PUBLISHED
    message = LogEntry.objects.get(object_id=str(article.pk)).get_change_message()
    assert "lead" in message.lower() or "لید" in message
    assert "publish" not in message.lower() and "انتشار" not in message
