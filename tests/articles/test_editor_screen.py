"""The article editor's screen: the top bar's buttons from the first save, the
checklist, the language tabs, the read-only body, previews and «مشاهده در وب‌گاه»."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from persian.text import persian_digits
from photos.models import Photo
from tests.articles.conftest import change_form, change_url
from tests.factories import ArticleFactory, library_photo, service
from tests.test_security_headers import directives

S = Article.Status
ADD = "/admin/articles/article/add/"


def add_form(**overrides) -> dict:
    """The POST a browser sends from the add page, with a title, lead and body."""
    article = Article(
        title_fa="استاندار از بازار تبریز بازدید کرد",
        lead_fa="استاندار امروز از بازار تبریز بازدید کرد.",
        body_fa="<p>به گزارش خبرنگار ما، بازدید دو ساعت طول کشید.</p>",
        service=service("provinces"),
        dateline="تبریز",
        slug="",
    )
    data = change_form(article, **overrides)
    del data["form_version"], data["author"]
    return data


def bar_buttons(html: str) -> list[str]:
    """The values of the top bar's workflow buttons, in order."""
    bar = re.search(r'<div class="editor-bar".*?\n</div>', html, re.S)[0]
    return re.findall(r'name="_transition" value="([a-z_]+)"', bar)


# --- The top bar, before and after the first save -----------------------------------


def test_the_add_page_offers_what_a_draft_of_each_user_would_allow(client, newsroom):
    client.force_login(newsroom["reporter"])
    assert bar_buttons(client.get(ADD).content.decode()) == ["submit"]
    client.force_login(newsroom["chief"])
    html = client.get(ADD).content.decode()
    assert bar_buttons(html) == ["submit", "schedule", "publish"]
    assert "انتشار فوری" in html


def test_a_reporter_saves_and_submits_a_new_article_in_one_step(client, newsroom):
    client.force_login(newsroom["reporter"])
    response = client.post(ADD, add_form(_transition="submit"))
    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == change_url(article)
    assert article.status == S.REVIEW
    assert article.author == newsroom["reporter"]
    assert list(article.events.values_list("action", flat=True)) == ["submit"]


def test_a_chief_saves_and_publishes_a_new_article_in_one_step(client, newsroom):
    client.force_login(newsroom["chief"])
    # No photo, nothing linked: the checklist warns but does not hold it back.
    response = client.post(ADD, add_form(_transition="publish"))
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.status == S.PUBLISHED and article.is_published
    # The trail tells both steps, as if made one by one.
    actions = article.events.order_by("pk").values_list("action", flat=True)
    assert list(actions) == ["submit", "publish"]


