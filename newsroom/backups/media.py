"""The media of a backup: MEDIA_ROOT packed into a plain tar, and put back from it."""

import shutil
import tarfile
from pathlib import Path

from newsroom.backups.folders import BackupError


def pack(media_root: Path, target: Path) -> int:
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


def unpack(archive: Path, staging: Path, expected: int | None) -> int:
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


def put_back(unpacked: Path, media_root: Path) -> None:
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
