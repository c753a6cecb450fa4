from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from articles.models import Article, Correction
from newsroom.jalali import format_datetime
from newsroom.text import persian_digits


class CorrectionInline(TranslationStackedInline):
    model = Correction
    extra = 0
    fields = ["note", "created_at"]


@admin.register(Article)
class ArticleAdmin(TranslationAdmin):
    list_display = [
        "code",
        "title",
        "service",
        "article_type",
        "status",
        "author",
        "published",
        "updated",
        "is_breaking",
        "is_lead",
    ]
    list_display_links = ["code", "title"]
    list_filter = [
        "status",
        "service",
        "article_type",
        "published_at",
        "is_breaking",
        "is_lead",
    ]
    list_select_related = ["service", "author"]
    search_fields = ["=news_code", "title_fa", "title_en", "rootitr_fa", "lead_fa"]
    autocomplete_fields = ["officials", "countries", "topics", "related"]
    readonly_fields = ["code", "image_preview", "created_at", "updated_at"]
    list_per_page = 50
    inlines = [CorrectionInline]
    fieldsets = [
        (None, {"fields": ["code", "rootitr", "title", "slug", "lead", "body"]}),
        (
            _("Filing"),
            {
                "fields": [
                    ("service", "article_type"),
                    ("dateline", "source"),
                    ("byline", "author"),
                ]
            },
        ),
        (
            _("Image"),
            {"fields": ["image", "image_preview", "image_caption", "image_credit"]},
        ),
        (_("Tags"), {"fields": ["officials", "countries", "topics", "related"]}),
        (
            _("Publishing"),
            {
                "fields": [
                    "status",
                    "published_at",
                    ("is_breaking", "is_lead"),
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("news code"), ordering="news_code")
    def code(self, obj):
        return persian_digits(obj.news_code)

    @admin.display(description=_("publish time"), ordering="published_at")
    def published(self, obj):
        return format_datetime(obj.published_at) or "—"

    @admin.display(description=_("last update"), ordering="updated_at")
    def updated(self, obj):
        return format_datetime(obj.updated_at)

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        if not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="max-height:200px">', obj.image.url
        )
