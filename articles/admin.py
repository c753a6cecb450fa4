"""The article admin: configuration, and wiring to the modules that own each part.

Every right is the workflow's (articles/services.py). The change form is in
articles/forms.py, its correction notes in articles/corrections.py, its buttons and
the list's bulk actions in articles/actions.py, who else has it open in
articles/presence.py, linking suggestions in articles/suggestions.py, revisions in
articles/history.py, the photo story's gallery in articles/gallery_admin.py and the
wire import page in articles/wire_admin.py.
"""

from functools import partial

import reversion
from django.conf import settings
from django.contrib import admin, messages
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from articles import (
    desk,
    editor_admin,
    history,
    presence,
    services,
    suggestions,
    wire_admin,
)
from articles.actions import StaffAuthorFilter, apply_button, bulk_transition
from articles.autosave_admin import autosave_routes, forget_draft
from articles.corrections import CorrectionInline
from articles.forms import ArticleAdminForm, foreign_media_warning
from articles.gallery import gallery_items, lead_photo_from_gallery
from articles.gallery_admin import GalleryInline
from articles.models import Article
from articles.paging import EstimatedCountPaginator
from articles.search import search_articles
from persian.admin import show_datetime, show_digits
from persian.forms import JALALI_FORMFIELD_OVERRIDES
from persian.widgets import RichTextEditor

# Bodies shown formatted where the user may not edit them (get_fieldsets).
SHOWN_BODIES = [f"shown_body_{code}" for code, _name in settings.LANGUAGES]


