"""A photo story's gallery: reading it for a page, and what a change of it implies.

Who may change a gallery is the workflow's rule (``services.can_edit``): the gallery
is part of the article, so it follows the article's edit rights exactly.
"""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext as _

from articles import services
from articles.models import Article, ArticlePhoto
from photos.models import Photo


def gallery_items(article: Article) -> list[ArticlePhoto]:
    """The gallery a reader sees, in order, with each photo and its renditions.

    Only a photo story shows one. Two queries whatever the number of photos (the
    items with their photos, then every rendition of them); none for other types.
    """
    if article.article_type != Article.Type.PHOTO or article.pk is None:
        return []
    prefetch_related_objects(
        [article],
        Prefetch(
            "gallery",
            queryset=ArticlePhoto.objects.select_related("photo").prefetch_related(
                Prefetch("photo__renditions")
            ),
            to_attr="gallery_shown",
        ),
    )
    return article.gallery_shown


def gallery_refusal(user, article: Article) -> str | None:
    """Return why ``user`` may not change the gallery of ``article``, or None."""
    if services.can_edit(user, article):
        return None
    return _("You may not change the photos of this article.")


def gallery_renumber(article: Article) -> None:
    """Number the gallery 1, 2, 3… in its order, so the form shows no gaps."""
    items = list(article.gallery.order_by("position", "pk"))
    changed = []
    for number, item in enumerate(items, start=1):
        if item.position != number:
            item.position = number
            changed.append(item)
    ArticlePhoto.objects.bulk_update(changed, ["position"])


def lead_photo_from_gallery(article: Article) -> Photo | None:
    """A photo story saved without a lead photo gets the first photo of its gallery.

    Lists show the lead photo's thumbnail, so they need no query of the gallery.
    Returns the photo set, or None if the article keeps what it had.
    """
    if article.article_type != Article.Type.PHOTO or article.photo_id is not None:
        return None
    first = article.gallery.select_related("photo").order_by("position", "pk").first()
    if first is None:
        return None
    article.photo = first.photo
    # A save, not an UPDATE: the page cache drops the lists that show the thumbnail.
    article.save(update_fields=["photo", "updated_at"])
    return first.photo
