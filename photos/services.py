"""Adding photos to the library and keeping their renditions in step with them."""

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

RENDITIONS_FOLDER = "photos/renditions"
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
        Photo.objects.filter(pk=photo.pk).update(renditions_source=key)
        photo.renditions_source = key
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
