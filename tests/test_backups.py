"""Backups: a restore brings back the published news whole, and refuses bad backups."""

import io
import json
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
import reversion
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from PIL import Image
from reversion.models import Revision, Version

from articles.models import Article
from newsroom import backups
from newsroom.backups import folders, media, postgres
from photos.models import Photo
from tests.factories import ArticleFactory

# pg_dump reads through a session of its own and SQLite's backup copies the whole
# database: the test's rows must be committed, not held in a rolled-back transaction.
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's restore path"
)


@pytest.fixture
def backup_dir(settings, tmp_path) -> Path:
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def photo(number: int) -> Photo:
    """A library photo (no renditions: one media file), different for each
    ``number``, uploaded under a Persian file name."""
    buffer = io.BytesIO()
    Image.new("RGB", (8 + number, 8), (40 * number, 90, 120)).save(buffer, "PNG")
    return Photo.objects.create(
        image=ContentFile(buffer.getvalue(), name=f"عکس-{number}.png")
    )


def newsroom_with_photos() -> None:
    """Three published articles with a photo and two revisions each, and a draft."""
    for number in range(1, 4):
        with reversion.create_revision():
            article = ArticleFactory(photo=photo(number))
            reversion.set_comment("نسخه نخست")
        with reversion.create_revision():
            article.lead_fa = f"لید ویرایش‌شده {number}"
            article.save()
            reversion.set_comment("ویرایش دبیر")
    with reversion.create_revision():
        ArticleFactory(status=Article.Status.DRAFT)


def published(media_root: Path) -> dict:
    """Every published article, its revisions and its photo's bytes, by news code."""
    return {
        article.news_code: {
            "title": article.title_fa,
            "lead": article.lead_fa,
            "image": article.photo.image.name,
            "photo": (media_root / article.photo.image.name).read_bytes(),
            "revisions": [
                (version.revision.comment, version.serialized_data)
                for version in Version.objects.get_for_object(article).order_by("pk")
            ],
        }
        for article in Article.objects.published().order_by("news_code")
    }


def wipe(media_root: Path) -> None:
    Version.objects.all().delete()
    Revision.objects.all().delete()
    Article.objects.all().delete()
    Photo.objects.all().delete()
    shutil.rmtree(media_root)


@committed
def test_restore_brings_back_every_published_article_revision_and_photo(
    backup_dir, settings
):
    media_root = Path(settings.MEDIA_ROOT)
    newsroom_with_photos()
    before = published(media_root)
    assert len(before) == 3
    assert all(len(state["revisions"]) == 2 for state in before.values())

    assert "3 published of 4 articles, 7 revisions, 3 media files" in run("backup")
    (made,) = backups.backup_list(directory=backup_dir)

    wipe(media_root)
    assert not Article.objects.exists() and not Version.objects.exists()
    ArticleFactory(title_fa="خبری که پس از پشتیبان نوشته شد")

    output = run("restore", made.name, "--yes")

    assert "done (3 published of 4 articles, 7 revisions, 3 media files)" in output
    assert published(media_root) == before
    assert Article.objects.count() == 4  # the draft too
    assert not Article.objects.filter(title_fa__startswith="خبری که پس").exists()


@committed
def test_a_backup_holds_the_dump_the_media_and_a_manifest(backup_dir):
    newsroom_with_photos()
    run("backup")
    (made,) = backups.backup_list(directory=backup_dir)
    dump = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert {path.name for path in made.path.iterdir()} == {
        "manifest.json",
        "media.tar",
        dump,
    }
    manifest = json.loads((made.path / "manifest.json").read_text())
    assert manifest["engine"] == connection.vendor
    assert "0001_initial" in manifest["migrations"]["articles"]
    assert manifest["counts"]["published_articles"] == 3
    assert made.name.startswith("newsroom-") and made.name.endswith("Z")


@committed
def test_keep_removes_older_backups_it_made_and_nothing_else(backup_dir):
    ArticleFactory()
    backup_dir.mkdir()
    others = [
        backup_dir / "notes.txt",
        backup_dir / "newsroom-manual-copy",
        backup_dir / "newsroom-20000101T000000Z",  # our kind of name, no manifest
    ]
    others[0].write_text("offsite copy on Tuesdays")
    others[1].mkdir()
    others[2].mkdir()

    made = []
    for _ in range(3):
        run("backup", "--keep", "2")
        made.append(backups.backup_list(directory=backup_dir)[0].name)

    assert len(set(made)) == 3
    kept = [backup.name for backup in backups.backup_list(directory=backup_dir)]
    assert kept == [made[2], made[1]]
    assert not (backup_dir / made[0]).exists()
    assert all(path.exists() for path in others)


def test_keep_must_be_at_least_one(backup_dir):
    with pytest.raises(CommandError, match="at least 1"):
        run("backup", "--keep", "0")
    assert not backup_dir.exists()


