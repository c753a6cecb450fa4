"""Correction notes in the article's admin page, each one added through the workflow."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.forms.models import BaseInlineFormSet
from modeltranslation.admin import TranslationStackedInline

from articles import services
from articles.models import Correction
from persian.forms import JALALI_FORMFIELD_OVERRIDES, PersianTextForm


class CorrectionFormSet(BaseInlineFormSet):
    """An article's correction notes, each new or changed one saved by the workflow."""

    request = None  # set for each request by CorrectionInline.get_formset

    def save_new(self, form, commit=True):
        return self._correct(form, None)

    def save_existing(self, form, obj, commit=True):
        return self._correct(form, obj)

    def _correct(self, form, correction):
        data = form.cleaned_data
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        try:
            return services.article_correct(
                article=self.instance,
                user=self.request.user,
                note=data.get(f"note_{default}") or "",
                translations={
                    code: data.get(f"note_{code}") or ""
                    for code, _name in settings.LANGUAGES
                    if code != default
                },
                at=data.get("created_at"),
                correction=correction,
            )
        except services.WorkflowError as error:
            # The inline is offered only to those who may correct: this is a forgery.
            raise PermissionDenied(str(error)) from error


class CorrectionInline(TranslationStackedInline):
    model = Correction
    form = PersianTextForm
    formset = CorrectionFormSet
    extra = 0
    formfield_overrides = JALALI_FORMFIELD_OVERRIDES
    fields = ["note", "created_at"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request = request  # a new class per request
        return formset

    def has_add_permission(self, request, obj=None):
        return services.may_correct(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return services.may_correct(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return services.can_delete(request.user)
