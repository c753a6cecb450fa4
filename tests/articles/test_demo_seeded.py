"""What ``seed_demo`` gives a new user, read from one seeded newsroom.

Seeding draws and encodes the demo photos (several seconds), so the module seeds once
and each test runs in a savepoint of it, rolled back after the test; the seed itself
is rolled back after the module (``demo`` below).
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from articles import demo_content, roles
from articles.demo_photos import SCENES
from articles.models import Article
from articles.services import TRANSITIONS
from officials.models import Official, Position
from photos.models import Photo, Rendition
from topics.models import Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, seeded once for the module in a transaction that is rolled back."""
    media = tmp_path_factory.mktemp("demo-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast),
    ):
        with transaction.atomic():
            call_command("seed_demo", stdout=open("/dev/null", "w"))
            yield media
            transaction.set_rollback(True)


@pytest.fixture
def seeded(demo, settings):
    """The seeded demo, its photo files where the test's site looks for them."""
    settings.MEDIA_ROOT = demo


def snapshot() -> dict:
    """Everything seed_demo writes, in a comparable form."""
    return {
        "articles": sorted(
            (
                a.news_code,
                a.title_fa,
                a.status,
                str(a.published_at),
                str(a.updated_at),
                a.photo_id,
            )
            for a in Article.objects.all()
        ),
        "tags": sorted(
            (a.news_code, tuple(sorted(a.officials.values_list("pk", flat=True))))
            for a in Article.objects.all()
        ),
        "topics": sorted(Topic.objects.values_list("slug", "name_fa")),
        "officials": sorted(Official.objects.values_list("slug", "updated_at")),
        "positions": sorted(
            Position.objects.values_list("official__slug", "title_fa", "start_date")
        ),
        "users": sorted(get_user_model().objects.values_list("username", "password")),
        "photos": sorted(Photo.objects.values_list("pk", "image", "caption_fa")),
        "renditions": Rendition.objects.count(),
    }


def test_seed_demo_twice_changes_nothing(seeded):
    before = snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert snapshot() == before


def test_seed_demo_fills_the_newsroom(seeded):
    assert Topic.objects.count() >= 18
    assert Article.objects.count() >= 55
    states = set(Article.objects.values_list("status", flat=True))
    assert states == set(Article.Status.values)
    services = set(Article.objects.values_list("service__slug", flat=True))
    assert len(services) == 7


def test_every_demo_story_shows_a_library_photo(seeded, client):
    assert not Article.objects.filter(photo=None).exists()
    pictured = Article.objects.published()
    # Scenes shared as agencies share file photos: few to draw, so the demo is quick.
    assert Photo.objects.count() == len(SCENES)
    assert len(set(pictured.values_list("photo", flat=True))) >= 12
    photo = pictured.first().photo
    assert photo.credit == "تحریریه" and photo.caption_fa and photo.caption_en
    assert photo.og_image.width == 1200 and photo.picture("16:9")
    home = client.get("/").content.decode()
    assert '<section class="leads"' in home and "<picture>" in home
    assert "عکس: تحریریه" in client.get(pictured.first().get_absolute_url()).text


def test_governors_of_east_azerbaijan_follow_each_other(seeded):
    title = "استاندار آذربایجان شرقی"
    old = Position.objects.get(official__name_fa="محمدرضا پورمحمدی", title_fa=title)
    new = Position.objects.get(official__name_fa="عابدین خرم", title_fa=title)
    # Mehr 1400 runs from 23 Sep to 22 Oct 2021.
    mehr_1400 = (datetime.date(2021, 9, 23), datetime.date(2021, 10, 22))
    assert mehr_1400[0] <= old.end_date <= mehr_1400[1]
    assert mehr_1400[0] <= new.start_date <= mehr_1400[1]
    assert old.end_date < new.start_date
    ambassador = Position.objects.get(official__name_fa="مجید صمدزاده صابر")
    assert ambassador.title_fa == "سفیر ایران در قزاقستان"
    assert ambassador.country.code == "KZ"


