import datetime

import pytest

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    PositionFactory,
    TopicFactory,
    country,
    service,
)

pytestmark = pytest.mark.django_db


def test_service_page_lists_its_published_articles(client):
    ArticleFactory(title_fa="خبر اقتصادی", service=service("economic"))
    ArticleFactory(title_fa="خبر ورزشی", service=service("sports"))
    ArticleFactory(
        title_fa="پیش‌نویس اقتصادی",
        service=service("economic"),
        status=Article.Status.DRAFT,
    )
    html = client.get("/service/economic/").content.decode()
    listed = html[html.index("<main") : html.index("</main>")]  # not the side column
    assert "خبر اقتصادی" in listed
    assert "خبر ورزشی" not in listed and "پیش‌نویس اقتصادی" not in html
    assert 'href="/service/economic/rss/"' in html


def test_tag_page_with_a_persian_slug(client):
    topic = TopicFactory(name_fa="گردشگری سلامت")
    ArticleFactory(title_fa="گردشگران عراقی").topics.add(topic)
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert "گردشگران عراقی" in response.content.decode()


def test_country_page_lists_articles_and_the_officials_who_served_there(client):
    kz = country("KZ")
    ArticleFactory(title_fa="همکاری با قزاقستان").countries.add(kz)
    past = PositionFactory(
        official=OfficialFactory(name_fa="سفیر پیشین"),
        title_fa="سفیر ایران در قزاقستان",
        country=kz,
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2022, 1, 1),
    )
    current = PositionFactory(
        official=OfficialFactory(name_fa="سفیر کنونی"),
        title_fa="سفیر ایران در قزاقستان",
        country=kz,
        start_date=datetime.date(2022, 1, 2),
    )
    html = client.get("/country/kz/").content.decode()
    assert "قزاقستان" in html
    assert "همکاری با قزاقستان" in html
    assert html.index(current.official.name_fa) < html.index(past.official.name_fa)


@pytest.mark.parametrize(
    "path", ["/country/xx/", "/country/KZ/", "/country/kzz/", "/tag/nothing/"]
)
def test_unknown_pages_are_404(client, path):
    assert client.get(path).status_code == 404


def test_country_page_query_count_is_constant(client, django_assert_max_num_queries):
    kz = country("KZ")
    ArticleFactory().countries.add(kz)
    with django_assert_max_num_queries(15) as few:
        client.get("/country/kz/")
    for _ in range(20):
        article = ArticleFactory()
        article.countries.add(kz, country("TR"))
        article.topics.add(TopicFactory())
    for year in range(2000, 2010):
        PositionFactory(
            title_fa=f"سفیر {year}",
            country=kz,
            start_date=datetime.date(year, 1, 1),
            end_date=datetime.date(year, 12, 1),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/country/kz/")


@pytest.mark.parametrize("kind", ["service", "tag"])
def test_service_and_tag_pages_query_count_is_constant(
    client, kind, django_assert_max_num_queries
):
    topic = TopicFactory(slug="trade")
    path = "/service/economic/" if kind == "service" else "/tag/trade/"

    def make(n):
        for article in ArticleFactory.create_batch(n, service=service("economic")):
            article.topics.add(topic, TopicFactory())
            article.officials.add(OfficialFactory())

    make(2)
    with django_assert_max_num_queries(15) as few:
        client.get(path)
    make(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(path)
