"""A photo story's gallery: picked in the admin, shown in order on its page."""

import datetime
import json
import re
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from articles import services
from articles.gallery_admin import GalleryInline
from articles.models import Article
from tests.articles.conftest import change_form, change_url
from tests.factories import ArticleFactory, library_photo, photo_story, service
from tests.pages import cache_state, push_out_of_side_column, warm

pytestmark = pytest.mark.django_db
S = Article.Status
PERSIAN = re.compile("[\u0600-\u06ff]")


def english_url(article) -> str:
    with translation.override("en"):
        return article.get_absolute_url()


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def gallery_of(html: str) -> str:
    return re.search(r'<section class="gallery".*?</section>', html, re.S)[0]


def slides(html: str) -> list[str]:
    return re.findall(r'<div class="gallery-slide".*?</figure>', gallery_of(html), re.S)


def with_gallery(article, rows: list[dict], **overrides) -> dict:
    """The change form with the gallery's rows as typed: existing ones carry ``id``."""
    data = change_form(article, **overrides)
    data.update(
        {
            "gallery-TOTAL_FORMS": str(len(rows)),
            "gallery-INITIAL_FORMS": str(sum("id" in row for row in rows)),
        }
    )
    for n, row in enumerate(rows):
        data.update(
            {
                f"gallery-{n}-id": str(row.get("id", "")),
                f"gallery-{n}-article": str(article.pk),
                f"gallery-{n}-photo": str(row["photo"].pk),
                f"gallery-{n}-caption_fa": row.get("fa", ""),
                f"gallery-{n}-caption_en": row.get("en", ""),
                f"gallery-{n}-position": str(row.get("position", "")),
            }
        )
        if row.get("delete"):
            data[f"gallery-{n}-DELETE"] = "on"
    return data


def shown(article) -> list[tuple]:
    return list(
        article.gallery.order_by("position").values_list(
            "position", "photo_id", "caption_fa", "caption_en"
        )
    )


# --- The admin ----------------------------------------------------------------------


def test_the_inline_saves_the_order_typed_and_each_caption(client, newsroom):
    article = ArticleFactory(
        article_type=Article.Type.PHOTO,
        status=S.DRAFT,
        published_at=None,
        author=newsroom["reporter"],
    )
    first, second, last = (library_photo() for _ in range(3))
    client.force_login(newsroom["reporter"])
    rows = [
        {"photo": second, "fa": "دومین عکس", "en": "Second photo", "position": 2},
        {"photo": last, "fa": "عکس آخر"},  # no position: after the others
        {"photo": first, "fa": "نخستین عکس", "en": "First photo", "position": 1},
    ]

    response = client.post(change_url(article), with_gallery(article, rows))

    assert response.status_code == 302
    assert shown(article) == [
        (1, first.pk, "نخستین عکس", "First photo"),
        (2, second.pk, "دومین عکس", "Second photo"),
        (3, last.pk, "عکس آخر", None),
    ]


def test_moving_and_removing_photos_renumbers_the_gallery(admin_client):
    article = photo_story(photos=3)
    items = list(article.gallery.order_by("position"))
    rows = [
        {"id": i.pk, "photo": i.photo, "fa": i.caption_fa, "en": i.caption_en}
        for i in items
    ]
    rows[0].update(position=1, delete=True)
    rows[1].update(position=5)
    rows[2].update(position=0, fa="تازه")

    response = admin_client.post(change_url(article), with_gallery(article, rows))

    assert response.status_code == 302
    assert shown(article) == [
        (1, items[2].photo_id, "تازه", "Caption of photo 3"),
        (2, items[1].photo_id, "زیرنویس عکس 2", "Caption of photo 2"),
    ]


def test_a_photo_story_saved_without_a_lead_photo_gets_the_first_of_its_gallery(
    admin_client,
):
    article = ArticleFactory(article_type=Article.Type.PHOTO)
    first, second = library_photo(), library_photo()
    rows = [{"photo": second, "position": 2}, {"photo": first, "position": 1}]

    admin_client.post(change_url(article), with_gallery(article, rows))

    article.refresh_from_db()
    assert article.photo == first
    # Lists show that photo's thumbnail, with no query of the gallery.
    html = page(admin_client, article.service.get_absolute_url())
    assert first.picture("1:1").sources[0].srcset in html


