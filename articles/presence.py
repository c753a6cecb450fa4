"""Who else has an article's change form open, noted while each one stays open."""

import datetime

from django.http import HttpResponseNotAllowed, JsonResponse
from django.utils import timezone

from articles.models import EditPresence

# Someone whose change form has not called in for this long has closed it.
PRESENCE_TIMEOUT = datetime.timedelta(seconds=90)


def others_present(article, user) -> list[str]:
    """Note that ``user`` has the article open; return who else has it open."""
    now = timezone.now()
    EditPresence.objects.update_or_create(
        article=article, user=user, defaults={"last_seen": now}
    )
    present = (
        EditPresence.objects.filter(
            article=article, last_seen__gte=now - PRESENCE_TIMEOUT
        )
        .exclude(user=user)
        .select_related("user")
    )
    return [p.user.get_full_name() or p.user.get_username() for p in present]


def presence_view(model_admin, request, object_id):
    """Note that the user still has the form open; return who else has."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = model_admin.article_or_404(request, object_id)
    return JsonResponse({"others": others_present(article, request.user)})
