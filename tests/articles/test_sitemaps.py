import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    TopicFactory,
    country,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def url(name: str, language: str = "fa", **kwargs) -> str:
    """``reverse`` in ``language``: a request to /en/ leaves English active."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def absolute(article: Article, language: str = "fa") -> str:
    with translation.override(language):
        return "http://testserver" + article.get_absolute_url()


def unpublished(**fields) -> list[Article]:
    """A draft, a withdrawn article and two due tomorrow, one per way of hiding."""
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    return [
        ArticleFactory(status=Article.Status.DRAFT, published_at=None, **fields),
        ArticleFactory(status=Article.Status.WITHDRAWN, **fields),
        ArticleFactory(
            status=Article.Status.SCHEDULED, published_at=tomorrow, **fields
        ),
        ArticleFactory(
            status=Article.Status.PUBLISHED, published_at=tomorrow, **fields
        ),
    ]


@pytest.fixture
def site(db):
    """Published articles in one and two languages, hidden ones, and their tags."""
    persian = ArticleFactory(title_fa="فقط فارسی")
    both = ArticleFactory(
        title_fa="دوزبانه",
        title_en="In both languages",
        lead_en="An English lead.",
        body_en="<p>English text.</p>",
    )
    topic = TopicFactory()
    official = OfficialFactory()
    both.topics.add(topic)
    both.officials.add(official)
    both.countries.add(country("AZ"))
    hidden = unpublished(
        title_en="Hidden", lead_en="An English lead.", body_en="<p>English text.</p>"
    )
    for article in hidden:
        article.countries.add(country("FR"))
    return {
        "persian": persian,
        "both": both,
        "hidden": hidden,
        "topic": topic,
        "official": official,
    }


def sitemap(client) -> ET.Element:
    """Every sitemap the index names, read as one ``urlset``."""
    response = client.get(url("sitemap"))
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    merged = ET.Element(f"{SITEMAP}urlset")
    for loc in index.iter(f"{SITEMAP}loc"):
        part = client.get(urlsplit(loc.text).path)
        assert part.status_code == 200
        root = ET.fromstring(part.content)
        assert root.tag == f"{SITEMAP}urlset"
        merged.extend(root)
    return merged


def locations(root: ET.Element) -> list[str]:
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def test_sitemap_lists_published_articles_in_the_languages_they_are_written_in(
    client, site
):
    locs = locations(sitemap(client))

    assert absolute(site["persian"]) in locs
    assert absolute(site["both"]) in locs
    assert absolute(site["both"], "en") in locs
    assert absolute(site["persian"], "en") not in locs


def test_sitemap_leaves_out_unpublished_articles(client, site):
    locs = locations(sitemap(client))

    for article in site["hidden"]:
        assert not [loc for loc in locs if f"/news/{article.news_code}/" in loc]


def test_sitemap_names_the_other_language_of_an_article(client, site):
    root = sitemap(client)
    [entry] = [
        u
        for u in root.findall(f"{SITEMAP}url")
        if u.findtext(f"{SITEMAP}loc") == absolute(site["both"])
    ]

    alternates = {
        link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")
    }

    assert alternates == {
        "fa": absolute(site["both"]),
        "en": absolute(site["both"], "en"),
        "x-default": absolute(site["both"]),
    }


def test_sitemap_lists_services_topics_officials_and_countries_in_the_news(
    client, site
):
    locs = locations(sitemap(client))

    assert "http://testserver" + url("topics:service", slug="political") in locs
    assert "http://testserver" + url("topics:tag", slug=site["topic"].slug) in locs
    assert (
        "http://testserver" + url("officials:detail", slug=site["official"].slug)
        in locs
    )
    assert "http://testserver" + url("topics:country", code="az") in locs
    # France only has unpublished articles; Germany none at all.
    assert "http://testserver" + url("topics:country", code="fr") not in locs
    assert "http://testserver" + url("topics:country", code="de") not in locs


def test_every_sitemap_url_answers_200(client, site):
    root = sitemap(client)
    urls = set(locations(root)) | {
        link.get("href") for link in root.iter(f"{XHTML}link")
    }
    assert len(urls) > 10

    broken = {}
    for address in sorted(urls):
        parts = urlsplit(address)
        assert (parts.scheme, parts.netloc) == ("http", "testserver")
        status = client.get(parts.path).status_code
        if status != 200:
            broken[address] = status

    assert broken == {}


def news_sitemap(client) -> ET.Element:
    response = client.get(url("news_sitemap"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return root


def news_entries(root: ET.Element) -> dict[str, ET.Element]:
    return {u.findtext(f"{SITEMAP}loc"): u.find(f"{NEWS}news") for u in root}


def test_news_sitemap_lists_the_last_two_days_only(client):
    now = timezone.now()
    recent = ArticleFactory(title_fa="خبر یک ساعت پیش")
    old = ArticleFactory(
        title_fa="خبر سه روز پیش", published_at=now - datetime.timedelta(days=3)
    )
    hidden = unpublished()

    entries = news_entries(news_sitemap(client))

    assert list(entries) == [absolute(recent)]
    assert absolute(old) not in entries
    assert not {absolute(article) for article in hidden} & set(entries)


def test_news_sitemap_entry_names_publication_language_date_and_title(client):
    article = ArticleFactory(
        title_fa="تیتر خبر",
        title_en="The headline",
        lead_en="An English lead.",
        body_en="<p>English text.</p>",
    )

    entries = news_entries(news_sitemap(client))

    persian, english = entries[absolute(article)], entries[absolute(article, "en")]
    assert persian.findtext(f"{NEWS}publication/{NEWS}name") == "تحریریه"
    assert persian.findtext(f"{NEWS}publication/{NEWS}language") == "fa"
    assert persian.findtext(f"{NEWS}title") == "تیتر خبر"
    assert english.findtext(f"{NEWS}publication/{NEWS}name") == "Newsroom"
    assert english.findtext(f"{NEWS}publication/{NEWS}language") == "en"
    assert english.findtext(f"{NEWS}title") == "The headline"
    published = persian.findtext(f"{NEWS}publication_date")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", published)
    assert datetime.datetime.fromisoformat(published) == article.published_at.replace(
        microsecond=0
    )


def test_news_sitemap_leaves_out_english_of_a_persian_only_article(client):
    article = ArticleFactory()

    entries = news_entries(news_sitemap(client))

    assert list(entries) == [absolute(article)]


def test_news_sitemap_escapes_titles(client):
    article = ArticleFactory(title_fa="نفت & گاز <ویژه>")

    response = client.get(url("news_sitemap"))

    assert "نفت &amp; گاز &lt;ویژه&gt;" in response.content.decode()
    entry = news_entries(ET.fromstring(response.content))[absolute(article)]
    assert entry.findtext(f"{NEWS}title") == "نفت & گاز <ویژه>"


def test_robots_txt_disallows_admin_and_names_both_sitemaps(client):
    response = client.get(url("robots"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def test_sitemap_index_names_one_sitemap_per_month_of_articles(client):
    now = timezone.localtime()
    old = ArticleFactory(published_at=now - datetime.timedelta(days=70))
    new = ArticleFactory(published_at=now - datetime.timedelta(minutes=5))
    index = ET.fromstring(client.get(url("sitemap")).content)
    locs = [urlsplit(loc.text).path for loc in index.iter(f"{SITEMAP}loc")]
    assert locs[0] == "/sitemap-pages.xml"
    assert 3 <= len(locs) - 1 <= 4  # this month back to the oldest one's
    this_month = f"/sitemap-articles-{now.year}-{now.month:02d}.xml"
    assert locs[1] == this_month
    month = locations(ET.fromstring(client.get(this_month).content))
    assert absolute(new) in month and absolute(old) not in month


@pytest.mark.parametrize(
    "path",
    [
        "/sitemap-articles-2026-13.xml",
        "/sitemap-articles-2026-00.xml",
        "/sitemap-articles-99999999999999999999-01.xml",
        "/sitemap-articles-1-01.xml",
    ],
)
def test_impossible_months_are_404(client, path):
    assert client.get(path).status_code == 404
