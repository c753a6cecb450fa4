"""Every official's photo becomes a library photo, captioned with the official's
name and tagged with the official, pointing at the same stored file.

The photos are made without their renditions (the renditions code belongs to the
current models, not to a migration's): the official's page shows no picture until
``manage.py photos_renditions --missing`` makes them, which the upgrade runs next.
Going back puts each file back on its official and leaves the library photos.
"""

from django.db import migrations


def photos_to_library(apps, schema_editor):
    Official = apps.get_model("officials", "Official")
    Photo = apps.get_model("photos", "Photo")
    moved = 0
    for official in Official.objects.exclude(photo="").exclude(photo__isnull=True):
        # A photo already made of this file (the migration run before, then
        # reversed) is the one the official gets back.
        portrait = Photo.objects.filter(image=official.photo.name).order_by("pk").first()
        if portrait is None:
            portrait = Photo.objects.create(
                image=official.photo.name,
                caption=official.name_fa or official.name,
                caption_fa=official.name_fa or official.name,
                caption_en=official.name_en,
            )
            portrait.officials.add(official)
            moved += 1
        Official.objects.filter(pk=official.pk).update(portrait=portrait)
    if moved:
        print(
            f"\n  {moved} officials' photos moved to the photo library; make their "
            "renditions with: manage.py photos_renditions --missing"
        )


def photos_back(apps, schema_editor):
    Official = apps.get_model("officials", "Official")
    for official in Official.objects.filter(portrait__isnull=False).values(
        "pk", "portrait__image"
    ):
        Official.objects.filter(pk=official["pk"]).update(
            photo=official["portrait__image"], portrait=None
        )


class Migration(migrations.Migration):
    dependencies = [
        ("officials", "0004_official_portrait"),
    ]

    operations = [migrations.RunPython(photos_to_library, photos_back)]
