"""Bad query strings and a lost database get a clear answer, never a server error;
readers' pages show no text of another language."""

import logging

from django.db import DataError, InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseRedirect
from django.template import loader
from django.urls import reverse
from django.views.defaults import bad_request
from modeltranslation.utils import fallbacks

log = logging.getLogger(__name__)

# The admin's "the filter was wrong" flag: its list opens again without the filters.
ADMIN_ERROR_FLAG = "e"


class BadQueryMiddleware:
    """Refuse NUL characters; open an admin list again when a filter value breaks it.

    - A NUL character (``%00``) in a query string gets the Persian 400 page: no page
      reads one, and PostgreSQL refuses to compare text holding one.
    - In the admin's lists, a filter value outside what its column holds (a year
      99999 typed into the address) makes Django raise while it builds the list; the
      list opens again without the filters, as the admin does for a wrong filter name.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "%00" in query or "\x00" in query:
            return bad_request(request, ValueError("NUL in the query string"))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (ValueError, OverflowError, DataError)):
            return None
        if request.method not in ("GET", "HEAD") or not request.GET:
            return None
        if ADMIN_ERROR_FLAG in request.GET:
            return None
        if not request.path.startswith(reverse("admin:index")):
            return None
        return HttpResponseRedirect(f"{request.path}?{ADMIN_ERROR_FLAG}=1")


# How long a reader is asked to wait when the database is away.
RETRY_AFTER_SECONDS = 30
_CONNECTION_ERRORS = (OperationalError, InterfaceError)


class DatabaseFaultMiddleware:
    """A page that lost its database connection is drawn again once, on a new one.

    When PostgreSQL restarts, fails over or drops connections, the requests in flight
    get a connection error. A reader's GET or HEAD is drawn once more on a fresh
    connection (nothing was written, so nothing is done twice); if the database is
    still away, or the request was a POST, the answer is the Persian 503 page with
    ``Retry-After``, never a 500. Pages in the cache are served throughout, before
    this is reached (articles/pagecache.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, _CONNECTION_ERRORS):
            return None
        log.warning(
            "Database connection lost during %s %s", request.method, request.path
        )
        _drop_connections()
        if request.method in ("GET", "HEAD") and request.resolver_match is not None:
            match = request.resolver_match
            try:
                response = match.func(request, *match.args, **match.kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
                return response
            except _CONNECTION_ERRORS:
                log.warning("The database is still away: 503 for %s", request.path)
                _drop_connections()
        return database_unavailable(request)


def _drop_connections() -> None:
    """Close every database connection, so the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - a dead connection may fail to close
            connection.connection = None


def database_unavailable(request):
    """The Persian 503 page, drawn without the database."""
    response = HttpResponse(
        loader.render_to_string("503.html"), status=503, content_type="text/html"
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class ReadersLanguageMiddleware:
    """Readers' pages show each text in the page's language only, never another's.

    django-modeltranslation answers a field empty in English with the Persian text
    (``MODELTRANSLATION_FALLBACK_LANGUAGES``): the admin relies on it to name things in
    any language, but an English page would show Persian set left to right. Outside the
    admin the fallback is off, so an empty English field reads as empty.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(reverse("admin:index")):
            return self.get_response(request)
        with fallbacks(False):
            return self.get_response(request)