def test_a_lead_photo_chosen_by_the_editor_is_kept(admin_client):
    chosen = library_photo()
    article = ArticleFactory(article_type=Article.Type.PHOTO, photo=chosen)
    rows = [{"photo": library_photo(), "position": 1}]
    data = with_gallery(article, rows, photo=str(chosen.pk))

    admin_client.post(change_url(article), data)

    article.refresh_from_db()
    assert article.photo == chosen


def test_the_same_photo_twice_in_a_gallery_is_refused_with_a_message(admin_client):
    article = ArticleFactory(article_type=Article.Type.PHOTO)
    photo = library_photo()
    rows = [{"photo": photo, "position": 1}, {"photo": photo, "position": 2}]

    response = admin_client.post(change_url(article), with_gallery(article, rows))

    assert response.status_code == 200  # the form again, with what was typed
    assert not article.gallery.exists()
    gallery = response.context["inline_admin_formsets"][0].formset
    assert gallery.prefix == "gallery" and gallery.non_form_errors()


def test_the_form_lists_the_gallery_with_a_thumbnail_of_each_photo(admin_client):
    article = photo_story(photos=2)
    html = page(admin_client, change_url(article))
    group = re.search(r'id="gallery-group".*?</fieldset>', html, re.S)[0]
    for item in article.gallery.all():
        assert item.photo.thumbnail.file.url in group
        assert f'name="gallery-{item.position - 1}-caption_en"' in group
    assert "admin/js/autocomplete.js" in html
    # A row added by hand has no number: saved so, it goes after the others.
    new_row = re.search(r'<input [^>]*name="gallery-__prefix__-position"[^>]*>', html)
    assert "value=" not in new_row[0]


# --- Rights: the article's, exactly -----------------------------------------------


@pytest.fixture
def others_draft(newsroom):
    return photo_story(
        photos=1,
        status=S.DRAFT,
        published_at=None,
        author=newsroom["other_reporter"],
        service=service("economic"),
    )


def test_a_reporter_cannot_change_the_gallery_of_an_article_they_may_not_edit(
    client, newsroom, others_draft
):
    before = shown(others_draft)
    item = others_draft.gallery.get()
    rows = [{"id": item.pk, "photo": item.photo, "fa": "دست‌کاری", "position": 1}]
    rows.append({"photo": library_photo(), "position": 2})
    client.force_login(newsroom["reporter"])

    response = client.post(change_url(others_draft), with_gallery(others_draft, rows))

    # Not theirs, not their desk: the admin does not even show it to them.
    assert response.status_code == 302
    assert response.url == reverse("admin:index")
    assert shown(others_draft) == before


def test_an_article_a_reporter_may_only_view_shows_its_gallery_read_only(
    client, newsroom
):
    article = photo_story(
        photos=1, status=S.REVIEW, author=newsroom["reporter"], published_at=None
    )
    client.force_login(newsroom["reporter"])

    html = page(client, change_url(article))

    group = re.search(r'id="gallery-group".*?</fieldset>', html, re.S)[0]
    assert "زیرنویس عکس 1" in group
    assert 'name="gallery-0-caption_fa"' not in group
    item = article.gallery.get()
    forged = with_gallery(article, [{"id": item.pk, "photo": item.photo, "fa": "x"}])
    assert client.post(change_url(article), forged).status_code == 403
    assert article.gallery.get().caption_fa == "زیرنویس عکس 1"


def test_the_desk_editor_may_change_the_gallery_of_a_story_in_review(client, newsroom):
    article = photo_story(photos=1, status=S.REVIEW, published_at=None)
    item = article.gallery.get()
    client.force_login(newsroom["editor"])
    rows = [{"id": item.pk, "photo": item.photo, "fa": "زیرنویس دبیر", "position": 1}]

    response = client.post(change_url(article), with_gallery(article, rows))

    assert response.status_code == 302
    assert article.gallery.get().caption_fa == "زیرنویس دبیر"


@pytest.mark.parametrize("role", ["reporter", "editor", "chief", "administrator"])
def test_the_inline_asks_the_workflow_for_every_right(newsroom, others_draft, role):
    user = newsroom[role]
    request = RequestFactory().get("/")
    request.user = user
    inline = GalleryInline(Article, admin.site)
    may = services.can_edit(user, others_draft)
    assert inline.has_add_permission(request, others_draft) is may
    assert inline.has_change_permission(request, others_draft) is may
    assert inline.has_delete_permission(request, others_draft) is may


