"""The desk: the article list as a work queue, and the lists on the admin's front page.

The article list has a tab for each queue (in review, approved, scheduled, published
today, drafts, sent back, wire copy), each with its count, and one-click narrowings
(mine, my services, today). A small script (static/js/desk.js) asks ``desk_view``
every 30 s for the ids and counts of the list on screen, and offers to show what is
new. Who sees which article is the workflow's (``services.visible_to``).

Counting stays cheap at any size of the archive: one aggregate query, over the
articles not yet published and those published today only, never over the archive.
"""

import datetime
from functools import cached_property

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.models import Article, ArticleEvent
from persian.admin import show_number
from persian.jalali import day_start

S = Article.Status
# The states an article waits in; with today's publications, all the desk counts.
WAITING = (S.DRAFT, S.RETURNED, S.REVIEW, S.APPROVED, S.SCHEDULED)
LIMIT = 8  # articles in each list of the front page


def midnight():
    """Today's start in the site's time zone (Tehran)."""
    return day_start(timezone.localdate())


def from_the_wire() -> Exists:
    """True for an article made by the wire import (articles/wire_import.py)."""
    return Exists(
        ArticleEvent.objects.filter(article=OuterRef("pk"), action="wire_import")
    )


# Each queue: its key in the URL (?queue=), its name, and its condition.
QUEUES = {
    "review": _("In review"),
    "approved": _("Approved"),
    "scheduled": _("Scheduled"),
    "published_today": _("Published today"),
    "draft": _("Drafts"),
    "returned": _("Sent back"),
    "wire": _("Wire queue"),
}


def queue_condition(key: str, today) -> Q:
    """The condition of queue ``key``; ``today`` is the day's start."""
    if key == "published_today":
        return Q(status=S.PUBLISHED, published_at__gte=today)
    if key == "wire":
        return Q(status=S.DRAFT) & Q(from_the_wire())
    return Q(status=key)


def counted(queryset, conditions: dict[str, Q], today) -> dict[str, int]:
    """Count the articles of ``queryset`` meeting each condition, in one query.

    Every condition must hold only for waiting articles or those published today:
    only those rows are read, whatever the size of the archive.
    """
    rows = queryset.order_by().filter(
        Q(status__in=WAITING) | Q(status=S.PUBLISHED, published_at__gte=today)
    )
    return rows.aggregate(
        **{key: Count("pk", filter=condition) for key, condition in conditions.items()}
    )


def _filed_today(today) -> Q:
    """Filed today and still waiting, or published (or due) today."""
    tomorrow = day_start(timezone.localdate() + datetime.timedelta(days=1))
    return Q(status__in=WAITING, created_at__gte=today) | Q(
        published_at__gte=today, published_at__lt=tomorrow
    )


# --- The list as a work queue ----------------------------------------------------


class Desk:
    """The queue, narrowings and counts of one request's article list."""

    SCOPES = {"mine": _("Mine"), "desks": _("My services")}

    def __init__(self, changelist, request, queryset):
        self.changelist = changelist
        self.user = request.user
        params = request.GET
        self.queue = params.get("queue") if params.get("queue") in QUEUES else None
        self.scope = params.get("scope") if params.get("scope") in self.SCOPES else None
        self.today_only = params.get("day") == "today"
        self.today = midnight()
        self.desks = services.desk_ids(self.user)
        self.narrowed = self._narrow(queryset)

    def _narrow(self, queryset):
        if self.scope == "mine":
            queryset = queryset.filter(author=self.user)
        elif self.scope == "desks" and self.desks is not None:
            queryset = queryset.filter(service__in=self.desks)
        if self.today_only:
            queryset = queryset.filter(_filed_today(self.today))
        return queryset

    def queryset(self):
        """The list's articles: narrowed, then those of the chosen queue."""
        if self.queue is None:
            return self.narrowed
        return self.narrowed.filter(queue_condition(self.queue, self.today))

    @cached_property
    def counts(self) -> dict[str, int]:
        """How many articles each queue holds, with the list's other filters."""
        conditions = {key: queue_condition(key, self.today) for key in QUEUES}
        return counted(self.narrowed, conditions, self.today)

    def _link(self, **changes) -> str:
        # The page number is never kept (the changelist leaves it out); the state
        # filter would contradict the queue.
        return self.changelist.get_query_string(changes, remove=["status__"])

    def tabs(self) -> list[dict]:
        """All articles, then each queue with its count."""
        tabs = [
            {
                "key": "",
                "label": _("All"),
                "url": self._link(queue=None),
                "active": self.queue is None,
            }
        ]
        for key, label in QUEUES.items():
            tabs.append(
                {
                    "key": key,
                    "label": label,
                    "count": self.counts[key],
                    "url": self._link(queue=key),
                    "active": self.queue == key,
                }
            )
        return tabs

    def chips(self) -> list[dict]:
        """One-click narrowings, each a link that turns it on or off."""
        chips = [("scope", "mine", self.SCOPES["mine"])]
        if self.desks:  # an editor of some services; a chief's are all of them
            chips.append(("scope", "desks", self.SCOPES["desks"]))
        chips.append(("day", "today", _("Today")))
        current = {"scope": self.scope, "day": "today" if self.today_only else None}
        links = []
        for param, value, label in chips:
            active = current[param] == value
            links.append(
                {
                    "label": label,
                    "active": active,
                    "url": self._link(**{param: None if active else value}),
                }
            )
        return links

    def poll_url(self) -> str:
        """Where desk.js asks for this list's ids and counts."""
        query = self.changelist.get_query_string(
            {PAGE_VAR: self.changelist.page_num} if self.changelist.page_num > 1 else {}
        )
        return reverse("admin:articles_article_desk") + query


