"""Which articles show a library photo in their body, kept from the body itself.

A receiver, not a call from each service, for the same reason as the page cache's
rules (articles/invalidation.py): a body changes through the admin form, the
workflow, a restored revision, an import and the shell, and every one of them must
leave the photo's usage (the library's "shown in", and the protection against
deleting it) and the cached pages right.

- An article saved with its text: its ``BodyPhoto`` rows become the photos its
  bodies place (photos/embed.py finds them), in every language.
- A library photo changed (caption, credit, image and so renditions): the pages of
  the articles showing it in their body, as for a lead photo.
"""

from django.conf import settings
from django.db.models.signals import post_save

from articles.models import Article, BodyPhoto
from articles.pagecache import article_tag, bump
from articles.querysets import TEXT_FIELDS
from photos.embed import photo_ids
from photos.models import Photo


def body_photo_ids(article: Article) -> list[int]:
    """The photos ``article``'s bodies place, in every language, once each."""
    ids = []
    for code, _name in settings.LANGUAGES:
        ids += photo_ids(getattr(article, f"body_{code}", ""))
    return list(dict.fromkeys(ids))


def record_body_photos(article: Article) -> None:
    """Make ``article``'s usage rows the photos its bodies place (that exist)."""
    ids = body_photo_ids(article)
    BodyPhoto.objects.filter(article=article).exclude(photo_id__in=ids).delete()
    if ids:
        found = Photo.objects.filter(pk__in=ids).values_list("pk", flat=True)
        BodyPhoto.objects.bulk_create(
            [BodyPhoto(article=article, photo_id=pk) for pk in found],
            ignore_conflicts=True,
        )


def _article_saved(sender, instance: Article, created, update_fields, **kwargs):
    if update_fields is not None and not set(update_fields) & TEXT_FIELDS:
        return  # a transition: the text is as it was
    if created and not body_photo_ids(instance):
        return  # nothing to record, nothing to forget
    record_body_photos(instance)


def _photo_changed(sender, instance: Photo, **kwargs) -> None:
    showing = BodyPhoto.objects.filter(photo=instance).values_list(
        "article_id", flat=True
    )
    bump(*(article_tag(pk) for pk in showing))


def connect() -> None:
    """Connect both rules (once, from the app's ``ready``)."""
    uid = "body_photos"
    post_save.connect(_article_saved, sender=Article, dispatch_uid=uid)
    post_save.connect(_photo_changed, sender=Photo, dispatch_uid=uid)