def test_the_gallery_formset_refuses_a_save_by_someone_who_may_not_edit(
    newsroom, others_draft
):
    request = RequestFactory().post("/")
    request.user = newsroom["reporter"]
    formset_class = GalleryInline(Article, admin.site).get_formset(
        request, others_draft
    )
    item = others_draft.gallery.get()
    data = with_gallery(others_draft, [{"id": item.pk, "photo": item.photo}])
    data["gallery-0-caption_fa"] = "دست‌کاری"
    formset = formset_class(data, instance=others_draft, prefix="gallery")
    # The admin builds these read-only for this user; this is one built by hand.
    formset.forms[0].has_changed = lambda: True
    assert formset.is_valid(), formset.errors
    with pytest.raises(PermissionDenied):
        formset.save()
    assert others_draft.gallery.get().caption_fa == "زیرنویس عکس 1"


def test_a_library_photo_in_a_gallery_cannot_be_deleted():
    article = photo_story(photos=1)
    with pytest.raises(ProtectedError):
        article.gallery.get().photo.delete()


# --- The page -------------------------------------------------------------------------


def test_the_page_shows_every_photo_in_order_with_caption_and_credit(client):
    story = photo_story(photos=3)
    html = page(client, story.get_absolute_url())

    found = slides(html)
    assert len(found) == 3
    for n, slide in enumerate(found, start=1):
        assert f'id="photo-{n}"' in slide
        assert f"<figcaption>زیرنویس عکس {n} " in slide
        assert f'<span class="credit">عکس: Studio {n}</span>' in slide
        img = re.search(r"<img [^>]*>", slide)[0]
        assert re.search(r'width="\d+" height="\d+"', img)
        assert 'sizes="(min-width: 60rem) 60rem, 100vw"' in slide
    assert 'loading="eager"' in found[0] and 'fetchpriority="high"' in found[0]
    assert all('loading="lazy"' in s and "fetchpriority" not in s for s in found[1:])
    # The gallery takes the lead photo's place: the story's first photo, once.
    assert '<figure class="article-image">' not in html


def test_the_first_photo_of_the_gallery_is_preloaded(client):
    story = photo_story(photos=2)
    story.photo = library_photo()  # a cover for lists, not shown above the gallery
    story.save()
    html = page(client, story.get_absolute_url())
    head = html.split("</head>")[0]
    preloads = re.findall(r'<link rel="preload" as="image"[^>]*>', head)
    assert len(preloads) == 1 and 'fetchpriority="high"' in preloads[0]
    srcset = re.search(r'imagesrcset="([^"]+)"', preloads[0])[1]
    first = slides(html)[0]
    assert f'srcset="{srcset}"' in first


def test_the_gallery_has_its_controls_and_its_script_ready_for_the_reader(client):
    html = page(client, photo_story(photos=12).get_absolute_url())
    gallery = gallery_of(html)
    assert 'aria-roledescription="گالری"' in gallery
    assert 'data-counter="{current} از {total}"' in gallery
    assert 'aria-label="۳ از ۱۲"' in slides(html)[2]
    controls = re.search(
        r'<div class="gallery-controls" hidden>.*?</div>', gallery, re.S
    )
    assert 'aria-label="عکس قبلی"' in controls[0]
    assert 'aria-label="عکس بعدی"' in controls[0]
    counter = re.search(
        r'<p class="gallery-counter" aria-live="polite"[^>]*>(.*?)</p>', controls[0]
    )
    assert counter[1] == "۱ از ۱۲"
    assert '<script src="/static/js/gallery.js" defer></script>' in gallery
    assert " style=" not in gallery and "<script>" not in gallery


def test_a_single_photo_needs_no_buttons(client):
    html = page(client, photo_story(photos=1).get_absolute_url())
    assert len(slides(html)) == 1
    assert "gallery-controls" not in html and "gallery.js" not in html


def test_only_a_photo_story_shows_a_gallery(client):
    story = photo_story(photos=2, photo=library_photo(caption_fa="عکس اصلی خبر"))
    story.article_type = Article.Type.NEWS
    story.save()
    html = page(client, story.get_absolute_url())
    assert '<section class="gallery"' not in html
    assert "عکس اصلی خبر" in html