# The text of an article, in every language, is never shown in a list: not read.
HEAVY = ("body", "lead", "search_title", "search_text")


def heavy_fields() -> list[str]:
    """The columns of an article's text, which lists leave unread."""
    return [f.name for f in Article._meta.concrete_fields if f.name.startswith(HEAVY)]


class DeskChangeList(ChangeList):
    """The article list: Django's, with the desk's queue and narrowings."""

    DESK_PARAMS = ("queue", "scope", "day")

    def get_filters_params(self, params=None):
        lookup = super().get_filters_params(params)
        for name in self.DESK_PARAMS:  # the desk's own, not lookups of a field
            lookup.pop(name, None)
        return lookup

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        self.desk = Desk(self, request, queryset.defer(*heavy_fields()))
        return self.desk.queryset()


def desk_view(model_admin, request):
    """The ids on the list the query string describes, and every queue's count."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    try:
        changelist = model_admin.get_changelist_instance(request)
    except IncorrectLookupParameters:
        return JsonResponse({"error": "bad query"}, status=400)
    counts = changelist.desk.counts
    return JsonResponse(
        {
            "ids": list(changelist.result_list.values_list("pk", flat=True)),
            "counts": counts,
            "labels": {key: show_number(n) for key, n in counts.items()},
        }
    )


# --- The front page ----------------------------------------------------------------


def desk_lists(user) -> list[dict]:
    """Return the user's lists on the admin's front page: title, count, the newest
    few articles and a link to the whole queue. One query counts them all."""
    if not services.may_open_articles(user):
        return []
    today = midnight()
    visible = services.visible_to(user, Article.objects.all())
    mine = Q(author=user)
    lists = [
        ("mine_draft", _("My drafts"), mine & Q(status=S.DRAFT), "draft", "mine"),
        (
            "mine_returned",
            _("Sent back to me"),
            mine & Q(status=S.RETURNED),
            "returned",
            "mine",
        ),
    ]
    desks = services.desk_ids(user)
    if services.on_desks(user, Article.objects.all()) is not None:
        on_desks = Q() if desks is None else Q(service__in=desks)
        scope = None if desks is None else "desks"
        lists += [
            (
                "desk_review",
                _("Awaiting review in my services"),
                on_desks & Q(status=S.REVIEW),
                "review",
                scope,
            ),
            (
                "desk_approved",
                _("Approved, not yet published"),
                on_desks & Q(status=S.APPROVED),
                "approved",
                scope,
            ),
        ]
    lists += [
        ("wire", _("Wire copy to edit"), queue_condition("wire", today), "wire", None),
        ("scheduled", _("Scheduled"), Q(status=S.SCHEDULED), "scheduled", None),
        (
            "published_today",
            _("Published today"),
            queue_condition("published_today", today),
            "published_today",
            None,
        ),
    ]
    counts = counted(visible, {row[0]: row[2] for row in lists}, today)
    changelist = reverse("admin:articles_article_changelist")
    result = []
    for key, title, condition, queue, scope in lists:
        order = "published_at" if queue == "scheduled" else "-published_at"
        articles = visible.filter(condition).order_by(order, "-pk")
        if queue in ("draft", "returned", "wire"):
            articles = articles.order_by("-updated_at", "-pk")
        query = f"?queue={queue}" + (f"&scope={scope}" if scope else "")
        result.append(
            {
                "key": key,
                "title": title,
                "count": counts[key],
                "articles": list(
                    articles.select_related("service").defer(*heavy_fields())[:LIMIT]
                ),
                "url": changelist + query,
            }
        )
    return result
