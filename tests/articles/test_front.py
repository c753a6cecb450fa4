"""The front page, the header and footer, the side column and the agency's pages."""

import datetime
import re
import zoneinfo

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles import reads, side, views
from articles.models import Article
from persian.jalali import to_jalali
from persian.languages import ARABIC_SCRIPT
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    TopicFactory,
    country,
    library_photo,
    service,
)
from topics.models import Service

pytestmark = pytest.mark.django_db
TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
S = Article.Status


def fixed_clock(monkeypatch, moment: datetime.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def part(html: str, start: str, end: str) -> str:
    """The part of ``html`` from the first ``start`` to the next ``end``."""
    found = html[html.index(start) :]
    return found[: found.index(end)]


def read(*articles) -> None:
    """Readers open ``articles``; their reads are handed on at once."""
    for article in articles:
        reads.count_read(article.pk)
    reads.fold_reads()


def date_line(html: str) -> str:
    return part(html, 'class="date-today"', "</p>")


# --- Header -----------------------------------------------------------------------


def test_the_header_shows_today_in_three_calendars_with_persian_digits(
    client, monkeypatch
):
    # 20:40 UTC on 1 December is ten past midnight on 2 December in Tehran.
    fixed_clock(
        monkeypatch, datetime.datetime(2026, 12, 1, 20, 40, tzinfo=datetime.UTC)
    )
    for path in ("/", "/about/", "/service/political/"):
        line = date_line(client.get(path).content.decode())
        assert "چهارشنبه ۱۱ آذر ۱۴۰۵" in line, path
        assert "۲۲ جمادی‌الثانی ۱۴۴۸" in line, path
        assert "۲ دسامبر ۲۰۲۶" in line, path
        assert '<time datetime="2026-12-02">' in line
        assert not re.search("[0-9]", line.replace('"2026-12-02"', "")), path


def test_english_pages_show_todays_date_in_english(client, monkeypatch):
    fixed_clock(monkeypatch, datetime.datetime(2026, 12, 1, 8, 0, tzinfo=TEHRAN))
    for path in ("/en/", "/en/about/", "/en/service/political/"):
        line = date_line(client.get(path).content.decode())
        assert "Tuesday 10 Azar 1405" in line, path
        assert "21 Jumada al-Akhirah 1448" in line, path
        assert "1 December 2026" in line, path
        assert not ARABIC_SCRIPT.search(line), path


def test_the_header_has_the_wordmark_with_its_size(client):
    html = client.get("/").content.decode()
    header = part(html, '<header class="site-header">', "</header>")
    assert re.search(
        r'<a class="brand" href="/"><img class="brand-mark" src="[^"]*logo[^"]*\.svg"'
        r' width="44" height="44" alt="">',
        header,
    )
    assert '<span class="brand-name">تحریریه</span>' in header
    english = client.get("/en/").content.decode()
    assert '<span class="brand-name">Newsroom</span>' in english


# --- Home -------------------------------------------------------------------------


@pytest.fixture
def front(db):
    """A morning's front page: leads, breaking news, a photo story, every desk."""
    leads = [
        ArticleFactory(
            title_fa=f"خبر اصلی {n}",
            lead_fa=f"لید خبر اصلی {n}",
            is_lead=True,
            photo=library_photo(),
            service=service("political"),
        )
        for n in range(3)
    ]
    breaking = ArticleFactory(title_fa="زمین‌لرزه در اهر", is_breaking=True)
    photo_story = ArticleFactory(
        title_fa="پاییز در ائل‌گلی",
        article_type=Article.Type.PHOTO,
        photo=library_photo(),
        service=service("cultural"),
    )
    sports = ArticleFactory(
        title_fa="تراکتور برد", service=service("sports"), photo=library_photo()
    )
    older = ArticleFactory(
        title_fa="خبر قدیمی‌تر ورزشی",
        service=service("sports"),
        published_at=timezone.now() - datetime.timedelta(days=2),
    )
    return {
        "leads": leads,
        "breaking": breaking,
        "photo_story": photo_story,
        "sports": sports,
        "older": older,
    }


def test_home_has_every_section_of_an_agencys_front_page(client, front):
    read(front["sports"], front["sports"], front["sports"], front["older"])
    html = client.get("/").content.decode()

    lead = part(html, 'class="lead-story card"', "</article>")
    assert "خبر اصلی 2" in lead and "لید خبر اصلی 2" in lead  # the newest lead
    assert "<picture>" in lead
    others = part(html, 'class="cards"', "</ul>")
    assert "خبر اصلی 1" in others and "خبر اصلی 0" in others
    assert others.count("<picture>") == 2
    assert "زمین‌لرزه در اهر" in part(html, 'class="breaking"', "</section>")
    photos = part(html, 'class="photo-row"', "</section>")
    assert "پاییز در ائل‌گلی" in photos and "گزارش تصویری" in photos
    assert "<picture>" in photos
    assert "خبر اصلی" not in photos  # the leads are not shown twice
    sports = part(html, 'id="service-sports"', "</section>")
    first = part(sports, 'class="card service-first"', "</article>")
    assert "تراکتور برد" in first and "<picture>" in first
    assert "خبر قدیمی‌تر ورزشی" in sports
    assert sports.count("<picture>") == 1  # a thumbnail on the first story only
    assert "پاییز در ائل‌گلی" in part(html, 'id="newest-title"', "</section>")
    today = part(html, 'id="most-read-title"', "</section>")
    assert today.index("تراکتور برد") < today.index("خبر قدیمی‌تر ورزشی")
    assert "تراکتور برد" in part(html, 'id="most-read-week-title"', "</section>")
    assert 'class="side-column"' not in html  # the home page has its own column


def test_each_service_block_holds_its_newest_stories_however_quiet_the_desk(
    client, monkeypatch, django_assert_num_queries
):
    # The blocks are filled from the newest stories of the whole site (here eight);
    # a desk that has fewer than five among them is read on its own, one query each.
    monkeypatch.setattr(views, "HOME_WINDOW", 8)
    hour = datetime.timedelta(hours=1)
    now = timezone.now()
    busy = [
        ArticleFactory(
            title_fa=f"خبر اقتصادی {n}",
            service=service("economic"),
            published_at=now - n * hour,
        )
        for n in range(6)
    ]
    quiet = [
        ArticleFactory(
            title_fa=f"خبر ورزشی {n}",
            service=service("sports"),
            published_at=now - (10 + n) * hour,
        )
        for n in range(6)
    ]
    read(busy[0])
    client.get("/")
    desks = Service.objects.count()

    # The pinned nine, but two (no story here has a photo), and one for every desk
    # but the busy one.
    with django_assert_num_queries(7 + desks - 1):
        html = client.get("/").content.decode()

    sports = part(html, 'id="service-sports"', "</section>")
    economic = part(html, 'id="service-economic"', "</section>")
    for shown in quiet[:5]:
        assert shown.title_fa in sports
    assert quiet[5].title_fa not in sports
    for shown in busy[:5]:
        assert shown.title_fa in economic
    assert busy[5].title_fa not in economic
    assert economic.index(busy[0].title_fa) < economic.index(busy[4].title_fa)
    assert sports.index(quiet[0].title_fa) < sports.index(quiet[4].title_fa)


def test_the_blocks_and_the_latest_list_come_from_one_window_when_it_holds_them(
    client, front, django_assert_num_queries
):
    read(front["sports"])
    client.get("/")
    with django_assert_num_queries(9):
        html = client.get("/").content.decode()

    newest = part(html, 'id="newest-title"', "</section>")
    sports = part(html, 'id="service-sports"', "</section>")
    assert newest.index("تراکتور برد") < newest.index("خبر قدیمی‌تر ورزشی")
    assert sports.index("تراکتور برد") < sports.index("خبر قدیمی‌تر ورزشی")


def test_the_lead_photo_loads_at_once_and_every_other_image_lazily(client, front):
    html = client.get("/").content.decode()
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) > 6
    for image in images:
        assert re.search(r' width="\d+" height="\d+"', image), image
    pictures = [i for i in images if "/media/" in i]
    first = part(html, 'class="lead-story card"', "</article>")
    assert 'loading="eager" decoding="async" fetchpriority="high"' in first
    assert sum('fetchpriority="high"' in i for i in images) == 1
    preload = part(html, '<link rel="preload"', ">")
    assert 'fetchpriority="high"' in preload
    assert part(first, "<source", ">").split('srcset="')[1].split(" ")[0] in preload
    assert sum('loading="lazy"' in i for i in pictures) == len(pictures) - 1