def test_the_wire_copy_is_cleaned_into_its_fields(seeded):
    article = Article.objects.get(
        rootitr_fa__startswith="استاندار آذربایجان شرقی در ارتباط"
    )
    assert (
        article.title_fa == "آذربایجان شرقی، کانون ارتباطی ایران با کشورهای همسایه است"
    )
    assert article.lead_fa.startswith("استاندار آذربایجان شرقی گفت:")
    assert article.lead_fa not in article.body_fa  # the repeated lead is gone
    assert article.source == "نصر"
    assert "ي" not in article.body_fa and "ك" not in article.body_fa
    assert "می‌کنیم" in article.lead_fa
    assert set(article.countries.values_list("code", flat=True)) == {"IR", "KZ"}
    assert set(article.officials.values_list("name_fa", flat=True)) == {
        "محمدرضا پورمحمدی",
        "مجید صمدزاده صابر",
    }
    assert str(article.news_code).startswith("13990903")


def test_the_demo_has_an_english_edition(seeded, client):
    english = [s for s in demo_content.articles() if s.get("title_en")]
    assert all(s.get("lead_en") and s.get("body_en") for s in english)
    listed = Article.objects.for_readers("en")
    assert listed.count() >= 15
    html = client.get("/en/").content.decode()
    assert listed.first().title_en.replace("'", "&#x27;") in html


def test_one_staff_user_per_role_with_the_demo_password(seeded, settings):
    User = get_user_model()
    expected = {
        "reporter": roles.REPORTER,
        "editor": roles.EDITOR,
        "chief": roles.CHIEF,
        "admin": roles.ADMINISTRATOR,
    }
    for username, group in expected.items():
        user = User.objects.get(username=username)
        assert user.is_staff
        assert user.check_password(settings.DEMO_PASSWORD)
        assert user.groups.filter(name=group).exists()
    assert User.objects.get(username="admin").is_superuser
    assert not User.objects.get(username="reporter").has_perm("officials.add_official")
    assert User.objects.get(username="chief").has_perm("officials.add_official")


def test_every_story_reached_its_state_by_the_workflow(seeded):
    for article in Article.objects.all():
        state = Article.Status.DRAFT
        for event in article.events.order_by("created_at", "id"):
            assert event.from_status == state
            assert state in TRANSITIONS[event.action].sources
            state = event.to_status
        assert state == article.status, article.title_fa


def test_each_move_is_made_by_the_role_that_may_make_it(seeded):
    reporter_moves = set()
    for article in Article.objects.prefetch_related("events__actor"):
        for event in article.events.all():
            if event.actor.username == "reporter":
                reporter_moves.add(event.action)
            if event.action == "withdraw":
                assert event.actor.username == "chief"
    assert reporter_moves == {"submit"}
    returned = Article.objects.get(status=Article.Status.RETURNED)
    assert returned.events.get(action="send_back").note.startswith("منبع آمارها")
    scheduled = Article.objects.filter(status=Article.Status.SCHEDULED)
    assert scheduled.exists()
    assert all(a.events.filter(action="approve").exists() for a in scheduled)


def test_published_stories_are_spread_over_past_days(seeded):
    now = timezone.now()
    published = Article.objects.filter(status=Article.Status.PUBLISHED)
    times = list(published.values_list("published_at", flat=True))
    assert all(t < now for t in times)
    assert len({timezone.localtime(t).date() for t in times}) >= 30
    for article in published:
        publish = article.events.get(action="publish")
        assert publish.created_at == article.published_at
    future = Article.objects.filter(status=Article.Status.SCHEDULED)
    assert all(t > now for t in future.values_list("published_at", flat=True))


def test_two_photo_stories_have_a_captioned_gallery_one_of_them_in_english(
    seeded, client
):
    stories = Article.objects.published().filter(article_type=Article.Type.PHOTO)
    assert stories.count() == 2
    for story in stories:
        items = list(story.gallery.select_related("photo"))
        assert 5 <= len(items) <= 8
        assert [item.position for item in items] == list(range(1, len(items) + 1))
        assert all(item.caption_fa and item.caption_en for item in items)
        assert story.photo == items[0].photo  # the lead photo, from the gallery
        html = client.get(story.get_absolute_url()).content.decode()
        assert html.count('class="gallery-slide"') == len(items)
        assert items[-1].caption_fa in html
    english = [s for s in stories if "en" in s.languages()]
    assert len(english) == 1
    with translation.override("en"):
        url = english[0].get_absolute_url()
    html = client.get(url).content.decode()
    assert english[0].gallery.first().caption_en in html
    assert "/static/js/gallery.js" in html
