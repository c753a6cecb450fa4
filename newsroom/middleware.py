"""Query strings no page can read get a clear answer, never a server error."""

from django.db import DataError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.defaults import bad_request

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
