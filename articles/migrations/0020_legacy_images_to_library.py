"""Every article's featured image (the field before the photo library) becomes a
library photo, with its caption in each language and its credit.

The photo points at the same stored file (nothing is copied) and carries the
article's officials, countries and topics as tags, so editors find it in the
library. It becomes the article's lead photo when the article has none; beside an
existing lead photo it is kept in the library only.

The photos are made without their renditions (the renditions code belongs to the
current models, not to a migration's): pages show no picture for them until
``manage.py photos_renditions --missing`` makes them, which the upgrade runs next.

Going back puts the image, caption and credit back on each article whose lead photo
is a moved image, and leaves the photos in the library (a story may show them since);
an image moved beside an existing lead photo stays in the library only.
"""

from django.db import migrations

BATCH = 500
TAGS = ("officials", "countries", "topics")
LEGACY = (
    "pk",
    "image",
    "image_caption",
    "image_caption_fa",
    "image_caption_en",
    "image_credit",
    "photo_id",
)


def _batches(queryset):
    """``queryset``'s rows BATCH at a time by pk, so any archive fits in memory."""
    last = 0
    while True:
        rows = list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH])
        if not rows:
            return
        yield rows
        last = rows[-1]["pk"]


def images_to_library(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Photo = apps.get_model("photos", "Photo")
    with_image = Article.objects.exclude(image="").exclude(image__isnull=True)
    moved = 0
    for rows in _batches(with_image.values(*LEGACY)):
        for row in rows:
            # A photo already made of this file (the migration run before, then
            # reversed) is the one the article gets back.
            photo = Photo.objects.filter(image=row["image"]).order_by("pk").first()
            if photo is None:
                caption_fa = row["image_caption_fa"] or row["image_caption"] or ""
                photo = Photo.objects.create(
                    image=row["image"],
                    caption=caption_fa,
                    caption_fa=caption_fa,
                    caption_en=row["image_caption_en"],
                    credit=row["image_credit"] or "",
                )
                article = Article.objects.get(pk=row["pk"])
                for name in TAGS:
                    getattr(photo, name).set(getattr(article, name).all())
                moved += 1
            if row["photo_id"] is None:
                Article.objects.filter(pk=row["pk"]).update(photo=photo)
    if moved:
        print(
            f"\n  {moved} featured images moved to the photo library; make their "
            "renditions with: manage.py photos_renditions --missing"
        )


def images_back(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    moved = Article.objects.filter(photo__image__startswith="articles/")
    rows = moved.values(
        "pk",
        "photo__image",
        "photo__caption_fa",
        "photo__caption_en",
        "photo__credit",
    )
    for batch in _batches(rows):
        for row in batch:
            Article.objects.filter(pk=row["pk"]).update(
                image=row["photo__image"],
                image_caption=row["photo__caption_fa"] or "",
                image_caption_fa=row["photo__caption_fa"] or "",
                image_caption_en=row["photo__caption_en"],
                image_credit=row["photo__credit"],
                photo=None,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0019_photo_rights"),
        ("photos", "0001_photo_library"),
    ]

    operations = [migrations.RunPython(images_to_library, images_back)]
