import datetime

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from reversion.models import Version

from articles import services
from articles.corrections import CorrectionInline
from articles.linking import link
from articles.models import Article, EditPresence
from articles.paging import EstimatedCountPaginator
from articles.revisions import compare
from articles.search import search_articles
from persian.forms import JALALI_FORMFIELD_OVERRIDES, JalaliDateField, PersianTextForm
from persian.html import foreign_media, html_to_text
from persian.jalali import format_datetime
from persian.text import persian_digits
from persian.widgets import RichTextEditor
from topics.models import Service

# Someone whose change form has not called in for this long has closed it.
PRESENCE_TIMEOUT = datetime.timedelta(seconds=90)


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
        if name and self.instance.pk:
            reason = services.refusal(
                self.request.user,
                self.instance,
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


class WireImportForm(forms.Form):
    """Paste raw wire copy; see it parsed; create a draft from it."""

    raw = forms.CharField(
        label=_("Wire copy"),
        widget=forms.Textarea(attrs={"rows": 24, "dir": "rtl"}),
        # No maxlength: a browser would cut a long paste silently. The import refuses
        # copy over its limits with a message, and the text stays in the form.
        strip=False,
    )
    date = JalaliDateField(
        label=_("Date of the story"),
        required=False,
        help_text=_("Officials named by their post are the ones who held it that day."),
    )
    service = forms.ModelChoiceField(
        label=_("Service"), queryset=Service.objects.all(), to_field_name="slug"
    )


def _bulk(name: str, description):
    """Return an admin action making transition ``name`` on every selected article."""

    def action(modeladmin, request, queryset):
        done, refused = 0, []
        for article in queryset:
            try:
                services.article_transition(
                    article=article, user=request.user, name=name
                )
                done += 1
            except services.WorkflowError as error:
                refused.append(f"{persian_digits(article.news_code)}: {error}")
        if done:
            modeladmin.message_user(
                request,
                _("%(count)s article(s) done.") % {"count": persian_digits(done)},
                messages.SUCCESS,
            )
        for line in refused:
            modeladmin.message_user(request, line, messages.ERROR)

    action.__name__ = f"bulk_{name}"
    action.short_description = description
    action.allowed_permissions = ("change",)
    return action


class StaffAuthorFilter(admin.RelatedFieldListFilter):
    """Authors to filter by: the staff, read from the users, not from every article."""

    def field_choices(self, field, request, model_admin):
        return field.get_choices(
            include_blank=False,
            limit_choices_to={"is_staff": True},
            ordering=("username",),
        )


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
    autocomplete_fields = ["officials", "countries", "topics", "related"]
    readonly_fields = ["code", "status", "image_preview", "created", "updated"]
    list_per_page = 50
    # No exact count of a million rows on each page view (articles/paging.py).
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    inlines = [CorrectionInline]
    actions = [
        _bulk("submit", _("Submit for review")),
        _bulk("approve", _("Approve")),
        _bulk("publish", _("Publish now")),
        _bulk("withdraw", _("Withdraw")),
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "form_version",
                    "rootitr",
                    "title",
                    "slug",
                    "lead",
                    "body",
                ]
            },
        ),
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
                    ("created", "updated"),
                ]
            },
        ),
        (_("Desk"), {"fields": ["editorial_note"]}),
    ]

    # --- Rights: each one the workflow's ----------------------------------------

    def get_queryset(self, request):
        return services.visible_to(request.user, super().get_queryset(request))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or services.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return services.can_delete(request.user)

    def view_on_site(self, obj):
        """The public page once readers can see it; until then, the preview."""
        if obj.is_published:
            return obj.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[obj.pk])

    def get_search_results(self, request, queryset, search_term):
        """A news code finds its article; words are searched like on the site."""
        term = search_term.strip()
        if not term or term.isdigit():
            return super().get_search_results(request, queryset, search_term)
        return search_articles(queryset, term)[0], False

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + services.locked_fields(request.user, obj)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("body_"):
            language = db_field.name.removeprefix("body_")
            direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
            field.widget = RichTextEditor(direction=direction)
        return field

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request  # a new class per request
        return form

    # --- Saving: revisions, lock version, desk notes, transitions ---------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id and request.method == "GET":
            article = self.get_object(request, object_id)
            if article is not None:
                extra_context.update(self._desk_context(request, article))
        with reversion.create_revision():
            reversion.set_user(request.user)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        dropped = [
            url
            for lang, _name in settings.LANGUAGES
            for url in foreign_media(getattr(obj, f"body_{lang}", ""))
        ]
        if dropped:
            # The save removes them (persian/html.py); the editor learns which.
            self.message_user(
                request,
                "تصویرهایی که از سایت دیگری در متن آمده بود حذف شد، چون صفحه‌های خبر"
                " چیزی از جای دیگر بار نمی‌کنند: "
                + "، ".join(dict.fromkeys(dropped))
                + ". عکس را در تحریریه بارگذاری کنید.",
                messages.WARNING,
            )
        obj.updated_by = request.user
        if change:
            obj.lock_version = services.next_version(obj)
        else:
            obj.author = obj.author or request.user
            obj.status = Article.Status.DRAFT
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        note = form.cleaned_data.get("editorial_note", "")
        name = request.POST.get("_transition")
        if name:
            try:
                services.article_transition(
                    article=article,
                    user=request.user,
                    name=name,
                    note=note,
                    at=article.published_at,
                )
            except services.WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(action)s: done.")
                    % {"action": services.TRANSITIONS[name].label},
                    messages.SUCCESS,
                )
        elif note:
            services.article_add_note(article=article, user=request.user, note=note)
        if request.POST.get("_accept_suggestions"):
            found = self._suggestions(article)
            article.officials.add(*[m.official for m in found["officials"]])
            article.countries.add(*found["countries"])

    def response_change(self, request, obj):
        if request.POST.get("_transition") or request.POST.get("_accept_suggestions"):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def _desk_context(self, request, article) -> dict:
        return {
            "suggestions": self._suggestions(article),
            "transitions": services.available(request.user, article),
            "events": article.events.select_related("actor"),
            "others_editing": self._present(request, article),
            "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
            "presence_url": reverse(
                "admin:articles_article_presence", args=[article.pk]
            ),
        }

    @staticmethod
    def _suggestions(article) -> dict:
        """Officials and countries its text names that are not linked yet."""
        text = " ".join(
            html_to_text(getattr(article, f"{field}_fa", "") or "")
            for field in ("rootitr", "title", "lead", "body")
        )
        day = timezone.localtime(article.published_at or article.created_at).date()
        found = link(text, on=day)
        linked_officials = set(article.officials.values_list("pk", flat=True))
        linked_countries = set(article.countries.values_list("pk", flat=True))
        return {
            "officials": [
                m for m in found.officials if m.official.pk not in linked_officials
            ],
            "countries": [c for c in found.countries if c.pk not in linked_countries],
        }

    @staticmethod
    def _present(request, article) -> list[str]:
        """Note that the user has the article open; return who else has it open."""
        now = timezone.now()
        EditPresence.objects.update_or_create(
            article=article, user=request.user, defaults={"last_seen": now}
        )
        present = (
            EditPresence.objects.filter(
                article=article, last_seen__gte=now - PRESENCE_TIMEOUT
            )
            .exclude(user=request.user)
            .select_related("user")
        )
        return [p.user.get_full_name() or p.user.get_username() for p in present]

    # --- Extra pages: preview, presence, history with diff and restore --------

    def get_urls(self):
        extra = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="articles_article_import",
            ),
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name="articles_article_presence",
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
        ]
        return extra + super().get_urls()

    def _article_or_404(self, request, object_id) -> Article:
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404
        return article

    def import_view(self, request):
        """Paste raw wire copy, see the parse side by side, create the draft."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = WireImportForm(request.POST or None, initial={"service": "provinces"})
        result = None
        if request.method == "POST" and form.is_valid():
            try:
                result = services.wire_item_import(
                    raw=form.cleaned_data["raw"],
                    user=request.user,
                    date=form.cleaned_data["date"],
                    service_slug=form.cleaned_data["service"].slug,
                    dry_run="_create" not in request.POST,
                )
            except services.WireImportError as error:
                form.add_error("raw", str(error))
            else:
                if result.article is not None:
                    self.message_user(
                        request,
                        _("Draft %(code)s was created from the wire copy.")
                        % {"code": persian_digits(result.article.news_code)},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse(
                            "admin:articles_article_change", args=[result.article.pk]
                        )
                    )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import wire copy"),
            "form": form,
            "result": result,
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context)

    def preview_view(self, request, object_id):
        """The article in the public template, whatever its state (staff only)."""
        article = self._article_or_404(request, object_id)
        return TemplateResponse(
            request,
            "articles/article_detail.html",
            {"article": article, "preview": True},
        )

    def presence_view(self, request, object_id):
        """Note that the user still has the form open; return who else has."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, object_id)
        return JsonResponse({"others": self._present(request, article)})

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_or_404(request, object_id)
        versions = list(
            Version.objects.get_for_object(article).select_related("revision__user")
        )
        context = {
            "versions": versions,
            "can_restore": services.can_edit(request.user, article),
        }
        by_id = {v.pk: v for v in versions}
        try:
            old, new = (by_id.get(int(request.GET.get(k, ""))) for k in ("a", "b"))
        except ValueError:
            old = new = None
        if old is not None and new is not None:
            if old.revision.date_created > new.revision.date_created:
                old, new = new, old
            context.update(
                old=old, new=new, diff=compare(old.field_dict, new.field_dict)
            )
        context.update(extra_context or {})
        return super().history_view(request, object_id, context)

    def restore_view(self, request, object_id, version_id):
        if request.method != "POST":
            return HttpResponseRedirect(
                reverse("admin:articles_article_history", args=[object_id])
            )
        article = self._article_or_404(request, object_id)
        version = get_object_or_404(
            Version.objects.get_for_object(article), pk=version_id
        )
        try:
            services.article_restore(
                article=article, version=version, user=request.user
            )
        except services.WorkflowError as error:
            raise PermissionDenied(str(error)) from error
        self.message_user(
            request, _("The earlier text was restored."), messages.SUCCESS
        )
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[article.pk])
        )

    # --- Columns ----------------------------------------------------------------

    @admin.display(description=_("news code"), ordering="news_code")
    def code(self, obj):
        return persian_digits(obj.news_code) if obj.news_code else "—"

    @admin.display(description=_("publish time"), ordering="published_at")
    def published(self, obj):
        return format_datetime(obj.published_at) or "—"

    @admin.display(description=_("last update"), ordering="updated_at")
    def updated(self, obj):
        return format_datetime(obj.updated_at) or "—"

    @admin.display(description=_("created"), ordering="created_at")
    def created(self, obj):
        return format_datetime(obj.created_at) or "—"

    @admin.display(description=_("preview"))
    def image_preview(self, obj):
        if not obj.image:
            return "—"
        return format_html('<img src="{}" alt="" class="image-preview">', obj.image.url)
