"""Back up the database and the media files into one timestamped folder.

    python manage.py backup [--keep 14] [--dir /var/backups/newsroom]
    python manage.py backup --list

The folder goes into BACKUP_DIR (default: backups/ in the project folder). --keep N
then removes the older backups beyond the N newest; only folders this command made
are counted or removed. Cron, every night at 03:30:

    30 3 * * * cd /srv/newsroom && .venv/bin/python manage.py backup --keep 14

The work is done by ``newsroom.backups``; ``manage.py restore`` puts a backup back.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import BackupError, backup_create, backup_list, backup_prune


def summary(counts: dict) -> str:
    """The counts of a backup or a restore, in one line."""
    return (
        f"{counts.get('published_articles', 0)} published of "
        f"{counts.get('articles', 0)} articles, {counts.get('revisions', 0)} "
        f"revisions, {counts.get('media_files', 0)} media files"
    )


class Command(BaseCommand):
    help = "Back up the database and MEDIA_ROOT into a timestamped folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep",
            type=int,
            metavar="N",
            help="then remove older backups beyond the N newest (only ones it made)",
        )
        parser.add_argument(
            "--dir", help="where backups go (default: the BACKUP_DIR setting)"
        )
        parser.add_argument(
            "--list", action="store_true", help="list the backups, newest first"
        )

    def handle(self, *args, **options):
        directory = Path(options["dir"] or settings.BACKUP_DIR)
        try:
            if options["list"]:
                self.list(directory)
                return
            if options["keep"] is not None and options["keep"] < 1:
                raise CommandError("--keep must be at least 1.")
            backup = backup_create(directory=directory)
            size = sum(f.stat().st_size for f in backup.path.iterdir())
            self.stdout.write(
                f"backup: {backup.path} ({summary(backup.counts)}; "
                f"{size / 1024 / 1024:.1f} MB)"
            )
            if options["keep"] is not None:
                removed = backup_prune(directory=directory, keep=options["keep"])
                names = ", ".join(old.name for old in removed) or "none"
                self.stdout.write(
                    f"backup: kept the {options['keep']} newest; removed {names}"
                )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc

    def list(self, directory: Path) -> None:
        backups = backup_list(directory=directory)
        if not backups:
            self.stdout.write(f"No backups in {directory}.")
            return
        for backup in backups:
            self.stdout.write(
                f"{backup.name}  {backup.manifest['engine']}  {summary(backup.counts)}"
            )
