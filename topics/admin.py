from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from persian.admin import show_number
from persian.forms import PersianTextForm
from topics.models import Country, Service, Topic


class TagAdmin(TranslationAdmin):
    """A named tag of articles: searched by name and slug, listed with its count."""

    form = PersianTextForm
    search_fields = ["name_fa", "name_en", "slug"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description=_("articles"), ordering="n_articles")
    def article_count(self, obj):
        return show_number(obj.n_articles)


@admin.register(Service)
class ServiceAdmin(TagAdmin):
    list_display = ["name", "slug", "position", "article_count"]
    list_editable = ["position"]
    filter_horizontal = ["editors"]


@admin.register(Topic)
class TopicAdmin(TagAdmin):
    list_display = ["name", "slug", "article_count"]


@admin.register(Country)
class CountryAdmin(TranslationAdmin):
    form = PersianTextForm
    list_display = ["name", "name_en", "code"]
    search_fields = ["name_fa", "name_en", "code", "other_names"]
    ordering = ["name_fa"]
