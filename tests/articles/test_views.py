"""Public pages of the news: home, article, short links, filter, archive, errors."""

import datetime
import json
import re
import zoneinfo
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, Correction
from persian.jalali import to_jalali
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    TopicFactory,
    country,
    library_photo,
    service,
)

pytestmark = pytest.mark.django_db
S = Article.Status
TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")


def titles(response) -> list[str]:
    return re.findall(
        r'class="story-title"><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )


# --- Home ----------------------------------------------------------------------


def test_home_is_persian_rtl_with_leads_breaking_and_services(client):
    ArticleFactory(title_fa="خبر اصلی روز", is_lead=True)
    ArticleFactory(title_fa="خبر فوری", is_breaking=True)
    ArticleFactory(title_fa="خبر ورزشی", service=service("sports"))
    ArticleFactory(title_fa="پیش‌نویس محرمانه", status=S.DRAFT, published_at=None)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fa" dir="rtl">' in html
    assert 'class="leads"' in html and "خبر اصلی روز" in html
    assert 'class="breaking"' in html and "خبر فوری" in html
    assert 'id="service-sports"' in html and "خبر ورزشی" in html
    assert "پیش‌نویس محرمانه" not in html


def test_english_home_is_ltr_and_lists_only_articles_with_english_text(client):
    ArticleFactory(title_fa="فقط فارسی")
    ArticleFactory(
        title_fa="دوزبانه",
        title_en="Bilingual story",
        lead_en="An English lead.",
        body_en="<p>English text.</p>",
    )
    html = client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Bilingual story" in html
    assert "فقط فارسی" not in html


def test_home_query_count_is_constant(client, django_assert_max_num_queries):
    def make(n):
        for article in ArticleFactory.create_batch(n, is_lead=True, is_breaking=True):
            article.topics.add(TopicFactory())
            article.officials.add(OfficialFactory())

    make(2)
    with django_assert_max_num_queries(20) as few:
        client.get("/")
    make(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")


LIST_PAGES = ["/", "/service/political/", "/news/", "/search/?q=خبر"]


@pytest.mark.parametrize("path", LIST_PAGES)
def test_list_query_count_does_not_grow_with_photos(
    client, path, django_assert_num_queries, django_assert_max_num_queries
):
    # Showing photos costs two queries on a list (the photos, their renditions),
    # whether it shows one photo or many.
    ArticleFactory(photo=library_photo(), is_lead=True)
    client.get(path)  # the first request warms what every later one shares
    with django_assert_max_num_queries(25) as one:
        assert client.get(path, follow=True).status_code == 200
    for _ in range(4):
        ArticleFactory(photo=library_photo(), is_lead=True)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(path, follow=True)


# --- Article -------------------------------------------------------------------


@pytest.fixture
def story():
    article = ArticleFactory(
        rootitr_fa="استاندار آذربایجان شرقی:",
        title_fa="تبریز کانون ارتباطی ایران با همسایگان",
        lead_fa="لید خبر تبریز",
        body_fa="<p>به گزارش نصر، متن خبر.</p>",
        dateline="تبریز",
        source="نصر",
        published_at=datetime.datetime(2026, 11, 24, 10, 30, tzinfo=TEHRAN),
    )
    article.officials.add(
        OfficialFactory(name_fa="محمدرضا پورمحمدی", slug="pourmohammadi")
    )
    article.countries.add(country("KZ"))
    article.topics.add(TopicFactory(name_fa="دیپلماسی", slug="diplomacy"))
    article.related.add(ArticleFactory(title_fa="خبر مرتبط منتشرشده"))
    article.related.add(ArticleFactory(title_fa="خبر مرتبط پیش‌نویس", status=S.DRAFT))
    Correction.objects.create(
        article=article,
        note_fa="نام سفیر اصلاح شد.",
        created_at=datetime.datetime(2026, 11, 25, 9, 0, tzinfo=TEHRAN),
    )
    return article


def test_article_page_shows_everything_a_reader_needs(client, story):
    response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "استاندار آذربایجان شرقی:",
        "تبریز کانون ارتباطی ایران با همسایگان",
        "لید خبر تبریز",
        "به گزارش نصر، متن خبر.",
        "۳ آذر ۱۴۰۵، ۱۰:۳۰",  # Jalali date and time in Persian digits
        f"{story.news_code}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),
        f"/n/{story.news_code}",
        "نصر",
        "نام سفیر اصلاح شد.",
        "۴ آذر ۱۴۰۵",  # the correction's date
        "خبر مرتبط منتشرشده",
    ]:
        assert text in html, text
    assert "خبر مرتبط پیش‌نویس" not in html
    assert 'href="/official/pourmohammadi/"' in html
    assert 'href="/country/kz/"' in html
    assert 'href="/tag/diplomacy/"' in html
    assert f'href="/service/{story.service.slug}/"' in html


def test_article_page_has_social_and_structured_metadata(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert (
        f'<link rel="canonical" href="http://testserver{story.get_absolute_url()}">'
        in html
    )
    assert (
        '<meta property="og:title" content="تبریز کانون ارتباطی ایران با همسایگان">'
        in html
    )
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        ).group(1)
    )
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == story.title_fa
    assert data["identifier"] == str(story.news_code)
    assert data["datePublished"].startswith("2026-11-24T10:30:00+03:30")


