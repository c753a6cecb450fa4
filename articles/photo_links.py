"""Where articles use library photos: a photo story's gallery and the photos placed
in an article's text. Defined outside models.py, which imports them; the models are
part of the articles app all the same.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticlePhoto(models.Model):
    """One photo of a photo story's gallery, in its place, with its own caption."""

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="gallery",
        verbose_name=_("article"),
    )
    # PROTECT, as for the lead photo: a photo a gallery shows is not deleted under it.
    photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.PROTECT,
        related_name="in_galleries",
        verbose_name=_("photo"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    caption = models.CharField(
        _("caption"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to show the caption of the photo in the library."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("gallery photo")
        verbose_name_plural = _("gallery photos")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "photo"],
                name="gallery_photo_once",
                violation_error_message=_("This photo is already in the gallery."),
            ),
        ]

    def __str__(self) -> str:
        return self.shown_caption

    @property
    def shown_caption(self) -> str:
        """The caption in the active language: the item's, else the library photo's."""
        return self.caption or self.photo.caption or ""


# --- Library photos in the body ------------------------------------------------------


class BodyPhoto(models.Model):
    """A library photo that an article's body shows, in any language: its usage.

    Written from the body whenever it is saved (articles/body_photos.py). PROTECT, as
    for a lead photo: a photo a story shows cannot be deleted from under it.
    """

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="body_photo_links",
        verbose_name=_("article"),
    )
    photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.PROTECT,
        related_name="body_uses",
        verbose_name=_("photo"),
    )

    class Meta:
        verbose_name = _("photo in an article's text")
        verbose_name_plural = _("photos in articles' text")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "photo"], name="body_photo_once_per_article"
            )
        ]

    def __str__(self) -> str:
        return str(self.article)
