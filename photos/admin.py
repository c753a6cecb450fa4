from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from persian.admin import show_date, show_number, sized_img
from persian.forms import JALALI_FORMFIELD_OVERRIDES, JalaliDateField, PersianTextForm
from persian.images import ACCEPTED_CONTENT_TYPES, clean_image
from persian.text import normalize
from photos.models import Photo
from photos.picker import picker_view
from photos.search import search_photos
from photos.services import photo_create, photo_renditions_refresh


class PhotoForm(PersianTextForm):
    class Meta:
        widgets = {
            # Written by a click on the photo (static/js/focal-point.js), or typed.
            "focal_x": forms.NumberInput(
                attrs={"step": "0.001", "min": "0", "max": "1", "class": "focal-x"}
            ),
            "focal_y": forms.NumberInput(
                attrs={"step": "0.001", "min": "0", "max": "1", "class": "focal-y"}
            ),
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Several files at once; each is checked on its own by the view."""

    def __init__(self, **kwargs):
        accept = ",".join(ACCEPTED_CONTENT_TYPES)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [file for file in files if file]
        if not files:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class UploadSeveralForm(forms.Form):
    images = MultipleImageField(
        label=_("Photos"),
        help_text=_(
            "Choose several files at once. Each is checked on its own: a refused "
            "file is named with the reason, the others are kept."
        ),
    )
    photographer = forms.CharField(
        label=_("photographer"), max_length=150, required=False
    )
    credit = forms.CharField(label=_("credit"), max_length=150, required=False)
    taken_on = JalaliDateField(label=_("date taken"), required=False)
    place = forms.CharField(label=_("place"), max_length=150, required=False)


@admin.register(Photo)
class PhotoAdmin(TranslationAdmin):
    form = PhotoForm
    formfield_overrides = JALALI_FORMFIELD_OVERRIDES
    change_list_template = "admin/photos/photo/change_list.html"
    list_display = ["thumbnail", "__str__", "photographer", "taken", "place"]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["caption_fa", "caption_en", "photographer", "place_fa", "place_en"]
    list_filter = [
        "taken_on",
        "photographer",
        ("topics", admin.RelatedOnlyFieldListFilter),
        ("officials", admin.RelatedOnlyFieldListFilter),
        ("countries", admin.RelatedOnlyFieldListFilter),
    ]
    autocomplete_fields = ["officials", "countries", "topics"]
    readonly_fields = ["focal_picker", "usage"]
    fieldsets = [
        (None, {"fields": ["image", "caption", "photographer", "credit"]}),
        (None, {"fields": ["taken_on", "place"]}),
        (
            _("focal point"),
            {"fields": ["focal_picker", ("focal_x", "focal_y")]},
        ),
        (_("keywords"), {"fields": ["topics", "officials", "countries"]}),
        (_("usage"), {"fields": ["usage"]}),
    ]

    class Media:
        js = ("js/focal-point.js",)

    def get_queryset(self, request):
        return super().get_queryset(request).with_renditions()

    def get_urls(self):
        upload = path(
            "upload/",
            self.admin_site.admin_view(self.upload_several_view),
            name="photos_photo_upload",
        )
        picker = path(
            "picker/",
            self.admin_site.admin_view(partial(picker_view, self)),
            name="photos_photo_picker",
        )
        return [upload, picker, *super().get_urls()]

    def get_search_results(self, request, queryset, search_term):
        """Words in the caption, place, photographer, credit or keywords, as the
        editor's picker finds them (photos/search.py); the lead photo's search too."""
        if not search_term.strip():
            return queryset, False
        return search_photos(queryset, search_term), False

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        photo_renditions_refresh(photo=form.instance)

    @admin.display(description=_("photo"))
    def thumbnail(self, obj):
        return sized_img(obj.thumbnail)

    @admin.display(description=_("date taken"), ordering="taken_on")
    def taken(self, obj):
        return show_date(obj.taken_on)

    @admin.display(description=_("click the photo on what must stay in view"))
    def focal_picker(self, obj):
        if not obj or not obj.image:
            return _("Save the photo first; then click it to set its focal point.")
        return format_html(
            '<div class="focal-picker" data-focal-x="{}" data-focal-y="{}">'
            '<img src="{}" alt=""><span class="focal-marker" hidden></span></div>',
            obj.focal_x,
            obj.focal_y,
            obj.image.url,
        )

    @admin.display(description=_("shown in"))
    def usage(self, obj):
        articles = obj.usage() if obj and obj.pk else []
        if not articles:
            return _("No article shows this photo yet.")
        return format_html_join(
            "، ",
            '<a href="{}">{}</a>',
            ((article.get_absolute_url(), article) for article in articles),
        )

    def upload_several_view(self, request):
        """One page, many files: one photo per file that passes the image checks."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadSeveralForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            shared = {
                name: normalize(value) if isinstance(value, str) else value
                for name, value in form.cleaned_data.items()
                if name != "images"
            }
            shared["place_fa"] = shared.pop("place")
            added = 0
            for upload in form.cleaned_data["images"]:
                try:
                    photo_create(image=clean_image(upload), **shared)
                except ValidationError as error:
                    self.message_user(
                        request,
                        _("“%(name)s” was not added: %(reason)s")
                        % {"name": upload.name, "reason": " ".join(error.messages)},
                        messages.ERROR,
                    )
                else:
                    added += 1
            if added:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)s photo was added to the library.",
                        "%(count)s photos were added to the library.",
                        added,
                    )
                    % {"count": show_number(added)},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(reverse("admin:photos_photo_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Upload several photos"),
            "form": form,
        }
        return TemplateResponse(
            request, "admin/photos/photo/upload_several.html", context
        )
