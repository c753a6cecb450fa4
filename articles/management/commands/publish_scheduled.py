"""Record scheduled articles whose time has come as published.

Readers see a due article without this command (visibility is computed from state
and publish time); it keeps states and the audit trail true. Safe to run often and
from several machines at once. Cron, every minute:

    * * * * * cd /srv/newsroom && .venv/bin/python manage.py publish_scheduled
"""

from django.core.management.base import BaseCommand

from articles.services import article_publish_due


class Command(BaseCommand):
    help = "Record due scheduled articles as published (idempotent, safe to overlap)."

    def handle(self, *args, **options):
        count = article_publish_due()
        self.stdout.write(f"publish_scheduled: {count} article(s) published")
