"""``manage.py fold_reads``: move the read counts kept in Redis into the database.

Run it every minute (cron or a timer) where the site uses Redis; "most read" shows
the reads folded so far. Without Redis the site's processes write their counts
themselves and there is nothing to fold.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.reads import fold_reads


class Command(BaseCommand):
    help = "Move the read counts kept in Redis into the database (run every minute)."

    def handle(self, *args, **options):
        written = fold_reads()
        if not settings.REDIS_URL:
            self.stdout.write(
                "No REDIS_URL: the site's processes write their read counts themselves."
            )
            return
        self.stdout.write(f"Folded the reads of {written} article-days.")
