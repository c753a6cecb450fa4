"""Adding photos to the library and keeping their renditions in step with them."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image

from photos.models import OG_RATIO, OG_SIZE, RATIOS, WIDTHS, Photo, Rendition
from photos.renditions import (
    crop_box,
    encode,
    prepare,
    ratio_value,
    render,
    widths_for,
)

RENDITIONS_FOLDER = settings.PHOTO_RENDITIONS_FOLDER
# Raised when the set of shapes, widths or encoders changes: every photo's
# renditions are then made again the next time it is saved.
RENDITIONS_VERSION = 1
FORMATS = (Rendition.Format.WEBP, Rendition.Format.JPEG)


def photo_create(*, image, **fields) -> Photo:
    """Store a new photo (``image`` checked by persian/images.py) and its renditions."""
    photo = Photo(image=image, **fields)
    photo.full_clean()
    photo.save()
    photo_renditions_refresh(photo=photo)
    return photo


def _source_key(photo: Photo) -> str:
    return (
        f"{photo.image.name}@{photo.focal_x:.4f},{photo.focal_y:.4f}"
        f"#v{RENDITIONS_VERSION}"
    )


def photo_renditions_refresh(*, photo: Photo, force: bool = False) -> bool:
    """Make ``photo``'s renditions again if its image or focal point changed.

    Returns True if they were made. Called when a photo is saved, never on a page
    view: pages only read the Rendition rows.
    """
    key = _source_key(photo)
    if not force and photo.renditions_source == key:
        return False
    made = list(_render_all(photo))
    storage = Rendition._meta.get_field("file").storage
    rows = []
    for ratio, encoded in made:
        name = f"{RENDITIONS_FOLDER}/{encoded.name}"
        # Named after their content, so an existing file is this very file.
        if not storage.exists(name):
            name = storage.save(name, ContentFile(encoded.content))
        rows.append(
            Rendition(
                photo=photo,
                ratio=ratio,
                width=encoded.width,
                height=encoded.height,
                format=encoded.format,
                file=name,
            )
        )
    with transaction.atomic():
        old_names = set(photo.renditions.values_list("file", flat=True))
        photo.renditions.all().delete()
        Rendition.objects.bulk_create(rows)
        photo.renditions_source = key
        # A save, not an update: the pages showing the photo are refreshed by the
        # page cache's receivers, whoever remade it (the admin, photos_renditions).
        photo.save(update_fields=["renditions_source"])
        unused = old_names - {row.file.name for row in rows}
        transaction.on_commit(lambda: _delete_unused(unused))
    getattr(photo, "_prefetched_objects_cache", {}).pop("renditions", None)
    return True


def _render_all(photo: Photo):
    """Yield (ratio, Encoded) for every shape, width and format, and og:image."""
    with photo.image.open("rb") as file:
        with Image.open(file, formats=("JPEG", "PNG", "GIF", "WEBP")) as opened:
            opened.load()
            image = prepare(opened)
    focus = (photo.focal_x, photo.focal_y)
    for ratio in RATIOS:
        box = crop_box(image.size, ratio_value(ratio, image.size), focus)
        box_w, box_h = box[2] - box[0], box[3] - box[1]
        for width in widths_for(box_w, WIDTHS):
            height = max(1, round(width * box_h / box_w))
            picture = render(image, box, width, height)
            for fmt in FORMATS:
                yield ratio, encode(picture, fmt)
    og_w, og_h = OG_SIZE
    box = crop_box(image.size, og_w / og_h, focus)
    box_w, box_h = box[2] - box[0], box[3] - box[1]
    width = min(og_w, box_w)
    height = max(1, round(width * box_h / box_w))
    yield OG_RATIO, encode(render(image, box, width, height), "jpeg")


def _delete_unused(names: set[str]) -> None:
    """Delete the files of renditions no photo uses any more."""
    storage = Rendition._meta.get_field("file").storage
    still_used = set(
        Rendition.objects.filter(file__in=names).values_list("file", flat=True)
    )
    for name in names - still_used:
        storage.delete(name)


# --- Making them again in bulk, and forgetting a deleted photo's files -------------


def photo_renditions_missing(photo: Photo) -> bool:
    """Whether ``photo``'s renditions are out of date, or a file of them is lost."""
    if photo.renditions_source != _source_key(photo):
        return True
    renditions = list(photo.renditions.all())
    storage = Rendition._meta.get_field("file").storage
    return not renditions or any(not storage.exists(r.file.name) for r in renditions)


@dataclass
class RemadeCount:
    """What ``photo_renditions_remake`` did: photos remade, up to date, failed."""

    made: int = 0
    up_to_date: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)


def photo_renditions_remake(
    *, everything: bool = False, batch_size: int = 50, on_batch=None
) -> RemadeCount:
    """Make the library's renditions again: the missing or out-of-date ones, or all.

    Photos are read ``batch_size`` at a time in the order they were added, so any
    library fits in memory; ``on_batch(count)`` is called after each batch. A photo
    whose image cannot be read (a lost file) is counted as failed with the reason,
    and the others go on.
    """
    count = RemadeCount()
    last = 0
    while True:
        batch = list(
            Photo.objects.filter(pk__gt=last)
            .order_by("pk")
            .prefetch_related("renditions")[:batch_size]
        )
        if not batch:
            return count
        for photo in batch:
            if not everything and not photo_renditions_missing(photo):
                count.up_to_date += 1
                continue
            try:
                photo_renditions_refresh(photo=photo, force=True)
            except (OSError, ValueError, Image.DecompressionBombError) as error:
                count.failed.append((photo.pk, str(error) or type(error).__name__))
            else:
                count.made += 1
        last = batch[-1].pk
        if on_batch is not None:
            on_batch(count)


def photo_files_forget(*, photo: Photo) -> None:
    """Delete ``photo``'s image and rendition files once its deletion commits.

    Called as the photo is about to be deleted (photos/apps.py), whatever deletes
    it: the admin, its bulk action, the shell. Nothing is deleted if the
    transaction rolls back, or if the deletion is refused (a story shows the photo).
    """
    image = photo.image.name
    renditions = set(photo.renditions.values_list("file", flat=True))

    def forget() -> None:
        _delete_unused(renditions)
        storage = photo.image.storage
        if image and not Photo.objects.filter(image=image).exists():
            storage.delete(image)

    transaction.on_commit(forget)
