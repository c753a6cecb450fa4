import datetime
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    TopicFactory,
    country,
    service,
)

pytestmark = pytest.mark.django_db

FEEDS = ["site", "service", "tag", "official", "country"]


@pytest.fixture
def subjects(db):
    """The objects every object feed is about."""
    return {
        "service": service("political"),
        "tag": TopicFactory(name_fa="انرژی", name_en="Energy"),
        "official": OfficialFactory(),
        "country": country("AZ"),
    }


def url(name: str, language: str = "fa", **kwargs) -> str:
    """``reverse`` in ``language``: a request to /en/ leaves English active."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def feed_url(kind: str, subjects: dict, language: str = "fa") -> str:
    if kind == "site":
        return url("articles:feed", language)
    if kind == "country":
        return url("topics:country_feed", language, code="az")
    name = {
        "service": "topics:service_feed",
        "tag": "topics:tag_feed",
        "official": "officials:feed",
    }[kind]
    return url(name, language, slug=subjects[kind].slug)


def filed_under(subjects: dict, **fields) -> Article:
    """An article in the subjects' service, tagged with all the other subjects."""
    article = ArticleFactory(service=subjects["service"], **fields)
    article.topics.add(subjects["tag"])
    article.officials.add(subjects["official"])
    article.countries.add(subjects["country"])
    return article


