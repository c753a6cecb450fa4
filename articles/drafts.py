"""An editor's unsaved text, kept on the server while they type (articles/autosave.py).

Defined outside models.py, which imports it, so that the article's module stays the
article's; the model is part of the articles app all the same.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EditorDraft(models.Model):
    """One user's unsaved text of one article, or of a new one not yet saved.

    A draft never changes the article: the user brings it back into the form with a
    click, and a normal save of the article removes it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("user"),
    )
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article"),
    )
    # A new article has no row yet: its add page names its draft with this key.
    token = models.CharField(max_length=64, blank=True, default="")
    fields = models.JSONField(_("text"), default=dict)
    based_on = models.PositiveIntegerField(
        _("version"),
        null=True,
        blank=True,
        help_text=_("The article's version the text was typed on."),
    )
    saved_at = models.DateTimeField(_("saved at"), default=timezone.now, db_index=True)
    # A new article's page that was saved as an article keeps its key here, with no
    # text, so that a copy of its text left in a browser is known as saved.
    page_saved = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=Q(article__isnull=False),
                name="draft_once_per_article",
            ),
            models.UniqueConstraint(
                fields=["user", "token"],
                condition=Q(article__isnull=True),
                name="draft_once_per_new_article",
            ),
        ]
        verbose_name = _("unsaved text")
        verbose_name_plural = _("unsaved texts")

    def __str__(self) -> str:
        return f"{self.user_id} on {self.article_id or self.token}"
