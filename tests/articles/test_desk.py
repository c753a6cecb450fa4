"""The desk as a work queue: tabs with counts, one-click narrowings, the wire queue,
the endpoint desk.js polls, and query counts that do not grow with the archive."""

import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import desk
from articles.models import Article
from articles.wire_import import wire_item_import
from tests.articles.test_import_wire import SMALL
from tests.factories import ArticleFactory, UserFactory, service

S = Article.Status
CHANGELIST = "admin:articles_article_changelist"


@pytest.fixture
def desk_day(newsroom):
    """A day on the desk: the reporter's copy in every state, on two services."""
    reporter = newsroom["reporter"]
    now = timezone.now()
    political, economic = service("political"), service("economic")
    made = {
        "review": ArticleFactory.create_batch(
            2, status=S.REVIEW, published_at=None, author=reporter, service=political
        )
        + [ArticleFactory(status=S.REVIEW, published_at=None, service=economic)],
        "approved": [ArticleFactory(status=S.APPROVED, published_at=None)],
        "scheduled": [
            ArticleFactory(
                status=S.SCHEDULED, published_at=now + datetime.timedelta(hours=5)
            )
        ],
        "draft": [
            ArticleFactory(
                status=S.DRAFT, published_at=None, author=reporter, service=political
            )
        ],
        "returned": [
            ArticleFactory(status=S.RETURNED, published_at=None, author=reporter)
        ],
        "published_today": [ArticleFactory(status=S.PUBLISHED, published_at=now)],
        "published_before": ArticleFactory.create_batch(
            3, status=S.PUBLISHED, published_at=now - datetime.timedelta(days=3)
        ),
        "wire": [
            wire_item_import(raw=SMALL, user=reporter, service_slug="political").article
        ],
    }
    return made


def tab_counts(html: str) -> dict[str, str]:
    """The count on each tab of the list, as the editor reads it."""
    return dict(re.findall(r'data-queue="(\w+)">\(([^)]*)\)', html))


def get(client, **params) -> str:
    return client.get(reverse(CHANGELIST), params).content.decode()


# --- Tabs and their counts ---------------------------------------------------------


def test_each_queue_shows_its_count_in_persian_digits(client, newsroom, desk_day):
    client.force_login(newsroom["chief"])
    counts = tab_counts(get(client))
    assert counts == {
        "review": "۳",
        "approved": "۱",
        "scheduled": "۱",
        "published_today": "۱",
        "draft": "۲",  # one written, one from the wire
        "returned": "۱",
        "wire": "۱",
    }
    html = get(client, queue="review")
    assert "در انتظار بررسی <span" in html and 'aria-current="page"' in html
    assert all(a.title_fa in html for a in desk_day["review"])
    assert desk_day["approved"][0].title_fa not in html


def test_published_today_holds_only_todays_stories(client, newsroom, desk_day):
    client.force_login(newsroom["chief"])
    html = get(client, queue="published_today")
    assert desk_day["published_today"][0].title_fa in html
    assert not any(a.title_fa in html for a in desk_day["published_before"])


def test_the_wire_queue_holds_the_drafts_made_from_wire_copy(
    client, newsroom, desk_day
):
    client.force_login(newsroom["chief"])
    html = get(client, queue="wire")
    assert desk_day["wire"][0].title_fa in html
    assert desk_day["draft"][0].title_fa not in html
    # Once it moves on it leaves the queue.
    wire = desk_day["wire"][0]
    Article.objects.filter(pk=wire.pk).update(status=S.REVIEW)
    assert tab_counts(get(client))["wire"] == "۰"


def test_counts_are_those_of_what_the_user_may_open(client, newsroom, desk_day):
    """The political desk's editor counts the political desk and their own copy."""
    client.force_login(newsroom["editor"])
    counts = tab_counts(get(client))
    assert counts["review"] == "۲"  # the economic one is another desk's
    client.force_login(newsroom["reporter"])
    counts = tab_counts(get(client))
    assert counts["review"] == "۲" and counts["draft"] == "۲"
    assert counts["published_today"] == "۰"


