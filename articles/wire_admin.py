"""The admin's wire import page: paste raw copy, see it parsed, create the draft."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.wire_import import WireImportError, wire_item_import
from persian.forms import JalaliDateField
from persian.text import persian_digits
from topics.models import Service


class WireImportForm(forms.Form):
    """Paste raw wire copy; see it parsed; create a draft from it."""

    raw = forms.CharField(
        label=gettext_lazy("Wire copy"),
        widget=forms.Textarea(attrs={"rows": 24, "dir": "rtl"}),
        # No maxlength: a browser would cut a long paste silently. The import refuses
        # copy over its limits with a message, and the text stays in the form.
        strip=False,
    )
    date = JalaliDateField(
        label=gettext_lazy("Date of the story"),
        required=False,
        help_text=gettext_lazy(
            "Officials named by their post are the ones who held it that day."
        ),
    )
    service = forms.ModelChoiceField(
        label=gettext_lazy("Service"),
        queryset=Service.objects.all(),
        to_field_name="slug",
    )


def import_view(model_admin, request):
    """Paste raw wire copy, see the parse side by side, create the draft."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = WireImportForm(request.POST or None, initial={"service": "provinces"})
    result = None
    creating = "_create" in request.POST or "_create_anyway" in request.POST
    if request.method == "POST" and form.is_valid():
        try:
            result = wire_item_import(
                raw=form.cleaned_data["raw"],
                user=request.user,
                date=form.cleaned_data["date"],
                service_slug=form.cleaned_data["service"].slug,
                dry_run=not creating,
                # A second draft of a story filed before only when asked for.
                allow_duplicate="_create_anyway" in request.POST,
            )
        except WireImportError as error:
            form.add_error("raw", str(error))
        else:
            if result.article is not None:
                model_admin.message_user(
                    request,
                    _("Draft %(code)s was created from the wire copy.")
                    % {"code": persian_digits(result.article.news_code)},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[result.article.pk])
                )
            if creating and result.duplicates:
                model_admin.message_user(
                    request,
                    _(
                        "No draft was made: this story was filed before. Open it,"
                        " or make another draft anyway."
                    ),
                    messages.WARNING,
                )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import wire copy"),
        "form": form,
        "result": result,
    }
    return TemplateResponse(request, "admin/articles/article/import.html", context)
