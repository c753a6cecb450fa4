"""The desk's day: sending back, locking, scheduling, revisions, preview, the desk."""

import datetime
import threading
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article, ArticleEvent
from tests.articles.conftest import change_form, change_url
from tests.factories import ArticleFactory, service

S = Article.Status


@pytest.fixture
def in_review(newsroom):
    return ArticleFactory(
        service=service("political"),
        author=newsroom["reporter"],
        status=S.REVIEW,
        published_at=None,
        title_fa="تیتر پیش از ویرایش",
    )


# --- Sending back ------------------------------------------------------------


def test_sending_back_without_a_note_is_refused_and_keeps_the_text(
    client, newsroom, in_review
):
    client.force_login(newsroom["editor"])
    data = change_form(in_review, _transition="send_back", title_fa="تیتر ویرایش‌شده")
    response = client.post(change_url(in_review), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "یادداشتی برای خبرنگار" in html  # Persian: write a note for the reporter
    assert "تیتر ویرایش‌شده" in html
    in_review.refresh_from_db()
    assert in_review.status == S.REVIEW
    assert in_review.title_fa == "تیتر پیش از ویرایش"


def test_sending_back_with_a_note_reaches_the_reporters_desk(
    client, newsroom, in_review
):
    client.force_login(newsroom["editor"])
    note = "عدد صادرات را با منبع بیاورید."
    response = client.post(
        change_url(in_review),
        change_form(in_review, _transition="send_back", editorial_note=note),
    )
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == S.RETURNED
    assert in_review.events.get(action="send_back").note == note

    client.force_login(newsroom["reporter"])
    desk = client.get(reverse("admin:index")).content.decode()
    assert "برگشت‌خورده به من" in desk
    assert in_review.title_fa in desk
    page = client.get(change_url(in_review)).content.decode()
    assert note in page  # the note shows in the article's desk trail


def test_editorial_note_is_kept_in_the_trail_and_not_shown_to_readers(client, newsroom):
    article = ArticleFactory(service=service("political"), status=S.PUBLISHED)
    chief = newsroom["chief"]
    client.force_login(chief)
    client.post(
        change_url(article), change_form(article, editorial_note="یادداشت داخلی سری")
    )
    assert ArticleEvent.objects.get(article=article, kind="note").actor == chief
    client.logout()
    public = client.get(article.get_absolute_url())
    assert public.status_code == 200
    assert "یادداشت داخلی سری" not in public.content.decode()


# --- No lost edits -------------------------------------------------------------


def test_second_of_two_concurrent_saves_is_refused_with_its_text_kept(
    client, newsroom, in_review
):
    chief = newsroom["chief"]
    editor = newsroom["editor"]
    form_of_chief = change_form(in_review, title_fa="تیتر سردبیر")
    form_of_editor = change_form(in_review, title_fa="تیتر دبیر که نباید گم شود")

    client.force_login(chief)
    assert client.post(change_url(in_review), form_of_chief).status_code == 302

    client.force_login(editor)
    response = client.post(change_url(in_review), form_of_editor)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chief" in html  # names who changed it
    assert "تیتر دبیر که نباید گم شود" in html  # the editor's text is still there
    in_review.refresh_from_db()
    assert in_review.title_fa == "تیتر سردبیر"

    # Saving again after reading the message is a deliberate overwrite.
    retry = dict(form_of_editor, form_version=str(in_review.lock_version))
    assert client.post(change_url(in_review), retry).status_code == 302
    in_review.refresh_from_db()
    assert in_review.title_fa == "تیتر دبیر که نباید گم شود"


def test_change_form_shows_who_else_has_it_open(client, newsroom, in_review):
    client.force_login(newsroom["chief"])
    client.get(change_url(in_review))
    client.force_login(newsroom["editor"])
    html = client.get(change_url(in_review)).content.decode()
    assert "همزمان باز در دست" in html
    assert "Chief" in html
    presence = reverse("admin:articles_article_presence", args=[in_review.pk])
    assert client.post(presence).json() == {"others": ["Chief"]}


def test_others_who_left_long_ago_are_not_shown(client, newsroom, in_review):
    client.force_login(newsroom["chief"])
    client.get(change_url(in_review))
    later = timezone.now() + datetime.timedelta(minutes=10)
    client.force_login(newsroom["editor"])
    with mock.patch("articles.presence.timezone.now", return_value=later):
        presence = reverse("admin:articles_article_presence", args=[in_review.pk])
        assert client.post(presence).json() == {"others": []}


# --- Scheduling ----------------------------------------------------------------


def test_scheduled_article_appears_at_its_time_without_any_job(client, newsroom):
    at = timezone.now() + datetime.timedelta(hours=2)
    article = ArticleFactory(status=S.APPROVED, service=service("political"))
    services.article_transition(
        article=article, user=newsroom["editor"], name="schedule", at=at
    )
    url = reverse("articles:detail", args=[article.news_code, article.slug])

    assert client.get(url).status_code == 404
    assert article not in Article.objects.published()
    after = at + datetime.timedelta(minutes=1)
    with mock.patch("articles.models.timezone.now", return_value=after):
        assert client.get(url).status_code == 200
        assert article in Article.objects.published()
    article.refresh_from_db()
    assert article.status == S.SCHEDULED  # nothing ran; visibility is computed


def test_scheduling_in_the_past_is_refused(newsroom):
    article = ArticleFactory(status=S.APPROVED, service=service("political"))
    with pytest.raises(services.WorkflowError):
        services.article_transition(
            article=article,
            user=newsroom["editor"],
            name="schedule",
            at=timezone.now() - datetime.timedelta(minutes=1),
        )


def test_publish_scheduled_is_idempotent(newsroom):
    due = ArticleFactory(
        status=S.SCHEDULED, published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    later = ArticleFactory(
        status=S.SCHEDULED, published_at=timezone.now() + datetime.timedelta(hours=1)
    )
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == S.PUBLISHED
    assert later.status == S.SCHEDULED
    assert ArticleEvent.objects.filter(article=due, action="publish_due").count() == 1
    assert not ArticleEvent.objects.filter(article=later).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent connections: PostgreSQL"
)
def test_two_publish_scheduled_at_once_publish_each_article_once():
    articles = ArticleFactory.create_batch(
        20,
        status=S.SCHEDULED,
        published_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    start = threading.Barrier(2)
    counts = []

    def run():
        start.wait()
        try:
            counts.append(services.article_publish_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 20
    for article in articles:
        assert (
            ArticleEvent.objects.filter(article=article, action="publish_due").count()
            == 1
        )


# --- Revisions -------------------------------------------------------------------


def test_every_save_keeps_a_revision_and_an_old_one_can_be_restored(client, newsroom):
    chief = newsroom["chief"]
    article = ArticleFactory(status=S.DRAFT, service=service("political"), author=chief)
    client.force_login(chief)
    client.post(change_url(article), change_form(article, title_fa="نسخه نخست"))
    article.refresh_from_db()
    client.post(change_url(article), change_form(article, title_fa="نسخه دوم"))
    article.refresh_from_db()
    versions = list(Version.objects.get_for_object(article))
    assert len(versions) == 2
    first = versions[-1]

    history = reverse("admin:articles_article_history", args=[article.pk])
    diff = client.get(history, {"a": first.pk, "b": versions[0].pk}).content.decode()
    assert "<del>نخست</del>" in diff
    assert "<ins>دوم</ins>" in diff

    restore = reverse("admin:articles_article_restore", args=[article.pk, first.pk])
    assert client.post(restore).status_code == 302
    article.refresh_from_db()
    assert article.title_fa == "نسخه نخست"
    assert article.status == S.DRAFT
    assert len(Version.objects.get_for_object(article)) == 3


def test_restore_is_refused_to_someone_who_may_not_edit(client, newsroom):
    article = ArticleFactory(status=S.PUBLISHED, service=service("political"))
    client.force_login(newsroom["chief"])
    client.post(change_url(article), change_form(article, title_fa="تیتر تازه"))
    version = Version.objects.get_for_object(article).first()
    client.force_login(newsroom["editor"])  # editors do not correct published articles
    restore = reverse("admin:articles_article_restore", args=[article.pk, version.pk])
    assert client.post(restore).status_code == 403


# --- Writing -----------------------------------------------------------------------


def test_body_is_sanitised_and_text_normalised_on_save(client, newsroom):
    article = ArticleFactory(
        status=S.DRAFT, author=newsroom["reporter"], service=service("political")
    )
    client.force_login(newsroom["reporter"])
    body = (
        '<p onmouseover="x()">كتاب يک</p><script>alert(1)</script><img src=x onerror=y>'
    )
    response = client.post(
        change_url(article), change_form(article, body_fa=body, title_fa="تيتر عربي")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert "script" not in article.body_fa
    assert "onmouseover" not in article.body_fa and "onerror" not in article.body_fa
    assert "کتاب یک" in article.body_fa
    assert article.title_fa == "تیتر عربی"


def test_images_not_from_the_library_are_dropped_and_the_editor_told(client, newsroom):
    article = ArticleFactory(
        status=S.DRAFT, author=newsroom["reporter"], service=service("political")
    )
    client.force_login(newsroom["reporter"])
    body = (
        '<p>متن<img src="https://tracker.example/pixel.gif" alt=""></p>'
        '<p><img src="//cdn.example/photo.jpg" alt="عکس دیگران"></p>'
        '<p><img src="/media/articles/ours.jpg" alt="عکس ما"></p>'
    )
    response = client.post(
        change_url(article), change_form(article, body_fa=body), follow=True
    )
    article.refresh_from_db()
    assert article.body_fa == "<p>متن</p><p></p><p></p>"
    shown = [str(m) for m in response.context["messages"]]
    warning = next(m for m in shown if "از سایت دیگری" in m)
    assert "https://tracker.example/pixel.gif" in warning
    assert "//cdn.example/photo.jpg" in warning
    # Our own file, but not from the photo library: dropped too, and named.
    assert "/media/articles/ours.jpg" in warning


def test_body_field_uses_the_offline_rich_text_editor(client, newsroom):
    client.force_login(newsroom["reporter"])
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'data-rich-text="1"' in html
    assert "vendor/tinymce/tinymce.min.js" in html


# --- Preview -------------------------------------------------------------------------


@pytest.mark.parametrize("status", [S.DRAFT, S.REVIEW, S.APPROVED, S.WITHDRAWN])
def test_unpublished_article_is_404_publicly_but_previews_for_staff(
    client, newsroom, status
):
    article = ArticleFactory(
        status=status,
        published_at=None,
        author=newsroom["reporter"],
        title_fa="خبر منتشرنشده",
    )
    assert (
        client.get(
            reverse("articles:detail_short", args=[article.news_code])
        ).status_code
        == 404
    )
    assert client.get(f"/news/{article.news_code}/{article.slug}/").status_code == 404
    preview = reverse("admin:articles_article_preview", args=[article.pk])
    assert client.get(preview).status_code == 302  # to the login page
    client.force_login(newsroom["reporter"])
    response = client.get(preview)
    assert response.status_code == 200
    assert "خبر منتشرنشده" in response.content.decode()
    assert "noindex" in response.content.decode()
    assert "خوانندگان هنوز آن را نمی‌بینند" in response.content.decode()


def test_the_preview_of_a_published_article_says_readers_see_it(admin_client):
    article = ArticleFactory(status=S.PUBLISHED)
    preview = reverse("admin:articles_article_preview", args=[article.pk])
    html = admin_client.get(preview).content.decode()
    assert "این مطلب منتشر شده است و خوانندگان آن را همین‌گونه می‌بینند" in html
    assert "نمی‌بینند" not in html


def test_preview_of_someone_elses_article_is_refused_to_a_reporter(client, newsroom):
    article = ArticleFactory(status=S.DRAFT, author=newsroom["other_reporter"])
    client.force_login(newsroom["reporter"])
    preview = reverse("admin:articles_article_preview", args=[article.pk])
    assert client.get(preview).status_code == 404


# --- The desk on the admin's front page ---------------------------------------------


def test_desk_shows_each_user_what_needs_them(client, newsroom, in_review):
    other_desk = ArticleFactory(
        service=service("economic"), status=S.REVIEW, title_fa="خبر سرویس دیگر"
    )
    client.force_login(newsroom["editor"])
    html = client.get(reverse("admin:index")).content.decode()
    assert "در انتظار بررسی در سرویس‌های من" in html
    assert in_review.title_fa in html
    assert other_desk.title_fa not in html

    client.force_login(newsroom["chief"])
    html = client.get(reverse("admin:index")).content.decode()
    assert other_desk.title_fa in html


def test_changelist_filters_by_state_service_and_author_with_jalali_dates(
    client, newsroom, in_review
):
    ArticleFactory(
        service=service("economic"), status=S.PUBLISHED, title_fa="خبر اقتصادی"
    )
    client.force_login(newsroom["chief"])
    url = reverse("admin:articles_article_changelist")
    html = client.get(url, {"status__exact": "review"}).content.decode()
    assert in_review.title_fa in html and "خبر اقتصادی" not in html
    html = client.get(
        url, {"author__id__exact": newsroom["reporter"].pk}
    ).content.decode()
    assert in_review.title_fa in html
    html = client.get(
        url, {"service__id__exact": service("economic").pk}
    ).content.decode()
    assert in_review.title_fa not in html
    assert "۱۴۰" in html  # Jalali years in Persian digits


def test_admin_index_query_count_is_constant(
    client, newsroom, django_assert_max_num_queries
):
    client.force_login(newsroom["chief"])
    ArticleFactory.create_batch(3, status=S.REVIEW)
    with django_assert_max_num_queries(20) as first:
        client.get(reverse("admin:index"))
    ArticleFactory.create_batch(15, status=S.REVIEW)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("admin:index"))


def test_chief_corrects_a_published_article_with_a_dated_public_note(client, newsroom):
    article = ArticleFactory(status=S.PUBLISHED, service=service("economic"))
    client.force_login(newsroom["chief"])
    data = change_form(
        article,
        **{
            "title_fa": "تیتر اصلاح‌شده",
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-note_fa": "رقم صادرات در نسخه نخست اشتباه بود.",
            "corrections-0-note_en": "",
            "corrections-0-created_at_0": "1405/09/04",
            "corrections-0-created_at_1": "10:00",
        },
    )
    assert client.post(change_url(article), data).status_code == 302
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "تیتر اصلاح‌شده" in html
    assert "رقم صادرات در نسخه نخست اشتباه بود." in html
    assert "۴ آذر ۱۴۰۵" in html


def test_only_the_chief_may_choose_lead_stories(client, newsroom, in_review):
    client.force_login(newsroom["editor"])
    client.post(change_url(in_review), change_form(in_review, is_lead="on"))
    in_review.refresh_from_db()
    assert not in_review.is_lead
    client.force_login(newsroom["chief"])
    client.post(change_url(in_review), change_form(in_review, is_lead="on"))
    in_review.refresh_from_db()
    assert in_review.is_lead


def test_change_form_suggests_named_officials_and_countries_and_links_them(
    client, newsroom
):
    from tests.factories import OfficialFactory, PositionFactory, country

    governor = OfficialFactory(name_fa="محمدرضا پورمحمدی", slug="pourmohammadi")
    PositionFactory(
        official=governor,
        title_fa="استاندار آذربایجان شرقی",
        start_date=datetime.date(2018, 11, 28),
        end_date=datetime.date(2021, 10, 16),
    )
    article = ArticleFactory(
        status=S.DRAFT,
        author=newsroom["reporter"],
        service=service("provinces"),
        published_at=None,
        lead_fa="استاندار آذربایجان شرقی در دیدار با سفیر قزاقستان سخن گفت.",
    )
    article.created_at = timezone.make_aware(datetime.datetime(2020, 11, 23, 10, 0))
    article.save()
    client.force_login(newsroom["reporter"])
    html = client.get(change_url(article)).content.decode()
    assert 'id="suggestions"' in html
    assert "محمدرضا پورمحمدی" in html and "قزاقستان" in html

    article.refresh_from_db()
    response = client.post(
        change_url(article), change_form(article, _accept_suggestions="1")
    )
    assert response.status_code == 302
    assert list(article.officials.all()) == [governor]
    assert list(article.countries.all()) == [country("KZ")]
    html = client.get(change_url(article)).content.decode()
    assert 'id="suggestions"' not in html


def test_view_on_site_is_offered_only_for_a_published_article(client, newsroom):
    draft = ArticleFactory(status=S.DRAFT, published_at=None, author=newsroom["chief"])
    live = ArticleFactory(status=S.PUBLISHED)
    client.force_login(newsroom["chief"])
    draft_html = client.get(change_url(draft)).content.decode()
    live_html = client.get(change_url(live)).content.decode()
    screens = reverse("admin:articles_article_preview_screens", args=[draft.pk])
    assert f'href="{screens}"' in draft_html  # «پیش‌نمایش»
    assert "viewsitelink" not in draft_html  # no «مشاهده در وب‌گاه» yet
    assert "/admin/r/" not in draft_html  # no link to a page readers get as a 404
    assert "viewsitelink" in live_html
    assert f'href="{live.get_absolute_url()}"' in live_html