def test_one_click_narrowings_mine_my_services_today(client, newsroom, desk_day):
    client.force_login(newsroom["editor"])
    html = get(client)
    chips = dict(
        (label, href)
        for href, label in re.findall(
            r'<a href="([^"]*)" class="desk-chip[^"]*"[^>]*>([^<]+)</a>', html
        )
    )
    assert set(chips) == {"مطالب من", "سرویس‌های من", "امروز"}
    assert "scope=desks" in chips["سرویس‌های من"]

    ArticleFactory(
        status=S.REVIEW,
        published_at=None,
        author=newsroom["editor"],
        service=service("economic"),
    )
    mine = tab_counts(get(client, scope="mine"))
    assert mine["review"] == "۱"
    desks = get(client, scope="desks", queue="review")
    assert tab_counts(desks)["review"] == "۲"
    assert 'class="desk-chip active" aria-current="true">سرویس‌های من' in desks
    # The active chip's link turns it off again, keeping the queue.
    again = re.search(r'<a href="([^"]*)" class="desk-chip active"', desks)[1]
    assert "scope" not in again and "queue=review" in again


def test_today_leaves_out_copy_filed_on_other_days(client, newsroom, desk_day):
    client.force_login(newsroom["chief"])
    old = desk_day["review"][0]
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Article.objects.filter(pk=old.pk).update(created_at=yesterday)
    html = get(client, day="today", queue="review")
    assert tab_counts(html)["review"] == "۲"
    assert old.title_fa not in html


def test_a_chief_has_no_my_services_chip(client, newsroom, desk_day):
    client.force_login(newsroom["chief"])
    assert "سرویس‌های من" not in get(client)


@pytest.mark.parametrize(
    "params",
    [
        {"queue": "nonsense"},
        {"scope": "'\"<x>"},
        {"day": "1405/13/40"},
        {"queue": "review", "scope": "mine", "day": "today", "q": "تیتر"},
    ],
)
def test_any_desk_parameter_opens_the_list(client, newsroom, desk_day, params):
    client.force_login(newsroom["chief"])
    assert client.get(reverse(CHANGELIST), params).status_code == 200


def test_the_tabs_keep_other_filters_but_leave_the_state(client, newsroom, desk_day):
    client.force_login(newsroom["chief"])
    html = get(
        client,
        service__id__exact=service("political").pk,
        status__exact="draft",
        published_at__gte="2020-01-01",
    )
    links = re.findall(r'<a href="([^"]*)" class="desk-tab', html)
    assert len(links) == len(desk.QUEUES) + 1
    assert all("service__id__exact" in link for link in links)
    assert all("published_at__gte" in link for link in links)
    assert not any("status__exact" in link for link in links)


# --- Counting cheaply -------------------------------------------------------------


def test_all_counts_take_one_query_reading_no_published_archive(newsroom, desk_day):
    conditions = {
        key: desk.queue_condition(key, desk.midnight()) for key in desk.QUEUES
    }
    with CaptureQueriesContext(connection) as captured:
        counts = desk.counted(Article.objects.all(), conditions, desk.midnight())
    assert len(captured.captured_queries) == 1
    sql = captured.captured_queries[0]["sql"]
    # Only waiting states or today's publications are read (an index range each).
    assert re.search(r'"status" IN \(', sql) and '"published_at" >=' in sql
    assert counts["review"] == 3 and counts["published_today"] == 1


def test_the_list_query_count_does_not_grow_with_the_articles(
    client, newsroom, desk_day, django_assert_num_queries
):
    client.force_login(newsroom["chief"])
    url = reverse(CHANGELIST)
    client.get(url)  # the session and content types, once
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"queue": "review"})
    expected = len(few.captured_queries)  # before a request empties the log
    for status in (S.REVIEW, S.DRAFT, S.PUBLISHED):
        ArticleFactory.create_batch(15, status=status)
    with django_assert_num_queries(expected):
        client.get(url, {"queue": "review"})
    with django_assert_num_queries(expected):
        client.get(url, {"queue": "wire"})


