from django.db import migrations


def load_countries(apps, schema_editor):
    from topics.countries import iso_countries

    Country = apps.get_model("topics", "Country")
    for item in iso_countries():
        Country.objects.update_or_create(
            code=item.code,
            defaults={
                "name": item.name_fa,
                "name_fa": item.name_fa,
                "name_en": item.name_en,
                "other_names": "\n".join(item.other_names),
            },
        )


def unload_countries(apps, schema_editor):
    apps.get_model("topics", "Country").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("topics", "0001_initial")]

    operations = [migrations.RunPython(load_countries, unload_countries)]
