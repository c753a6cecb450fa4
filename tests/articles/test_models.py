import datetime
import zoneinfo

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.models import LIVE, Article, allocate_news_code
from persian.jalali import day_key
from tests.factories import ArticleFactory

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
pytestmark = pytest.mark.django_db


def test_news_code_is_the_jalali_day_then_the_daily_sequence():
    # 24 Nov 2026 at 10:00 in Tehran is 3 Azar 1405.
    when = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=TEHRAN)
    assert allocate_news_code(when) == 14050903001
    assert allocate_news_code(when) == 14050903002


def test_news_code_follows_tehran_time_not_utc():
    # 23 Nov 2026 21:00 UTC is already 24 Nov (3 Azar) 00:30 in Tehran.
    when = datetime.datetime(2026, 11, 23, 21, 0, tzinfo=datetime.UTC)
    assert str(allocate_news_code(when)).startswith("14050903")


def test_each_day_starts_its_own_sequence():
    day1 = datetime.datetime(2026, 11, 24, 9, 0, tzinfo=TEHRAN)
    day2 = datetime.datetime(2026, 11, 25, 9, 0, tzinfo=TEHRAN)
    assert allocate_news_code(day1) == 14050903001
    assert allocate_news_code(day2) == 14050904001
    assert allocate_news_code(day1) == 14050903002


def test_new_article_gets_a_news_code_of_today():
    article = ArticleFactory()
    assert str(article.news_code)[:8] == day_key(timezone.now())
    assert len(str(article.news_code)) == 11


def test_news_codes_are_unique_and_never_reused_after_a_delete():
    first = ArticleFactory()
    second = ArticleFactory()
    assert first.news_code != second.news_code
    deleted_code = second.news_code
    second.delete()
    third = ArticleFactory()
    assert third.news_code > deleted_code


def test_database_refuses_a_duplicate_news_code():
    first = ArticleFactory()
    with pytest.raises(IntegrityError):
        ArticleFactory(news_code=first.news_code)


def test_news_code_is_kept_when_the_article_is_saved_again():
    article = ArticleFactory()
    code = article.news_code
    article.title_fa = "تیتر تازه"
    article.save()
    article.refresh_from_db()
    assert article.news_code == code


def test_slug_keeps_persian_letters():
    article = ArticleFactory(title_fa="سفر استاندار به قزاقستان")
    assert article.slug == "سفر-استاندار-به-قزاقستان"


def test_body_is_sanitised_on_save_in_every_language():
    article = ArticleFactory(
        body_fa='<p onclick="steal()">متن</p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">پیوند</a>',
        body_en="<p>Text</p><iframe src='https://evil.example'></iframe>",
    )
    article.refresh_from_db()
    assert "script" not in article.body_fa
    assert "onclick" not in article.body_fa
    assert "javascript:" not in article.body_fa
    assert "<p>متن</p>" in article.body_fa
    assert "iframe" not in article.body_en


def english(article) -> bool:
    return Article.objects.in_language("en").filter(pk=article.pk).exists()


def test_each_save_flags_whether_the_story_is_written_in_english():
    article = ArticleFactory(title_en="Snow in Tabriz", lead_en="Roads closed.")
    assert not english(article)  # no English text yet
    article.body_en = "<p>Snow closed the roads.</p>"
    article.save(update_fields=["body_en"])
    assert english(article) and article.languages() == ["fa", "en"]
    # A body the sanitiser empties is no English body.
    article.body_en = "<script>alert(1)</script>"
    article.save()
    assert not english(article) and article.languages() == ["fa"]
    # A state change alone leaves the texts, and so the flag, as they were.
    article.body_en = "<p>Back again.</p>"
    article.save()
    Article.objects.filter(pk=article.pk).update(title_en="")
    article.refresh_from_db(fields=["title_en"])
    article.save(update_fields=["status"])
    assert english(article)


def test_languages_follow_the_texts_in_memory_and_the_flag_when_they_are_not_read():
    article = ArticleFactory(
        title_en="Snow", lead_en="Roads closed.", body_en="<p>Roads closed.</p>"
    )
    article.body_en = ""  # an edit not saved yet
    assert article.languages() == ["fa"]
    listed = Article.objects.defer("body_en").get(pk=article.pk)
    assert listed.languages() == ["fa", "en"]


def test_published_excludes_drafts_withdrawn_and_future_articles():
    now = timezone.now()
    visible = ArticleFactory(status=Article.Status.PUBLISHED)
    due = ArticleFactory(
        status=Article.Status.SCHEDULED,
        published_at=now - datetime.timedelta(minutes=1),
    )
    ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=now + datetime.timedelta(hours=1)
    )
    ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    ArticleFactory(status=Article.Status.WITHDRAWN)
    ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    assert set(Article.objects.published()) == {visible, due}
    assert visible.is_published and due.is_published


@pytest.mark.parametrize("status", Article.Status.values)
def test_is_published_and_the_published_list_apply_the_same_rule(status):
    now = timezone.now()
    times = [now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=1)]
    if status not in LIVE:  # a live article without a time cannot be stored
        times.append(None)
    articles = [ArticleFactory(status=status, published_at=when) for when in times]
    listed = set(Article.objects.published())
    for article in articles:
        assert article.is_published == (article in listed), article.published_at


@pytest.mark.parametrize(
    ("src", "kept"),
    [
        ("/media/photos/renditions/0a1b2c.jpg", True),
        ("/media/photos/renditions/0a1b2c.webp", True),
        # Our own files outside the library's renditions are no longer shown.
        ("/media/articles/a.jpg", False),
        ("a.jpg", False),
        ("http://testserver/media/a.jpg", False),
        ("/media/photos/renditions/../../articles/a.jpg", False),
        ("/media/photos/2026/01/original.jpg", False),
        ("https://other.host/pixel.gif", False),
        ("//other.host/pixel.gif", False),
        ("data:image/gif;base64,R0lGODlhAQABAAAAACw=", False),
        ("javascript:alert(1)", False),
        ("http:other.host/x.gif", False),
    ],
)
def test_body_images_are_the_photo_librarys_renditions_only(src, kept, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".agency.example"]
    article = ArticleFactory(body_fa=f'<p>متن<img src="{src}" alt="عکس"></p>')
    assert ("<img" in article.body_fa) is kept
    assert "متن" in article.body_fa
