import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles import roles
from articles.models import Article
from officials.models import Official, Position
from topics.models import Topic

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Everything seed_demo writes, in a comparable form."""
    return {
        "articles": sorted(
            (a.news_code, a.title_fa, a.status, str(a.published_at), str(a.updated_at))
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
    }


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


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
