"""The combined filter: official + country + topic + service + date range.

Every value comes from the query string and may be garbage: unknown slugs and bad
dates are dropped with a note for the reader, never an error.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from officials.models import Official
from persian.jalali import day_start, format_date, parse_date
from topics.models import Country, Service, Topic

# More values than this in one facet are ignored: no reader needs them, and each one
# costs a join.
MAX_VALUES = 5
MAX_LENGTH = 200
# Dates outside these are not dates for the filter: no archive reaches them, and the
# calendar conversions fail at the ends of the range.
_FIRST_DAY = datetime.date(1900, 1, 1)
_LAST_DAY = datetime.date(9000, 1, 1)


@dataclass
class Chip:
    label: str
    remove_url: str


@dataclass
class ArticleFilter:
    officials: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    services: list = field(default_factory=list)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    notes: list[str] = field(default_factory=list)
    params: list[tuple[str, str]] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.params)

    def apply(self, queryset):
        """Return ``queryset`` narrowed by every active filter (all must hold)."""
        for official in self.officials:
            queryset = queryset.filter(officials=official)
        for country in self.countries:
            queryset = queryset.filter(countries=country)
        for topic in self.topics:
            queryset = queryset.filter(topics=topic)
        if self.services:
            queryset = queryset.filter(service__in=self.services)
        # Bounds in Tehran time on the column itself (not its date), so the newest-first
        # index still serves the range.
        if self.date_from:
            queryset = queryset.filter(published_at__gte=day_start(self.date_from))
        if self.date_to:
            day_after = self.date_to + datetime.timedelta(days=1)
            queryset = queryset.filter(published_at__lt=day_start(day_after))
        return queryset

    def chips(self, language: str) -> list[Chip]:
        """One chip per active value, each with the URL that removes just it."""
        labels = {}
        for key, items, attr in (
            ("official", self.officials, "slug"),
            ("country", self.countries, "code"),
            ("topic", self.topics, "slug"),
            ("service", self.services, "slug"),
        ):
            for item in items:
                value = (
                    getattr(item, attr).lower()
                    if key == "country"
                    else getattr(item, attr)
                )
                labels[(key, value)] = str(item)
        if self.date_from:
            labels[("from", self._param("from"))] = _("from %(date)s") % {
                "date": format_date(self.date_from, lang=language)
            }
        if self.date_to:
            labels[("to", self._param("to"))] = _("to %(date)s") % {
                "date": format_date(self.date_to, lang=language)
            }
        chips = []
        for key, value in self.params:
            if (key, value) in labels:
                rest = [(k, v) for k, v in self.params if (k, v) != (key, value)]
                chips.append(Chip(labels[(key, value)], "?" + urlencode(rest)))
        return chips

    def _param(self, key: str) -> str:
        return next(v for k, v in self.params if k == key)


def _values(query, key: str) -> list[str]:
    values = [v.strip() for v in query.getlist(key) if v.strip()]
    return [v for v in values if len(v) <= MAX_LENGTH and "\x00" not in v][:MAX_VALUES]


def parse_filter(query) -> ArticleFilter:
    """Read the filter from a QueryDict; unknown values become notes."""
    result = ArticleFilter()
    lookups = [
        ("official", "officials", Official.objects.all(), "slug"),
        ("country", "countries", Country.objects.all(), "code"),
        ("topic", "topics", Topic.objects.all(), "slug"),
        ("service", "services", Service.objects.all(), "slug"),
    ]
    for key, attr, queryset, field_name in lookups:
        values = _values(query, key)
        if not values:
            continue
        if key == "country":
            values = [v.upper() for v in values]
        found = {
            getattr(o, field_name): o
            for o in queryset.filter(**{f"{field_name}__in": values})
        }
        for value in dict.fromkeys(values):
            if value in found:
                getattr(result, attr).append(found[value])
                result.params.append(
                    (key, value.lower() if key == "country" else value)
                )
            else:
                result.notes.append(
                    _("Nothing is filed under “%(value)s”; it was left out.")
                    % {"value": value}
                )
    for key, attr in (("from", "date_from"), ("to", "date_to")):
        values = _values(query, key)
        if not values:
            continue
        day = parse_date(values[0])
        if day is None or not _FIRST_DAY <= day <= _LAST_DAY:
            result.notes.append(
                _("“%(value)s” is not a date; it was left out.") % {"value": values[0]}
            )
        else:
            setattr(result, attr, day)
            result.params.append((key, values[0]))
    if result.date_from and result.date_to and result.date_from > result.date_to:
        result.notes.append(
            _("The start date is after the end date, so nothing can match.")
        )
    return result
