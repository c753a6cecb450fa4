"""The page cache and the new parts of the pages: today's date, the side column."""

import datetime
import time
import zoneinfo

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from articles import pagecache, reads, services, side
from articles.models import Article
from tests.factories import ArticleFactory, service
from tests.pages import cache_state, push_out_of_side_column, warm

pytestmark = pytest.mark.django_db
TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
S = Article.Status


pytestmark = [pytestmark, pytest.mark.usefixtures("page_cache")]


class Clock:
    """The time of day for Django and for the cache, moved by the test."""

    def __init__(self, monkeypatch, moment: datetime.datetime):
        self.moment = moment
        monkeypatch.setattr(timezone, "now", lambda: self.moment)
        monkeypatch.setattr(time, "time", lambda: self.moment.timestamp())


def side_column(client, path: str) -> str:
    html = client.get(path).content.decode()
    return html[html.index('<aside class="side-column"') : html.index("</aside>")]


# --- Midnight ---------------------------------------------------------------------


def test_no_page_is_served_from_the_cache_past_midnight_in_tehran(client, monkeypatch):
    clock = Clock(
        monkeypatch, datetime.datetime(2026, 12, 1, 23, 59, 30, tzinfo=TEHRAN)
    )
    story = ArticleFactory(title_fa="خبر شب")
    pages = ["/", story.get_absolute_url(), "/service/political/", "/about/"]
    for path in pages:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss"
        assert "سه‌شنبه ۱۰ آذر ۱۴۰۵" in response.content.decode()
    warm(client, *pages)

    clock.moment = datetime.datetime(2026, 12, 2, 0, 0, 1, tzinfo=TEHRAN)
    for path in pages:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
        html = response.content.decode()
        assert "چهارشنبه ۱۱ آذر ۱۴۰۵" in html and "۲ دسامبر ۲۰۲۶" in html, path


def test_a_page_kept_in_the_evening_is_kept_until_midnight_only(client, monkeypatch):
    Clock(monkeypatch, datetime.datetime(2026, 12, 1, 23, 58, 0, tzinfo=TEHRAN))
    client.get("/")
    assert pagecache.until_midnight() == 120
    assert pagecache.lifetime() == 120
    Clock(monkeypatch, datetime.datetime(2026, 12, 1, 12, 0, 0, tzinfo=TEHRAN))
    assert pagecache.lifetime() == 600


# --- The side column --------------------------------------------------------------


def test_the_side_column_is_drawn_once_for_every_page(
    client, django_assert_num_queries
):
    story = ArticleFactory(title_fa="خبر ستون کناری")
    reads.count_read(story.pk)
    reads.fold_reads()
    # Drawn with the column: the services bar, the service, its page, the next
    # scheduled publication (for the page's lifetime), the column's latest news, the
    # read counts and the most read stories.
    with django_assert_num_queries(7):
        first = side_column(client, "/service/political/")
    cache.clear()
    pagecache.forget_local()
    client.get(story.get_absolute_url())  # draws the side column and keeps it
    # The same page drawn again with the column kept (the story is in both its
    # lists): the page's own three queries, none of the column's (and the next
    # scheduled publication is known by now).
    with django_assert_num_queries(3):
        again = side_column(client, "/service/political/")
    assert again == first
    assert "خبر ستون کناری" in again


def test_publishing_drops_every_page_with_the_side_column_of_its_language(
    client, commit, newsroom
):
    chief = newsroom["chief"]
    bilingual = ArticleFactory(
        title_fa="خبر دوزبانه", title_en="Bilingual", lead_en="L", body_en="<p>B</p>"
    )
    fresh = ArticleFactory(
        title_fa="خبر تازه فقط فارسی", status=S.APPROVED, published_at=None
    )
    persian = [bilingual.get_absolute_url(), "/service/sports/", "/about/"]
    with translation.override("en"):
        english = [bilingual.get_absolute_url(), "/en/service/sports/"]
    warm(client, *persian, *english)

    commit(services.article_transition, article=fresh, user=chief, name="publish")

    for path in persian[:2]:
        assert cache_state(client, path) == "miss", path
        assert "خبر تازه فقط فارسی" in side_column(client, path)
    assert cache_state(client, "/about/") == "hit"  # no side column
    for path in english:  # the story is not in English: nothing changed there
        assert cache_state(client, path) == "hit", path


