"""Remove editors' unsaved texts (autosave drafts) not touched for some days.

A draft is removed anyway when its article is saved or the user discards it; this
clears those left behind. Safe to run at any time. Cron, once a day:

    30 3 * * * cd /srv/newsroom && .venv/bin/python manage.py purge_editor_drafts
"""

from django.core.management.base import BaseCommand, CommandError

from articles.autosave import DRAFT_DAYS, purge


class Command(BaseCommand):
    help = "Remove autosave drafts older than --days days (default 14)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=DRAFT_DAYS)

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days must be at least 1.")
        count = purge(days=days)
        self.stdout.write(f"purge_editor_drafts: {count} draft(s) removed")
