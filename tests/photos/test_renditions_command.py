"""`photos_renditions` remakes renditions; a deleted photo takes its files along."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from photos import services
from photos.models import Photo, Rendition
from tests.factories import ArticleFactory, library_photo
from tests.pages import push_out_of_side_column

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("photos_renditions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def files_of(photo: Photo) -> list[str]:
    return [photo.image.name, *photo.renditions.values_list("file", flat=True)]


def exists(name: str) -> bool:
    return Rendition._meta.get_field("file").storage.exists(name)


def test_up_to_date_photos_are_left_alone():
    photos = [library_photo(size=(64, 48)) for _ in range(3)]
    before = {p.pk: sorted(p.renditions.values_list("pk", flat=True)) for p in photos}
    out, _err = run()
    assert out.strip() == "Renditions made for 0 photos; 3 were up to date; 0 failed."
    after = {p.pk: sorted(p.renditions.values_list("pk", flat=True)) for p in photos}
    assert after == before


def test_a_lost_rendition_file_is_made_again():
    kept, damaged = library_photo(size=(64, 48)), library_photo(size=(640, 360))
    lost = damaged.renditions.filter(format="webp").first().file.name
    Rendition._meta.get_field("file").storage.delete(lost)
    out, _err = run("--missing")
    assert "made for 1 photos; 1 were up to date" in out
    assert exists(lost)  # named after its content: the same file again
    assert all(exists(name) for name in files_of(kept) + files_of(damaged))


def test_a_change_of_sizes_remakes_every_photo(monkeypatch):
    photos = [library_photo(size=(64, 48)) for _ in range(2)]
    monkeypatch.setattr(services, "RENDITIONS_VERSION", services.RENDITIONS_VERSION + 1)
    out, _err = run("--batch-size", "1")
    assert "made for 2 photos; 0 were up to date" in out
    for photo in photos:
        photo.refresh_from_db()
        assert photo.renditions_source.endswith(f"#v{services.RENDITIONS_VERSION}")


def test_all_remakes_every_photo_in_batches():
    for _ in range(3):
        library_photo(size=(64, 48))
    out, _err = run("--all", "--batch-size", "2", "--verbosity", "2")
    assert out.count("… ") == 2  # two batches
    assert out.splitlines()[-1] == (
        "Renditions made for 3 photos; 0 were up to date; 0 failed."
    )


def test_a_photo_whose_image_is_lost_is_named_and_the_others_are_made():
    broken, fine = library_photo(size=(64, 48)), library_photo(size=(64, 48))
    broken.image.storage.delete(broken.image.name)
    with pytest.raises(CommandError, match="1 photos have no renditions"):
        out, err = io.StringIO(), io.StringIO()
        call_command("photos_renditions", "--all", stdout=out, stderr=err)
    assert f"Photo {broken.pk}: its renditions could not be made" in err.getvalue()
    assert "made for 1 photos" in out.getvalue()
    assert fine.renditions.exists()


def test_the_batch_size_must_be_positive():
    with pytest.raises(CommandError):
        run("--batch-size", "0")


# --- Deleting a photo ----------------------------------------------------------------


def test_deleting_a_photo_removes_its_files_once_committed(
    django_capture_on_commit_callbacks,
):
    photo = library_photo(size=(640, 360))
    names = files_of(photo)
    assert len(names) > 2 and all(exists(name) for name in names)
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert not any(exists(name) for name in names)


def test_rendition_files_another_photo_shares_stay(
    django_capture_on_commit_callbacks,
):
    # The same picture twice: renditions are named after their content, so shared.
    first, second = library_photo(size=(64, 48)), library_photo(size=(64, 48))
    shared = set(second.renditions.values_list("file", flat=True))
    assert shared == set(first.renditions.values_list("file", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert not exists(first.image.name)
    assert all(exists(name) for name in shared)
    assert exists(second.image.name)


def test_a_deletion_rolled_back_keeps_the_files(django_capture_on_commit_callbacks):
    photo = library_photo(size=(64, 48))
    names = files_of(photo)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                photo.delete()
                raise RuntimeError("the editor's request failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert all(exists(name) for name in names)


def test_a_refused_deletion_keeps_the_files(django_capture_on_commit_callbacks):
    photo = library_photo(size=(64, 48))
    ArticleFactory(photo=photo)
    names = files_of(photo)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ProtectedError),
    ):
        photo.delete()
    assert all(exists(name) for name in names)


def test_the_admin_bulk_delete_removes_the_files(
    admin_client, django_capture_on_commit_callbacks
):
    photos = [library_photo(size=(64, 48)), library_photo(size=(96, 48))]
    names = [name for photo in photos for name in files_of(photo)]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/photos/photo/",
            {
                "action": "delete_selected",
                "_selected_action": [p.pk for p in photos],
                "post": "yes",
            },
        )
    assert response.status_code == 302
    assert not Photo.objects.exists()
    assert not any(exists(name) for name in names)


def test_remade_renditions_refresh_the_cached_pages_showing_the_photo(
    client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE = True
    with django_capture_on_commit_callbacks(execute=True):
        days_ago = timezone.now() - datetime.timedelta(days=2)
        lead = ArticleFactory(photo=library_photo(size=(64, 48)), published_at=days_ago)
        photo = library_photo(size=(96, 48))
        image = photo.body_image()
        in_body = ArticleFactory(
            body_fa=f'<figure class="photo" data-photo="{photo.pk}"><img src='
            f'"{image.file.url}" alt=""></figure>',
            published_at=days_ago,
        )
        push_out_of_side_column()  # the other page shows nothing of them
        other = ArticleFactory()
    pages = [a.get_absolute_url() for a in (lead, in_body, other)]
    for url in pages:
        client.get(url)
        assert client.get(url).headers["X-Page-Cache"] == "hit"
    monkeypatch.setattr(services, "RENDITIONS_VERSION", services.RENDITIONS_VERSION + 1)
    with django_capture_on_commit_callbacks(execute=True):
        run()
    states = [client.get(url).headers["X-Page-Cache"] for url in pages]
    assert states == ["miss", "miss", "hit"]
