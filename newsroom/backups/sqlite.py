"""SQLite's backups: a copy made, checked and put back with SQLite's backup API."""

import sqlite3
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

from newsroom.backups.folders import BackupError


def dump(target: Path) -> None:
    """Copy the site's database into ``target``, whole and consistent."""
    """Copy the site's database into ``target``, whole and consistent."""
    # Through Django's own connection: a consistent copy while the site writes, and
    # one that works for an in-memory database as well.
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # One self-contained file, even when the site's database runs in WAL mode.
        copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite could not copy the database: {exc}") from exc
    finally:
        copy.close()


def check(path: Path) -> None:
    """Refuse a file that is not a whole, readable SQLite database of ours."""
    try:
        copy = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
            tables = copy.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'"
            ).fetchone()
        finally:
            copy.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path} is not a readable SQLite database: {exc}") from exc
    if verdict != "ok" or not tables:
        raise BackupError(f"{path} is not a whole Newsroom database ({verdict}).")


def load(path: Path) -> None:
    """Replace the site's database with the copy at ``path``, in one step."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    connection.ensure_connection()
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        # One step: SQLite copies every page in one write transaction, so the
        # database is either wholly replaced or left as it was.
        source.backup(connection.connection)
    except sqlite3.Error as exc:
        raise BackupError(
            f"The database could not be restored and was left as it was: {exc}"
        ) from exc
    finally:
        source.close()
