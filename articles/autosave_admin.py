"""The autosave's admin URLs: the page sends its text, or discards its draft (JSON).

Mounted by the article admin (articles/admin.py), whose rights they take: those
of the workflow (articles/services.py). The drafts themselves are articles/autosave.py.
"""

import json
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseNotAllowed, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.autosave import (
    OFFER_TEMPLATE,
    TOKEN,
    TOKEN_FIELD,
    draft_fields,
    field_label,
    offer,
    save_draft,
    unsaved,
    with_digits,
)
from articles.drafts import EditorDraft
from articles.models import Article


class Refused(Exception):
    """The autosave was not kept; ``str(error)`` tells the user why."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


@dataclass
class Payload:
    fields: dict[str, str]
    based_on: int | None
    token: str
    offer: bool


def _kept() -> str:
    return _("The text is still in this browser.")


def _read_json(request) -> dict:
    """Return the JSON object the page sent; Refused if too long or unreadable."""
    try:
        raw = request.body
    except RequestDataTooBig:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        message = _(
            "The text is longer than the %(limit)s MB the server takes at once."
        ) % {"limit": with_digits(limit)}
        raise Refused(f"{message} {_kept()}", 413) from None
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        raise Refused(_("The autosave could not be read.") + f" {_kept()}")
    return data


def _token(data: dict) -> str:
    token = data.get("token")
    return token if isinstance(token, str) and TOKEN.fullmatch(token) else ""


def read_payload(request) -> Payload:
    """Return the autosave the page sent; Refused if it is unreadable or too long."""
    data = _read_json(request)
    kept = _kept()
    sent = data.get("fields")
    if not isinstance(sent, dict):
        raise Refused(_("The autosave could not be read.") + f" {kept}")
    fields = {}
    for name in draft_fields():
        value = sent.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            raise Refused(_("The autosave could not be read.") + f" {kept}")
        limit = Article._meta.get_field(name).max_length
        if limit and len(value) > limit:
            message = _(
                "“%(field)s” is longer than %(limit)s characters; shorten it."
            ) % {"field": field_label(name), "limit": with_digits(limit)}
            raise Refused(f"{message} {kept}", 413)
        # PostgreSQL's JSON cannot hold a NUL, and no form field takes one.
        fields[name] = value.replace("\x00", "")
    based_on = data.get("based_on")
    if not isinstance(based_on, int) or isinstance(based_on, bool):
        based_on = None
    elif not 0 <= based_on < 2**31:
        based_on = None
    return Payload(fields, based_on, _token(data), bool(data.get("offer")))


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"saved": False, "error": message}, status=status)


def _article(model_admin, request, object_id) -> Article | None:
    """Return the article the user may change (None for a new one); else Refused."""
    if object_id is None:
        if not model_admin.has_add_permission(request):
            raise Refused(_("You may not write articles."), 403)
        return None
    article = model_admin.get_object(request, object_id)
    if article is None:
        raise Refused(_("No such article."), 404)
    if not model_admin.has_change_permission(request, article):
        raise Refused(
            _("You may not edit this article now; the text is still in this browser."),
            403,
        )
    return article


def autosave_view(model_admin, request, object_id=None):
    """Keep the form's text as the user's draft (POST, JSON); never the article."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        article = _article(model_admin, request, object_id)
        payload = read_payload(request)
        if article is None and not payload.token:
            raise Refused(_("The autosave could not be read."))
    except Refused as refused:
        return _json_error(str(refused), refused.status)
    if payload.offer and not unsaved(request.user, article, payload.fields):
        # A copy the browser kept of text the article has (a save went through
        # after it): nothing to keep, and the user's stored draft stays as it is.
        draft = None
    else:
        draft = save_draft(
            user=request.user,
            article=article,
            token=payload.token,
            fields=payload.fields,
            based_on=payload.based_on,
        )
    time = with_digits(timezone.localtime().strftime("%H:%M"))
    answer = {
        "saved": True,
        "kept": draft is not None,
        # Nothing to say when the text is the article's own.
        "status": _("Your unsaved text was kept on the server at %(time)s.")
        % {"time": time}
        if draft
        else "",
    }
    if payload.offer:
        found = offer(request.user, article)
        answer["offer"] = (
            render_to_string(OFFER_TEMPLATE, {"offer": found}, request=request)
            if found
            else ""
        )
    return JsonResponse(answer)


def discard_view(model_admin, request, object_id=None):
    """Delete the user's own draft of the article (or of a new one's page)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if object_id is None:
        try:
            token = _token(_read_json(request))
        except Refused as refused:
            return _json_error(str(refused), refused.status)
        drafts = EditorDraft.objects.filter(article=None, token=token, page_saved=False)
    else:
        article = model_admin.get_object(request, object_id)
        if article is None:
            return _json_error(_("No such article."), 404)
        drafts = EditorDraft.objects.filter(article=article)
    drafts.filter(user=request.user).delete()
    return JsonResponse(
        {"discarded": True, "status": _("The unsaved text was discarded.")}
    )


def forget_draft(request, article: Article) -> None:
    """Remove the user's draft of ``article``, just saved: the article has the text.

    The draft of a new article's page is kept, emptied and marked saved: a copy of
    that page's text left in the browser and sent later is then known as saved,
    not offered as a new article's unsaved text.
    """
    user = request.user
    EditorDraft.objects.filter(user=user, article=article).delete()
    token = request.POST.get(TOKEN_FIELD, "")
    if TOKEN.fullmatch(token):
        EditorDraft.objects.update_or_create(
            user=user,
            article=None,
            token=token,
            defaults={"fields": {}, "page_saved": True, "saved_at": timezone.now()},
        )


def autosave_routes(model_admin, route) -> list:
    """The admin URLs of autosave; ``route`` wraps a view as the article admin's."""
    return [
        route("autosave/", partial(autosave_view, model_admin), "autosave_new"),
        route(
            "autosave/discard/",
            partial(discard_view, model_admin),
            "autosave_discard_new",
        ),
        route(
            "<path:object_id>/autosave/",
            partial(autosave_view, model_admin),
            "autosave",
        ),
        route(
            "<path:object_id>/autosave/discard/",
            partial(discard_view, model_admin),
            "autosave_discard",
        ),
    ]
