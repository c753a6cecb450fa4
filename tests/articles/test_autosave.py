"""Autosave of the article form: each user's unsaved text, offered back, never lost.

The browser's side (typing, closing the page, restoring) is in
tests/browser/test_autosave.py.
"""

import datetime
import json
import re

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from articles import autosave
from articles.drafts import EditorDraft
from articles.models import Article
from tests.articles.conftest import change_form, change_url
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
S = Article.Status
TOKEN = "0123456789abcdef0123456789abcdef"
BANNER = "متن ذخیره‌نشده‌ای از"


def autosave_url(article=None) -> str:
    if article is None:
        return reverse("admin:articles_article_autosave_new")
    return reverse("admin:articles_article_autosave", args=[article.pk])


def send(client, article=None, **payload):
    payload.setdefault("based_on", article.lock_version if article else None)
    return client.post(
        autosave_url(article),
        json.dumps(payload),
        content_type="application/json",
    )


def discard(client, article=None, **payload):
    return client.post(
        f"{autosave_url(article)}discard/",
        json.dumps(payload),
        content_type="application/json",
    )


@pytest.fixture
def story(newsroom):
    """A reporter's draft on the political desk."""
    return ArticleFactory(
        author=newsroom["reporter"],
        status=S.DRAFT,
        published_at=None,
        title_fa="استاندار از بازار تبریز بازدید کرد",
        body_fa="<p>به گزارش خبرنگار ما، بازدید دو ساعت طول کشید.</p>",
    )


SLOT = re.compile(
    r'<div class="autosave-slot">(.*?)</div>\s*<p class="autosave-status"', re.S
)


def offered(client, article=None, **headers) -> str:
    """The unsaved text the article's change form (or the add page) offers, or ''."""
    url = change_url(article) if article else reverse("admin:articles_article_add")
    response = client.get(url, **headers)
    assert response.status_code == 200
    return SLOT.search(response.content.decode()).group(1).strip()


# --- Saving a draft -------------------------------------------------------------


def test_reporter_autosaves_own_draft_and_the_article_stays_as_it_was(
    client, newsroom, story
):
    before = Article.objects.values().get(pk=story.pk)
    client.force_login(newsroom["reporter"])

    response = send(client, story, fields={"title_fa": "تیتر تازه", "lead_fa": "لید"})

    assert response.status_code == 200
    answer = response.json()
    assert answer["saved"] and answer["kept"]
    assert "۱" in answer["status"] or "۰" in answer["status"]  # a Persian time
    draft = EditorDraft.objects.get(user=newsroom["reporter"], article=story)
    assert draft.fields == {"title_fa": "تیتر تازه", "lead_fa": "لید"}
    assert draft.based_on == story.lock_version
    assert Article.objects.values().get(pk=story.pk) == before


def test_one_draft_per_user_and_article_holds_the_latest_text(client, newsroom, story):
    client.force_login(newsroom["reporter"])
    send(client, story, fields={"title_fa": "نخست"})
    send(client, story, fields={"title_fa": "دوم"})

    drafts = EditorDraft.objects.filter(article=story)
    assert [d.fields["title_fa"] for d in drafts] == ["دوم"]


def test_an_editor_of_the_desk_keeps_a_draft_of_their_own(client, newsroom, story):
    client.force_login(newsroom["reporter"])
    send(client, story, fields={"title_fa": "متن خبرنگار"})
    client.force_login(newsroom["editor"])
    send(client, story, fields={"title_fa": "متن دبیر"})

    texts = {d.user.username: d.fields["title_fa"] for d in EditorDraft.objects.all()}
    assert texts == {"reporter": "متن خبرنگار", "editor": "متن دبیر"}


def test_text_equal_to_the_article_keeps_no_draft(client, newsroom, story):
    client.force_login(newsroom["reporter"])
    send(client, story, fields={"title_fa": "تیتر تازه"})
    # Typed back to what is saved (Arabic yeh and extra spaces fold away).
    same = story.title_fa.replace("ی", "ي") + "  "

    answer = send(client, story, fields={"title_fa": same}).json()

    assert answer["saved"] and not answer["kept"]
    assert not EditorDraft.objects.exists()


