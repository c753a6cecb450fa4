"""Search that ignores yeh/kaf, half-space, diacritics and digit forms."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search import search_articles
from tests.factories import ArticleFactory, library_photo

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    articles, _terms, _found = search_articles(Article.objects.published(), query)
    return [a.title_fa for a in articles]


@pytest.mark.parametrize(
    "stored,query",
    [
        ("تلاش می‌کنیم نقش فعالی داشته باشیم", "می کنیم"),
        ("تلاش می کنیم نقش فعالی داشته باشیم", "می‌کنیم"),
        ("نمایشگاه کتاب تبریز", "كتاب"),
        ("نمایشگاه كتاب تبریز", "کتاب"),
        ("صادرات ۱۴۰۵ استان", "1405"),
        ("صادرات 1405 استان", "۱۴۰۵"),
        ("صادرات ١٤٠٥ استان", "۱۴۰۵"),
        ("کِتابِ سال", "کتاب"),
        ("تیم‌های کارشناسی", "تیم های"),
        # compounds and comparatives, glued, spaced or half-spaced
        ("همکاری‌های بینالمللی استان", "بین‌المللی"),
        ("همکاری‌های بین المللی استان", "بینالمللی"),
        ("کشاورزان بهرهمند شدند", "بهره مند"),
        ("سرمایه گذاران ایرانی", "سرمایه‌گذاران"),
        ("تبریز مهمترین شهر", "مهم‌ترین"),
    ],
)
def test_search_ignores_letter_space_diacritic_and_digit_forms(stored, query):
    ArticleFactory(title_fa="هدف", lead_fa=stored)
    ArticleFactory(title_fa="دیگر", lead_fa="خبری بی‌ربط")
    assert found(query) == ["هدف"]


def test_every_word_must_match():
    ArticleFactory(title_fa="سفر به قزاقستان", lead_fa="همکاری اقتصادی")
    ArticleFactory(title_fa="سفر به ترکیه", lead_fa="همکاری فرهنگی")
    assert found("سفر قزاقستان") == ["سفر به قزاقستان"]


def test_title_matches_rank_first_then_the_newest():
    now = timezone.now()
    ArticleFactory(
        title_fa="خبر قدیمی درباره گردشگری",
        published_at=now - datetime.timedelta(days=30),
    )
    ArticleFactory(
        title_fa="خبر تازه",
        lead_fa="در متن از گردشگری یاد شده است",
        published_at=now - datetime.timedelta(hours=1),
    )
    ArticleFactory(
        title_fa="گردشگری سلامت رونق گرفت",
        published_at=now - datetime.timedelta(days=2),
    )
    assert found("گردشگری") == [
        "گردشگری سلامت رونق گرفت",
        "خبر قدیمی درباره گردشگری",
        "خبر تازه",
    ]


def test_keys_follow_every_save():
    article = ArticleFactory(title_fa="تیتر نخست")
    assert found("نخست") == ["تیتر نخست"]
    article.title_fa = "تیتر دوم"
    article.save()
    assert found("نخست") == []
    assert found("دوم") == ["تیتر دوم"]


def test_unpublished_articles_are_never_found(client):
    ArticleFactory(title_fa="پیش‌نویس سری", status=Article.Status.DRAFT)
    response = client.get(reverse("articles:search"), {"q": "سری"})
    assert "پیش‌نویس سری" not in response.content.decode()


def test_search_page_highlights_matches_in_persian(client):
    ArticleFactory(title_fa="تلاش می‌کنیم", lead_fa="نمایشگاه كتاب <b>تبریز</b>")
    response = client.get(reverse("articles:search"), {"q": "می کنیم"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>می‌کنیم</mark>" in html
    html = client.get(reverse("articles:search"), {"q": "کتاب"}).content.decode()
    assert "<mark>كتاب</mark>" in html
    assert (
        "&lt;b&gt;تبریز&lt;/b&gt;" in html
    )  # the reader's and the stored text escaped


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "x" * 10_000,
        "<script>alert(1)</script>",
        "%",
        "_",
        "'; --",
        "«»،؛؟",
    ],
)
def test_search_page_answers_any_query(client, query):
    ArticleFactory(title_fa="خبر")
    response = client.get(reverse("articles:search"), {"q": query, "page": "1"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_nul_in_the_query_gets_the_persian_400_page(client):
    # No reader types one; PostgreSQL cannot compare text holding one.
    response = client.get(reverse("articles:search"), {"q": "خبر\x00"})
    assert response.status_code == 400
    assert "این درخواست پذیرفته نشد" in response.content.decode()


def test_like_wildcards_in_a_query_are_literal():
    ArticleFactory(title_fa="رشد ۵۰ درصدی")
    ArticleFactory(title_fa="خبر دیگر")
    assert found("%") == []
    assert found("_") == []


def test_admin_changelist_search_uses_the_same_folding(admin_client):
    ArticleFactory(title_fa="نمایشگاه کتاب", status=Article.Status.DRAFT)
    ArticleFactory(title_fa="خبر دیگر", status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_changelist")
    html = admin_client.get(url, {"q": "كتاب"}).content.decode()
    assert "نمایشگاه کتاب" in html
    assert "خبر دیگر" not in html


def test_search_query_count_is_constant(client, django_assert_max_num_queries):
    ArticleFactory.create_batch(3, title_fa="گردشگری", photo=library_photo())
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("articles:search"), {"q": "گردشگری"})
    ArticleFactory.create_batch(20, title_fa="گردشگری")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("articles:search"), {"q": "گردشگری"})
    # The results are drawn without pictures, so no photo is read for them.
    assert not [q for q in few.captured_queries if "photos_" in q["sql"]]


def test_a_common_word_ranks_only_the_newest_matches(client, monkeypatch):
    monkeypatch.setattr("articles.search.SEARCH_LIMIT", 5)
    now = timezone.now()
    for i in range(8):
        ArticleFactory(
            title_fa=f"خبر {i}",
            lead_fa="ایران",
            published_at=now - datetime.timedelta(hours=i + 1),
        )
    # The oldest match has the word in its title, but it is past the newest five.
    ArticleFactory(
        title_fa="ایران قدیمی", published_at=now - datetime.timedelta(days=30)
    )
    ArticleFactory(
        title_fa="ایران امروز",
        published_at=now - datetime.timedelta(hours=2, minutes=30),
    )
    assert found("ایران") == ["ایران امروز", "خبر 0", "خبر 1", "خبر 2", "خبر 3"]
    html = client.get(reverse("articles:search"), {"q": "ایران"}).content.decode()
    assert "۵ خبر تازه‌تر از میان نتیجه‌ها" in html


FORMS = {"glued": "بزرگترین", "half-spaced": "بزرگ\u200cترین", "spaced": "بزرگ ترین"}


@pytest.mark.parametrize("stored", list(FORMS))
@pytest.mark.parametrize("query", list(FORMS))
def test_search_page_meets_glued_spaced_and_half_spaced_forms(client, stored, query):
    ArticleFactory(
        title_fa="قزاقستان در آسیای مرکزی",
        lead_fa=f"قزاقستان {FORMS[stored]} کشور آسیای مرکزی است.",
    )
    ArticleFactory(title_fa="خبر بی‌ربط", lead_fa="کشوری کوچک در اروپا")
    response = client.get(reverse("articles:search"), {"q": FORMS[query]})
    html = response.content.decode()
    found = html[html.index("<main") : html.index("</main>")]  # not the side column
    assert response.status_code == 200
    assert "قزاقستان در آسیای مرکزی" in found
    assert "خبر بی‌ربط" not in found


def test_a_name_ending_like_a_comparative_is_not_split_by_search():
    ArticleFactory(title_fa="گفت‌وگو با محمد کلانتری")
    ArticleFactory(title_fa="کلان شهر تبریز", lead_fa="تری")
    assert found("کلانتری") == ["گفت‌وگو با محمد کلانتری"]
