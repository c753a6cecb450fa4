from django.contrib.auth.management import create_permissions
from django.db import migrations

# The photo library's rights for each newsroom role: every desk finds, uploads and
# captions photos; the chief also deletes them.
_PHOTOS = ["photos.view_photo", "photos.add_photo", "photos.change_photo"]
ADDED = {
    "خبرنگار": _PHOTOS,
    "دبیر سرویس": _PHOTOS,
    "سردبیر": [*_PHOTOS, "photos.delete_photo"],
}


def _permission(apps, code):
    app_label, codename = code.split(".")
    return apps.get_model("auth", "Permission").objects.get(
        content_type__app_label=app_label, codename=codename
    )


def add_rights(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, codes in ADDED.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*[_permission(apps, code) for code in codes])


def remove_rights(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, codes in ADDED.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*[_permission(apps, code) for code in codes])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0018_editor_draft"),
        ("photos", "0001_photo_library"),
    ]

    operations = [migrations.RunPython(add_rights, remove_rights)]
