"""The English edition: English text only, English addresses, the language switch."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.utils import timezone, translation
from django.utils.encoding import iri_to_uri

from articles.models import Article, Correction
from persian.jalali import to_jalali
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    PositionFactory,
    TopicFactory,
    country,
    service,
)

pytestmark = pytest.mark.django_db

# Letters of the Arabic script, the one Persian is written in (digits apart).
ARABIC_LETTERS = re.compile(
    "[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
    "\ufb50-\ufdff\ufe70-\ufefc]"
)
ENGLISH = {
    "title_en": "Tabriz to host an international food fair",
    "lead_en": "The governor said the fair opens this autumn.",
    "body_en": "<p>Companies from Türkiye and Kazakhstan are expected.</p>",
}


def main(response) -> str:
    html = response.content.decode()
    return re.search(r"<main\b.*?</main>", html, re.S).group(0)


def english_url(article: Article) -> str:
    with translation.override("en"):
        return article.get_absolute_url()


def persian_url(article: Article) -> str:
    with translation.override("fa"):
        return article.get_absolute_url()


def language_links(response) -> list[str]:
    nav = re.search(
        r'<nav class="languages".*?</nav>', response.content.decode(), re.S
    ).group(0)
    return re.findall(r'href="([^"]+)"', nav)


def hreflangs(response) -> dict[str, str]:
    return dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">',
            response.content.decode(),
        )
    )


@pytest.fixture
def bilingual():
    """A story translated into English but for its rootitr and captions, with a
    Persian dateline, byline and source, and tags some of which have no English name."""
    article = ArticleFactory(
        rootitr_fa="در دیدار با هیئت اقتصادی",
        title_fa="تبریز میزبان نمایشگاه بین‌المللی صنایع غذایی می‌شود",
        lead_fa="استاندار گفت نمایشگاه پاییز امسال برگزار می‌شود.",
        body_fa="<p>به گزارش خبرنگار ما، این نمایشگاه برگزار خواهد شد.</p>",
        dateline="تبریز",
        byline="علی رضایی",
        source="روابط عمومی استانداری",
        service=service("economic"),
        **ENGLISH,
    )
    article.officials.add(
        OfficialFactory(name_fa="استاندار", name_en="Governor Ali Akbari"),
        OfficialFactory(name_fa="فقط نام فارسی", name_en=None),
    )
    article.topics.add(
        TopicFactory(name_fa="نمایشگاه", name_en="Fairs"),
        TopicFactory(name_fa="بی‌نام انگلیسی", name_en=""),
    )
    article.countries.add(country("TR"), country("KZ"))
    article.related.add(ArticleFactory(title_fa="خبر مرتبط فارسی"))
    Correction.objects.create(article=article, note_fa="تاریخ نمایشگاه اصلاح شد.")
    return article


@pytest.fixture
def untranslated():
    """Persian stories whose English is missing in part: no body, no lead, nothing."""
    topic = TopicFactory(slug="fairs", name_en="Fairs")
    official = OfficialFactory(slug="akbari", name_en="Ali Akbari")
    articles = [
        ArticleFactory(title_en="Unfinished story", lead_en="A lead, no body."),
        ArticleFactory(title_en="Unfinished story", body_en="<p>A body, no lead.</p>"),
        ArticleFactory(lead_en="No title.", body_en="<p>No title.</p>"),
        ArticleFactory(),
    ]
    for article in articles:
        article.topics.add(topic)
        article.officials.add(official)
        article.countries.add(country("KZ"))
    return articles


# --- English text only ------------------------------------------------------------


def test_english_article_page_has_no_persian_letters_in_its_main_content(
    client, bilingual
):
    response = client.get(english_url(bilingual))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    content = main(response)
    assert ARABIC_LETTERS.findall(content) == []
    # The English text is all there, in Latin digits.
    assert ENGLISH["title_en"] in content
    assert ENGLISH["lead_en"] in content
    assert "Companies from Türkiye" in content
    assert "Governor Ali Akbari" in content and "Fairs" in content
    assert str(bilingual.news_code) in content
    # A correction whose note is in Persian only is still announced.
    assert "The article was corrected; the note is not translated." in content
    assert not re.search("[\u06f0-\u06f9]", content)


def test_english_article_without_english_rootitr_dateline_or_byline_omits_them(
    client, bilingual
):
    content = main(client.get(english_url(bilingual)))
    assert 'class="rootitr"' not in content
    assert "Filed from" not in content
    assert "Source" not in content
    persian = main(client.get(persian_url(bilingual)))
    assert "در دیدار با هیئت اقتصادی" in persian and "تبریز" in persian


def test_english_dateline_and_byline_written_in_latin_letters_are_shown(
    client, bilingual
):
    bilingual.dateline = "Tabriz"
    bilingual.byline = "Ali Rezaei"
    bilingual.rootitr_en = "Trade delegation:"
    bilingual.save()
    content = main(client.get(english_url(bilingual)))
    assert "Tabriz" in content and "Ali Rezaei" in content
    assert '<p class="rootitr">Trade delegation:</p>' in content


def test_english_list_pages_show_no_persian_letters_in_their_items(client, bilingual):
    for path in ("/en/", "/en/service/economic/", "/en/news/"):
        html = client.get(path).content.decode()
        # Stories as list items, the home page's cards, and lines of headlines.
        items = re.findall(
            r'<article class="(?:story|lead-story|card)[^"]*">.*?</article>'
            r'|<li class="headline">.*?</li>',
            html,
            re.S,
        )
        assert items, path
        assert ARABIC_LETTERS.findall("".join(items)) == [], path


# --- Untranslated articles are not in English ---------------------------------------


def test_untranslated_article_answers_404_in_english(client, untranslated):
    for article in untranslated:
        assert client.get(english_url(article)).status_code == 404
        assert client.get(f"/en/news/{article.news_code}/").status_code == 404
        assert client.get(f"/en/news/{article.news_code}/x/").status_code == 404
        assert client.get(persian_url(article)).status_code == 200


def test_untranslated_article_is_in_no_english_list(client, untranslated):
    finished = ArticleFactory(
        title_fa="خبر کامل", **{**ENGLISH, "title_en": "Finished story"}
    )
    finished.topics.add(untranslated[0].topics.get())
    finished.officials.add(untranslated[0].officials.get())
    finished.countries.add(country("KZ"))
    code = untranslated[0].news_code
    day = to_jalali(finished.published_at).strftime("%Y/%m/%d")
    pages = [
        "/en/",
        "/en/service/political/",
        "/en/tag/fairs/",
        "/en/official/akbari/",
        "/en/country/kz/",
        "/en/news/",
        "/en/news/?official=akbari&country=kz",
        "/en/search/?q=story",
        f"/en/archive/{day}/",
        "/en/rss/",
        "/en/tag/fairs/rss/",
        "/en/official/akbari/rss/",
        "/en/country/kz/rss/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert english_url(finished) in text, path
        assert "Unfinished story" not in text, path
        assert "No title." not in text, path
        assert f"/en/news/{code}/" not in text, path
        for article in untranslated:
            assert english_url(article) not in text, path


def test_untranslated_article_is_in_no_english_sitemap(client, untranslated):
    finished = ArticleFactory(**ENGLISH)
    when = timezone.localtime(finished.published_at)
    month = client.get(f"/sitemap-articles-{when.year}-{when.month:02d}.xml")
    news = client.get("/sitemap-news.xml")
    for response in (month, news):
        text = response.content.decode()
        assert "http://testserver" + english_url(finished) in text
        for article in untranslated:
            assert f"/en/news/{article.news_code}/" not in text
            assert "http://testserver" + persian_url(article) in text


# --- English addresses ------------------------------------------------------------


def test_english_slug_comes_from_the_english_title(client, bilingual):
    code = bilingual.news_code
    expected = f"/en/news/{code}/tabriz-to-host-an-international-food-fair/"
    assert english_url(bilingual) == expected
    assert client.get(expected).status_code == 200
    # Persian keeps its stored slug.
    assert persian_url(bilingual) == iri_to_uri(f"/news/{code}/{bilingual.slug}/")
    assert client.get(persian_url(bilingual)).status_code == 200


def test_english_address_under_the_persian_slug_redirects_for_good(client, bilingual):
    old = f"/en/news/{bilingual.news_code}/{bilingual.slug}/"
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == english_url(bilingual)
    code_alone = client.get(f"/en/news/{bilingual.news_code}/")
    assert code_alone.status_code == 301
    assert code_alone["Location"] == english_url(bilingual)


def test_english_title_without_latin_letters_gives_the_news_code_as_slug(client):
    article = ArticleFactory(**{**ENGLISH, "title_en": "«۱۴۰۵»"})
    assert english_url(article) == f"/en/news/{article.news_code}/{article.news_code}/"
    assert client.get(english_url(article)).status_code == 200


def test_english_feed_and_sitemap_link_to_the_english_slug(client, bilingual):
    feed = ET.fromstring(client.get("/en/rss/").content)
    links = [item.findtext("link") for item in feed.iter("item")]
    assert links == ["http://testserver" + english_url(bilingual)]
    sitemap = client.get("/sitemap-news.xml").content.decode()
    assert "http://testserver" + english_url(bilingual) in sitemap


# --- The language switch and hreflang ---------------------------------------------


def test_language_switch_of_an_untranslated_article_leads_to_the_english_home(
    client, untranslated
):
    response = client.get(persian_url(untranslated[0]))
    assert language_links(response) == ["http://testserver/en/"]


def test_language_switch_leads_to_the_translation_both_ways(client, bilingual):
    persian = client.get(persian_url(bilingual))
    assert language_links(persian) == ["http://testserver" + english_url(bilingual)]
    english = client.get(english_url(bilingual))
    assert language_links(english) == ["http://testserver" + persian_url(bilingual)]


def test_hreflang_lists_only_real_translations(client, bilingual, untranslated):
    for article in untranslated:
        assert hreflangs(client.get(persian_url(article))) == {}
    pairs = hreflangs(client.get(persian_url(bilingual)))
    assert pairs == {
        "fa": "http://testserver" + persian_url(bilingual),
        "en": "http://testserver" + english_url(bilingual),
        "x-default": "http://testserver" + persian_url(bilingual),
    }
    assert hreflangs(client.get(english_url(bilingual))) == pairs


# --- Query counts, pinned as the Persian pages' are ------------------------------


def _bilingual_batch(n: int) -> None:
    for article in ArticleFactory.create_batch(
        n, is_lead=True, is_breaking=True, service=service("economic"), **ENGLISH
    ):
        article.topics.add(TopicFactory())
        article.officials.add(OfficialFactory())
        article.countries.add(country("KZ"))


@pytest.mark.parametrize(
    "path", ["/en/", "/en/service/economic/", "/en/news/", "/en/country/kz/"]
)
def test_english_list_query_count_is_constant(
    client, path, django_assert_max_num_queries
):
    _bilingual_batch(2)
    with django_assert_max_num_queries(20) as few:
        assert client.get(path).status_code == 200
    _bilingual_batch(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200


def test_english_article_query_count_does_not_grow_with_tags(
    client, django_assert_max_num_queries
):
    article = ArticleFactory(**ENGLISH)
    with django_assert_max_num_queries(15) as few:
        assert client.get(english_url(article)).status_code == 200
    for _ in range(8):
        article.officials.add(OfficialFactory())
        article.topics.add(TopicFactory())
        article.related.add(ArticleFactory(**ENGLISH))
        article.related.add(ArticleFactory())
    article.countries.add(*[country(code) for code in ("IR", "KZ", "TR", "AZ")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(english_url(article)).status_code == 200


def test_english_sitemap_query_count_is_constant(client, django_assert_max_num_queries):
    ArticleFactory.create_batch(2, **ENGLISH)
    with django_assert_max_num_queries(10) as few:
        client.get("/sitemap-news.xml")
    ArticleFactory.create_batch(20, **ENGLISH)
    ArticleFactory.create_batch(5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/sitemap-news.xml")


def test_english_filter_and_official_pages_have_no_persian_letters(client, bilingual):
    governor = bilingual.officials.get(name_en="Governor Ali Akbari")
    PositionFactory(
        official=governor,
        organisation_fa="استانداری آذربایجان شرقی",
        organisation_en="East Azerbaijan governorate",
    )
    for path in ("/en/news/", f"/en/official/{governor.slug}/"):
        response = client.get(path)
        assert response.status_code == 200, path
        # What readers see: the text and the placeholders, not the slugs in values.
        html = main(response)
        text = re.sub(r"<[^>]*>", " ", html) + " ".join(
            re.findall(r'placeholder="([^"]*)"', html)
        )
        assert "e.g. 1405/09/01" in text or "/official/" in path
        assert ARABIC_LETTERS.findall(text) == [], path
        assert not re.search("[\u06f0-\u06f9]", text), path
    assert "۱۴۰۵/۰۹/۰۱" in client.get("/news/").content.decode()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="reads PostgreSQL's query plans"
)
@pytest.mark.parametrize("by_service", [False, True])
def test_english_lists_read_the_index_of_translated_articles_only(by_service):
    """A service with few translations is read along the English index, never
    gathered from the whole service (the English home took 0.5 s at 100,000)."""
    ArticleFactory.create_batch(3, service=service("cultural"))
    articles = Article.objects.for_readers("en")
    if by_service:
        articles = articles.filter(service=service("cultural"))
    with connection.cursor() as cursor:
        # A few rows make a table scan cheapest; the question is which index fits.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plan = articles[:5].explain()
    name = "article_live_service_en_idx" if by_service else "article_live_en_idx"
    assert f"Index Scan using {name}" in plan
