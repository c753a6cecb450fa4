"""Login throttling on django-axes: the client's address, an address ceiling, the page.

axes counts failed logins per username and address (``AXES_LOCKOUT_PARAMETERS``) and
its authentication backend refuses a locked-out login before the password is checked.
This module adds what the newsroom needs around it: the client's address behind our own
proxies, a ceiling on one address's failures over every username, and the Persian page
that says when to try again.
"""

import ipaddress
import math
from datetime import datetime

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _


def client_address(request: HttpRequest) -> str | None:
    """Return the address a request comes from, trusting TRUSTED_PROXY_COUNT proxies.

    Each of our proxies appends the address it saw to X-Forwarded-For, so the client is
    the entry that many places from the end; anything further left was written by the
    client and is never believed. Without proxies (the default) it is REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [
        hop.strip()
        for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hop.strip()
    ]
    if len(hops) < count:
        # Not through all our proxies: only the connection's own address is known.
        return remote
    try:
        return str(ipaddress.ip_address(hops[-count]))
    except ValueError:
        return remote


def _failures(attempts) -> tuple[int, datetime | None]:
    """Return the failures counted in ``attempts`` and the time of the latest."""
    totals = attempts.aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    return totals["failures"] or 0, totals["last"]


def _recent_attempts(request: HttpRequest):
    """Return the attempts from the request's address still inside the cool-off."""
    return AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address,
        attempt_time__gte=get_cool_off_threshold(request),
    )


class LoginThrottle(AxesDatabaseHandler):
    """axes' database handler, plus a ceiling on one address's failures over all users.

    Locking a username only together with an address keeps a guesser from locking a
    colleague out, but lets one address try every username in turn, each try costing a
    password hash; LOGIN_ADDRESS_FAILURE_LIMIT bounds that.
    """

    def is_locked(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
        if not limit or not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        failures, _last = _failures(_recent_attempts(request))
        return failures >= limit


def locked_until(request: HttpRequest, credentials: dict | None = None) -> datetime:
    """Return when this login's lock lifts: its last counted failure + the cool-off."""
    attempts = _recent_attempts(request)
    username = get_client_username(request, credentials)
    failures, last = _failures(attempts.filter(username=username))
    if failures < settings.AXES_FAILURE_LIMIT:
        # Locked by the address's ceiling rather than this username's failures.
        _failures_all, last = _failures(attempts)
    return (last or request.axes_attempt_time) + get_cool_off(request)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """Return the admin-styled page refusing a locked-out login, saying until when."""
    until = locked_until(request, credentials)
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    context = {
        **admin.site.each_context(request),
        "title": _("Login locked for a while"),
        "until": until,
        "minutes": math.ceil(seconds / 60),
    }
    response = TemplateResponse(
        request,
        "admin/login_locked.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(seconds)
    # A cache in front must never keep this answer for anyone else.
    response["Cache-Control"] = "private, no-store"
    return response.render()
