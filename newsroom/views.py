"""``/healthz``: whether this app server can answer, for load balancers and monitors."""

import json

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not; Redis is reported only.

    Without Redis the site still answers (uncached), so Redis being away does not take
    an app server out of the load balancer.
    """
    checks = {"database": _database_answers()}
    if settings.REDIS_URL:
        checks["redis"] = _redis_answers()
    healthy = checks["database"]
    body = {"status": "ok" if healthy else "unavailable", **checks}
    return HttpResponse(
        json.dumps(body),
        status=200 if healthy else 503,
        content_type="application/json",
    )


def _database_answers() -> bool:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        return False


def _redis_answers() -> bool:
    try:
        from django_redis import get_redis_connection

        return bool(get_redis_connection("default").ping())
    except Exception:  # noqa: BLE001 - any failure means "not answering"
        return False