def test_hreflang_pairs_only_for_languages_the_article_has(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'hreflang="en"' not in html
    story.title_en = "Tabriz, Iran's hub for its neighbours"
    story.lead_en = "The English lead."
    story.body_en = "<p>English text.</p>"
    story.save()
    html = client.get(story.get_absolute_url()).content.decode()
    english_url = f"/en/news/{story.news_code}/tabriz-irans-hub-for-its-neighbours/"
    assert f'hreflang="en" href="http://testserver{english_url}"' in html
    assert f'hreflang="fa" href="http://testserver{story.get_absolute_url()}"' in html
    english = client.get(english_url)
    assert english.status_code == 200
    assert '<html lang="en" dir="ltr">' in english.content.decode()


def test_english_url_of_a_persian_only_article_is_404(client, story):
    assert client.get(f"/en{story.get_absolute_url()}").status_code == 404


def test_article_page_query_count_does_not_grow_with_tags(
    client, django_assert_max_num_queries
):
    article = ArticleFactory()
    with django_assert_max_num_queries(15) as few:
        client.get(article.get_absolute_url())
    for _ in range(8):
        article.officials.add(OfficialFactory())
        article.topics.add(TopicFactory())
        article.related.add(ArticleFactory())
    article.countries.add(*[country(code) for code in ("IR", "KZ", "TR", "AZ", "RU")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(article.get_absolute_url())


def test_code_alone_and_short_link_lead_to_the_article(client, story):
    response = client.get(f"/news/{story.news_code}/")
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()
    short = client.get(f"/n/{story.news_code}")
    assert short.status_code == 301
    assert short["Location"] == story.get_absolute_url()
    wrong_slug = client.get(f"/news/{story.news_code}/old-slug/")
    assert wrong_slug.status_code == 302
    assert wrong_slug["Location"] == story.get_absolute_url()


@pytest.mark.parametrize(
    "status", [S.DRAFT, S.REVIEW, S.APPROVED, S.WITHDRAWN, S.RETURNED]
)
def test_unpublished_articles_are_not_reachable(client, status):
    article = ArticleFactory(status=status)
    assert client.get(f"/news/{article.news_code}/{article.slug}/").status_code == 404
    assert client.get(f"/n/{article.news_code}").status_code == 404
    assert article.title_fa not in client.get("/").content.decode()


def test_print_style_hides_navigation_and_tags():
    css = open("static/css/site.css", encoding="utf-8").read()
    print_rules = css[css.index("@media print") :]
    assert ".site-header" in print_rules and ".tags" in print_rules


# --- Combined filter -----------------------------------------------------------


@pytest.fixture
def tagged():
    a = OfficialFactory(name_fa="مقام الف", slug="official-a")
    b = OfficialFactory(name_fa="مقام ب", slug="official-b")
    kz, tr = country("KZ"), country("TR")
    made = {}
    for name, officials, countries in [
        ("match", [a], [kz]),
        ("a-only", [a], []),
        ("kz-only", [], [kz]),
        ("b-kz", [b], [kz]),
        ("a-tr", [a], [tr]),
    ]:
        article = ArticleFactory(title_fa=name)
        article.officials.set(officials)
        article.countries.set(countries)
        made[name] = article
    return made


def test_filter_by_an_official_and_a_country_shows_only_both(client, tagged):
    response = client.get("/news/", {"official": "official-a", "country": "kz"})
    assert response.status_code == 200
    assert titles(response) == ["match"]
    html = response.content.decode()
    assert 'class="chip chip-remove" href="?official=official-a"' in html  # drops kz
    assert 'class="chip chip-remove" href="?country=kz"' in html  # drops the official


def test_filter_with_several_officials_needs_all_of_them(client, tagged):
    tagged["match"].officials.add(tagged["b-kz"].officials.get())
    response = client.get("/news/?official=official-a&official=official-b")
    assert titles(response) == ["match"]


def test_filter_by_service_topic_and_jalali_dates(client):
    topic = TopicFactory(slug="trade")
    inside = ArticleFactory(
        title_fa="inside",
        service=service("economic"),
        published_at=datetime.datetime(2026, 11, 24, 12, 0, tzinfo=TEHRAN),
    )
    inside.topics.add(topic)
    before = ArticleFactory(
        title_fa="before",
        service=service("economic"),
        published_at=datetime.datetime(2026, 11, 20, 12, 0, tzinfo=TEHRAN),
    )
    before.topics.add(topic)
    other_service = ArticleFactory(
        title_fa="other",
        service=service("sports"),
        published_at=datetime.datetime(2026, 11, 24, 12, 0, tzinfo=TEHRAN),
    )
    other_service.topics.add(topic)
    query = {
        "service": "economic",
        "topic": "trade",
        "from": "1405/09/02",
        "to": "۱۴۰۵/۰۹/۰۴",
    }
    assert titles(client.get("/news/", query)) == ["inside"]
    iso = {"service": "economic", "from": "2026-11-23", "to": "2026-11-25"}
    assert titles(client.get("/news/", iso)) == ["inside"]


def test_unknown_values_are_left_out_with_a_note(client, tagged):
    response = client.get(
        "/news/", {"official": "nobody", "country": "kz", "from": "1405/13/40"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "nobody" in html and "1405/13/40" in html  # named in the notes, escaped
    assert set(titles(response)) == {"match", "kz-only", "b-kz"}


HOSTILE = [
    {"page": "-1"},
    {"page": "0"},
    {"page": "99999999999999999999"},
    {"page": "abc"},
    {"page": "1\x00"},
    {"official": "\x00"},
    {"official": "x" * 10_000},
    {"country": "<script>alert(1)</script>"},
    {"country": "KZZ"},
    {"topic": "' OR 1=1 --"},
    {"service": "%00"},
    {"from": "1405/02/31"},
    {"from": "9999/99/99", "to": "0000/00/00"},
    {"to": "\u202e1405/09/03"},
    {"from": "<img src=x onerror=alert(1)>"},
    {"official": ["a"] * 50},
    {"q": "x" * 10_000},
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("path", ["/news/", "/", "/service/economic/", "/country/kz/"])
def test_hostile_query_strings_get_a_normal_answer(client, tagged, path, query):
    response = client.get(path, query)
    assert response.status_code in (200, 400, 404)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/tag/bad%00slug/",
        "/service/bad%00slug/",
        "/official/bad%00slug/",
        "/official/bad%00slug/rss/",
        "/country/k%00/",
        "/news/1%00/",
        "/tag/" + "x" * 5000 + "/",
        "/archive/1405/09/%00/",
        "/n/abc",
    ],
)
def test_hostile_paths_are_404(client, path):
    assert client.get(path).status_code == 404


def test_page_past_the_end_is_404_and_first_page_of_nothing_is_fine(client):
    ArticleFactory.create_batch(3)
    assert client.get("/news/", {"page": "1"}).status_code == 200
    assert client.get("/news/", {"page": "2"}).status_code == 404
    assert client.get("/news/", {"official": "nobody"}).status_code == 200


def test_filter_query_count_does_not_grow(
    client, tagged, django_assert_max_num_queries
):
    query = {"official": "official-a", "country": "kz"}
    with django_assert_max_num_queries(15) as few:
        client.get("/news/", query)
    for _ in range(30):
        article = ArticleFactory()
        article.officials.add(tagged["match"].officials.get())
        article.countries.add(country("KZ"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/news/", query)


# --- Archive by day ------------------------------------------------------------


def test_archive_lists_the_jalali_days_articles_in_tehran_time(client):
    ArticleFactory(
        title_fa="on the day",
        published_at=datetime.datetime(2026, 11, 24, 0, 10, tzinfo=TEHRAN),
    )
    ArticleFactory(
        title_fa="day before",
        published_at=datetime.datetime(2026, 11, 23, 23, 50, tzinfo=TEHRAN),
    )
    response = client.get("/archive/1405/09/03/")
    assert response.status_code == 200
    assert titles(response) == ["on the day"]
    assert "۳ آذر ۱۴۰۵" in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/archive/1405/13/01/", "/archive/1404/12/30/", "/archive/0/0/0/"]
)
def test_impossible_archive_days_are_404(client, path):
    assert client.get(path).status_code == 404


# --- Archive calendar -------------------------------------------------------------


def aban_1404(day: int, hour: int, minute: int) -> datetime.datetime:
    """A moment of Aban 1404 (which began on 23 October 2025), in Tehran."""
    start = datetime.date(2025, 10, 23) + datetime.timedelta(days=day - 1)
    return datetime.datetime.combine(start, datetime.time(hour, minute), TEHRAN)


def test_calendar_links_the_days_with_news_in_tehran_time(client):
    ArticleFactory(published_at=aban_1404(5, 0, 10))
    ArticleFactory(published_at=aban_1404(20, 23, 50))
    ArticleFactory(published_at=aban_1404(20, 9, 0))
    ArticleFactory(status=S.DRAFT, published_at=aban_1404(12, 9, 0))
    response = client.get("/archive/1404/08/")
    assert response.status_code == 200
    html = response.content.decode()
    linked = re.findall(r'<a href="/archive/1404/8/(\d+)/">([۰-۹]+)</a>', html)
    assert linked == [("5", "۵"), ("20", "۲۰")]
    for quiet in ("۴", "۶", "۱۲", "۱۹", "۲۱", "۳۰"):
        assert f"<span>{quiet}</span>" in html
    assert "خبرهای آبان ۱۴۰۴" in html
    # Aban 1404 began on a Thursday: five empty days of the Saturday-first week.
    assert re.search(r"<tr>(<td></td>){5}<td><span>۱</span>", html)
    assert "شنبه" in html


def test_calendar_leads_to_the_months_around_it(client):
    html = client.get("/archive/1404/01/").content.decode()
    assert '<a rel="prev" href="/archive/1403/12/">اسفند ۱۴۰۳</a>' in html
    assert '<a rel="next" href="/archive/1404/2/">اردیبهشت ۱۴۰۴</a>' in html
    today = to_jalali(timezone.localdate())
    html = client.get(f"/archive/{today.year}/{today.month}/").content.decode()
    assert 'rel="next"' not in html
    assert 'rel="prev"' in html
    assert 'rel="prev"' not in client.get("/archive/1300/01/").content.decode()


def test_archive_opens_on_this_months_calendar(client):
    today = to_jalali(timezone.localdate())
    response = client.get("/archive/")
    assert response.status_code == 302
    assert response["Location"] == f"/archive/{today.year}/{today.month}/"


@pytest.mark.parametrize(
    "path",
    [
        "/archive/1404/13/",
        "/archive/1404/0/",
        "/archive/1299/12/",
        "/archive/0/0/",
        "/archive/99999999999999999999/1/",
        "/archive/1500/01/",
    ],
)
def test_months_outside_the_archive_are_404(client, path):
    assert client.get(path).status_code == 404


def test_calendar_reads_the_months_days_in_one_query(client, django_assert_num_queries):
    ArticleFactory(published_at=aban_1404(5, 9, 0))
    client.get("/archive/1404/08/")  # the read counts are summed once a minute
    # The services bar, the month's days, the side column's latest news.
    with django_assert_num_queries(3) as few:
        client.get("/archive/1404/08/")
    for day in range(1, 31):
        ArticleFactory(published_at=aban_1404(day, 12, 0))
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get("/archive/1404/08/").content.decode()
    assert html.count('<td class="has-news">') == 30


def test_calendar_names_each_weekday_and_gives_a_phone_its_first_letter(client):
    html = client.get("/archive/", follow=True).content.decode()
    head = html[html.index("<thead>") : html.index("</thead>")]
    names = re.findall(r'<span class="day-name">(.*?)</span>', head)
    letters = re.findall(r'<span class="day-letter" aria-hidden="true">(.*?)</', head)
    assert names[4] == "چهارشنبه" and len(names) == 7
    assert letters == ["ش", "ی", "د", "س", "چ", "پ", "ج"]


def test_english_calendar_names_the_month_in_english(client):
    html = client.get("/en/archive/1404/08/").content.decode()
    assert "Aban 1404" in html
    assert "Sat" in html
    assert "<span>20</span>" in html


def test_article_date_leads_to_its_day_and_the_footer_to_the_calendar(client):
    article = ArticleFactory(published_at=aban_1404(20, 23, 50))
    with translation.override("fa"):
        html = client.get(article.get_absolute_url()).content.decode()
    assert '<a href="/archive/1404/8/20/"><time' in html
    assert '<a href="/archive/">' in html


# --- Errors --------------------------------------------------------------------


def test_404_page_is_persian(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "صفحه" in html


def test_500_page_is_persian_and_standalone():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert 'lang="fa" dir="rtl"' in html
    assert "خطا" in html


def test_visibility_follows_the_clock_not_a_job(client):
    later = ArticleFactory(
        title_fa="بعدا",
        status=S.SCHEDULED,
        published_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert later.title_fa not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"from": "9999-12-31"},
        {"to": "9999-12-31"},
        {"from": "0001-01-01", "to": "0001-01-02"},
        {"from": "۹۹۹۹/۱۲/۲۹", "to": "۹۹۹۹/۱۲/۲۹"},
    ],
)
def test_filter_dates_at_the_ends_of_the_calendar_are_answered(client, query):
    ArticleFactory(title_fa="امروز")
    assert client.get("/news/", query).status_code == 200
    assert client.get("/en/news/", query).status_code == 200


def test_filter_dates_are_whole_days_in_tehran(client):
    ArticleFactory(
        title_fa="late",
        published_at=datetime.datetime(2026, 11, 24, 23, 50, tzinfo=TEHRAN),
    )
    ArticleFactory(
        title_fa="next",
        published_at=datetime.datetime(2026, 11, 25, 0, 10, tzinfo=TEHRAN),
    )
    response = client.get("/news/", {"from": "2026-11-24", "to": "2026-11-24"})
    assert titles(response) == ["late"]
    response = client.get("/news/", {"from": "2026-11-25"})
    assert titles(response) == ["next"]


def test_filter_offers_only_countries_in_the_news(client):
    ArticleFactory().countries.add(country("KZ"))
    html = client.get("/news/").content.decode()
    assert 'value="kz"' in html
    assert 'value="fr"' not in html


def test_filter_lists_officials_countries_and_topics_in_persian_order(client):
    for name in ("گرگانی", "کریمی", "پورمحمدی", "بهرامی"):
        OfficialFactory(name_fa=name)
    for name in ("ژاله", "زمین", "چاپ", "جنگل"):
        TopicFactory(name_fa=name)
    html = client.get("/news/").content.decode()
    for before, after in [
        ("بهرامی", "پورمحمدی"),
        ("پورمحمدی", "کریمی"),
        ("کریمی", "گرگانی"),
        ("جنگل", "چاپ"),
        ("چاپ", "زمین"),
        ("زمین", "ژاله"),
    ]:
        assert html.index(before) < html.index(after), (before, after)


def test_filter_offers_checkboxes_under_the_same_names_and_values(client, tagged):
    topic = TopicFactory(slug="tourism")
    html = client.get(
        "/news/", {"official": "official-a", "topic": "tourism", "service": "economic"}
    ).content.decode()
    assert "<select" not in html
    boxes = re.findall(
        r'<input type="checkbox" name="(\w+)" value="([^"]+)"( checked)?', html
    )
    found = {(name, value): bool(checked) for name, value, checked in boxes}
    assert found[("official", "official-a")] is True
    assert found[("official", "official-b")] is False
    assert found[("country", "kz")] is False
    assert found[("topic", topic.slug)] is True
    assert found[("service", "economic")] is True
    assert found[("service", "sports")] is False
    # The narrowing boxes wait for the script; the script is the site's own.
    assert html.count('class="narrow needs-js"') == 3
    assert re.search(r'<script src="/static/js/site[.\w]*\.js" defer>', html)


# --- Around the article: share, copy, print ---------------------------------------


def test_article_offers_share_links_with_its_address_and_title(client):
    article = ArticleFactory(title_fa="زلزله در تبریز & اهر")
    html = client.get(article.get_absolute_url()).content.decode()
    url = quote(f"http://testserver{article.get_absolute_url()}", safe="")
    text = quote("زلزله در تبریز & اهر", safe="")
    for address in (
        f"https://t.me/share/url?url={url}&text={text}",
        f"https://wa.me/?text={text}%20{url}",
        f"https://x.com/intent/post?url={url}&text={text}",
        f"https://eitaa.com/share/url?url={url}&text={text}",
        f"https://ble.ir/share/url?url={url}&text={text}",
    ):
        link = (
            f'<a href="{address.replace("&", "&amp;")}" target="_blank" rel="noopener">'
        )
        assert link in html, address
    short = f"http://testserver/n/{article.news_code}"
    assert f'class="copy-link" data-url="{short}"' in html
    # The buttons need the script: a browser that runs none hides them (nojs.css).
    assert html.count('<li class="needs-js"><button type="button"') == 2
    assert re.search(r'<noscript><link rel="stylesheet" href="/static/css/nojs', html)
    assert re.search(r'<script src="/static/js/site[.\w]*\.js" defer>', html)


def test_article_page_loads_nothing_from_another_host(client):
    article = ArticleFactory(photo=library_photo())
    html = client.get(article.get_absolute_url()).content.decode()
    loaded = re.findall(r'<(?:script|img|iframe)[^>]*\ssrc="([^"]*)"', html)
    loaded += re.findall(
        r'<link[^>]*rel="(?:stylesheet|icon|preload)"[^>]*href="([^"]*)"', html
    )
    assert loaded
    assert [src for src in loaded if not src.startswith("/")] == []
    # Outside links leave the site only when clicked, in a new tab.
    for tag in re.findall(r'<a [^>]*href="https://[^"]*"[^>]*>', html):
        assert 'target="_blank" rel="noopener"' in tag, tag


def test_preview_shows_no_share_row(admin_client):
    article = ArticleFactory(status=S.DRAFT, published_at=None)
    response = admin_client.get(
        reverse("admin:articles_article_preview", args=[article.pk])
    )
    assert response.status_code == 200
    assert "copy-link" not in response.content.decode()
