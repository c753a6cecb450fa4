# Joins the lockout rights (0011_administrator_lockouts) and the re-encoded images.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0011_administrator_lockouts'),
        ('articles', '0011_article_image_reencoded'),
    ]

    operations = [
    ]
