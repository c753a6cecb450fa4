"""Keyset ("older than") pages for the public lists: the same cost at any depth.

A list is read newest first (publish time, then news code). The link to older news
carries the position of the last article shown (``?older=<cursor>``), the link to newer
news that of the first (``?newer=<cursor>``), so every page is one index range read of
``per_page + 1`` rows: no ``COUNT(*)``, no ``OFFSET``, and no duplicates or gaps when
articles are published between two clicks. Old ``?page=N`` links still answer.

Search is ranked, not ordered by time, and reads a bounded set: it keeps numbered pages.
"""

import datetime
import json
import re
from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import EmptyPage, Paginator
from django.db import connection
from django.db.models import Q
from django.http import Http404

PER_PAGE = 20
# Far past any real archive; larger numbers are refused before any query runs.
MAX_PAGE = 100_000

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_MICROSECOND = datetime.timedelta(microseconds=1)
_CURSOR = re.compile(r"(\d{1,17})-(\d{1,18})")


def encode_cursor(article) -> str:
    """Return the position of ``article`` in a newest-first list: ``<µs>-<code>``."""
    micros = (article.published_at - _EPOCH) // _MICROSECOND
    return f"{micros}-{article.news_code}"


def decode_cursor(raw: str) -> tuple[datetime.datetime, int]:
    """Return (publish time, news code) of a cursor; 404 for anything malformed."""
    match = _CURSOR.fullmatch(raw)
    if not match:
        raise Http404("No such page.")
    try:
        when = _EPOCH + int(match[1]) * _MICROSECOND
    except OverflowError as error:
        raise Http404("No such page.") from error
    return when, int(match[2])


@dataclass
class KeysetPage:
    """One page of a newest-first list, with the cursors of its neighbours."""

    object_list: list
    older: str | None = None
    newer: str | None = None

    @property
    def has_next(self) -> bool:
        return self.older is not None

    @property
    def has_previous(self) -> bool:
        return self.newer is not None

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def _page_number(raw: str) -> int:
    if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= MAX_PAGE:
        raise Http404("No such page.")
    return int(raw)


def keyset_page(request, queryset, per_page: int = PER_PAGE) -> KeysetPage:
    """Return the page of newest-first ``queryset`` the query string asks for.

    ``queryset`` must be ordered by ``-published_at, -news_code``. A malformed cursor
    or page number, or a page past the end, is a 404.
    """
    older, newer = request.GET.get("older"), request.GET.get("newer")
    if older is not None:
        when, code = decode_cursor(older)
        rows = list(
            queryset.filter(published_at__lte=when).filter(
                Q(published_at__lt=when) | Q(news_code__lt=code)
            )[: per_page + 1]
        )
        has_newer, has_older = True, len(rows) > per_page
    elif newer is not None:
        when, code = decode_cursor(newer)
        rows = list(
            queryset.filter(published_at__gte=when)
            .filter(Q(published_at__gt=when) | Q(news_code__gt=code))
            .reverse()[: per_page + 1]
        )
        has_newer, has_older = len(rows) > per_page, True
        rows = rows[:per_page][::-1]
    else:
        number = _page_number(request.GET.get("page", "1"))
        start = (number - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
        has_newer, has_older = number > 1, len(rows) > per_page
    rows = rows[:per_page]
    if not rows:
        # Only the first page of a list may be empty: anything else is past the end.
        if older is not None or newer is not None or has_newer:
            raise Http404("No such page.")
        return KeysetPage(rows)
    return KeysetPage(
        rows,
        older=encode_cursor(rows[-1]) if has_older else None,
        newer=encode_cursor(rows[0]) if has_newer else None,
    )


def paginate(request, items, per_page: int = PER_PAGE, count: int | None = None):
    """Return the numbered page of ``items`` (a bounded list); 404 past the end.

    ``count``: how many items there are, when the caller knows (no COUNT query).
    """
    number = _page_number(request.GET.get("page", "1"))
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # the cached property, known already
    try:
        return paginator.page(number)
    except EmptyPage as error:
        raise Http404("No such page.") from error


class EstimatedCountPaginator(Paginator):
    """Counts exactly up to ``EXACT_UP_TO`` rows, and estimates past that.

    For the admin's lists: "about 1,000,000 articles" costs the planner's estimate,
    where an exact count would read every row on each page view.
    """

    EXACT_UP_TO = 10_000

    @cached_property
    def count(self) -> int:
        queryset = self.object_list.order_by()
        exact = queryset[: self.EXACT_UP_TO + 1].count()
        if exact <= self.EXACT_UP_TO:
            return exact
        if connection.vendor != "postgresql":
            return queryset.count()  # no estimate to offer; demo-sized archives
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        return max(exact, int(plan[0]["Plan"]["Plan Rows"]))
