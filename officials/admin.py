from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from officials.models import Official, Position
from persian.admin import show_date, sized_img
from persian.forms import JALALI_FORMFIELD_OVERRIDES, PersianTextForm


class PositionFormSet(BaseInlineFormSet):
    def clean(self):
        """Refuse two rows of this form that hold the same post on the same day."""
        super().clean()
        terms = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("start_date"):
                continue
            title = form.instance.title_fa
            start, end = data["start_date"], data.get("end_date")
            for other_title, other_start, other_end in terms:
                if (
                    other_title == title
                    and (end is None or other_start <= end)
                    and (other_end is None or start <= other_end)
                ):
                    raise ValidationError(
                        _("The post “%(title)s” appears twice for the same days."),
                        code="post_overlap",
                        params={"title": title},
                    )
            terms.append((title, start, end))


class PositionInline(TranslationTabularInline):
    model = Position
    form = PersianTextForm
    formset = PositionFormSet
    formfield_overrides = JALALI_FORMFIELD_OVERRIDES
    extra = 1
    autocomplete_fields = ["country"]
    fields = ["title", "organisation", "country", "start_date", "end_date"]


@admin.register(Official)
class OfficialAdmin(TranslationAdmin):
    form = PersianTextForm
    list_display = ["name", "current_posts", "slug"]
    search_fields = ["name_fa", "name_en", "slug", "positions__title_fa"]
    readonly_fields = ["photo_preview"]
    fields = ["name", "slug", "photo", "photo_preview", "bio"]
    autocomplete_fields = ["photo"]
    inlines = [PositionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("positions")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        return queryset.distinct(), False

    @admin.display(description=_("positions"))
    def current_posts(self, obj):
        return "، ".join(
            f"{p.title} ({show_date(p.start_date)}–{show_date(p.end_date, '…')})"
            for p in obj.positions.all()
        )

    @admin.display(description=_("preview"))
    def photo_preview(self, obj):
        return sized_img(obj.photo and obj.photo.thumbnail, "image-preview small")


@admin.register(Position)
class PositionAdmin(TranslationAdmin):
    form = PersianTextForm
    formfield_overrides = JALALI_FORMFIELD_OVERRIDES
    list_display = ["title", "official", "country", "start", "end"]
    list_select_related = ["official", "country"]
    search_fields = ["title_fa", "title_en", "official__name_fa", "official__name_en"]
    list_filter = [("country", admin.RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["official", "country"]

    @admin.display(description=_("from"), ordering="start_date")
    def start(self, obj):
        return show_date(obj.start_date)

    @admin.display(description=_("to"), ordering="end_date")
    def end(self, obj):
        return show_date(obj.end_date, _("now"))
