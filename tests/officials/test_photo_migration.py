"""Upgrading moves every official's photo into the photo library."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

from officials.models import Official
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("officials", "0004_official_portrait")]
# Every app's latest: the articles' later migrations, rolled back with this one,
# come back too, so the pages below read today's models.
LATEST = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes()


def test_an_officials_photo_becomes_a_library_photo_of_them(migrate, client):
    apps = migrate(BEFORE)
    name = default_storage.save(
        "officials/2025/03/khoram.jpg", ContentFile(image_bytes(size=(600, 800)))
    )
    old = apps.get_model("officials", "Official").objects.create(
        name="عابدین خرم",
        name_fa="عابدین خرم",
        name_en="Abedin Khoram",
        slug="khoram",
        photo=name,
    )
    apps.get_model("officials", "Official").objects.create(
        name_fa="بی‌عکس", slug="bi-aks"
    )

    migrate(LATEST)
    official = Official.objects.get(pk=old.pk)
    photo = official.photo
    assert photo.image.name == name
    assert (photo.caption_fa, photo.caption_en) == ("عابدین خرم", "Abedin Khoram")
    assert list(photo.officials.all()) == [official]
    assert Official.objects.get(slug="bi-aks").photo is None

    call_command("photos_renditions", "--missing", stdout=io.StringIO())
    html = client.get("/official/khoram/").content.decode()
    img = re.search(r'<img [^>]*class="official-photo"[^>]*>', html)[0]
    assert re.search(r'width="\d+" height="\d+"', img)

    apps = migrate(BEFORE)
    back = apps.get_model("officials", "Official").objects.get(pk=old.pk)
    assert back.photo.name == name
