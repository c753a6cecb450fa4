"""The article's change form: the lost-edit lock, the desk note, the workflow check."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles import offers
from articles.models import Article
from persian.forms import PersianTextForm
from persian.html import foreign_media
from persian.jalali import format_datetime


class ArticleAdminForm(PersianTextForm):
    """The article form, with the optimistic lock and the desk note."""

    form_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    editorial_note = forms.CharField(
        label=_("Note for the desk"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen by staff only. Required when sending the article back."),
    )

    request = None  # set for each request by ArticleAdmin.get_form

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - the admin picks them from its fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_version"].initial = self.instance.lock_version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_stale_form(cleaned.get("form_version"))
        name = self.data.get("_transition")
        if name:
            # A new article is checked as the draft its first save makes.
            article = self.instance
            if not article.pk:
                service = cleaned.get("service")
                article = offers.draft_of(
                    self.request.user, service_id=service.pk if service else None
                )
            reason = offers.refusal(
                self.request.user,
                article,
                name,
                note=cleaned.get("editorial_note", ""),
                at=cleaned.get("published_at", self.instance.published_at),
            )
            if reason:
                raise ValidationError(reason, code="transition")
        return cleaned

    def _refuse_stale_form(self, submitted: int | None) -> None:
        """Refuse a form built on an older version, keeping every word the user typed.

        The row stays locked until the save commits (PostgreSQL), so two saves cannot
        both pass this check.
        """
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("lock_version", "updated_by", "updated_at")
            .first()
        )
        if current is None or current[0] == submitted:
            return
        version, updated_by, updated_at = current
        who = get_user_model().objects.filter(pk=updated_by).first()
        # A second save after reading the message is a deliberate overwrite.
        self.data = self.data.copy()
        self.data["form_version"] = str(version)
        raise ValidationError(
            _(
                "%(who)s changed this article at %(when)s while you were editing it. "
                "Your text is still in the form below; compare it with the saved "
                "version in the history, then save again to keep yours."
            ),
            code="stale",
            params={
                "who": (who.get_full_name() or who.get_username())
                if who
                else _("Someone"),
                "when": format_datetime(updated_at),
            },
        )


def foreign_media_warning(article) -> str:
    """Return the warning that the save drops images from other sites, if it does."""
    dropped = [
        url
        for lang, _name in settings.LANGUAGES
        for url in foreign_media(getattr(article, f"body_{lang}", ""))
    ]
    if not dropped:
        return ""
    # The save removes them (persian/html.py); the editor learns which.
    return (
        "تصویرهایی که از سایت دیگری یا بیرون از آرشیو عکس در متن آمده بود حذف شد،"
        " چون متن خبر فقط عکس‌های آرشیو را نشان می‌دهد: "
        + "، ".join(dict.fromkeys(dropped))
        + ". عکس را در آرشیو عکس بارگذاری کنید و با دکمهٔ «عکس از آرشیو» در متن"
        " بگذارید."
    )
