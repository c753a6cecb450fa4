"""The workflow's table and answers: publish times as data, one version bump, rights."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article
from articles.services import TRANSITIONS, PublishTime
from tests.articles.conftest import change_form, change_url
from tests.factories import ArticleFactory, service

S = Article.Status
EARLIER = datetime.timedelta(days=3)


# --- Publish times are data on the transition table -------------------------------


def test_the_table_says_how_each_transition_sets_the_publish_time():
    assert {name: t.publish_time for name, t in TRANSITIONS.items()} == {
        "submit": PublishTime.KEPT,
        "send_back": PublishTime.KEPT,
        "approve": PublishTime.KEPT,
        "schedule": PublishTime.CHOSEN,
        "publish": PublishTime.NOW,
        "withdraw": PublishTime.KEPT,
        "reopen": PublishTime.KEPT,
    }
    assert [n for n, t in TRANSITIONS.items() if t.needs_future_time] == ["schedule"]


@pytest.mark.parametrize(
    "name,source",
    [
        ("approve", S.REVIEW),
        ("schedule", S.APPROVED),
        ("publish", S.APPROVED),
        ("withdraw", S.PUBLISHED),
    ],
)
def test_each_transition_sets_the_publish_time_its_row_says(newsroom, name, source):
    before = timezone.now() - EARLIER
    article = ArticleFactory(
        status=source, service=service("political"), published_at=before
    )
    chosen = timezone.now() + datetime.timedelta(hours=5)
    start = timezone.now()
    services.article_transition(
        article=article, user=newsroom["chief"], name=name, note="-", at=chosen
    )
    article.refresh_from_db()
    kind = TRANSITIONS[name].publish_time
    if kind is PublishTime.KEPT:
        assert article.published_at == before
    elif kind is PublishTime.CHOSEN:
        assert article.published_at == chosen
    else:
        assert start <= article.published_at <= timezone.now()


@pytest.mark.parametrize("hours", [None, -1, 0])
def test_a_transition_needing_a_future_time_refuses_none_or_past(newsroom, hours):
    article = ArticleFactory(status=S.APPROVED, service=service("political"))
    now = timezone.now()
    at = None if hours is None else now + datetime.timedelta(hours=hours)
    reason = services.refusal(newsroom["chief"], article, "schedule", at=at, now=now)
    assert reason and "آینده" in reason  # Persian: a time in the future


# --- Every change bumps the lock version, through one function ---------------------


def bumps(article, change) -> tuple[int, int]:
    """Run ``change``; return its calls of next_version and how far the version rose."""
    before = Article.objects.get(pk=article.pk).lock_version
    wrapped = mock.patch.object(services, "next_version", wraps=services.next_version)
    with wrapped as counted:
        change()
    return counted.call_count, Article.objects.get(pk=article.pk).lock_version - before


def test_next_version_is_one_more_for_an_article_and_for_each_row():
    article = Article(lock_version=4)
    assert services.next_version(article) == 5
    assert "lock_version" in str(services.next_version())


@pytest.mark.django_db
def test_next_version_in_an_update_raises_each_row_by_one():
    ArticleFactory()
    seventh = ArticleFactory()
    Article.objects.filter(pk=seventh.pk).update(lock_version=7)
    Article.objects.update(lock_version=services.next_version())
    assert sorted(Article.objects.values_list("lock_version", flat=True)) == [1, 8]


def test_a_save_in_the_admin_bumps_through_next_version(client, newsroom):
    article = ArticleFactory(status=S.DRAFT, author=newsroom["reporter"])
    client.force_login(newsroom["reporter"])
    data = change_form(article, title_fa="تیتر تازه")
    assert bumps(article, lambda: client.post(change_url(article), data)) == (1, 1)


def test_a_transition_bumps_through_next_version(newsroom):
    article = ArticleFactory(status=S.REVIEW, service=service("political"))

    def approve():
        services.article_transition(
            article=article, user=newsroom["editor"], name="approve"
        )

    assert bumps(article, approve) == (1, 1)


def test_publishing_due_articles_bumps_through_next_version(newsroom):
    article = ArticleFactory(
        status=S.SCHEDULED, published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert bumps(article, services.article_publish_due) == (1, 1)


def test_a_restore_bumps_through_next_version(client, newsroom):
    chief = newsroom["chief"]
    article = ArticleFactory(status=S.DRAFT, author=chief)
    client.force_login(chief)
    client.post(change_url(article), change_form(article, title_fa="نسخه نخست"))
    article.refresh_from_db()
    client.post(change_url(article), change_form(article, title_fa="نسخه دوم"))
    first = Version.objects.get_for_object(article).last()
    restore = reverse("admin:articles_article_restore", args=[article.pk, first.pk])
    assert bumps(article, lambda: client.post(restore)) == (1, 1)


# --- Rights the admin asks for --------------------------------------------------------


@pytest.mark.parametrize(
    "role,locked",
    [
        ("reporter", {"published_at", "is_breaking", "is_lead", "author"}),
        ("editor", {"is_lead", "author"}),
        ("chief", set()),
    ],
)
def test_locked_fields_follow_the_role(newsroom, role, locked):
    article = ArticleFactory(service=service("political"))
    assert set(services.locked_fields(newsroom[role], article)) == locked


def test_an_editor_may_not_set_publishing_fields_on_another_desks_article(newsroom):
    article = ArticleFactory(service=service("economic"))
    locked = services.locked_fields(newsroom["editor"], article)
    assert {"published_at", "is_breaking"} <= set(locked)


def test_desk_articles_are_the_services_a_user_edits(newsroom):
    political = ArticleFactory(service=service("political"))
    economic = ArticleFactory(service=service("economic"))
    everything = Article.objects.all()
    assert services.on_desks(newsroom["reporter"], everything) is None
    assert set(services.on_desks(newsroom["editor"], everything)) == {political}
    assert set(services.on_desks(newsroom["chief"], everything)) == {
        political,
        economic,
    }


def test_only_a_superuser_deletes(newsroom, superuser):
    assert services.can_delete(superuser)
    assert not any(services.can_delete(user) for user in newsroom.values())
