"""The page cache: readers get cached pages; each change drops exactly its pages."""

import datetime
import gzip
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from articles import pagecache, services
from articles.models import Article, Correction
from officials.models import Position
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    TopicFactory,
    country,
    library_photo,
    service,
)
from tests.pages import cache_state, push_out_of_side_column, warm

pytestmark = pytest.mark.django_db
S = Article.Status


pytestmark = [pytestmark, pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def world(db):
    """Two services' articles with their topic, official and country."""
    topic, other_topic = TopicFactory(slug="tourism"), TopicFactory(slug="sport")
    official, other_official = OfficialFactory(slug="khorram"), OfficialFactory()
    story = ArticleFactory(title_fa="گردشگری تبریز", service=service("economic"))
    story.topics.add(topic)
    story.officials.add(official)
    story.countries.add(country("TR"))
    other = ArticleFactory(title_fa="فوتبال", service=service("sports"))
    other.topics.add(other_topic)
    other.officials.add(other_official)
    other.countries.add(country("AZ"))
    # Newer stories fill the side column's latest news, so these two are out of it,
    # as most of the archive is: a change to them drops the pages showing them and
    # no other (tests/articles/test_front.py: a story in the side column).
    push_out_of_side_column(service=service("social"))
    return {
        "story": story,
        "other": other,
        "topic": topic,
        "other_topic": other_topic,
        "official": official,
        "other_official": other_official,
    }


def story_pages(article) -> list[str]:
    """Every page that lists a published economic article tagged as in ``world``."""
    day = timezone.localtime(article.published_at)
    from persian.jalali import to_jalali

    j = to_jalali(day)
    return [
        article.get_absolute_url(),
        "/",
        "/service/economic/",
        "/tag/tourism/",
        "/official/khorram/",
        "/country/tr/",
        "/rss/",
        "/service/economic/rss/",
        "/news/?official=khorram",
        f"/archive/{j.year}/{j.month:02d}/{j.day:02d}/",
        f"/sitemap-articles-{day.year}-{day.month:02d}.xml",
    ]


UNRELATED = ["/service/sports/", "/tag/sport/", "/country/az/", "/robots.txt"]
# Pages that neither list a new economic story nor show the side column of the
# latest news (which every article and list page does).
ELSEWHERE = [
    "/service/sports/rss/",
    "/tag/sport/rss/",
    "/country/az/rss/",
    "/robots.txt",
]


# --- What is cached --------------------------------------------------------------


def test_a_cached_page_costs_no_query_and_reads_the_same(
    client, world, django_assert_num_queries
):
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = client.get("/")
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content
    assert "گردشگری تبریز" in again.content.decode()


def test_every_public_page_is_cached(client, world):
    warm(client, *story_pages(world["story"]), *UNRELATED, "/search/?q=تبریز")
    warm(client, "/en/", "/news/", "/sitemap-news.xml")


def test_staff_and_the_admin_are_never_cached(admin_client, world):
    assert "X-Page-Cache" not in admin_client.get("/")
    assert "X-Page-Cache" not in admin_client.get("/admin/")
    # Nothing the staff member saw was kept for readers.
    assert Client().get("/")["X-Page-Cache"] == "miss"


def test_preview_of_an_unpublished_article_is_never_cached(admin_client):
    draft = ArticleFactory(status=S.DRAFT, published_at=None)
    response = admin_client.get(f"/admin/articles/article/{draft.pk}/preview/")
    assert "X-Page-Cache" not in response


def test_made_up_query_parameters_are_answered_but_not_kept(client, world):
    response = client.get("/", {"utm_source": "x"})
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_errors_are_not_kept(client):
    assert client.get("/service/no-such/").status_code == 404
    assert "X-Page-Cache" not in client.get("/service/no-such/")


def test_pages_are_compressed_and_revalidated_with_etags(client, world):
    client.get("/")
    zipped = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    plain = client.get("/")
    assert gzip.decompress(zipped.content) == plain.content
    assert "Content-Encoding" not in plain
    assert client.get("/", HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304
    assert client.get("/", HTTP_IF_NONE_MATCH='"other"').status_code == 200
    since = plain["Last-Modified"]
    assert client.get("/", HTTP_IF_MODIFIED_SINCE=since).status_code == 304


def test_head_requests_get_the_headers_only(client, world):
    client.get("/")
    response = client.head("/")
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""


def test_the_security_headers_stay_on_cached_pages(client, world):
    client.get("/")
    hit = client.get("/")
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert hit["Content-Language"] == "fa"


def test_the_cache_can_be_turned_off(client, settings, world):
    settings.PAGE_CACHE = False
    client.get("/")
    assert "X-Page-Cache" not in client.get("/")


# --- What a change drops ------------------------------------------------------------


def test_publishing_drops_the_pages_that_list_it_and_nothing_else(
    client, commit, world, newsroom
):
    story = world["story"]
    fresh = ArticleFactory(
        title_fa="خبر تازه گردشگری",
        service=service("economic"),
        status=S.APPROVED,
        published_at=None,
    )
    fresh.topics.add(world["topic"])
    fresh.officials.add(world["official"])
    fresh.countries.add(country("TR"))
    pages = [p for p in story_pages(story) if p != story.get_absolute_url()]
    other_article = world["other"].get_absolute_url()
    with_side_column = [*UNRELATED[:3], story.get_absolute_url(), other_article]
    warm(client, *pages, *with_side_column, *ELSEWHERE)

    commit(
        services.article_transition,
        article=fresh,
        user=newsroom["chief"],
        name="publish",
    )

    for path in pages:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        assert fresh.news_code and str(fresh.news_code) in response.content.decode()
    # Every article and list page shows the latest news beside it: the new story too.
    for path in with_side_column:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        side_column = response.content.decode().split('class="side-column"')[1]
        assert str(fresh.news_code) in side_column, path
    for path in ELSEWHERE:
        assert cache_state(client, path) == "hit", path


def test_publishing_drops_its_months_calendar_and_no_other_month(
    client, commit, newsroom
):
    from persian.jalali import to_jalali

    today = to_jalali(timezone.localdate())
    this_month = f"/archive/{today.year}/{today.month}/"
    other_month = "/archive/1404/08/"
    fresh = ArticleFactory(status=S.APPROVED, published_at=None)
    warm(client, this_month, other_month)
    other_calendar = pagecache.list_tag("calendar", "140408")
    calendar_version = pagecache.current_versions([other_calendar])
    day_link = f'href="/archive/{today.year}/{today.month}/{today.day}/"'
    assert day_link not in client.get(this_month).content.decode()

    commit(
        services.article_transition,
        article=fresh,
        user=newsroom["chief"],
        name="publish",
    )

    response = client.get(this_month)
    assert response["X-Page-Cache"] == "miss"
    assert day_link in response.content.decode()
    # The other month's page is drawn again for its side column (the latest news),
    # but its calendar was not touched.
    assert pagecache.current_versions([other_calendar]) == calendar_version

    # Withdrawn again, the day has no news left: the calendar stops linking it.
    warm(client, this_month)
    commit(
        services.article_transition,
        article=fresh,
        user=newsroom["chief"],
        name="withdraw",
    )
    assert day_link not in client.get(this_month).content.decode()


def test_editing_an_article_drops_its_page_and_the_lists_showing_it(
    client, commit, world
):
    story = world["story"]
    warm(client, *story_pages(story), world["other"].get_absolute_url(), *UNRELATED)

    def retitle():
        story.title_fa = "عنوان اصلاح‌شده"
        story.save()

    commit(retitle)
    for path in story_pages(story):
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        if "sitemap" not in path:  # it shows the new last-modified time, no title
            assert "عنوان اصلاح‌شده" in response.content.decode(), path
    for path in [world["other"].get_absolute_url(), *UNRELATED]:
        assert cache_state(client, path) == "hit", path


def test_withdrawing_takes_the_article_off_every_cached_page(
    client, commit, world, newsroom
):
    story = world["story"]
    url = story.get_absolute_url()
    warm(client, *story_pages(story))
    commit(
        services.article_transition,
        article=story,
        user=newsroom["chief"],
        name="withdraw",
    )
    assert client.get(url).status_code == 404
    for path in story_pages(story)[1:]:
        assert "گردشگری تبریز" not in client.get(path).content.decode(), path


def test_moving_an_article_to_another_service_updates_both(client, commit, world):
    story = world["story"]
    warm(client, "/service/economic/", "/service/sports/", "/service/social/")

    def move():
        story.service = service("sports")
        story.save()

    commit(move)
    assert "گردشگری تبریز" not in client.get("/service/economic/").content.decode()
    assert "گردشگری تبریز" in client.get("/service/sports/").content.decode()
    assert cache_state(client, "/service/social/") == "hit"


def test_tagging_an_article_adds_it_to_that_topics_cached_page(client, commit, world):
    fresh_topic = TopicFactory(slug="culture")
    warm(client, "/tag/culture/", "/tag/sport/")
    commit(world["story"].topics.add, fresh_topic)
    assert "گردشگری تبریز" in client.get("/tag/culture/").content.decode()
    assert cache_state(client, "/tag/sport/") == "hit"


def test_a_correction_drops_its_articles_page(client, commit, world):
    story = world["story"]
    warm(client, story.get_absolute_url(), world["other"].get_absolute_url())
    commit(Correction.objects.create, article=story, note="نام شهر اصلاح شد")
    assert "نام شهر اصلاح شد" in client.get(story.get_absolute_url()).content.decode()
    assert cache_state(client, world["other"].get_absolute_url()) == "hit"


def test_editing_a_photo_drops_the_pages_that_show_it(client, commit, world):
    story, other = world["story"], world["other"]
    story.photo = library_photo(caption_fa="پل آجی‌چای")
    commit(story.save)
    pages = [story.get_absolute_url(), "/service/economic/", "/"]
    warm(client, *pages, other.get_absolute_url())
    story.photo.caption_fa = "پل تاریخی آجی‌چای در غروب"
    commit(story.photo.save)
    assert "در غروب" in client.get(story.get_absolute_url()).content.decode()
    for path in pages[1:]:
        assert cache_state(client, path) == "miss", path
    assert cache_state(client, other.get_absolute_url()) == "hit"


def test_renaming_an_official_drops_the_pages_that_print_the_name(
    client, commit, world
):
    official, story, other = world["official"], world["story"], world["other"]
    named = [story.get_absolute_url(), "/official/khorram/", "/news/"]
    warm(client, *named, other.get_absolute_url(), "/service/economic/")

    def rename():
        official.name_fa = "عابدین خرم"
        official.save()

    commit(rename)
    for path in named:
        assert "عابدین خرم" in client.get(path).content.decode(), path
    assert cache_state(client, other.get_absolute_url()) == "hit"
    assert cache_state(client, "/service/economic/") == "hit"


def test_a_new_post_drops_the_officials_and_the_countrys_pages(client, commit, world):
    warm(client, "/official/khorram/", "/country/tr/", "/country/az/")
    commit(
        Position.objects.create,
        official=world["official"],
        title_fa="سفیر در ترکیه",
        country=country("TR"),
        start_date=datetime.date(2024, 1, 1),
    )
    assert "سفیر در ترکیه" in client.get("/official/khorram/").content.decode()
    assert "سفیر در ترکیه" in client.get("/country/tr/").content.decode()
    assert cache_state(client, "/country/az/") == "hit"


def test_renaming_a_topic_drops_its_page_and_the_articles_filed_under_it(
    client, commit, world
):
    topic, story = world["topic"], world["story"]
    warm(client, "/tag/tourism/", story.get_absolute_url(), "/tag/sport/")

    def rename():
        topic.name_fa = "گردشگری سلامت"
        topic.save()

    commit(rename)
    assert "گردشگری سلامت" in client.get("/tag/tourism/").content.decode()
    assert "گردشگری سلامت" in client.get(story.get_absolute_url()).content.decode()
    assert cache_state(client, "/tag/sport/") == "hit"


def test_renaming_a_country_drops_its_page_not_the_others(client, commit, world):
    warm(client, "/country/tr/", "/country/az/", world["other"].get_absolute_url())
    turkey = country("TR")

    def rename():
        turkey.name_fa = "ترکیه (تورکیه)"
        turkey.save()

    commit(rename)
    assert "ترکیه (تورکیه)" in client.get("/country/tr/").content.decode()
    assert (
        "ترکیه (تورکیه)"
        in client.get(world["story"].get_absolute_url()).content.decode()
    )
    assert cache_state(client, "/country/az/") == "hit"
    assert cache_state(client, world["other"].get_absolute_url()) == "hit"


def test_renaming_a_service_drops_every_page_with_the_services_bar(
    client, commit, world
):
    pages = ["/", "/service/sports/", world["other"].get_absolute_url()]
    warm(client, *pages, "/robots.txt")
    sports = service("sports")

    def rename():
        sports.name_fa = "ورزش و جوانان"
        sports.save()

    commit(rename)
    for path in pages:
        assert "ورزش و جوانان" in client.get(path).content.decode(), path
    assert cache_state(client, "/robots.txt") == "hit"


# --- Scheduled articles and races --------------------------------------------------


def expiry(path: str) -> float:
    """Seconds until the cached entry of ``path`` expires, as the cache keeps it."""
    from django.test import RequestFactory

    request = RequestFactory().get(path)
    key = pagecache._page_key(request.META, request.path_info)
    if hasattr(cache, "ttl"):  # Redis
        return cache.ttl(key)
    return cache._expire_info[cache.make_key(key)] - time.time()


def test_no_page_outlives_the_next_scheduled_publication(client, commit, newsroom):
    ArticleFactory(title_fa="اکنون")
    due = timezone.now() + datetime.timedelta(seconds=90)
    later = ArticleFactory(title_fa="بعدا", status=S.APPROVED, published_at=None)
    commit(
        services.article_transition,
        article=later,
        user=newsroom["chief"],
        name="schedule",
        at=due,
    )
    client.get("/")
    assert "بعدا" not in client.get("/").content.decode()
    assert 0 < expiry("/") <= 90


def test_without_a_scheduled_article_pages_keep_their_full_lifetime(
    client, settings, world
):
    client.get("/")
    # Full, unless midnight in Tehran comes first (test_front_cache.py).
    full = min(settings.PAGE_CACHE_SECONDS, pagecache.until_midnight())
    assert full - 5 < expiry("/") <= full


def test_a_page_drawn_while_a_change_commits_is_not_kept(client, world, monkeypatch):
    real = pagecache.PageCacheMiddleware.__call__

    def with_a_publication_midway(self, request):
        original = self.get_response

        def render(request):
            response = original(request)
            cache.set(pagecache._GENERATION, "changed meanwhile", None)
            return response

        self.get_response = render
        try:
            return real(self, request)
        finally:
            self.get_response = original

    monkeypatch.setattr(
        pagecache.PageCacheMiddleware, "__call__", with_a_publication_midway
    )
    first = client.get("/")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    monkeypatch.undo()
    assert client.get("/")["X-Page-Cache"] == "miss"


def test_a_page_read_from_a_lagging_replica_is_served_not_kept(
    client, world, monkeypatch
):
    monkeypatch.setattr(pagecache, "_replica_caught_up", lambda position: False)
    first = client.get("/")
    assert first.status_code == 200 and "X-Page-Cache" not in first
    monkeypatch.undo()
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert client.get("/")["X-Page-Cache"] == "hit"


def test_without_a_replica_every_page_counts_as_caught_up():
    assert pagecache._primary_position() is None
    assert pagecache._replica_caught_up("0/16B3748")


def wsgi_environ(path: str, **headers) -> dict:
    """The environ a WSGI server passes for GET ``path``: the path as latin-1 text."""
    from django.test.client import RequestFactory

    request = RequestFactory().get(path, **headers)
    environ = dict(request.environ)
    environ["PATH_INFO"] = request.path_info.encode().decode("iso-8859-1")
    return environ


def wsgi_hit(path: str, **headers) -> tuple[str, dict, bytes]:
    """GET ``path`` from the WSGI application gunicorn serves, never reaching Django."""
    from django.core.signals import request_started

    from newsroom.wsgi import application

    def reached_django(**kwargs):
        raise AssertionError(f"{path} was handed to Django")

    environ = wsgi_environ(path, **headers)
    request_started.connect(reached_django)
    try:
        answer = {}

        def start_response(status, response_headers):
            answer["status"], answer["headers"] = status, dict(response_headers)

        body = b"".join(application(environ, start_response))
    finally:
        request_started.disconnect(reached_django)
    return answer["status"], answer["headers"], body


def test_hits_are_answered_before_django_with_every_header(
    client, world, django_assert_num_queries
):
    drawn = client.get("/")
    with django_assert_num_queries(0):
        status, headers, body = wsgi_hit("/")
    assert status == "200 OK"
    assert headers["X-Page-Cache"] == "hit"
    assert body == drawn.content
    for name in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert headers[name] == drawn[name], name
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    status, headers, _body = wsgi_hit("/", HTTP_IF_NONE_MATCH=drawn["ETag"])
    assert status.startswith("304")


def test_nginx_in_front_keeps_a_page_no_later_than_the_end_of_this_second(
    client, world
):
    # nginx counts its micro-cache in whole seconds: "1 s" would keep a page up to
    # two. Every page answered from the cache (drawn, kept, or a hit before Django)
    # tells it the end of the current second instead.
    def allowed(header: str, before: float, after: float) -> bool:
        return header.startswith("@") and int(before) <= int(header[1:]) <= after

    before = time.time()
    drawn = client.get("/")
    hit = client.get("/")
    _status, headers, _body = wsgi_hit("/")
    after = time.time()

    assert drawn["X-Page-Cache"] == "miss" and hit["X-Page-Cache"] == "hit"
    for answer in (drawn["X-Accel-Expires"], hit["X-Accel-Expires"]):
        assert allowed(answer, before, after)
    assert allowed(headers["X-Accel-Expires"], before, after)


def test_a_page_that_is_not_kept_says_nothing_to_nginx(admin_client, world):
    assert "X-Accel-Expires" not in admin_client.get("/")


def test_the_fast_path_leaves_staff_misses_and_bad_hosts_to_django(client, world):
    passed = []

    def django(environ, start_response):
        passed.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b"drawn by django"]

    app = pagecache.PageCacheApp(django)
    client.get("/")  # cached now

    def get(path, **headers):
        environ = wsgi_environ(path, **headers)
        return b"".join(app(environ, lambda status, headers: None))

    assert get("/") != b"drawn by django"
    assert get("/", HTTP_COOKIE="sessionid=abc") == b"drawn by django"
    assert get("/", HTTP_HOST="evil.example") == b"drawn by django"
    assert get("/service/sports/") == b"drawn by django"  # not cached yet
    assert get("/static/css/site.css") == b"drawn by django"
    assert passed == ["/", "/", "/service/sports/", "/static/css/site.css"]
    # A Persian address reaches Django as the server sent it (bytes as latin-1).
    environ = wsgi_environ(world["other"].get_absolute_url())
    sent = environ["PATH_INFO"]
    b"".join(app(environ, lambda status, headers: None))
    assert environ["PATH_INFO"] == sent
    assert passed[-1] == sent


def test_a_persian_address_is_served_from_the_cache_before_django(client, world):
    url = world["story"].get_absolute_url()
    drawn = client.get(url)
    assert "%D8" in url  # the slug is Persian
    status, headers, body = wsgi_hit(url)
    assert status == "200 OK" and headers["X-Page-Cache"] == "hit"
    assert body == drawn.content


def test_the_cache_key_keeps_apart_what_readers_must_not_share(settings):
    from django.test.client import RequestFactory

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    def key(path="/", **headers):
        request = RequestFactory().get(path, **headers)
        return pagecache._page_key(request.META, request.path_info)

    assert key() == key()
    assert key(HTTP_X_FORWARDED_PROTO="https") != key(HTTP_X_FORWARDED_PROTO="http")
    assert key(HTTP_HOST="a.example") != key(HTTP_HOST="b.example")
    assert key("/?page=2") != key("/")
    assert key("/en/") != key("/")
    assert key(HTTP_COOKIE="sessionid=abc; csrftoken=x") is None
    assert key(HTTP_COOKIE="csrftoken=x") == key()
    assert key("/?utm_source=x") is None
    assert key("/admin/") is None and key("/static/css/site.css") is None


def test_a_change_made_on_another_app_server_shows_within_the_recheck_time(
    client, world, monkeypatch
):
    clock = {"now": pagecache._own_change["at"] + 100.0}
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock["now"])
    client.get("/service/economic/")
    assert client.get("/service/economic/")["X-Page-Cache"] == "hit"
    # Another server bumps the list's tag in the shared cache; this worker has not
    # changed anything itself, so it trusts its last check for a moment.
    cache.set(pagecache._tag_key(pagecache.list_tag("all")), "elsewhere", None)
    service_tag = pagecache.list_tag("service", service("economic").pk)
    cache.set(pagecache._tag_key(service_tag), "elsewhere", None)
    clock["now"] += pagecache.RECHECK_SECONDS / 2
    assert client.get("/service/economic/")["X-Page-Cache"] == "hit"
    clock["now"] += pagecache.RECHECK_SECONDS
    assert client.get("/service/economic/")["X-Page-Cache"] == "miss"


def test_a_change_the_cache_missed_reaches_the_pages_once_it_is_back(
    client, commit, world, monkeypatch
):
    from django.core.cache import cache

    story = world["story"]
    url = story.get_absolute_url()
    warm(client, url)

    def retitle():
        story.title_fa = "عنوان در نبود ردیس"
        story.save()

    # Redis away while the editor saves: the cache ignores the error, the bump is lost.
    monkeypatch.setattr(cache, "set_many", lambda *args, **kwargs: [])
    commit(retitle)
    monkeypatch.undo()
    # Redis back: the first page this process serves sends the change again.
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "عنوان در نبود ردیس" in response.content.decode()
    assert cache_state(client, url) == "hit"