def test_home_query_count_is_pinned_and_does_not_grow_with_the_stories(
    client, front, django_assert_num_queries
):
    read(front["sports"])
    client.get("/")  # the read counts are summed once a minute
    # The services (bar and blocks), the leads, the photo row, the newest stories'
    # ids and the rows of the latest list and every service's block (2), the photos
    # of every story that shows one and their renditions (2), breaking news, and the
    # most read today and this week together (1).
    with django_assert_num_queries(9):
        client.get("/")
    for _ in range(6):
        article = ArticleFactory(
            is_lead=True, is_breaking=True, photo=library_photo(), service=service()
        )
        article.topics.add(TopicFactory())
        read(article)
        ArticleFactory(service=service("economic"), photo=library_photo())
    cache.clear()  # the counts, summed anew
    client.get("/")
    with django_assert_num_queries(9):
        client.get("/")


# --- Side column ------------------------------------------------------------------


def list_pages(article) -> list[str]:
    j = to_jalali(article.published_at)
    return [
        "/service/political/",
        "/tag/tourism/",
        "/official/khorram/",
        "/country/tr/",
        f"/archive/{j.year}/{j.month:02d}/{j.day:02d}/",
        f"/archive/{j.year}/{j.month:02d}/",
        "/search/?q=خبر",
        "/news/",
        "/news/?country=tr",
    ]


