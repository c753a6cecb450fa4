import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("officials", "0003_invariants"),
        ("photos", "0001_photo_library"),
    ]

    operations = [
        migrations.AddField(
            model_name="official",
            name="portrait",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="portrait_of",
                to="photos.photo",
                verbose_name="photo",
            ),
        ),
    ]
