"""An article's revisions in the admin: the list, the difference of two, and restore.

Each revision saved from the form says what it changed, in the admin log's words; the
history page reads both in the editor's language (persian.admin.change_message).
"""

import json

import reversion
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from reversion.models import Version

from articles import services
from articles.revisions import compare


def history_context(request, article) -> dict:
    """Return the revisions of ``article``, and the two compared when the user chose."""
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
        context.update(old=old, new=new, diff=compare(old.field_dict, new.field_dict))
    return context


def remember_change(message) -> None:
    """Let the revision being saved say which fields the form changed (the admin log's
    message), unless a transition made in the same save has named it already."""
    if message and reversion.is_active() and not reversion.get_comment():
        text = message if isinstance(message, str) else json.dumps(message)
        reversion.set_comment(text)


def restore_view(model_admin, request, object_id, version_id):
    """Bring back the text of one revision (POST), through the workflow's rights."""
    if request.method != "POST":
        return HttpResponseRedirect(
            reverse("admin:articles_article_history", args=[object_id])
        )
    article = model_admin.article_or_404(request, object_id)
    version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
    try:
        services.article_restore(article=article, version=version, user=request.user)
    except services.WorkflowError as error:
        raise PermissionDenied(str(error)) from error
    model_admin.message_user(
        request, _("The earlier text was restored."), messages.SUCCESS
    )
    return HttpResponseRedirect(
        reverse("admin:articles_article_change", args=[article.pk])
    )
