"""Backups of the whole site: the database, in its engine's own format, and the media.

A backup is a folder ``newsroom-<UTC time>`` in ``BACKUP_DIR`` holding:

- ``database.dump`` (PostgreSQL: ``pg_dump`` custom format) or ``database.sqlite3``
  (SQLite: a copy made with SQLite's online backup API, consistent while the site
  writes);
- ``media.tar``: every file under ``MEDIA_ROOT``;
- ``manifest.json``: when, which engine, the applied migrations, counts of articles,
  revisions and media files, and each file's size and SHA-256.

It is written under a hidden name and renamed once complete, so a folder with a
backup's name always holds a whole backup. A restore checks everything before it
changes anything (the manifest, every checksum, that the dump can be read, that this
code knows every migration the backup had), then replaces the database in one
transaction (a failure leaves it as it was) and puts the media files back.

- ``folders``: what a backup folder holds, and finding, listing, pruning them;
- ``operations``: making one, and checking and restoring one;
- ``postgres``, ``sqlite``: each engine's copy of the database, its check, its load;
- ``media``: MEDIA_ROOT packed into a tar, and put back from it.
"""

from newsroom.backups.folders import (
    Backup,
    BackupError,
    backup_find,
    backup_list,
    backup_prune,
)
from newsroom.backups.operations import (
    Restored,
    backup_check,
    backup_create,
    backup_restore,
    site_counts,
)
from newsroom.backups.postgres import pg_environment, pg_restore_command

__all__ = [
    "Backup",
    "BackupError",
    "Restored",
    "backup_check",
    "backup_create",
    "backup_find",
    "backup_list",
    "backup_prune",
    "backup_restore",
    "pg_environment",
    "pg_restore_command",
    "site_counts",
]