@pytest.fixture
def tagged(db):
    article = ArticleFactory(
        title_fa="خبر برچسب‌خورده",
        title_en="A tagged story",
        lead_en="Its lead.",
        body_en="<p>Its body.</p>",
    )
    article.topics.add(TopicFactory(slug="tourism"))
    article.officials.add(OfficialFactory(slug="khorram"))
    article.countries.add(country("TR"))
    return article


def side_column(html: str) -> str:
    return part(html, '<aside class="side-column"', "</aside>")


def test_article_and_every_list_page_show_the_side_column_after_the_content(
    client, tagged
):
    newest = ArticleFactory(title_fa="تازه‌ترین خبر روز", service=service("social"))
    draft = ArticleFactory(title_fa="پیش‌نویس", status=S.DRAFT, published_at=None)
    read(newest)
    for path in [tagged.get_absolute_url(), *list_pages(tagged)]:
        html = client.get(path).content.decode()
        column = side_column(html)
        assert "تازه‌ترین خبر روز" in part(column, "side-latest-title", "</section>")
        assert "تازه‌ترین خبر روز" in part(column, "side-most-read", "</section>")
        assert draft.title_fa not in column
        # After the content: under it on a phone, beside it on a wide screen.
        assert html.index("</main>") < html.index('<aside class="side-column"'), path


def test_the_english_side_column_lists_english_stories_only(client, tagged):
    ArticleFactory(title_fa="فقط فارسی")
    html = client.get("/en" + list_pages(tagged)[0]).content.decode()
    column = side_column(html)
    assert "A tagged story" in column
    assert not ARABIC_SCRIPT.search(column)


def test_the_side_column_shows_the_latest_only(client):
    stories = ArticleFactory.create_batch(side.LATEST + 2)
    column = side_column(client.get("/news/").content.decode())
    assert stories[-1].title_fa in column
    assert stories[0].title_fa not in column and stories[1].title_fa not in column


