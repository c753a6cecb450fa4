from django.db import migrations


def load_services(apps, schema_editor):
    from topics.desks import DESKS

    Service = apps.get_model("topics", "Service")
    for position, (slug, name_fa, name_en) in enumerate(DESKS):
        Service.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name_fa,
                "name_fa": name_fa,
                "name_en": name_en,
                "position": position,
            },
        )


def unload_services(apps, schema_editor):
    from topics.desks import DESKS

    Service = apps.get_model("topics", "Service")
    Service.objects.filter(slug__in=[slug for slug, *_ in DESKS]).delete()


class Migration(migrations.Migration):
    dependencies = [("topics", "0002_load_countries")]

    operations = [migrations.RunPython(load_services, unload_services)]