def test_a_forged_button_on_the_add_page_is_refused_and_nothing_is_made(
    client, newsroom
):
    client.force_login(newsroom["reporter"])
    response = client.post(ADD, add_form(_transition="publish"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "«انتشار فوری»" in html  # the refusal names the button
    assert 'class="errornote"' in html
    assert "استاندار از بازار تبریز بازدید کرد" in html  # the text stays
    assert not Article.objects.exists()


def test_an_editor_may_not_publish_a_new_article_of_another_desk(client, newsroom):
    client.force_login(newsroom["editor"])  # the political desk only
    response = client.post(ADD, add_form(_transition="publish"))
    assert response.status_code == 200
    assert not Article.objects.exists()
    political = add_form(_transition="publish", service=str(service("political").pk))
    assert client.post(ADD, political).status_code == 302
    assert Article.objects.get().status == S.PUBLISHED


def test_a_chiefs_draft_is_published_with_one_click(client, newsroom):
    chief = newsroom["chief"]
    draft = ArticleFactory(status=S.DRAFT, author=chief, published_at=None)
    client.force_login(chief)
    assert "publish" in bar_buttons(client.get(change_url(draft)).content.decode())
    client.post(change_url(draft), change_form(draft, _transition="publish"))
    draft.refresh_from_db()
    assert draft.status == S.PUBLISHED


# --- The checklist -------------------------------------------------------------------


def test_the_checklist_warns_of_what_the_article_lacks(client, newsroom):
    from tests.factories import OfficialFactory, PositionFactory

    governor = OfficialFactory(name_fa="محمدرضا پورمحمدی", slug="pourmohammadi")
    PositionFactory(official=governor, title_fa="استاندار آذربایجان شرقی")
    article = ArticleFactory(
        status=S.REVIEW,
        published_at=None,
        title_fa="استاندار آذربایجان شرقی " + "از بازار بزرگ تبریز بازدید کرد " * 3,
        lead_fa="لید " * 100,
    )
    client.force_login(newsroom["chief"])
    html = client.get(change_url(article)).content.decode()
    checklist = re.search(r'id="editor-checklist".*?</section>', html, re.S)[0]
    assert "خبر عکس ندارد." in checklist
    article.refresh_from_db()
    title, lead = len(article.title_fa.strip()), len(article.lead_fa.strip())
    assert title > 70 and lead > 300
    assert f"تیتر {persian_digits(title)} نویسه است" in checklist
    assert f"لید {persian_digits(lead)} نویسه است" in checklist
    assert "محمدرضا پورمحمدی" in checklist
    assert 'name="_accept_suggestions"' in checklist


def test_the_checklist_asks_for_a_caption_and_is_quiet_when_all_is_well(
    client, newsroom
):
    photo = library_photo(caption_fa="")
    article = ArticleFactory(status=S.REVIEW, published_at=None, photo=photo)
    client.force_login(newsroom["chief"])
    html = client.get(change_url(article)).content.decode()
    assert "عکس خبر زیرنویس ندارد." in html
    Photo.objects.filter(pk=photo.pk).update(caption_fa="بازار تبریز")
    html = client.get(change_url(article)).content.decode()
    assert "عکس خبر زیرنویس ندارد." not in html
    assert "نکته‌ای برای بررسی نیست." in html


# --- Tabs, read-only body ------------------------------------------------------------


def test_both_languages_are_in_the_form_and_the_english_tab_tells_if_translated(
    client, newsroom
):
    article = ArticleFactory(status=S.REVIEW, published_at=None)
    client.force_login(newsroom["chief"])
    html = client.get(change_url(article)).content.decode()
    for name in ("title_fa", "lead_fa", "body_fa", "title_en", "lead_en", "body_en"):
        assert f'name="{name}"' in html
    # Without JavaScript both languages show; the script makes the tabs.
    assert re.search(r'<div class="editor-tabs"[^>]*hidden>', html)
    assert "editor-tab-hidden" not in html
    assert re.search(r'id="editor-tab-en"[^>]*>انگلیسی .*?ترجمه نشده', html)
    Article.objects.filter(pk=article.pk).update(
        title_en="Title", lead_en="Lead", body_en="<p>Body</p>"
    )
    html = client.get(change_url(article)).content.decode()
    assert re.search(r'id="editor-tab-en"[^>]*>انگلیسی .*?✓', html)


def test_an_error_in_the_english_text_is_shown_in_the_english_fieldset(
    client, newsroom
):
    article = ArticleFactory(status=S.REVIEW, published_at=None)
    client.force_login(newsroom["chief"])
    response = client.post(
        change_url(article), change_form(article, title_en="T" * 300)
    )
    assert response.status_code == 200
    html = response.content.decode()
    english = re.search(
        r'<fieldset class="[^"]*editor-lang-en.*?</fieldset>', html, re.S
    )
    assert "errorlist" in english[0]


def test_a_body_the_user_may_not_edit_is_shown_formatted(client, newsroom):
    article = ArticleFactory(
        status=S.REVIEW,
        published_at=None,
        author=newsroom["reporter"],
        body_fa="<p>بند نخست.</p><p>بند <strong>دوم</strong>.</p>",
    )
    client.force_login(newsroom["reporter"])  # sent for review: no longer theirs
    html = client.get(change_url(article)).content.decode()
    assert (
        '<div class="rich-readonly" dir="rtl"><p>بند نخست.</p>'
        "<p>بند <strong>دوم</strong>.</p></div>" in html
    )
    assert "&lt;p&gt;" not in html
    assert "Editorial note" not in html  # a form field only, not shown read-only


# --- Previews ------------------------------------------------------------------------


def test_the_preview_page_shows_the_article_at_two_widths(client, newsroom):
    article = ArticleFactory(status=S.DRAFT, published_at=None)
    client.force_login(newsroom["chief"])
    url = reverse("admin:articles_article_preview_screens", args=[article.pk])
    html = client.get(url).content.decode()
    preview = reverse("admin:articles_article_preview", args=[article.pk])
    assert html.count(f'<iframe src="{preview}"') == 2
    assert "viewsitelink" not in html  # not published: nothing to see on the site


def test_only_the_preview_may_be_framed_and_only_by_the_site_itself(client, newsroom):
    article = ArticleFactory(status=S.DRAFT, published_at=None)
    client.force_login(newsroom["chief"])
    preview = client.get(reverse("admin:articles_article_preview", args=[article.pk]))
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(preview)["frame-ancestors"] == ["'self'"]
    change = client.get(change_url(article))
    assert change["X-Frame-Options"] == "DENY"
    assert directives(change)["frame-ancestors"] == ["'none'"]


@pytest.mark.parametrize("role", ["reporter", "other_reporter"])
def test_the_preview_page_follows_the_preview_rights(client, newsroom, role):
    article = ArticleFactory(status=S.DRAFT, author=newsroom["reporter"])
    client.force_login(newsroom[role])
    url = reverse("admin:articles_article_preview_screens", args=[article.pk])
    assert client.get(url).status_code == (200 if role == "reporter" else 404)
