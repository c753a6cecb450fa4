import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_home_lists_published_articles_only_in_persian_rtl(client):
    ArticleFactory(title_fa="خبر منتشرشده")
    ArticleFactory(
        title_fa="پیش‌نویس محرمانه", status=Article.Status.DRAFT, published_at=None
    )
    response = client.get(reverse("articles:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl">' in html
    assert "خبر منتشرشده" in html
    assert "پیش‌نویس محرمانه" not in html


def test_home_query_count_does_not_grow_with_articles(
    client, django_assert_max_num_queries
):
    ArticleFactory.create_batch(3)
    with django_assert_max_num_queries(2):
        client.get(reverse("articles:home"))
    ArticleFactory.create_batch(20)
    with django_assert_max_num_queries(2):
        client.get(reverse("articles:home"))


def test_admin_stays_persian_for_an_english_browser(admin_client):
    response = admin_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US,en")
    assert 'lang="fa"' in response.content.decode()
