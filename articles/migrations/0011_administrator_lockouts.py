from django.contrib.auth.management import create_permissions
from django.db import migrations

# The administrator reads the login lockouts and lifts one by deleting it.
ADDED = {
    "مدیر سامانه": [
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
        "axes.view_accesslog",
    ],
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
        ("articles", "0010_search_vector"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(add_rights, remove_rights)]
