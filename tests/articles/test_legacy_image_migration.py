"""Upgrading moves every article's featured image into the photo library."""

import datetime
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

from articles.models import Article
from photos.models import Photo
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("articles", "0019_photo_rights")]
MOVED = [("articles", "0020_legacy_images_to_library")]
LATEST = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("articles")


def old_article(apps, news_code: int, **fields):
    """An article as the previous release stored it, with its featured image."""
    Article = apps.get_model("articles", "Article")
    Service = apps.get_model("topics", "Service")
    name = default_storage.save(
        f"articles/2025/03/{news_code}.jpg", ContentFile(image_bytes(size=(800, 450)))
    )
    return Article.objects.create(
        news_code=news_code,
        title=f"خبر {news_code}",
        title_fa=f"خبر {news_code}",
        slug=f"khabar-{news_code}",
        service=Service.objects.get(slug="political"),
        status="published",
        published_at=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC),
        image=name,
        **fields,
    )


def test_featured_images_become_library_photos_with_caption_and_credit(
    migrate, client, capsys
):
    apps = migrate(BEFORE)
    Topic = apps.get_model("topics", "Topic")
    bridge = Topic.objects.create(name="پل", name_fa="پل", slug="pol")
    article = old_article(
        apps,
        14040101001,
        image_caption="پل آجی‌چای",
        image_caption_fa="پل آجی‌چای",
        image_caption_en="The Aji Chay bridge",
        image_credit="ایرنا",
    )
    article.topics.add(bridge)
    old_name = article.image.name
    lead = default_storage.save("photos/2025/03/lead.jpg", ContentFile(image_bytes()))
    already = apps.get_model("photos", "Photo").objects.create(
        image=lead, caption_fa="عکس اصلی"
    )
    beside = old_article(apps, 14040101002, image_caption_fa="عکس قدیمی", photo=already)
    bare = apps.get_model("articles", "Article").objects.create(
        news_code=14040101003, title_fa="بی‌عکس", service=article.service
    )

    migrate([("articles", "0021_remove_legacy_image")])
    migrate(LATEST)  # the rest of the upgrade: the pages below read today's models

    moved = Article.objects.get(pk=article.pk)
    photo = moved.photo
    assert photo.image.name == old_name and default_storage.exists(old_name)
    assert (photo.caption_fa, photo.caption_en) == ("پل آجی‌چای", "The Aji Chay bridge")
    assert photo.credit == "ایرنا"
    assert [t.slug for t in photo.topics.all()] == ["pol"]
    # Beside an existing lead photo the old image is kept, in the library only.
    assert Article.objects.get(pk=beside.pk).photo_id == already.pk
    kept = Photo.objects.get(image=beside.image.name)
    assert kept.caption_fa == "عکس قدیمی"
    assert Article.objects.get(pk=bare.pk).photo is None
    assert Photo.objects.count() == 3
    assert "photos_renditions --missing" in capsys.readouterr().out

    # Until its renditions are made the page shows the caption and no picture...
    html = client.get(moved.get_absolute_url()).content.decode()
    assert "پل آجی‌چای" in html and "<picture>" not in html
    # ... and the upgrade's next step makes them.
    call_command("photos_renditions", "--missing", stdout=io.StringIO())
    html = client.get(moved.get_absolute_url()).content.decode()
    figure = html.split('<figure class="article-image">')[1].split("</figure>")[0]
    assert "<picture>" in figure
    assert re.search(r'<img [^>]*width="\d+" height="\d+"', figure)


def test_going_back_puts_the_image_back_on_the_article(migrate):
    apps = migrate(BEFORE)
    article = old_article(
        apps,
        14040101004,
        image_caption_fa="میدان ساعت",
        image_caption_en="Clock square",
        image_credit="تحریریه",
    )
    migrate(MOVED)
    assert Photo.objects.count() == 1

    apps = migrate(BEFORE)
    back = apps.get_model("articles", "Article").objects.get(pk=article.pk)
    assert back.image.name == article.image.name and back.photo_id is None
    assert (back.image_caption_fa, back.image_caption_en) == (
        "میدان ساعت",
        "Clock square",
    )
    assert back.image_credit == "تحریریه"

    # Forward again, the article gets the same library photo back.
    apps = migrate(MOVED)
    assert Photo.objects.count() == 1
    assert apps.get_model("articles", "Article").objects.get(pk=article.pk).photo_id
