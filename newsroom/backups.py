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
"""

import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
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

KIND = "newsroom-backup"
FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# Only folders named like this, holding a manifest of ours, are ever listed or
# removed by the retention rule; anything else in BACKUP_DIR is left alone.
NAME = re.compile(r"^newsroom-(\d{8}T\d{6}Z)(?:-(\d+))?$")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: dict

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def counts(self) -> dict:
        return self.manifest.get("counts", {})

    def order(self) -> tuple[str, int]:
        """Sort key: the time in the name, then the number of a same-second twin."""
        found = NAME.match(self.name)
        return (found[1], int(found[2] or 1)) if found else ("", 0)


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
        if engine == "postgresql":
            _pg_dump(dump, database=connections[DEFAULT_DB_ALIAS].settings_dict)
        else:
            _sqlite_dump(dump)
        media_files = _media_pack(Path(settings.MEDIA_ROOT), work / MEDIA)
        manifest = {
            "kind": KIND,
            "format": FORMAT,
            "created": created.isoformat(),
            "engine": engine,
            "newsroom_version": _version(),
            "migrations": _applied_migrations(),
            "counts": {**site_counts(), "media_files": media_files},
            "files": {path.name: _describe(path) for path in (dump, work / MEDIA)},
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


def _describe(path: Path) -> dict:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def _sqlite_dump(target: Path) -> None:
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


def _media_pack(media_root: Path, target: Path) -> int:
    """Write MEDIA_ROOT into the tar ``target``; return how many files it holds."""
    files = 0

    def count(member: tarfile.TarInfo) -> tarfile.TarInfo:
        nonlocal files
        files += member.isfile()
        return member

    # Photos are compressed already: a plain tar, written at disk speed.
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar:
        if media_root.is_dir():
            tar.add(media_root, arcname="media", filter=count)
    return files


# --- PostgreSQL tools --------------------------------------------------------------

# The libpq variables that choose the server, the database and the login: taken from
# settings.DATABASES only, never inherited, so a restore can only reach the
# configured database. The password travels in the environment, never in arguments.
_PG_TARGET = frozenset(
    {"PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE"}
    | {"PGSERVICE", "PGPASSFILE"}
)
_PG_OPTIONS = {
    "service": "PGSERVICE",
    "passfile": "PGPASSFILE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


def pg_environment(settings_dict: dict) -> dict[str, str]:
    """The environment for pg_dump, pg_restore and psql to reach ``settings_dict``."""
    env = {key: value for key, value in os.environ.items() if key not in _PG_TARGET}
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        **{variable: options.get(key) for key, variable in _PG_OPTIONS.items()},
    }
    env.update({key: str(value) for key, value in values.items() if value})
    env["PGAPPNAME"] = "newsroom-backup"
    # Dropping the old tables reports each one it cascades to; only warnings matter.
    env["PGOPTIONS"] = "-c client_min_messages=warning"
    return env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found on PATH: install the PostgreSQL client tools of "
            "the server's major version (Debian: postgresql-client)."
        )
    return found


def _tool_error(text: bytes) -> str:
    """The tool's error line (psql follows it with context lines), or its last."""
    lines = [line for line in text.decode(errors="replace").splitlines() if line]
    errors = [line for line in lines if "ERROR" in line or "error:" in line]
    return (errors or lines or ["no message"])[0 if errors else -1]