def test_autosave_refuses_a_user_who_may_not_edit_the_article(client, newsroom, story):
    story.status = S.REVIEW  # submitted: the reporter no longer edits it
    story.save()
    client.force_login(newsroom["reporter"])

    response = send(client, story, fields={"title_fa": "تیتر تازه"})

    assert response.status_code == 403
    assert "اجازه" in response.json()["error"]
    assert not EditorDraft.objects.exists()


def test_autosave_refuses_another_reporter(client, newsroom, story):
    client.force_login(newsroom["other_reporter"])

    response = send(client, story, fields={"title_fa": "تیتر تازه"})

    assert response.status_code in (403, 404)
    assert not EditorDraft.objects.exists()


def test_autosave_sends_an_anonymous_visitor_to_the_login(client, story):
    response = send(client, story, fields={"title_fa": "تیتر تازه"})

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert not EditorDraft.objects.exists()


def test_autosave_is_a_post_and_checks_csrf(newsroom, story):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(newsroom["reporter"])

    assert client.get(autosave_url(story)).status_code == 405
    assert send(client, story, fields={"title_fa": "بی‌توکن"}).status_code == 403
    assert not EditorDraft.objects.exists()


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", b'{"fields": "title"}', b'{"fields": {"title_fa": 5}}'],
    ids=["text", "list", "fields-not-object", "value-not-text"],
)
def test_unreadable_autosave_gets_a_clear_answer(client, newsroom, story, body):
    client.force_login(newsroom["reporter"])

    response = client.post(autosave_url(story), body, content_type="application/json")

    assert response.status_code == 400
    assert "خوانده نشد" in response.json()["error"]
    assert not EditorDraft.objects.exists()


def test_a_field_over_its_limit_is_refused_and_the_user_told(client, newsroom, story):
    client.force_login(newsroom["reporter"])

    response = send(client, story, fields={"title_fa": "ت" * 251})

    assert response.status_code == 413
    error = response.json()["error"]
    assert "تیتر" in error and "۲۵۰" in error and "مرورگر" in error
    assert not EditorDraft.objects.exists()


