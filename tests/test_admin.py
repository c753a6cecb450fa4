"""Every admin page answers for a superuser, and bad input gets a Persian message."""

import io
import re
import warnings

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, Correction
from officials.models import Official, Position
from persian.text import persian_digits
from photos.models import Photo
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    PositionFactory,
    TopicFactory,
    country,
    image_bytes,
    library_photo,
)
from tests.photos.test_admin import form_data
from topics.models import Topic

pytestmark = pytest.mark.django_db
REGISTERED = list(admin.site._registry)
LOGIN_RECORDS = {AccessAttempt, AccessFailureLog, AccessLog}


def admin_url(model, view: str, *args) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


@pytest.fixture
def one_of_each(superuser):
    article = ArticleFactory(author=superuser)
    official = OfficialFactory()
    position = PositionFactory(official=official, country=country("IR"))
    article.officials.add(official)
    article.countries.add(country("KZ"))
    article.topics.add(TopicFactory())
    Correction.objects.create(article=article, note_fa="اصلاح شد")
    login = {"username": "chief", "ip_address": "192.0.2.10", "user_agent": "Firefox"}
    AccessAttempt.objects.create(**login, failures_since_start=5)
    AccessFailureLog.objects.create(**login, locked_out=True)
    AccessLog.objects.create(**login)
    photo = Photo.objects.create(image="photos/2026/12/photo.jpg", caption_fa="عکس")
    return {Article: article, Official: official, Position: position, Photo: photo}


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_changelist_and_add_pages_load(admin_client, one_of_each, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    # Login records are written by logins only, never added by hand.
    adding = 403 if model in LOGIN_RECORDS else 200
    assert admin_client.get(admin_url(model, "add")).status_code == adding


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_change_page_loads(admin_client, one_of_each, model):
    obj = one_of_each.get(model) or model.objects.first()
    if obj is None:
        obj = TopicFactory() if model is Topic else None
    assert obj is not None, f"no {model.__name__} to open"
    response = admin_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200


def test_admin_is_persian_and_right_to_left(admin_client):
    response = admin_client.get(reverse("admin:index"))
    html = response.content.decode()
    assert 'lang="fa"' in html
    assert 'dir="rtl"' in html


def test_article_change_page_shows_the_news_code_read_only(admin_client, one_of_each):
    article = one_of_each[Article]
    html = admin_client.get(admin_url(Article, "change", article.pk)).content.decode()
    assert persian_digits(article.news_code) in html
    assert 'name="news_code"' not in html


@pytest.mark.parametrize(
    "term", ["تیتر", "14050903001", "كتاب", "'\"<script>", "0" * 40]
)
def test_article_search_never_fails(admin_client, one_of_each, term):
    response = admin_client.get(admin_url(Article, "changelist"), {"q": term})
    assert response.status_code == 200


def test_article_search_finds_by_news_code(admin_client, one_of_each):
    article = one_of_each[Article]
    other = ArticleFactory(title_fa="خبر دیگر")
    response = admin_client.get(
        admin_url(Article, "changelist"), {"q": str(article.news_code)}
    )
    html = response.content.decode()
    assert article.title_fa in html
    assert other.title_fa not in html


@pytest.mark.parametrize(
    "model_name,term,expected",
    [
        ("country", "قزاق", "قزاقستان"),
        ("official", "مقام", "مقام"),
        ("topic", "موضوع", "موضوع"),
    ],
)
def test_autocomplete_answers_for_the_article_form(
    admin_client, one_of_each, model_name, term, expected
):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "articles",
            "model_name": "article",
            "field_name": {"country": "countries", "official": "officials"}.get(
                model_name, "topics"
            ),
        },
    )
    assert response.status_code == 200
    assert expected in [item["text"] for item in response.json()["results"]][0]


@pytest.mark.parametrize("model", [Article, Official])
def test_articles_and_officials_pick_their_photo_from_the_library(admin_client, model):
    photo = library_photo(caption_fa="پل تاریخی آجی‌چای")
    obj = ArticleFactory() if model is Article else OfficialFactory()
    form = admin_client.get(admin_url(model, "change", obj.pk)).content.decode()
    assert re.search(r'<select name="photo"[^>]*admin-autocomplete', form)
    found = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "آجی",
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": "photo",
        },
    ).json()["results"]
    assert [item["id"] for item in found] == [str(photo.pk)]


# --- Bad input: a Persian message, the typed text kept, never a 500 ---------