@committed
def test_a_failed_backup_leaves_no_folder_behind(backup_dir, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(media, "pack", disk_full)
    with pytest.raises(CommandError, match="No space left"):
        run("backup")
    assert list(backup_dir.iterdir()) == []


# --- Refused restores: nothing is changed ----------------------------------------


@pytest.fixture
def made(backup_dir, settings) -> backups.Backup:
    """A backup of one article, then an article and a photo written after it."""
    ArticleFactory(title_fa="خبر پیش از پشتیبان", photo=photo(4))
    run("backup")
    (backup,) = backups.backup_list(directory=backup_dir)
    ArticleFactory(title_fa="خبر پس از پشتیبان", photo=photo(5))
    return backup


def unchanged() -> bool:
    """True while the article written after the backup and its photo are there."""
    article = Article.objects.get(title_fa="خبر پس از پشتیبان")
    return article.photo.image.storage.exists(article.photo.image.name)


@contextmanager
def edited_manifest(backup: backups.Backup):
    """The backup's manifest, to change: written back as the block ends."""
    path = backup.path / "manifest.json"
    manifest = json.loads(path.read_text())
    yield manifest
    path.write_text(json.dumps(manifest))


@committed
def test_restore_refuses_without_yes_when_it_cannot_ask(made):
    with pytest.raises(CommandError, match="--yes"):
        run("restore", made.name)
    assert unchanged()


@committed
def test_restore_asks_first_and_an_answer_other_than_yes_changes_nothing(
    made, monkeypatch
):
    asked = []
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "no")
    with pytest.raises(CommandError, match="cancelled"):
        run("restore", made.name)
    assert "everything written since the backup is lost" in asked[0]
    assert unchanged()


def test_restore_of_a_missing_backup_is_refused(backup_dir):
    with pytest.raises(CommandError, match="No backup 'newsroom-19990101T000000Z'"):
        run("restore", "newsroom-19990101T000000Z", "--yes")


def test_restore_of_a_folder_that_is_no_backup_is_refused(tmp_path):
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(CommandError, match="cannot be read"):
        run("restore", str(tmp_path), "--yes")


@committed
@pytest.mark.parametrize("damaged", ["dump", "media.tar"])
def test_restore_of_a_damaged_backup_is_refused(made, damaged):
    target = (
        next(made.path.glob("database.*")) if damaged == "dump" else made.path / damaged
    )
    data = bytearray(target.read_bytes())
    for at in range(len(data) // 2, len(data) // 2 + 64):
        data[at] ^= 0xFF
    target.write_bytes(bytes(data))

    with pytest.raises(CommandError, match="is damaged"):
        run("restore", made.name, "--yes")
    assert unchanged()


@committed
def test_restore_of_an_archive_that_is_no_tar_is_refused(made):
    # Checksums written to match: the archive itself must still be refused.
    archive = made.path / "media.tar"
    archive.write_bytes(b"not a tar archive " * 600)
    with edited_manifest(made) as manifest:
        manifest["files"]["media.tar"] = folders.describe(archive)

    with pytest.raises(CommandError, match="cannot be unpacked"):
        run("restore", made.name, "--yes")
    assert unchanged()


@committed
def test_restore_of_another_engines_backup_is_refused(made):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    with edited_manifest(made) as manifest:
        manifest["engine"] = other

    with pytest.raises(CommandError, match=f"is a {other} backup"):
        run("restore", made.name, "--yes")
    assert unchanged()


@committed
def test_restore_of_a_backup_from_a_newer_version_is_refused(made):
    with edited_manifest(made) as manifest:
        manifest["migrations"]["articles"].append("0999_from_a_newer_version")

    with pytest.raises(CommandError, match="articles.0999_from_a_newer_version"):
        run("restore", made.name, "--yes")
    assert unchanged()


@postgres_only
@committed
def test_a_restore_that_fails_midway_leaves_the_database_as_it_was(made, monkeypatch):
    real = postgres.pg_restore_command

    def cut_short(dump):
        # The dump's statements stop a few kilobytes in, as if the disk failed.
        return ["sh", "-c", '"$@" | head -c 20000; exit 1', "sh", *real(dump)]

    monkeypatch.setattr(postgres, "pg_restore_command", cut_short)
    with pytest.raises(CommandError, match="left as it was"):
        run("restore", made.name, "--yes")
    assert unchanged()
    assert Article.objects.count() == 2


# --- PostgreSQL connection settings ----------------------------------------------


def test_pg_tools_get_the_password_in_the_environment_only(monkeypatch, tmp_path):
    monkeypatch.setenv("PGHOST", "some-other-server")
    monkeypatch.setenv("PGDATABASE", "some_other_database")
    database = {
        "HOST": "db.internal",
        "PORT": 5433,
        "USER": "newsroom",
        "PASSWORD": "s3cret-pass",
        "NAME": "newsroom",
        "OPTIONS": {"sslmode": "require"},
    }
    runs = []
    monkeypatch.setattr(postgres, "_tool", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(
        postgres.subprocess,
        "run",
        lambda args, **kwargs: (
            runs.append((args, kwargs["env"]))
            or postgres.subprocess.CompletedProcess(args, 0, b"", b"")
        ),
    )

    postgres.dump(tmp_path / "database.dump", database=database)

    ((args, env),) = runs
    assert args[0] == "/usr/bin/pg_dump"
    assert not any("s3cret" in arg or "db.internal" in arg for arg in args)
    assert env["PGHOST"] == "db.internal"
    assert env["PGPORT"] == "5433"
    assert env["PGUSER"] == "newsroom"
    assert env["PGPASSWORD"] == "s3cret-pass"
    assert env["PGDATABASE"] == "newsroom"
    assert env["PGSSLMODE"] == "require"

    local = backups.pg_environment({"NAME": "newsroom", "USER": "newsroom"})
    assert "PGHOST" not in local  # the local socket, not an inherited server