def test_a_request_over_the_upload_limit_is_refused_not_a_server_error(
    client, newsroom, story, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
    client.force_login(newsroom["reporter"])

    response = send(client, story, fields={"body_fa": "<p>" + "و" * 2_500_000})

    assert response.status_code == 413
    assert "۲ مگابایت" in response.json()["error"]
    assert not EditorDraft.objects.exists()


def test_a_nul_in_the_text_is_dropped_not_a_database_error(client, newsroom, story):
    client.force_login(newsroom["reporter"])

    assert send(client, story, fields={"title_fa": "تیتر\x00تازه"}).status_code == 200
    assert EditorDraft.objects.get().fields["title_fa"] == "تیترتازه"


# --- Offering it back -------------------------------------------------------------


def test_change_form_offers_newer_unsaved_text_with_a_diff(client, newsroom, story):
    client.force_login(newsroom["reporter"])
    send(
        client,
        story,
        fields={"title_fa": "استاندار از بازار بزرگ تبریز بازدید کرد"},
    )

    html = offered(client, story)

    assert BANNER in html
    assert "<ins>بزرگ </ins>" in html
    assert "بازگرداندن" in html and "دور انداختن" in html
    # The date in Jalali, with Persian digits.
    banner = re.search(r"متن ذخیره‌نشده‌ای از ([^<]+) هست", html).group(1)
    assert re.search(r"[۰-۹]{4}", banner) and not re.search(r"[0-9]", banner)


def test_change_form_offers_nothing_older_than_the_article(client, newsroom, story):
    EditorDraft.objects.create(
        user=newsroom["reporter"],
        article=story,
        fields={"title_fa": "متنی قدیمی‌تر از آخرین ذخیره"},
        saved_at=story.updated_at - datetime.timedelta(minutes=5),
    )
    client.force_login(newsroom["reporter"])

    assert offered(client, story) == ""


def test_change_form_offers_nothing_equal_to_the_article(client, newsroom, story):
    EditorDraft.objects.create(
        user=newsroom["reporter"],
        article=story,
        fields={"title_fa": story.title_fa, "body_fa": story.body_fa + "\n"},
        saved_at=timezone.now() + datetime.timedelta(minutes=1),
    )
    client.force_login(newsroom["reporter"])

    assert offered(client, story) == ""


def test_change_form_offers_only_the_users_own_text(client, newsroom, story):
    client.force_login(newsroom["editor"])
    send(client, story, fields={"title_fa": "متن دبیر"})
    client.force_login(newsroom["reporter"])

    assert offered(client, story) == ""


def test_diff_escapes_html_typed_into_the_text(client, newsroom, story):
    client.force_login(newsroom["reporter"])
    send(
        client,
        story,
        fields={
            "title_fa": '<script>alert("x")</script>',
            "body_fa": "<p>&lt;img/src/onerror=alert(1)&gt;</p>",
        },
    )

    html = offered(client, story)

    assert "&lt;script&gt;alert(" in html
    assert "&lt;img/src/onerror=alert(1)&gt;" in html
    assert "<script>alert" not in html and "<img/src" not in html


def test_offer_notes_that_the_article_was_saved_since(client, newsroom, story):
    Article.objects.filter(pk=story.pk).update(lock_version=3)
    client.force_login(newsroom["reporter"])
    send(client, story, based_on=2, fields={"title_fa": "تازه"})

    assert "مطلب پس از نوشته‌شدن این متن ذخیره شده است" in offered(client, story)


def test_the_offer_in_english_is_all_english(client, newsroom, story):
    client.force_login(newsroom["reporter"])
    send(client, story, fields={"title_fa": "تیتر تازه"})

    with translation.override("en"):
        found = autosave.offer(newsroom["reporter"], story)
        html = render_to_string(autosave.OFFER_TEMPLATE, {"offer": found})

    assert "There is unsaved text from" in html and ">Restore<" in html
    assert re.search(r"unsaved text from [0-9]{1,2} [A-Z][a-z]+ 14[0-9]{2}", html)
    assert BANNER not in html and "بازگرداندن" not in html


def test_autosave_answer_brings_the_offer_when_asked(client, newsroom, story):
    client.force_login(newsroom["reporter"])

    answer = send(client, story, offer=True, fields={"title_fa": "تیتر تازه"}).json()

    assert BANNER in answer["offer"] and "<ins>" in answer["offer"]


# --- Discarding it, saving the article ------------------------------------------------


def test_discard_removes_the_users_draft_only(client, newsroom, story):
    client.force_login(newsroom["editor"])
    send(client, story, fields={"title_fa": "متن دبیر"})
    client.force_login(newsroom["reporter"])
    send(client, story, fields={"title_fa": "متن خبرنگار"})

    response = discard(client, story)

    assert response.status_code == 200
    assert list(EditorDraft.objects.values_list("user__username", flat=True)) == [
        "editor"
    ]
    assert offered(client, story) == ""


def test_saving_the_article_removes_the_users_draft(client, newsroom, story):
    client.force_login(newsroom["editor"])
    send(client, story, fields={"title_fa": "متن دبیر"})
    client.force_login(newsroom["reporter"])
    send(client, story, fields={"title_fa": "تیتر تازهٔ خبرنگار"})

    response = client.post(
        change_url(story), change_form(story, title_fa="تیتر تازهٔ خبرنگار")
    )

    assert response.status_code == 302
    assert list(EditorDraft.objects.values_list("user__username", flat=True)) == [
        "editor"
    ]
    story.refresh_from_db()
    assert story.title_fa == "تیتر تازهٔ خبرنگار"


def test_text_a_save_already_kept_is_not_offered_after_others_change_it(
    client, newsroom, story
):
    """The browser's copy of a page whose save went through is not unsaved text."""
    client.force_login(newsroom["reporter"])
    client.post(change_url(story), change_form(story, title_fa="تیتر خبرنگار"))
    story.refresh_from_db()
    client.force_login(newsroom["editor"])
    client.post(change_url(story), change_form(story, title_fa="تیتر دبیر"))
    client.force_login(newsroom["reporter"])

    answer = send(
        client, story, offer=True, based_on=0, fields={"title_fa": "تیتر خبرنگار"}
    ).json()

    assert answer["offer"] == "" and not answer["kept"]
    assert not EditorDraft.objects.exists()


def test_a_browsers_copy_of_saved_text_leaves_the_users_draft_from_elsewhere(
    client, newsroom, story
):
    client.force_login(newsroom["reporter"])
    send(client, story, fields={"title_fa": "متن از رایانهٔ دیگر"})

    # This browser's copy (left by a save) holds the article's own text.
    answer = send(client, story, offer=True, fields={"title_fa": story.title_fa})

    assert not answer.json()["kept"]
    assert "رایانهٔ دیگر" in answer.json()["offer"]
    assert EditorDraft.objects.get().fields == {"title_fa": "متن از رایانهٔ دیگر"}


def test_a_failed_save_keeps_the_draft(client, newsroom, story):
    client.force_login(newsroom["reporter"])
    send(client, story, fields={"title_fa": "تیتر تازه"})

    response = client.post(change_url(story), change_form(story, title_fa=""))

    assert response.status_code == 200  # the form again, with its error
    assert EditorDraft.objects.filter(user=newsroom["reporter"]).exists()


# --- A new article ----------------------------------------------------------------


def test_add_page_offers_the_users_unsaved_new_article(client, newsroom):
    client.force_login(newsroom["reporter"])
    send(client, token=TOKEN, fields={"title_fa": "خبری که هنوز ذخیره نشده"})

    html = offered(client)

    assert BANNER in html and "خبری که هنوز ذخیره نشده" in html
    assert f'data-token="{TOKEN}"' in html


def test_new_article_autosave_needs_its_pages_key(client, newsroom):
    client.force_login(newsroom["reporter"])

    response = send(client, fields={"title_fa": "بی‌کلید"})

    assert response.status_code == 400
    assert not EditorDraft.objects.exists()


def test_saving_a_new_article_removes_its_pages_draft_for_good(client, newsroom):
    client.force_login(newsroom["reporter"])
    send(client, token=TOKEN, fields={"title_fa": "خبر تازه"})
    blank = ArticleFactory.build(title_fa="خبر تازه", service=None)
    data = change_form(blank, service=str(ArticleFactory().service_id))
    data.update(_autosave_token=TOKEN, form_version="", author="")

    response = client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 302
    assert Article.objects.filter(title_fa="خبر تازه").exists()
    assert offered(client) == ""
    # The page's copy, left in the browser and sent later, is known as saved.
    late = send(client, token=TOKEN, offer=True, fields={"title_fa": "خبر تازه"})
    assert late.json()["offer"] == "" and not late.json()["kept"]
    assert offered(client) == ""


def test_discard_on_the_add_page_removes_that_draft(client, newsroom):
    client.force_login(newsroom["reporter"])
    send(client, token=TOKEN, fields={"title_fa": "خبر تازه"})

    discard(client, token=TOKEN)

    assert not EditorDraft.objects.exists()


# --- Old drafts -------------------------------------------------------------------


def test_purge_removes_drafts_older_than_the_days_given(newsroom, story, capsys):
    old = timezone.now() - datetime.timedelta(days=20)
    for user, saved_at in (("reporter", old), ("editor", timezone.now())):
        EditorDraft.objects.create(
            user=newsroom[user], article=story, fields={}, saved_at=saved_at
        )

    call_command("purge_editor_drafts", days=14)

    assert [d.user.username for d in EditorDraft.objects.all()] == ["editor"]
    assert "1 draft(s) removed" in capsys.readouterr().out


def test_the_form_sends_unsaved_text_at_the_interval_set(client, newsroom, settings):
    settings.AUTOSAVE_SECONDS = 45
    client.force_login(newsroom["reporter"])

    html = client.get(reverse("admin:articles_article_add")).content.decode()

    assert 'data-every="45"' in html