def official_form(**overrides) -> dict:
    data = {
        "name_fa": "عابدین خرم",
        "name_en": "Abedin Khoram",
        "slug": "",
        "bio_fa": "",
        "bio_en": "",
        "positions-TOTAL_FORMS": "1",
        "positions-INITIAL_FORMS": "0",
        "positions-MIN_NUM_FORMS": "0",
        "positions-MAX_NUM_FORMS": "1000",
        "positions-0-title_fa": "استاندار آذربایجان شرقی",
        "positions-0-title_en": "",
        "positions-0-organisation_fa": "",
        "positions-0-organisation_en": "",
        "positions-0-country": "",
        "positions-0-start_date": "2021-09-01",
        "positions-0-end_date": "",
    }
    data.update(overrides)
    return data


def test_overlapping_post_is_refused_in_persian_and_keeps_the_form(admin_client):
    PositionFactory(
        official=OfficialFactory(name_fa="محمدرضا پورمحمدی"),
        start_date="2019-09-01",
        end_date="2021-09-26",
    )
    response = admin_client.post(admin_url(Official, "add"), official_form())
    assert response.status_code == 200
    html = response.content.decode()
    assert "محمدرضا پورمحمدی" in html
    assert "دو نفر" in html  # "two people cannot hold the same post ..."
    assert 'value="عابدین خرم"' in html
    assert not Official.objects.filter(name_fa="عابدین خرم").exists()


def test_end_before_start_is_refused_in_persian(admin_client):
    response = admin_client.post(
        admin_url(Official, "add"),
        official_form(**{"positions-0-end_date": "2020-01-01"}),
    )
    assert response.status_code == 200
    assert "تاریخ پایان" in response.content.decode()
    assert not Official.objects.exists()