def test_editing_a_story_in_the_side_column_drops_the_pages_showing_it(client, commit):
    story = ArticleFactory(title_fa="خبر پیش از اصلاح", service=service("social"))
    pages = [ArticleFactory().get_absolute_url(), "/service/sports/"]
    warm(client, *pages)

    def retitle():
        story.title_fa = "خبر پس از اصلاح"
        story.save()

    commit(retitle)
    for path in pages:
        assert cache_state(client, path) == "miss", path
        assert "خبر پس از اصلاح" in side_column(client, path)


def test_withdrawing_a_story_takes_it_out_of_every_side_column(
    client, commit, newsroom
):
    story = ArticleFactory(title_fa="خبر برگشتی", service=service("social"))
    pages = [ArticleFactory().get_absolute_url(), "/service/sports/"]
    warm(client, *pages)
    commit(
        services.article_transition,
        article=story,
        user=newsroom["chief"],
        name="withdraw",
    )
    for path in pages:
        assert cache_state(client, path) == "miss", path
        assert "خبر برگشتی" not in side_column(client, path)


def test_editing_an_older_story_keeps_the_pages_it_is_not_on(client, commit):
    older = ArticleFactory(title_fa="خبر قدیمی", service=service("social"))
    push_out_of_side_column(service=service("economic"))
    warm(client, "/service/sports/", "/service/economic/")

    def retitle():
        older.title_fa = "خبر قدیمی اصلاح‌شده"
        older.save()

    commit(retitle)
    assert cache_state(client, "/service/sports/") == "hit"
    assert cache_state(client, "/service/economic/") == "hit"
    assert cache_state(client, "/service/social/") == "miss"  # it is listed there


def test_editing_a_most_read_story_drops_the_pages_showing_it(client, commit):
    popular = ArticleFactory(title_fa="خبر پربازدید", service=service("social"))
    push_out_of_side_column(service=service("economic"))
    reads.count_read(popular.pk)
    reads.fold_reads()
    assert "خبر پربازدید" in side_column(client, "/service/sports/")
    warm(client, "/service/sports/")

    def retitle():
        popular.title_fa = "خبر پربازدید اصلاح‌شده"
        popular.save()

    commit(retitle)
    assert cache_state(client, "/service/sports/") == "miss"
    assert "خبر پربازدید اصلاح‌شده" in side_column(client, "/service/sports/")


def test_a_side_column_drawn_while_a_change_commits_is_not_kept(client, monkeypatch):
    ArticleFactory(title_fa="خبر")
    real = side.draw

    def with_a_publication_midway(language):
        found = real(language)
        pagecache._send({pagecache.list_tag("latest", language)})
        return found

    monkeypatch.setattr(side, "draw", with_a_publication_midway)
    assert client.get("/service/sports/").status_code == 200
    assert cache.get("side:fa") is None


def test_the_home_pages_new_parts_are_dropped_with_their_stories(client, commit):
    from tests.factories import library_photo

    pictured = ArticleFactory(title_fa="خبر با عکس", photo=library_photo())
    warm(client, "/")

    def retitle():
        pictured.title_fa = "خبر با عکس اصلاح‌شده"
        pictured.save()

    commit(retitle)
    response = client.get("/")
    assert response["X-Page-Cache"] == "miss"
    html = response.content.decode()
    photo_row = html[html.index('class="photo-row"') :]
    assert "خبر با عکس اصلاح‌شده" in photo_row[: photo_row.index("</section>")]