# Queries of each page drawn (the page cache off), once the read counts are summed
# (once a minute). The side column adds two to an article or list page: its latest
# news, and its most read (only when something was read today).
PINNED = {
    # The article, its photo and renditions, officials, countries, topics,
    # related stories and their photos and renditions, corrections, the services
    # bar, the side column (2).
    "article": 13,
    # The services bar, the service, its page, the photos and renditions, side (2).
    "/service/political/": 7,
    "/tag/tourism/": 7,
    # ...and the official's posts, and the country's officials.
    "/official/khorram/": 8,
    "/country/tr/": 8,
    # The services bar, the page, the photos and renditions, side (2).
    "day": 6,
    # The services bar, the matches, the page (drawn without pictures), side (2).
    "/search/?q=خبر": 5,
    # The services bar, the month's days, side (2).
    "month": 4,
    # ...and the officials, countries, topics and services of the form.
    "/news/": 10,
    "/news/?country=tr": 11,  # ...and the country named
    "/about/": 1,  # the services bar
    "/contact/": 1,
}


def test_every_page_has_a_pinned_query_count_that_does_not_grow(
    client, tagged, django_assert_num_queries
):
    j = to_jalali(tagged.published_at)
    paths = {
        "article": tagged.get_absolute_url(),
        "day": f"/archive/{j.year}/{j.month:02d}/{j.day:02d}/",
        "month": f"/archive/{j.year}/{j.month:02d}/",
    }

    def check():
        for name, expected in PINNED.items():
            path = paths.get(name, name)
            client.get(path)
            with django_assert_num_queries(expected, info=path):
                assert client.get(path).status_code == 200

    def more_stories(count: int) -> None:
        for _ in range(count):
            more = ArticleFactory(photo=library_photo(), title_en="More", lead_en="L")
            more.body_en = "<p>B</p>"
            more.save()
            more.topics.add(*tagged.topics.all())
            more.officials.add(*tagged.officials.all())
            more.countries.add(*tagged.countries.all())
            tagged.related.add(more)
            read(more)
        cache.clear()  # the read counts, summed anew

    tagged.photo = library_photo()
    tagged.save()
    more_stories(1)
    check()
    more_stories(5)
    check()


# --- Footer and the agency's pages ------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_footer_link_leads_to_a_page(client, prefix):
    ArticleFactory(title_en="English", lead_en="Lead", body_en="<p>Body</p>")
    html = client.get(f"{prefix}/").content.decode()
    footer = part(html, '<footer class="site-footer">', "</footer>")
    links = re.findall(r'href="([^"]+)"', footer)
    assert len(links) >= 7 + 7 + 4  # the agency, the services and their feeds
    for label in ("/about/", "/contact/", "/archive/", "/news/", "/rss/"):
        assert f"{prefix}{label}" in links
    for link in links:
        assert client.get(link, follow=True).status_code == 200, link


@pytest.mark.parametrize(
    "path,heading",
    [
        ("/about/", "درباره ما"),
        ("/contact/", "تماس با ما"),
        ("/en/about/", "About us"),
        ("/en/contact/", "Contact us"),
    ],
)
def test_the_agencys_pages_in_both_languages(client, path, heading):
    html = client.get(path).content.decode()
    assert f"<h1>{heading}</h1>" in html
    main = part(html, '<main id="main"', "</main>")
    if path.startswith("/en/"):
        assert '<html lang="en" dir="ltr">' in html
        assert not ARABIC_SCRIPT.search(main)
    else:
        assert '<html lang="fa" dir="rtl">' in html


def test_the_agencys_pages_are_in_the_sitemap_in_both_languages(client):
    xml = client.get("/sitemap-pages.xml").content.decode()
    for path in ("/about/", "/contact/", "/en/about/", "/en/contact/"):
        assert f"<loc>http://testserver{path}</loc>" in xml


def test_every_page_has_one_h1(client, tagged):
    j = to_jalali(tagged.published_at)
    paths = [
        "/",
        "/en/",
        tagged.get_absolute_url(),
        *list_pages(tagged),
        f"/archive/{j.year}/{j.month:02d}/{j.day:02d}/",
        "/about/",
        "/en/contact/",
        "/no-such-page/",
    ]
    for path in paths:
        html = client.get(path).content.decode()
        assert html.count("<h1") == 1, path
