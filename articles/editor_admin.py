"""The article editor's screen: its top bar, checklist, language tabs and previews.

The layout is in templates/admin/articles/article/change_form.html and its includes,
static/css/editor-screen.css and static/js/editor-screen.js; this module gives them
what they show. The buttons are the workflow's (articles/offers.py).
"""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from articles import checklist, offers, suggestions
from articles.models import Article
from articles.querysets import WRITTEN
from persian.html import sanitize_html

# The text column, each language in its tab (Persian, the default language, first).
TEXT_COLUMN = ("rootitr", "title", "lead", "body")


def text_fieldsets() -> list:
    """The text column's fieldsets: one a language, in the order of LANGUAGES."""
    return [
        (
            get_language_info(code)["name_translated"],
            {
                "fields": [f"{name}_{code}" for name in TEXT_COLUMN],
                "classes": ["editor-text", f"editor-lang-{code}"],
            },
        )
        for code, _name in settings.LANGUAGES
    ]


def _value(form, article, name: str) -> str:
    if name in form.fields:
        return form[name].value() or ""
    return getattr(article, name, "") or "" if article else ""


def language_tabs(form, article) -> list[dict]:
    """Each language's tab: its code, label and whether its text is written, by the
    rule that lists an article in a language (``WRITTEN``), read from the form."""
    tabs = []
    for code, _name in settings.LANGUAGES:
        written = [bool(_value(form, article, f"{n}_{code}")) for n in WRITTEN]
        if all(written):
            state, mark = "complete", "✓"
        elif any(written):
            state, mark = "partial", _("incomplete")
        else:
            state, mark = "empty", _("not translated")
        tabs.append(
            {
                "code": code,
                "label": get_language_info(code)["name_translated"],
                "state": state,
                # The default language is the article itself: no mark.
                "mark": "" if code == settings.LANGUAGE_CODE else mark,
            }
        )
    return tabs


def editor_context(request, article: Article | None, form) -> dict:
    """What the top bar, the tabs and the publishing panel show."""
    named = None
    if article is None:
        buttons = offers.offers(request.user, offers.draft_of(request.user))
        checks = []
    else:
        buttons = offers.offers(request.user, article)
        named = suggestions.suggestions(article)
        checks = checklist.checklist(article, named)
    context = {
        "offers": buttons,
        "checks": checks,
        "check_limits": {"title": checklist.TITLE_MAX, "lead": checklist.LEAD_MAX},
        # For the page's script, which counts as the editor types.
        "check_messages": {
            key: checklist.length_warning(key, "{n}") for key in ("title", "lead")
        },
        "language_tabs": language_tabs(form, article),
    }
    if article is not None:
        context["suggestions"] = named
        context["preview_screens_url"] = reverse(
            "admin:articles_article_preview_screens", args=[article.pk]
        )
    return context


def framable(view):
    """Let the admin's own pages (and nothing else) show ``view`` in a frame."""
    view = xframe_options_sameorigin(view)
    return csp_replace({"frame-ancestors": [SELF]})(view)


def preview_screens_view(model_admin, request, object_id):
    """The preview at a phone's and a desktop's width, side by side."""
    article = model_admin.article_or_404(request, object_id)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": _("Preview"),
        "subtitle": str(article),
        "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
        "change_url": reverse("admin:articles_article_change", args=[article.pk]),
    }
    return TemplateResponse(
        request, "admin/articles/article/preview_screens.html", context
    )


def shown_body(article: Article, code: str):
    """The body as readers see it: sanitised HTML, set as in the editor."""
    html = sanitize_html(getattr(article, f"body_{code}", "") or "")
    if not html:
        return "—"
    direction = "rtl" if get_language_info(code)["bidi"] else "ltr"
    return format_html(
        '<div class="rich-readonly" dir="{}">{}</div>', direction, mark_safe(html)
    )