def test_english_captions_are_english_or_nothing(client):
    story = photo_story(
        photos=3,
        title_en="Photo story",
        lead_en="An English lead.",
        body_en="<p>English text.</p>",
    )
    second, third = story.gallery.order_by("position")[1:]
    second.caption_en = ""  # the library photo's English caption then
    second.save()
    third.caption_en = ""
    third.save()
    third.photo.caption_en = ""
    third.photo.credit = "عکاس خبرگزاری"
    third.photo.save()

    html = page(client, english_url(story))

    found = slides(html)
    assert "<figcaption>Caption of photo 1 " in found[0]
    assert "<figcaption>Library photo 2 " in found[1]
    assert "<figcaption>" not in found[2]
    assert not PERSIAN.search(gallery_of(html))
    assert 'aria-label="3 of 3"' in found[2]
    assert 'data-counter="{current} of {total}"' in gallery_of(html)


def test_json_ld_lists_the_gallery_images_that_are_served(client, settings):
    settings.SERVE_MEDIA = True
    story = photo_story(photos=3)
    html = page(client, story.get_absolute_url())
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    expected = [
        f"http://testserver{item.photo.og_image.file.url}"
        for item in story.gallery.order_by("position")
    ]
    assert data["image"] == expected
    for url in data["image"]:
        served = client.get(urlsplit(url).path)
        assert served.status_code == 200
        assert served["Content-Type"] == "image/jpeg"


def test_the_query_count_is_the_same_for_one_photo_and_twelve(
    client, django_assert_num_queries, django_assert_max_num_queries
):
    one = photo_story(photos=1, size=(320, 180))
    twelve = photo_story(photos=12, size=(320, 180))
    client.get(one.get_absolute_url())  # what every later request shares is warm
    with django_assert_max_num_queries(30) as counted:
        assert client.get(one.get_absolute_url()).status_code == 200
    with django_assert_num_queries(len(counted.captured_queries)):
        html = page(client, twelve.get_absolute_url())
    assert len(slides(html)) == 12


def test_the_admin_preview_shows_the_gallery(admin_client):
    story = photo_story(photos=2, status=S.DRAFT, published_at=None)
    html = page(
        admin_client, reverse("admin:articles_article_preview", args=[story.pk])
    )
    assert len(slides(html)) == 2


# --- The page cache ---------------------------------------------------------------


def story_and_a_page_without_it(commit):
    """A two-photo story, and another story's page that shows nothing of it."""
    story = commit(
        photo_story,
        photos=2,
        published_at=timezone.now() - datetime.timedelta(days=2),
    )
    commit(push_out_of_side_column)
    return story, commit(photo_story, photos=1)


@pytest.mark.usefixtures("page_cache")
def test_editing_a_library_photo_of_a_gallery_refreshes_the_story(client, commit):
    story, other = story_and_a_page_without_it(commit)
    warm(client, story.get_absolute_url(), other.get_absolute_url())
    photo = story.gallery.order_by("position").last().photo
    photo.credit = "عکاس تازه"

    commit(photo.save)

    assert "عکس: عکاس تازه" in page(client, story.get_absolute_url())
    assert cache_state(client, other.get_absolute_url()) == "hit"


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize("change", ["add", "caption", "move", "remove"])
def test_changing_the_gallery_refreshes_the_story(client, commit, change):
    story, other = story_and_a_page_without_it(commit)
    warm(client, story.get_absolute_url(), other.get_absolute_url())
    first, second = story.gallery.order_by("position")

    def edit():
        if change == "add":
            photo = library_photo(credit="Studio 3")
            story.gallery.create(photo=photo, position=3, caption_fa="نو")
        elif change == "caption":
            first.caption_fa = "زیرنویس تازه"
            first.save()
        elif change == "move":
            first.position = 3
            first.save()
        else:
            second.delete()

    commit(edit)

    html = page(client, story.get_absolute_url())
    captions = re.findall(r"<figcaption>(.*?) <span", gallery_of(html))
    assert (
        captions
        == {
            "add": ["زیرنویس عکس 1", "زیرنویس عکس 2", "نو"],
            "caption": ["زیرنویس تازه", "زیرنویس عکس 2"],
            "move": ["زیرنویس عکس 2", "زیرنویس عکس 1"],
            "remove": ["زیرنویس عکس 1"],
        }[change]
    )
    assert cache_state(client, other.get_absolute_url()) == "hit"