def test_the_front_page_counts_beyond_what_it_lists(client, newsroom, desk_day):
    ArticleFactory.create_batch(
        10, status=S.REVIEW, published_at=None, service=service("political")
    )
    client.force_login(newsroom["editor"])
    html = client.get(reverse("admin:index")).content.decode()
    review = html[html.index("desk-desk_review") :]
    review = review[: review.index("</table>")]
    assert "(۱۲)" in review  # 2 of the reporter's, 10 more, all political
    assert review.count('<th scope="row">') == desk.LIMIT
    assert "همهٔ ۱۲ مورد" in review
    assert "?queue=review&amp;scope=desks" in review
    wire = html[html.index("desk-wire") :]
    assert desk_day["wire"][0].title_fa in wire[: wire.index("</table>")]


def test_the_front_page_query_count_does_not_grow(
    client, newsroom, desk_day, django_assert_num_queries
):
    client.force_login(newsroom["chief"])
    client.get(reverse("admin:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("admin:index"))
    expected = len(few.captured_queries)  # before a request empties the log
    for status in (S.REVIEW, S.DRAFT, S.SCHEDULED, S.PUBLISHED):
        ArticleFactory.create_batch(12, status=status, published_at=timezone.now())
    with django_assert_num_queries(expected):
        client.get(reverse("admin:index"))


# --- What desk.js asks -------------------------------------------------------------


def poll(client, **params):
    return client.get(reverse("admin:articles_article_desk"), params)


def test_the_endpoint_names_the_lists_ids_and_counts(client, newsroom, desk_day):
    client.force_login(newsroom["chief"])
    data = poll(client, queue="review").json()
    assert sorted(data["ids"]) == sorted(a.pk for a in desk_day["review"])
    assert data["counts"]["review"] == 3
    assert data["labels"]["review"] == "۳"

    fresh = ArticleFactory(status=S.REVIEW, published_at=None)
    data = poll(client, queue="review").json()
    assert fresh.pk in data["ids"] and data["labels"]["review"] == "۴"


def test_the_page_gives_desk_js_its_address_and_the_ids_it_shows(
    client, newsroom, desk_day
):
    client.force_login(newsroom["chief"])
    html = get(client, queue="review")
    fresh = re.search(r'<p class="desk-fresh"[^>]*>', html)[0]
    poll_url = re.search(r'data-poll-url="([^"]*)"', fresh)[1].replace("&amp;", "&")
    shown = re.search(r'data-ids="([^"]*)"', fresh)[1].split()
    assert sorted(map(int, shown)) == sorted(a.pk for a in desk_day["review"])
    assert client.get(poll_url).json()["ids"]
    assert "queue=review" in poll_url
    assert "desk.js" in html  # loaded as a static file, never inline


def test_the_endpoint_is_for_staff_who_read_articles(client, newsroom, desk_day):
    assert poll(client).status_code == 302  # to the login page
    outsider = UserFactory(username="outsider", is_staff=True)
    client.force_login(outsider)
    assert poll(client).status_code == 403
    outsider.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(outsider)
    assert poll(client).json()["ids"] == []  # they may open none of these


def test_a_bad_query_gets_an_answer_not_an_error(client, newsroom, desk_day):
    client.force_login(newsroom["chief"])
    assert poll(client, queue="x", day="y").status_code == 200
    assert poll(client, no_such_field="1").status_code == 400


def test_the_endpoint_query_count_does_not_grow(
    client, newsroom, desk_day, django_assert_num_queries
):
    client.force_login(newsroom["chief"])
    poll(client)
    with CaptureQueriesContext(connection) as few:
        poll(client, queue="review")
    expected = len(few.captured_queries)  # before a request empties the log
    ArticleFactory.create_batch(30, status=S.REVIEW, published_at=None)
    with django_assert_num_queries(expected):
        assert len(poll(client, queue="review").json()["ids"]) == 33
