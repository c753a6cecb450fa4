"""Library photos inside an article's body: drawn from their renditions, counted as
usage, protected from deletion, and refreshed on the cached pages when edited."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import services
from articles.models import Article, BodyPhoto
from persian.images import clean_image
from photos.models import Photo
from photos.services import photo_renditions_refresh
from tests.factories import ArticleFactory, UserFactory, image_bytes, library_photo
from tests.pages import push_out_of_side_column

pytestmark = pytest.mark.django_db


def placed(photo: Photo, caption: str = "زیرنویس در متن") -> str:
    """The figure the editor's picker places in a body for ``photo``."""
    image = photo.body_image()
    return (
        f'<figure class="photo" data-photo="{photo.pk}"><img src="{image.file.url}"'
        f' alt="{caption}" width="{image.width}" height="{image.height}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def body_figures(html: str) -> list[str]:
    body = re.search(r'<div class="article-body">(.*?)</div>', html, re.S)[1]
    return re.findall(r"<figure\b.*?</figure>", body, re.S)


def english_url(article) -> str:
    with translation.override("en"):
        return article.get_absolute_url()


@pytest.fixture
def bridge():
    return library_photo(
        caption_fa="پل تاریخی آجی‌چای در غروب",
        caption_en="The old Aji Chay bridge at sunset",
        credit="Tabriz Photo",
    )


def test_a_body_photo_shows_its_current_renditions_caption_and_credit(client, bridge):
    article = ArticleFactory(body_fa=f"<p>پیش از عکس</p>{placed(bridge)}<p>پس</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    [figure] = body_figures(html)
    assert "<picture>" in figure
    assert '<source type="image/webp" srcset="/media/photos/renditions/' in figure
    assert '<source type="image/jpeg" srcset="/media/photos/renditions/' in figure
    assert 'sizes="(min-width: 44rem) 42rem, 100vw"' in figure
    img = re.search(r"<img [^>]*>", figure)[0]
    assert re.search(r'width="\d+" height="\d+"', img)
    assert 'loading="lazy"' in img
    assert 'alt="پل تاریخی آجی‌چای در غروب"' in img
    caption = "پل تاریخی آجی‌چای در غروب"
    assert f'<figcaption>{caption} <span class="credit">عکس: Tabriz Photo</span>' in (
        figure
    )
    assert "زیرنویس در متن" not in html  # the library's caption, not the copy
    assert "پیش از عکس" in html and "<p>پس</p>" in html


def test_a_body_photo_follows_renditions_made_again(client, bridge):
    article = ArticleFactory(body_fa=placed(bridge))
    old_src = bridge.body_image().file.url
    upload = SimpleUploadedFile(
        "new.jpg", image_bytes(size=(900, 450)), content_type="image/jpeg"
    )
    bridge.image = clean_image(upload)
    bridge.save()
    photo_renditions_refresh(photo=bridge)
    html = client.get(article.get_absolute_url()).content.decode()
    [figure] = body_figures(html)
    assert old_src not in figure
    assert Photo.objects.get(pk=bridge.pk).body_image().file.url in figure


def test_english_page_shows_the_english_caption(client, bridge):
    article = ArticleFactory(
        title_en="Bridge", lead_en="Lead.", body_en=f"<p>Text.</p>{placed(bridge)}"
    )
    html = client.get(english_url(article)).content.decode()
    [figure] = body_figures(html)
    assert "The old Aji Chay bridge at sunset" in figure
    assert '<span class="credit">Photo: Tabriz Photo</span>' in figure


def test_english_page_shows_no_persian_caption_nor_credit(client):
    photo = library_photo(caption_fa="فقط فارسی", credit="عکس: تحریریه")
    article = ArticleFactory(
        title_en="Bridge", lead_en="Lead.", body_en=f"<p>Text.</p>{placed(photo)}"
    )
    html = client.get(english_url(article)).content.decode()
    [figure] = body_figures(html)
    assert "<picture>" in figure and 'alt=""' in figure
    assert "<figcaption>" not in figure
    assert not re.search("[\u0600-\u06ff]", figure)


def test_a_figure_whose_photo_is_gone_is_dropped_quietly(client, bridge):
    gone = placed(bridge).replace(f'data-photo="{bridge.pk}"', 'data-photo="987654"')
    article = ArticleFactory(body_fa=f"<p>پیش</p>{gone}<p>پس</p>")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert body_figures(html) == []
    assert "<p>پیش</p><p>پس</p>" in html


@pytest.mark.parametrize("count", [0, 1, 5])
def test_body_photos_cost_the_same_queries_however_many(
    client, django_assert_num_queries, count
):
    plain = ArticleFactory(body_fa="<p>بدون عکس</p>")
    client.get(plain.get_absolute_url())  # warms what every later page shares
    with CaptureQueriesContext(connection) as base:
        client.get(plain.get_absolute_url())
    # Read now: the next request empties the log they are read from.
    base_queries = [q["sql"] for q in base.captured_queries]
    assert base_queries and not any("photos_photo" in sql for sql in base_queries)
    photos = [library_photo(caption_fa=f"عکس {n}") for n in range(count)]
    article = ArticleFactory(body_fa="".join(placed(p) for p in photos))
    client.get(article.get_absolute_url())
    # Two more when the body has photos: the photos, their renditions.
    expected = len(base_queries) + (2 if count else 0)
    with django_assert_num_queries(expected):
        html = client.get(article.get_absolute_url()).content.decode()
    assert len(body_figures(html)) == count


# --- Usage and protection -----------------------------------------------------------


def test_usage_names_articles_showing_the_photo_in_their_body(bridge):
    lead = ArticleFactory(photo=bridge)
    in_body = ArticleFactory(body_fa=placed(bridge))
    in_english = ArticleFactory(title_en="E", lead_en="L", body_en=placed(bridge))
    ArticleFactory()
    assert set(bridge.usage()) == {lead, in_body, in_english}


def test_removing_the_figure_from_the_body_ends_the_usage(bridge):
    article = ArticleFactory(body_fa=placed(bridge))
    assert BodyPhoto.objects.filter(article=article, photo=bridge).exists()
    article.body_fa = "<p>بی‌عکس</p>"
    article.save()
    assert bridge.usage() == []


def test_a_transition_leaves_the_usage_alone(bridge):
    reporter = UserFactory(is_superuser=True, is_staff=True)
    article = ArticleFactory(
        body_fa=placed(bridge), status=Article.Status.DRAFT, author=reporter
    )
    services.article_transition(article=article, user=reporter, name="submit")
    assert bridge.usage() == [article]


def test_a_photo_shown_in_a_body_cannot_be_deleted(bridge):
    ArticleFactory(body_fa=placed(bridge))
    with pytest.raises(ProtectedError):
        bridge.delete()
    assert Photo.objects.filter(pk=bridge.pk).exists()


def test_the_admin_refuses_to_delete_it_and_names_the_story(admin_client, bridge):
    article = ArticleFactory(title_fa="خبر با عکس در متن", body_fa=placed(bridge))
    url = reverse("admin:photos_photo_delete", args=[bridge.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert article.title_fa in response.content.decode()
    assert Photo.objects.filter(pk=bridge.pk).exists()
    page = admin_client.get(reverse("admin:photos_photo_change", args=[bridge.pk]))
    assert article.get_absolute_url() in page.content.decode()


# --- The page cache -----------------------------------------------------------------


def test_editing_a_body_photo_refreshes_the_cached_page(
    client, settings, django_capture_on_commit_callbacks, bridge
):
    settings.PAGE_CACHE = True
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(
            body_fa=placed(bridge),
            published_at=timezone.now() - datetime.timedelta(days=2),
        )
        push_out_of_side_column()  # the other page shows nothing of it
        other = ArticleFactory()
    for url in (article.get_absolute_url(), other.get_absolute_url()):
        client.get(url)
        assert client.get(url).headers.get("X-Page-Cache") == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        bridge.caption_fa = "پل آجی‌چای زیر برف"
        bridge.save()
    response = client.get(article.get_absolute_url())
    assert response.headers.get("X-Page-Cache") == "miss"
    assert "پل آجی‌چای زیر برف" in response.content.decode()
    assert client.get(other.get_absolute_url()).headers.get("X-Page-Cache") == "hit"
