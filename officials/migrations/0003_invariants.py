"""A post does not end before it starts, checked by the database.

A post entered with its dates the wrong way round (only possible outside the admin,
which refuses it) gets them swapped, the way they were meant.
"""

from django.db import migrations, models
from django.db.models import F


def swap_reversed_dates(apps, schema_editor):
    Position = apps.get_model("officials", "Position")
    for position in Position.objects.filter(end_date__lt=F("start_date")):
        position.start_date, position.end_date = position.end_date, position.start_date
        position.save(update_fields=["start_date", "end_date"])


class Migration(migrations.Migration):

    dependencies = [
        ('officials', '0002_official_photo_reencoded'),
        ('topics', '0004_service_editors'),
    ]

    operations = [
        migrations.RunPython(swap_reversed_dates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=models.Q(('end_date__isnull', True), ('end_date__gte', models.F('start_date')), _connector='OR'), name='position_ends_after_it_starts', violation_error_message='The end date cannot be before the start date.'),
        ),
    ]
