"""Correction notes go through the workflow: its rights, and a line in the trail."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleEvent, Correction
from tests.articles.conftest import change_form, change_url, jalali_date
from tests.factories import ArticleFactory, service

S = Article.Status
NOTE = "رقم صادرات در نسخه نخست اشتباه بود."


def with_correction(article, note: str = NOTE, **extra) -> dict:
    """The change form with one new correction note typed into the inline."""
    return change_form(
        article,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-note_fa": note,
            "corrections-0-note_en": "",
            "corrections-0-created_at_0": "1405/09/04",
            "corrections-0-created_at_1": "10:00",
            **extra,
        },
    )


def correction_inline(response):
    (inline,) = [
        f
        for f in response.context["inline_admin_formsets"]
        if f.opts.model is Correction
    ]
    return inline


@pytest.fixture
def published(db):
    return ArticleFactory(status=S.PUBLISHED, service=service("political"))


def test_correction_added_in_the_admin_is_shown_in_the_desk_trail(
    client, newsroom, published
):
    chief = newsroom["chief"]
    client.force_login(chief)
    assert (
        client.post(change_url(published), with_correction(published)).status_code
        == 302
    )

    correction = Correction.objects.get(article=published)
    assert correction.note_fa == NOTE
    assert timezone.localtime(correction.created_at).hour == 10
    event = ArticleEvent.objects.get(article=published, action="correct")
    assert (event.actor, event.kind, event.note) == (chief, "note", NOTE)
    html = client.get(change_url(published)).content.decode()
    trail = html[html.index('class="module aligned desk-trail"') :]
    assert NOTE in trail
    assert "اصلاحیه" in trail  # the trail names it a correction, not a note


def test_amending_a_correction_in_the_admin_is_recorded_too(
    client, newsroom, published
):
    earlier = services.article_correct(
        article=published, user=newsroom["chief"], note="نسخه نخست اصلاحیه"
    )
    client.force_login(newsroom["chief"])
    when = timezone.localtime(earlier.created_at)
    data = change_form(
        published,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-INITIAL_FORMS": "1",
            "corrections-0-id": str(earlier.pk),
            "corrections-0-article": str(published.pk),
            "corrections-0-note_fa": "اصلاحیه ویرایش‌شده",
            "corrections-0-note_en": "",
            "corrections-0-created_at_0": jalali_date(when),
            "corrections-0-created_at_1": when.strftime("%H:%M"),
        },
    )
    assert client.post(change_url(published), data).status_code == 302
    earlier.refresh_from_db()
    assert earlier.note_fa == "اصلاحیه ویرایش‌شده"
    event = ArticleEvent.objects.get(article=published, action="amend_correction")
    assert "اصلاحیه ویرایش‌شده" in event.note


def test_the_correction_service_dates_translates_and_records_the_note(
    newsroom, published
):
    at = timezone.now() - datetime.timedelta(hours=2)
    correction = services.article_correct(
        article=published,
        user=newsroom["chief"],
        note=f"  {NOTE}  ",
        translations={"en": "The export figure was wrong."},
        at=at,
    )
    assert (correction.note_fa, correction.note_en) == (
        NOTE,
        "The export figure was wrong.",
    )
    assert correction.created_at == at
    assert published.events.get(action="correct").note == NOTE


@pytest.mark.parametrize("role", ["reporter", "editor", "administrator"])
def test_only_a_corrector_may_correct(newsroom, published, role):
    with pytest.raises(services.WorkflowError):
        services.article_correct(article=published, user=newsroom[role], note=NOTE)
    assert not Correction.objects.exists()
    assert not ArticleEvent.objects.exists()


@pytest.mark.parametrize("status", [s for s in S.values if s != S.PUBLISHED])
def test_only_a_published_article_gets_a_correction(newsroom, status):
    article = ArticleFactory(status=status, service=service("political"))
    with pytest.raises(services.WorkflowError):
        services.article_correct(article=article, user=newsroom["chief"], note=NOTE)
    assert not Correction.objects.exists()


def test_an_empty_note_or_another_articles_note_is_refused(newsroom, published):
    chief = newsroom["chief"]
    with pytest.raises(services.WorkflowError):
        services.article_correct(article=published, user=chief, note="  ")
    other = ArticleFactory(status=S.PUBLISHED)
    theirs = services.article_correct(article=other, user=chief, note=NOTE)
    with pytest.raises(services.WorkflowError):
        services.article_correct(
            article=published, user=chief, note="دیگر", correction=theirs
        )
    theirs.refresh_from_db()
    assert theirs.note_fa == NOTE


def test_who_may_not_correct_is_offered_no_correction_to_add(client, newsroom):
    in_review = ArticleFactory(status=S.REVIEW, service=service("political"))
    client.force_login(newsroom["chief"])  # may correct, but not an unpublished one
    inline = correction_inline(client.get(change_url(in_review)))
    assert not inline.has_add_permission and not inline.has_change_permission

    live = ArticleFactory(status=S.PUBLISHED, service=service("political"))
    client.force_login(newsroom["editor"])  # the editor of its desk may not correct
    inline = correction_inline(client.get(change_url(live)))
    assert not inline.has_add_permission and not inline.has_change_permission

    client.force_login(newsroom["chief"])
    inline = correction_inline(client.get(change_url(live)))
    assert inline.has_add_permission and inline.has_change_permission


def test_a_forged_correction_is_not_saved(client, newsroom, published):
    in_review = ArticleFactory(
        status=S.REVIEW, service=service("political"), author=newsroom["reporter"]
    )
    client.force_login(newsroom["editor"])
    # Editing an article in review is the editor's right; correcting it is nobody's.
    response = client.post(change_url(in_review), with_correction(in_review))
    assert response.status_code in (200, 302)
    # A published article is the chief's to correct, not the editor's.
    response = client.post(change_url(published), with_correction(published))
    assert response.status_code == 403
    client.force_login(newsroom["reporter"])
    draft = ArticleFactory(
        status=S.DRAFT, service=service("political"), author=newsroom["reporter"]
    )
    client.post(change_url(draft), with_correction(draft))
    assert not Correction.objects.exists()
    assert not ArticleEvent.objects.filter(action="correct").exists()


def test_public_page_shows_a_correction_made_through_the_service(
    client, newsroom, published
):
    services.article_correct(article=published, user=newsroom["chief"], note=NOTE)
    url = reverse("articles:detail", args=[published.news_code, published.slug])
    assert NOTE in client.get(url).content.decode()
