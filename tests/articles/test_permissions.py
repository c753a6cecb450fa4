"""The permission matrix: every role × transition × desk × ownership, over HTTP.

Each case posts the article's change form with a workflow button, as a browser would,
and checks the state afterwards: changed when the role may make the move, untouched
(and never a server error) when it may not.
"""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, ArticleEvent
from articles.services import TRANSITIONS
from tests.articles.conftest import change_form, change_url, jalali_date
from tests.factories import ArticleFactory, service

S = Article.Status
ROLES = ["reporter", "editor", "chief", "administrator"]
DESKS = {"own desk": "political", "other desk": "economic"}
OWNERSHIP = ["own article", "other's article"]

DESK_MOVES = {"send_back", "approve", "schedule", "publish"}
CHIEF_MOVES = {"withdraw", "reopen"}


def expected(role: str, name: str, desk: str, ownership: str) -> bool:
    """The table of the editorial-workflow issue, written out."""
    own_desk = desk == "own desk"
    own = ownership == "own article"
    if role == "administrator":
        return False  # users and roles only
    if role == "chief":
        return True
    if name == "submit":
        return own or (role == "editor" and own_desk)
    if name in DESK_MOVES:
        return role == "editor" and own_desk
    return False  # withdraw and reopen: the chief editor only


CASES = [
    (role, name, source, desk, ownership)
    for role in ROLES
    for name, transition in TRANSITIONS.items()
    for source in sorted(transition.sources)
    for desk in DESKS
    for ownership in OWNERSHIP
]


@pytest.mark.parametrize(
    "role,name,source,desk,ownership",
    CASES,
    ids=["-".join(c).replace(" ", "_") for c in CASES],
)
def test_permission_matrix(client, newsroom, role, name, source, desk, ownership):
    user = newsroom[role]
    author = user if ownership == "own article" else newsroom["other_reporter"]
    transition = TRANSITIONS[name]
    published = {
        S.SCHEDULED: timezone.now() + datetime.timedelta(hours=3),
        S.PUBLISHED: timezone.now() - datetime.timedelta(hours=1),
        S.WITHDRAWN: timezone.now() - datetime.timedelta(hours=1),
    }.get(source)
    article = ArticleFactory(
        service=service(DESKS[desk]),
        author=author,
        status=source,
        published_at=published,
    )
    overrides = {"_transition": name, "editorial_note": "لطفاً منبع را اضافه کنید."}
    if name == "schedule":
        tomorrow = timezone.localtime() + datetime.timedelta(days=1)
        overrides.update(published_at_0=jalali_date(tomorrow), published_at_1="09:30")
    client.force_login(user)

    response = client.post(change_url(article), change_form(article, **overrides))

    assert response.status_code in (200, 302, 403)
    article.refresh_from_db()
    events = ArticleEvent.objects.filter(article=article, kind="transition")
    if expected(role, name, desk, ownership):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert article.status == transition.target
        event = events.get()
        assert (event.actor, event.action) == (user, name)
    else:
        assert article.status == source
        assert not events.exists()


@pytest.mark.parametrize("role", ["reporter", "administrator"])
def test_roles_without_publish_rights_lack_the_permission(newsroom, role):
    assert not newsroom[role].has_perm("articles.publish_article")
    assert not newsroom[role].has_perm("articles.unpublish_article")


def test_editor_and_chief_have_publish_rights_only_chief_unpublishes(newsroom):
    assert newsroom["editor"].has_perm("articles.publish_article")
    assert not newsroom["editor"].has_perm("articles.unpublish_article")
    assert newsroom["chief"].has_perm("articles.publish_article")
    assert newsroom["chief"].has_perm("articles.unpublish_article")


def test_reporter_sees_only_own_articles_in_the_admin(client, newsroom):
    mine = ArticleFactory(
        author=newsroom["reporter"], title_fa="خبر خودم", status=S.DRAFT
    )
    ArticleFactory(
        author=newsroom["other_reporter"], title_fa="خبر همکار", status=S.DRAFT
    )
    client.force_login(newsroom["reporter"])
    html = client.get("/admin/articles/article/").content.decode()
    assert mine.title_fa in html
    assert "خبر همکار" not in html


def test_forged_edit_of_another_desks_article_is_refused(client, newsroom):
    article = ArticleFactory(
        service=service("economic"), author=newsroom["other_reporter"], status=S.REVIEW
    )
    client.force_login(newsroom["editor"])
    response = client.post(
        change_url(article), change_form(article, title_fa="تیتر جعلی")
    )
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.title_fa != "تیتر جعلی"


def test_reporter_cannot_edit_own_article_once_submitted(client, newsroom):
    article = ArticleFactory(author=newsroom["reporter"], status=S.REVIEW)
    client.force_login(newsroom["reporter"])
    response = client.post(change_url(article), change_form(article, title_fa="تغییر"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title_fa != "تغییر"


def test_reporter_cannot_set_status_or_lead_story_by_posting_them(client, newsroom):
    article = ArticleFactory(
        author=newsroom["reporter"], status=S.DRAFT, published_at=None
    )
    client.force_login(newsroom["reporter"])
    data = change_form(article, status="published", is_lead="on", is_breaking="on")
    response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert not article.is_lead and not article.is_breaking


@pytest.mark.parametrize("role", ["reporter", "editor", "chief"])
def test_every_desk_can_search_the_photo_library_from_the_article_form(
    client, newsroom, role
):
    from django.urls import reverse

    from tests.factories import library_photo

    library_photo(caption_fa="پل تاریخی تبریز")
    client.force_login(newsroom[role])

    found = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "پل",
            "app_label": "articles",
            "model_name": "article",
            "field_name": "photo",
        },
    )

    assert found.status_code == 200
    assert [r["text"] for r in found.json()["results"]] == ["پل تاریخی تبریز"]


def test_only_the_chief_may_delete_library_photos(newsroom):
    assert newsroom["chief"].has_perm("photos.delete_photo")
    assert not newsroom["editor"].has_perm("photos.delete_photo")
    assert not newsroom["reporter"].has_perm("photos.delete_photo")
