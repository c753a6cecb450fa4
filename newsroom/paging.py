"""Page numbers from the query string, for every list on the public site."""

from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404

PER_PAGE = 20
# Far past any real archive; larger numbers are refused before any query runs.
MAX_PAGE = 100_000


def paginate(request, queryset, per_page: int = PER_PAGE) -> Page:
    """Return the requested page of ``queryset``; 404 for a bad or past-the-end page."""
    raw = request.GET.get("page", "1")
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE:
        raise Http404("No such page.")
    try:
        return Paginator(queryset, per_page).page(int(raw))
    except EmptyPage as error:
        raise Http404("No such page.") from error
