"""What a backup folder is and holds; finding, listing and pruning backups."""

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

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


def describe(path: Path) -> dict:
    """The size and SHA-256 of the file at ``path``, as the manifest lists them."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


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
