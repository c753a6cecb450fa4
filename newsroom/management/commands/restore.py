"""Replace the database and restore the media files from a backup.

    python manage.py restore newsroom-20261201T003000Z --yes
    python manage.py restore /mnt/offsite/newsroom-20261201T003000Z

The backup is named as ``manage.py backup --list`` shows it (a folder in BACKUP_DIR)
or given by its path. Everything written since the backup is lost from the database,
so the command asks first (or needs --yes). It checks the whole backup before it
changes anything; the work is done by ``newsroom.backups``.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import BackupError, backup_find, backup_restore
from newsroom.management.commands.backup import summary


class Command(BaseCommand):
    help = "Replace the database and restore MEDIA_ROOT from a backup."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a backup's name in BACKUP_DIR, or its path")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="do not ask: replace the database and media without a question",
        )
        parser.add_argument(
            "--dir", help="where to look for the name (default: BACKUP_DIR)"
        )

    def handle(self, *args, **options):
        directory = Path(options["dir"] or settings.BACKUP_DIR)
        try:
            backup = backup_find(name=options["backup"], directory=directory)
            manifest = backup.manifest
            self.stdout.write(
                f"restore: {backup.path}, made {manifest.get('created')} on "
                f"{manifest['engine']} ({summary(backup.counts)})"
            )
            if not options["yes"]:
                self.confirm()
            restored = backup_restore(backup=backup)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"restore: done ({summary(restored.counts)})")
        if restored.pending_migrations:
            self.stdout.write(
                f"restore: the backup predates {len(restored.pending_migrations)} "
                "migration(s) of this code; run `manage.py migrate` now."
            )

    def confirm(self) -> None:
        warning = (
            "This replaces the whole database and puts back the media files: "
            "everything written since the backup is lost."
        )
        if not sys.stdin.isatty():
            raise CommandError(f"{warning} Run again with --yes to go ahead.")
        answer = input(f"{warning}\nType 'yes' to go ahead: ")
        if answer.strip().lower() != "yes":
            raise CommandError("Restore cancelled; nothing was changed.")