def parse(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return root.find("channel")


def item_titles(channel: ET.Element) -> list[str]:
    return [item.findtext("title") for item in channel.findall("item")]


@pytest.mark.parametrize("kind", FEEDS)
def test_feed_lists_published_articles_only(client, subjects, kind):
    now = timezone.now()
    filed_under(subjects, title_fa="خبر منتشرشده")
    filed_under(
        subjects, title_fa="پیش‌نویس", status=Article.Status.DRAFT, published_at=None
    )
    filed_under(
        subjects,
        title_fa="زمان‌بندی‌شده برای فردا",
        status=Article.Status.SCHEDULED,
        published_at=now + datetime.timedelta(days=1),
    )
    filed_under(
        subjects,
        title_fa="منتشرشده برای فردا",
        status=Article.Status.PUBLISHED,
        published_at=now + datetime.timedelta(days=1),
    )
    filed_under(subjects, title_fa="پس‌گرفته", status=Article.Status.WITHDRAWN)

    channel = parse(client.get(feed_url(kind, subjects)))

    assert item_titles(channel) == ["خبر منتشرشده"]
    assert channel.findtext("language") == "fa"


@pytest.mark.parametrize("kind", ["service", "tag", "official", "country"])
def test_object_feed_leaves_out_articles_about_something_else(client, subjects, kind):
    filed_under(subjects, title_fa="خبر این صفحه")
    ArticleFactory(service=service("economic"), title_fa="خبر جای دیگر")

    channel = parse(client.get(feed_url(kind, subjects)))

    assert item_titles(channel) == ["خبر این صفحه"]


def test_feed_lists_newest_first_and_at_most_thirty(client):
    now = timezone.now()
    for hours in range(1, 33):
        ArticleFactory(
            title_fa=f"خبر {hours} ساعت پیش",
            published_at=now - datetime.timedelta(hours=hours),
        )

    titles = item_titles(parse(client.get(url("articles:feed"))))

    assert titles == [f"خبر {hours} ساعت پیش" for hours in range(1, 31)]


@pytest.mark.parametrize("kind", FEEDS)
def test_english_feed_lists_only_articles_with_english_text(client, subjects, kind):
    filed_under(
        subjects,
        title_fa="خبر دوزبانه",
        title_en="A story in English",
        lead_en="An English lead.",
        body_en="<p>English text.</p>",
    )
    filed_under(subjects, title_fa="فقط فارسی")

    channel = parse(client.get(feed_url(kind, subjects, "en")))

    assert item_titles(channel) == ["A story in English"]
    assert channel.findtext("language") == "en"
    [link] = [item.findtext("link") for item in channel.findall("item")]
    assert link.startswith("http://testserver/en/news/")


def test_english_feed_item_has_the_english_lead_never_the_persian(client, subjects):
    english = {"body_en": "<p>English text.</p>", "lead_fa": "لید فارسی"}
    filed_under(subjects, title_en="With a lead", lead_en="The English lead", **english)
    # Without an English lead an article is not written in English: not in the feed.
    filed_under(subjects, title_en="Without a lead", **english)

    channel = parse(client.get(url("articles:feed", "en")))

    assert {
        item.findtext("title"): item.findtext("description")
        for item in channel.findall("item")
    } == {"With a lead": "The English lead"}


def test_english_feed_title_is_in_english(client, subjects):
    site = parse(client.get(feed_url("site", subjects, "en")))
    tag = parse(client.get(feed_url("tag", subjects, "en")))

    assert site.findtext("title") == "Newsroom: latest news"
    assert tag.findtext("title") == "Newsroom: Energy"
    assert (
        tag.findtext("link")
        == "http://testserver/en/tag/" + quote(subjects["tag"].slug) + "/"
    )


def test_feed_item_carries_lead_link_dates_guid_and_categories(client, subjects):
    article = filed_under(
        subjects, title_fa="تیتر & <تیتر>", lead_fa="لید با <b>علامت</b> & نشانه"
    )
    article.topics.add(TopicFactory(name_fa="نفت"))

    [item] = parse(client.get(url("articles:feed"))).findall("item")

    assert item.findtext("title") == "تیتر & <تیتر>"
    # The description is HTML, so the plain-text lead arrives escaped.
    assert item.findtext("description") == (
        "لید با &lt;b&gt;علامت&lt;/b&gt; &amp; نشانه"
    )
    with translation.override("fa"):
        assert item.findtext("link") == "http://testserver" + article.get_absolute_url()
    guid = item.find("guid")
    assert guid.text == f"http://testserver/n/{article.news_code}"
    assert guid.get("isPermaLink") == "false"
    assert item.findtext("pubDate") == article.published_at.strftime(
        "%a, %d %b %Y %H:%M:%S +0000"
    )
    assert sorted(c.text for c in item.findall("category")) == sorted(
        [subjects["service"].name_fa, "انرژی", "نفت"]
    )


def test_feed_survives_characters_xml_cannot_carry(client):
    # A wire item may carry them; PostgreSQL refuses NUL, but stores these.
    ArticleFactory(title_fa="تیتر\x0bبا\x1bنویسه کنترلی", lead_fa="لید\x1f\ufffe")

    [title] = item_titles(parse(client.get(url("articles:feed"))))

    assert title == "تیتربانویسه کنترلی"


HOSTILE_SLUGS = ["a" * 10_000, "bad\x00slug", "<script>alert(1)</script>", "..", " "]


def with_kwarg(name: str, value: str) -> str:
    """The URL of ``name`` with ``value`` (quoted as a browser would) in its place."""
    key = "code" if name == "topics:country_feed" else "slug"
    return url(name, **{key: "xx"}).replace("/xx/", f"/{quote(value)}/")


@pytest.mark.parametrize(
    "name", ["topics:service_feed", "topics:tag_feed", "officials:feed"]
)
@pytest.mark.parametrize("slug", HOSTILE_SLUGS)
def test_hostile_slug_is_a_404(client, name, slug):
    assert client.get(with_kwarg(name, slug)).status_code == 404


@pytest.mark.parametrize(
    "code", ["AZ", "aze", "a", "a\x00", "áz", "a1", "zz", "<b>", "a" * 10_000]
)
def test_country_feed_answers_404_for_anything_but_a_known_lower_case_code(
    client, subjects, code
):
    assert client.get(with_kwarg("topics:country_feed", "az")).status_code == 200
    assert client.get(with_kwarg("topics:country_feed", code)).status_code == 404


@pytest.mark.parametrize("kind", FEEDS)
def test_feed_query_count_does_not_grow_with_articles_or_topics(client, subjects, kind):
    def articles_with_topics(count: int):
        for _ in range(count):
            filed_under(subjects).topics.add(*TopicFactory.create_batch(3))

    address = feed_url(kind, subjects)
    articles_with_topics(3)
    with CaptureQueriesContext(connection) as few:
        assert len(item_titles(parse(client.get(address)))) == 3
    articles_with_topics(27)
    with CaptureQueriesContext(connection) as many:
        assert len(item_titles(parse(client.get(address)))) == 30

    assert len(many) == len(few) <= 3