def _pg_dump(target: Path, *, database: dict) -> None:
    env = pg_environment(database)
    done = subprocess.run(
        [_tool("pg_dump"), "--no-password", "--format=custom", "--file", str(target)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {_tool_error(done.stderr)}")


def _pg_check(dump: Path) -> None:
    done = subprocess.run(
        [_tool("pg_restore"), "--list", str(dump)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
    )
    if done.returncode != 0:
        raise BackupError(
            f"{dump} is not a readable PostgreSQL dump: {_tool_error(done.stderr)}"
        )


# Run before the dump's own statements, in the same transaction: the schema is made
# empty, as PostgreSQL 15 creates it, so tables made after the backup go too and
# `migrate` afterwards finds exactly the backup's state.
_PG_PROLOGUE = b"""BEGIN;
DROP SCHEMA public CASCADE;
CREATE SCHEMA public AUTHORIZATION pg_database_owner;
GRANT USAGE ON SCHEMA public TO PUBLIC;
"""


def pg_restore_command(dump: Path) -> list[str]:
    """The command that writes the dump out as SQL statements."""
    return [_tool("pg_restore"), "--no-owner", "--file", "-", str(dump)]


def _pg_load(dump: Path) -> None:
    """Replace the database with the dump's, all in one transaction."""
    env = pg_environment(connections[DEFAULT_DB_ALIAS].settings_dict)
    psql = [_tool("psql"), "--no-psqlrc", "--no-password", "--quiet"]
    psql += ["--set", "ON_ERROR_STOP=1", "--file", "-"]
    with tempfile.TemporaryFile() as writer_errors, tempfile.TemporaryFile() as errors:
        loader = subprocess.Popen(
            psql,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        writer = subprocess.Popen(
            pg_restore_command(dump),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=writer_errors,
        )
        try:
            loader.stdin.write(_PG_PROLOGUE)
            while block := writer.stdout.read(CHUNK):
                loader.stdin.write(block)
            written = writer.wait() == 0
            # COMMIT only after every statement arrived: if the dump could not be
            # read to its end, psql reaches the end of its input inside the
            # transaction and the server rolls it back when psql disconnects.
            if written:
                loader.stdin.write(b"\nCOMMIT;\n")
        except BrokenPipeError:
            written = False  # psql stopped at an error; its message says which
        finally:
            try:
                loader.stdin.close()
            except BrokenPipeError:
                pass
            writer.stdout.close()
            if writer.poll() is None:
                writer.kill()
            writer.wait()
            loaded = loader.wait() == 0
        if not (written and loaded):
            errors.seek(0)
            writer_errors.seek(0)
            said = _tool_error(errors.read()) if not loaded else ""
            said = said or _tool_error(writer_errors.read())
            raise BackupError(
                f"The database could not be restored and was left as it was: {said}"
            )


# --- Finding and listing backups ---------------------------------------------------


def backup_list(*, directory: Path) -> list[Backup]:
    """The backups in ``directory`` that this code made, newest first."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    found = []
    for path in directory.iterdir():
        if not (NAME.match(path.name) and path.is_dir()):
            continue
        try:
            found.append(Backup(path, _read_manifest(path)))
        except BackupError:
            continue  # not ours, or damaged: never listed, never removed
    return sorted(found, key=Backup.order, reverse=True)


def backup_prune(*, directory: Path, keep: int) -> list[Backup]:
    """Remove all but the ``keep`` newest backups in ``directory``; return those."""
    if keep < 1:
        raise BackupError("--keep must be at least 1.")
    removed = backup_list(directory=directory)[keep:]
    for backup in removed:
        shutil.rmtree(backup.path)
    return removed


def backup_find(*, name: str, directory: Path) -> Backup:
    """The backup called ``name`` in ``directory``, or at the path ``name``."""
    path = Path(name).expanduser()
    if not path.is_dir() and not path.is_absolute():
        path = Path(directory) / name
    if not path.is_dir():
        raise BackupError(
            f"No backup {name!r} (looked in {directory}); "
            "`manage.py backup --list` shows the backups there."
        )
    return Backup(path.resolve(), _read_manifest(path))


def _read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{path} is not a Newsroom backup: no {MANIFEST}.") from None
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path / MANIFEST} cannot be read: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
        raise BackupError(f"{path} is not a Newsroom backup.")
    if manifest.get("format") != FORMAT or manifest.get("engine") not in DUMPS:
        raise BackupError(
            f"{path} was written by another version of Newsroom "
            f"(format {manifest.get('format')!r}); restore it with that version."
        )
    if not isinstance(manifest.get("files"), dict):
        raise BackupError(f"{path / MANIFEST} lists no files.")
    return manifest


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
        if _describe(path) != {
            "bytes": expected.get("bytes"),
            "sha256": expected.get("sha256"),
        }:
            raise BackupError(
                f"{backup.name} is damaged: {name} is not the file that was backed "
                "up (its size or checksum differs)."
            )
    dump = backup.path / DUMPS[engine]
    if engine == "postgresql":
        _pg_check(dump)
    else:
        _sqlite_check(dump)

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


def _sqlite_check(dump: Path) -> None:
    try:
        copy = sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)
        try:
            verdict = copy.execute("PRAGMA quick_check").fetchone()[0]
            tables = copy.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'django_migrations'"
            ).fetchone()
        finally:
            copy.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{dump} is not a readable SQLite database: {exc}") from exc
    if verdict != "ok" or not tables:
        raise BackupError(f"{dump} is not a whole Newsroom database ({verdict}).")


def _sqlite_load(dump: Path) -> None:
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    connection.ensure_connection()
    source = sqlite3.connect(f"{dump.resolve().as_uri()}?mode=ro", uri=True)
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
        unpacked = _media_unpack(
            backup.path / MEDIA, staging, backup.counts.get("media_files")
        )
        dump = backup.path / DUMPS[engine]
        if engine == "postgresql":
            # psql drops the schema: no session of ours may hold a lock on it.
            connections.close_all()
            _pg_load(dump)
        else:
            _sqlite_load(dump)
        _media_put_back(staging / "media", media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    cache.clear()
    try:
        counts = site_counts()
    except DatabaseError as exc:
        raise BackupError(f"The restored database cannot be read: {exc}") from exc
    return Restored({**counts, "media_files": unpacked}, pending)


def _media_unpack(archive: Path, staging: Path, expected: int | None) -> int:
    """Unpack the media tar into ``staging``; refuse anything but plain files.

    ``expected`` is the manifest's count: tarfile takes a damaged header after the
    first for the end of the archive, so a short count means a damaged archive.
    """
    try:
        with tarfile.open(archive, "r:") as tar:
            members = tar.getmembers()
            for member in members:
                parts = Path(member.name).parts
                if (
                    not parts
                    or parts[0] != "media"
                    or ".." in parts
                    or Path(member.name).is_absolute()
                    or not (member.isfile() or member.isdir())
                ):
                    raise BackupError(
                        f"{archive} holds {member.name!r}, which is not a media file."
                    )
            files = sum(member.isfile() for member in members)
            if expected is not None and files != expected:
                raise BackupError(
                    f"{archive} cannot be unpacked: it holds {files} of the "
                    f"{expected} media files backed up."
                )
            extra = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
            tar.extractall(staging, members=members, **extra)
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{archive} cannot be unpacked: {exc}") from exc
    return files


def _media_put_back(unpacked: Path, media_root: Path) -> None:
    if not unpacked.is_dir():
        return
    try:
        for source in sorted(unpacked.rglob("*")):
            target = media_root / source.relative_to(unpacked)
            if source.is_dir():
                target.mkdir(parents=True, exist_ok=True)
            else:
                shutil.move(source, target)
    except OSError as exc:
        raise BackupError(
            f"The database was restored but media files could not all be put back "
            f"into {media_root}: {exc}. Run the restore again once that is fixed."
        ) from exc