@admin.register(Article)
class ArticleAdmin(TranslationAdmin):
    form = ArticleAdminForm
    formfield_overrides = JALALI_FORMFIELD_OVERRIDES
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
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
        ("author", StaffAuthorFilter),
        "article_type",
        "published_at",
        "is_breaking",
        "is_lead",
    ]
    list_select_related = ["service", "author"]
    search_fields = ["=news_code", "title_fa", "title_en", "rootitr_fa", "lead_fa"]
    autocomplete_fields = ["photo", "officials", "countries", "topics", "related"]
    readonly_fields = ["code", "status", "created", "updated"]
    list_per_page = 50
    # No exact count of a million rows on each page view (articles/paging.py).
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    # The desk's tabs count the queues (articles/desk.py); facets would count every
    # filter's choices over the whole archive on each view.
    show_facets = admin.ShowFacets.NEVER
    inlines = [GalleryInline, CorrectionInline]
    actions = [
        bulk_transition("submit", _("Submit for review")),
        bulk_transition("approve", _("Approve")),
        bulk_transition("publish", _("Publish now")),
        bulk_transition("withdraw", _("Withdraw")),
    ]
    # The text column, a tab a language (articles/editor_admin.py), then the side
    # panel: publishing first, where the checklist is.
    fieldsets = [
        *editor_admin.text_fieldsets(),
        (
            _("Publishing"),
            {
                "fields": [
                    "code",
                    "form_version",
                    "status",
                    "published_at",
                    ("is_breaking", "is_lead"),
                    "editorial_note",
                    ("created", "updated"),
                ],
                "classes": ["editor-side", "editor-publishing"],
            },
        ),
        (
            _("Filing"),
            {
                "fields": [
                    ("service", "article_type"),
                    ("dateline", "source"),
                    ("byline", "author"),
                    "slug",
                ],
                "classes": ["editor-side"],
            },
        ),
        (
            _("Image"),
            {
                "fields": [
                    "photo",
                ],
                "classes": ["editor-side"],
            },
        ),
        (
            _("Tags"),
            {
                "fields": ["officials", "countries", "topics", "related"],
                "classes": ["editor-side"],
            },
        ),
    ]

    # --- Rights: each one the workflow's ----------------------------------------

    def get_queryset(self, request):
        return services.visible_to(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or services.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return services.can_delete(request.user)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + services.locked_fields(request.user, obj) + SHOWN_BODIES

    def get_fieldsets(self, request, obj=None):
        """The form's fieldsets; a body the user may not edit is shown formatted."""
        fieldsets = super().get_fieldsets(request, obj)
        view_only = obj is not None and not self.has_change_permission(request, obj)
        locked = services.locked_fields(request.user, obj)
        shown = {
            f"body_{code}": f"shown_body_{code}"
            for code, _name in settings.LANGUAGES
            if view_only or f"body_{code}" in locked
        }
        # The desk note is a field of the form only: nothing to show read-only.
        hidden = {"editorial_note"} if view_only else set()
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        shown.get(f, f) for f in options["fields"] if f not in hidden
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404
        return article

    # --- The form -------------------------------------------------------------------

    def view_on_site(self, obj):
        """The public page once readers can see it; none before (the preview is)."""
        return obj.get_absolute_url() if obj.is_published else None

    def get_search_results(self, request, queryset, search_term):
        """A news code finds its article; words are searched like on the site."""
        term = search_term.strip()
        if not term or term.isdigit():
            return super().get_search_results(request, queryset, search_term)
        return search_articles(queryset, term)[0], False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("body_"):
            language = db_field.name.removeprefix("body_")
            direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
            # The editor's «عکس از آرشیو» button loads this page of the library.
            picker = {"data-photo-picker": reverse("admin:photos_photo_picker")}
            field.widget = RichTextEditor(direction=direction, attrs=picker)
        return field

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request  # a new class per request
        return form

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        form = context["adminform"].form
        context.update(editor_admin.editor_context(request, obj, form))
        if obj is not None:
            context.update(self._desk_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _desk_context(self, request, article) -> dict:
        return {
            "events": article.events.select_related("actor"),
            "others_editing": presence.others_present(article, request.user),
            "presence_url": reverse(
                "admin:articles_article_presence", args=[article.pk]
            ),
        }

    # --- Saving: lock version, desk notes, transitions --------------------------------

    def save_model(self, request, obj, form, change):
        warning = foreign_media_warning(obj)
        if warning:
            self.message_user(request, warning, messages.WARNING)
        obj.updated_by = request.user
        if change:
            obj.lock_version = services.next_version(obj)
        else:
            obj.author = obj.author or request.user
            obj.status = Article.Status.DRAFT
        super().save_model(request, obj, form, change)
        forget_draft(request, obj)  # the user's unsaved text is in the article now

    def log_change(self, request, obj, message):
        history.remember_change(message)  # the revision says what changed, too
        return super().log_change(request, obj, message)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        lead_photo_from_gallery(article)
        note = form.cleaned_data.get("editorial_note", "")
        apply_button(self, request, article, request.POST.get("_transition"), note)
        if request.POST.get("_accept_suggestions"):
            suggestions.link_suggestions(article)

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get("_transition"):
            change = reverse("admin:articles_article_change", args=[obj.pk])
            return HttpResponseRedirect(change)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.POST.get("_transition") or request.POST.get("_accept_suggestions"):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # --- Extra pages: import, preview, presence, history with diff and restore --

    def get_urls(self):
        def route(suffix, view, name):
            view = self.admin_site.admin_view(view)
            return path(suffix, view, name=f"articles_article_{name}")

        # The pages' modules take this admin first: its rights and its messages.
        return [
            route("import/", partial(wire_admin.import_view, self), "import"),
            route("desk/", partial(desk.desk_view, self), "desk"),
            *autosave_routes(self, route),
            route(
                "<path:object_id>/preview/screens/",
                partial(editor_admin.preview_screens_view, self),
                "preview_screens",
            ),
            # Framed by the page above, and by it only.
            route(
                "<path:object_id>/preview/",
                editor_admin.framable(self.preview_view),
                "preview",
            ),
            route(
                "<path:object_id>/presence/",
                partial(presence.presence_view, self),
                "presence",
            ),
            route(
                "<path:object_id>/history/<int:version_id>/restore/",
                partial(history.restore_view, self),
                "restore",
            ),
        ] + super().get_urls()

    def preview_view(self, request, object_id):
        """The article in the public template, whatever its state (staff only)."""
        article = self.article_or_404(request, object_id)
        context = {
            "article": article,
            "preview": True,
            "gallery": gallery_items(article),
        }
        return TemplateResponse(request, "articles/article_detail.html", context)

    def history_view(self, request, object_id, extra_context=None):
        article = self.article_or_404(request, object_id)
        context = history.history_context(request, article) | (extra_context or {})
        return super().history_view(request, object_id, context)

    # --- The list: the desk's queues (articles/desk.py), columns ------------------

    def get_changelist(self, request, **kwargs):
        return desk.DeskChangeList

    @admin.display(description=_("news code"), ordering="news_code")
    def code(self, obj):
        return show_digits(obj.news_code)

    @admin.display(description=_("publish time"), ordering="published_at")
    def published(self, obj):
        return show_datetime(obj.published_at)

    @admin.display(description=_("last update"), ordering="updated_at")
    def updated(self, obj):
        return show_datetime(obj.updated_at)

    @admin.display(description=_("created"), ordering="created_at")
    def created(self, obj):
        return show_datetime(obj.created_at)

    @admin.display(description=Article._meta.get_field("body_fa").verbose_name)
    def shown_body_fa(self, obj):
        return editor_admin.shown_body(obj, "fa")

    @admin.display(description=Article._meta.get_field("body_en").verbose_name)
    def shown_body_en(self, obj):
        return editor_admin.shown_body(obj, "en")