def test_duplicate_topic_slug_is_refused_in_persian(admin_client):
    TopicFactory(name_fa="گردشگری", slug="گردشگری")
    response = admin_client.post(
        admin_url(Topic, "add"),
        {"name_fa": "گردشگری", "name_en": "", "slug": "", "description_fa": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "موضوع با این نامک از قبل موجود است" in html
    assert Topic.objects.filter(name_fa="گردشگری").count() == 1


def png_bytes(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


def article_form(superuser, **overrides) -> dict:
    data = {
        "rootitr_fa": "روتیتر:",
        "title_fa": "تیتر خبری که نباید گم شود",
        "title_en": "",
        "slug": "",
        "lead_fa": "لید خبر",
        "body_fa": "<p>متن</p>",
        "service": "1",
        "article_type": "news",
        "dateline": "تبریز",
        "source": "",
        "byline": "",
        "author": str(superuser.pk),
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
        "gallery-TOTAL_FORMS": "0",
        "gallery-INITIAL_FORMS": "0",
        "gallery-MIN_NUM_FORMS": "0",
        "gallery-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_article_can_be_added_with_a_library_photo(admin_client, superuser):
    photo = library_photo()
    response = admin_client.post(
        admin_url(Article, "add"), article_form(superuser, photo=str(photo.pk))
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.photo == photo
    assert article.news_code


def test_official_photo_is_chosen_from_the_library_and_previewed(admin_client):
    photo = library_photo(caption_fa="عابدین خرم")
    response = admin_client.post(
        admin_url(Official, "add"), official_form(photo=str(photo.pk))
    )
    assert response.status_code == 302
    official = Official.objects.get()
    assert official.photo == photo
    html = admin_client.get(admin_url(Official, "change", official.pk)).content
    preview = re.search(
        r'<img src="[^"]+" [^>]*class="image-preview small">', html.decode()
    )
    assert photo.thumbnail.file.url in preview[0]
    assert f'width="{photo.thumbnail.width}"' in preview[0]


def photo_form(**values) -> dict:
    """The library's add form: the caption typed, the focal point in the middle."""
    return form_data(**{"caption_fa": "زیرنویسی که نباید گم شود", **values})


def test_image_input_offers_only_the_accepted_formats(admin_client):
    html = admin_client.get(admin_url(Photo, "add")).content.decode()
    assert 'accept="image/jpeg,image/png,image/gif,image/webp"' in html


GIF_WITH_HTML = image_bytes("GIF") + b"<html><script>alert(1)</script></html>"
TRUNCATED_JPEG = image_bytes("JPEG", (200, 150))[:600]


@pytest.mark.parametrize(
    ("data", "persian"),
    [
        (TRUNCATED_JPEG, "تصویر ناقص است"),
        (GIF_WITH_HTML, "پس از پایان تصویر داده‌های دیگری هم دارد"),
        (image_bytes("PNG", (6300, 6300), mode="1"), "حداکثر مجاز ۳۲ مگاپیکسل"),
        (image_bytes("PNG", (12_000, 8), mode="L"), "هیچ ضلعی نباید بلندتر از"),
        (
            image_bytes(
                "GIF",
                save_all=True,
                append_images=[Image.new("RGB", (64, 48), "red")],
            ),
            "تصویر متحرک پذیرفته نمی‌شود",
        ),
        (b"<svg><script>alert(1)</script></svg>", "تصویر SVG پذیرفته نمی‌شود"),
        (b"%PDF-1.4", "این فایل تصویر معتبری نیست"),
    ],
    ids=["truncated", "trailing", "pixels", "side", "animated", "svg", "not-image"],
)
def test_each_refused_image_gets_its_reason_in_persian(admin_client, data, persian):
    upload = SimpleUploadedFile("photo.jpg", data, content_type="image/jpeg")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        response = admin_client.post(admin_url(Photo, "add"), photo_form(image=upload))
    assert response.status_code == 200
    html = response.content.decode()
    assert persian in html
    assert "زیرنویسی که نباید گم شود" in html
    assert not Photo.objects.exists()


def test_refused_image_on_the_change_form_keeps_the_typed_caption(admin_client):
    photo = library_photo(caption_fa="زیرنویس نخست")
    stored_image = photo.image.name
    edited = photo_form(caption_fa="زیرنویس تازه‌ای که دبیر نوشت")
    bad = SimpleUploadedFile("photo.gif", GIF_WITH_HTML, content_type="image/gif")
    response = admin_client.post(
        admin_url(Photo, "change", photo.pk), {**edited, "image": bad}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "پس از پایان تصویر داده‌های دیگری هم دارد" in html
    assert "زیرنویس تازه‌ای که دبیر نوشت" in html
    photo.refresh_from_db()
    assert photo.caption_fa == "زیرنویس نخست"
    assert photo.image.name == stored_image
    # Saved again without the refused file, the caption is kept and the image too.
    response = admin_client.post(admin_url(Photo, "change", photo.pk), edited)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption_fa == "زیرنویس تازه‌ای که دبیر نوشت"
    assert photo.image.name == stored_image


def test_oversized_image_is_refused_in_persian(admin_client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("big.png", png_bytes((64, 64)), content_type="image/png")
    response = admin_client.post(admin_url(Photo, "add"), photo_form(image=big))
    assert response.status_code == 200
    html = response.content.decode()
    assert "بزرگ" in html  # "too large"
    assert "زیرنویسی که نباید گم شود" in html
    assert not Photo.objects.exists()


def test_article_whose_photo_went_missing_can_be_edited(admin_client, superuser):
    photo = library_photo()
    article = ArticleFactory(
        photo=photo, author=superuser, status=Article.Status.DRAFT, published_at=None
    )
    photo.image.storage.delete(photo.image.name)
    response = admin_client.post(
        admin_url(Article, "change", article.pk),
        article_form(
            superuser,
            title_fa="تیتر اصلاح‌شده",
            photo=str(photo.pk),
            form_version=article.lock_version,
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title_fa == "تیتر اصلاح‌شده"


def test_the_same_post_twice_in_one_form_is_refused(admin_client):
    data = official_form(
        **{
            "positions-TOTAL_FORMS": "2",
            "positions-1-title_fa": "استاندار آذربایجان شرقی",
            "positions-1-title_en": "",
            "positions-1-organisation_fa": "",
            "positions-1-organisation_en": "",
            "positions-1-country": "",
            "positions-1-start_date": "2022-01-01",
            "positions-1-end_date": "",
        }
    )
    response = admin_client.post(admin_url(Official, "add"), data)
    assert response.status_code == 200
    assert "دو بار" in response.content.decode()
    assert not Official.objects.exists()


def test_official_names_are_stored_with_persian_letters(admin_client):
    data = official_form(
        name_fa="علي كريمي",
        **{"positions-TOTAL_FORMS": "0"},
    )
    response = admin_client.post(admin_url(Official, "add"), data)
    assert response.status_code == 302
    assert Official.objects.get().name_fa == "علی کریمی"
