"""The photo story's gallery in the article's admin page: library photos in order.

Each row picks a photo from the library (autocomplete), gives it a place and, if it
needs one, its own caption. The rows follow the article's edit rights exactly
(``articles.gallery.gallery_refusal``, which asks the workflow): whoever may not edit
the article sees them read-only, and a forged POST is refused.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from articles import services
from articles.gallery import gallery_refusal, gallery_renumber
from articles.models import Article, ArticlePhoto
from persian.admin import sized_img
from persian.forms import PersianTextForm


class GalleryForm(PersianTextForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "position" in self.fields:
            # Left empty, a new photo goes after the others (not first, as the
            # model's 0 would put it).
            self.fields["position"].required = False
            if self.instance.pk is None:
                self.initial.pop("position", None)
                self.fields["position"].initial = None


class GalleryFormSet(BaseInlineFormSet):
    """The gallery's rows; saved only by someone who may edit the article."""

    request = None  # set for each request by GalleryInline.get_formset

    def save(self, commit=True):
        changed = [f for f in self.forms if f.has_changed()] or self.deleted_forms
        if changed:
            reason = gallery_refusal(self.request.user, self.instance)
            if reason:
                # The rows are read-only for this user: this is a forgery.
                raise PermissionDenied(reason)
        self._place_new_rows()
        saved = super().save(commit=commit)
        if commit and changed:
            gallery_renumber(self.instance)
        return saved

    def _place_new_rows(self) -> None:
        """Give a row without a position the place after every numbered one."""
        kept = [
            f
            for f in self.forms
            if f.has_changed() or f.instance.pk
            if not (self.can_delete and self._should_delete_form(f))
        ]
        typed = [
            f.cleaned_data.get("position")
            for f in kept
            if f.cleaned_data.get("position") is not None
        ]
        last = max(typed, default=0)
        for form in kept:
            if form.cleaned_data.get("position") is None:
                last += 1
                form.instance.position = last
                form.cleaned_data["position"] = last


class GalleryInline(TranslationTabularInline):
    model = ArticlePhoto
    form = GalleryForm
    formset = GalleryFormSet
    extra = 0
    autocomplete_fields = ["photo"]
    fields = ["preview", "photo", "caption", "position"]
    readonly_fields = ["preview"]
    verbose_name = _("gallery photo")
    verbose_name_plural = _("Gallery (shown on the page of a photo story)")

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("photo")
        return queryset.prefetch_related("photo__renditions")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request  # a new class per request
        return formset

    # Rights: the article's, each asked of the workflow.

    def _may_edit(self, request, obj) -> bool:
        article = obj if obj is not None else Article()
        return services.can_edit(request.user, article)

    def has_view_permission(self, request, obj=None):
        return services.may_open_articles(request.user)

    def has_add_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request, obj)

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return sized_img(obj.photo.thumbnail if obj and obj.photo_id else None)
