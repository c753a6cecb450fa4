"""Making a backup of the whole site, and checking and restoring one."""

import datetime
import json
import os
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from reversion.models import Version

from articles.models import Article
from newsroom.backups import media, postgres, sqlite
from newsroom.backups.folders import (
    DUMPS,
    FORMAT,
    KIND,
    MANIFEST,
    MEDIA,
    Backup,
    BackupError,
    describe,
)

# Each engine's module writes a copy of the database (dump), refuses one it cannot
# restore (check) and replaces the database with one (load).
ENGINES = {"postgresql": postgres, "sqlite": sqlite}


@dataclass(frozen=True)
class Restored:
    counts: dict
    # Migrations of this code the backup predates: `migrate` brings the data up.
    pending_migrations: list[str]


# --- Making a backup ---------------------------------------------------------------


def backup_create(*, directory: Path) -> Backup:
    """Write a complete backup of the database and MEDIA_ROOT into ``directory``."""
    engine = _engine()
    directory = Path(directory)
    created = datetime.datetime.now(datetime.UTC)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Private (mkdtemp makes it 0700): a backup holds every password hash.
        work = Path(tempfile.mkdtemp(prefix=".newsroom-partial-", dir=directory))
    except OSError as exc:
        raise BackupError(f"Cannot write into {directory}: {exc}") from exc
    try:
        # The database first, the media after: a photo is written before its row,
        # so every file the copied rows name is on disk by the time of the tar.
        dump = work / DUMPS[engine]
        ENGINES[engine].dump(dump)
        media_files = media.pack(Path(settings.MEDIA_ROOT), work / MEDIA)
        manifest = {
            "kind": KIND,
            "format": FORMAT,
            "created": created.isoformat(),
            "engine": engine,
            "newsroom_version": _version(),
            "migrations": _applied_migrations(),
            "counts": {**site_counts(), "media_files": media_files},
            "files": {path.name: describe(path) for path in (dump, work / MEDIA)},
        }
        (work / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        final = _free_name(directory, created)
        os.rename(work, final)
    except OSError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise BackupError(f"The backup could not be written: {exc}") from exc
    except DatabaseError as exc:
        shutil.rmtree(work, ignore_errors=True)
        raise BackupError(f"The database could not be read: {exc}") from exc
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Backup(final, manifest)


def _free_name(directory: Path, created: datetime.datetime) -> Path:
    stamp = created.strftime("%Y%m%dT%H%M%SZ")
    candidate, number = directory / f"newsroom-{stamp}", 1
    while candidate.exists():
        number += 1
        candidate = directory / f"newsroom-{stamp}-{number}"
    return candidate


def _engine() -> str:
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if vendor not in DUMPS:
        raise BackupError(
            f"Backups support SQLite and PostgreSQL; this site runs on {vendor}."
        )
    return vendor


def _version() -> str:
    try:
        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as handle:
            return tomllib.load(handle)["project"]["version"]
    except (OSError, ValueError, KeyError):
        return "unknown"


def _applied_migrations() -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[DEFAULT_DB_ALIAS])
    applied: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def site_counts() -> dict[str, int]:
    """Articles, published articles and revisions in the database now."""
    return {
        "articles": Article.objects.count(),
        "published_articles": Article.objects.published().count(),
        "revisions": Version.objects.count(),
    }


# --- Restoring ---------------------------------------------------------------------


def backup_check(*, backup: Backup) -> list[str]:
    """Refuse a backup this site cannot restore; return the migrations to run after.

    Changes nothing. Checks the engine, that every file is whole (size and SHA-256),
    that the database copy can be read and that this code knows its migrations.
    """
    engine = _engine()
    manifest = backup.manifest
    if manifest["engine"] != engine:
        raise BackupError(
            f"{backup.name} is a {manifest['engine']} backup; this site runs on "
            f"{engine}. Restore it on a site configured with that database."
        )
    for name in (DUMPS[engine], MEDIA):
        expected = manifest["files"].get(name)
        path = backup.path / name
        if not isinstance(expected, dict) or not path.is_file():
            raise BackupError(f"{backup.name} is incomplete: {name} is missing.")
        if describe(path) != {
            "bytes": expected.get("bytes"),
            "sha256": expected.get("sha256"),
        }:
            raise BackupError(
                f"{backup.name} is damaged: {name} is not the file that was backed "
                "up (its size or checksum differs)."
            )
    ENGINES[engine].check(backup.path / DUMPS[engine])

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    recorded = {
        (app, name)
        for app, names in (manifest.get("migrations") or {}).items()
        for name in names
    }
    unknown = sorted(recorded - known)
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(
            f"{backup.name} was made by a newer Newsroom (migrations unknown here: "
            f"{listed}). Deploy that version, then restore."
        )
    return [f"{app}.{name}" for app, name in sorted(known - recorded)]


def backup_restore(*, backup: Backup) -> Restored:
    """Replace the database and restore MEDIA_ROOT from ``backup``.

    The backup is checked (``backup_check``) and its media unpacked aside before
    anything is changed. Media files added since the backup are kept (no row refers
    to them any more); the cache is emptied, since every page in it is older.
    """
    pending = backup_check(backup=backup)
    engine = backup.manifest["engine"]
    media_root = Path(settings.MEDIA_ROOT)
    try:
        media_root.mkdir(parents=True, exist_ok=True)
        # Beside MEDIA_ROOT, on the same disk: putting the files back is a rename.
        staging = Path(
            tempfile.mkdtemp(prefix=".newsroom-restore-", dir=media_root.parent)
        )
    except OSError as exc:
        raise BackupError(f"Cannot write beside {media_root}: {exc}") from exc
    try:
        unpacked = media.unpack(
            backup.path / MEDIA, staging, backup.counts.get("media_files")
        )
        ENGINES[engine].load(backup.path / DUMPS[engine])
        media.put_back(staging / "media", media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    cache.clear()
    try:
        counts = site_counts()
    except DatabaseError as exc:
        raise BackupError(f"The restored database cannot be read: {exc}") from exc
    return Restored({**counts, "media_files": unpacked}, pending)
