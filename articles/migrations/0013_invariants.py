"""A published or scheduled article has a publish time, checked by the database.

Such an article without a time was never shown to readers (the public lists ask for
a time in the past), so any found is set back to approved: still unseen, and on the
desk's list of articles ready to publish, where an editor gives it a time.
"""

from django.conf import settings
from django.db import migrations, models

LIVE = ("published", "scheduled")


def approve_the_timeless(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Article.objects.filter(status__in=LIVE, published_at__isnull=True).update(
        status="approved"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0012_merge_lockouts_and_images'),
        ('officials', '0002_official_photo_reencoded'),
        ('topics', '0004_service_editors'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(approve_the_timeless, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ('published', 'scheduled')), _negated=True), ('published_at__isnull', False), _connector='OR'), name='article_live_has_publish_time', violation_error_message='A published or scheduled article needs a publish time.'),
        ),
    ]
