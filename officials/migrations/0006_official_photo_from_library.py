import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("officials", "0005_official_photos_to_library"),
    ]

    operations = [
        migrations.RemoveField(model_name="official", name="photo"),
        migrations.RenameField(
            model_name="official", old_name="portrait", new_name="photo"
        ),
        migrations.AlterField(
            model_name="official",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                help_text="From the photo library; shown square on the official's page.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="portrait_of",
                to="photos.photo",
                verbose_name="photo",
            ),
        ),
    ]
