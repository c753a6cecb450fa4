"""Planning a load: which days get how many stories, their news codes, their facets.

Days are drawn over ten years of archive (fewer stories on Thursdays and Fridays),
never past 999 codes a day, counting the codes a day has already handed out;
services, topics, officials and countries are drawn with skewed popularity, and most
stories carry a lead photo from the library, as an agency's do.
"""

import bisect
import datetime
import math
import random
from collections import Counter

from django.db.models import F, Max
from django.utils import timezone

from articles.bulk.compose import Choice, cumulative
from articles.bulk.texts import (
    ARTICLE_TYPES,
    BYLINES,
    COUNTRY_RANKS,
    DATELINES,
    HOUR_WEIGHTS,
    THEMES,
)
from articles.models import Article, NewsCodeCounter
from articles.querysets import is_written, other_languages, written_flag
from officials.models import Official
from persian.jalali import day_key
from photos.models import Photo
from topics.models import Country, Service, Topic

# A provincial agency's output: 150–300 stories a day, ten years of archive.
PER_DAY = 270
ARCHIVE_DAYS = 3653
# allocate_news_code writes the day's sequence in three digits.
MAX_PER_DAY = 999
ENGLISH_SHARE = 0.10
# Nearly every story an agency files carries a lead photo: its own or a file photo.
PHOTO_SHARE = 0.9
FRIDAY, THURSDAY = 4, 3


def _zipf(count: int, exponent: float = 1.0) -> list:
    """Cumulative weights 1, 1/2^s, 1/3^s…: a few common items, a long tail."""
    return cumulative(1 / (rank + 1) ** exponent for rank in range(count))


class Picker:
    """Draws distinct ids with skewed (Zipf-like) popularity."""

    def __init__(self, ids: list, rng: random.Random, exponent: float = 1.0):
        self.ids = ids
        self.cum = _zipf(len(ids), exponent)
        self.random = rng.random

    def one(self):
        """Return one id, popular ones far more often."""
        return self.ids[bisect.bisect_right(self.cum, self.random() * self.cum[-1])]

    def two(self, first=None) -> tuple:
        """Return two different ids (fewer if fewer exist); ``first`` if given."""
        if len(self.ids) < 2:
            return tuple(self.ids)
        first = self.one() if first is None else first
        second = first
        while second == first:
            second = self.one()
        return first, second


class Facets:
    """Services, topics, officials and countries, and how popular each is."""

    def __init__(self, seed: int, rng: random.Random):
        self.rng = rng
        # Popularity follows the seed, not the run: the same topics stay common
        # however many times the archive is topped up.
        order = random.Random(seed)
        topics = list(Topic.objects.order_by("pk").values_list("pk", "slug"))
        order.shuffle(topics)
        officials = list(Official.objects.order_by("pk").values_list("pk", flat=True))
        order.shuffle(officials)
        self.topics = Picker([pk for pk, _slug in topics], rng)
        self.officials = Picker(officials, rng)
        by_code = dict(Country.objects.values_list("code", "pk"))
        ranked = [by_code[code] for code in COUNTRY_RANKS if code in by_code]
        self.countries = Picker(ranked or sorted(by_code.values()), rng, 1.3)
        by_slug = {slug: pk for pk, slug in topics}
        self.desk_topics = {
            desk: Picker([by_slug[s] for s in spec["topics"] if s in by_slug], rng)
            for desk, spec in THEMES.items()
        }
        services = list(Service.objects.order_by("position", "pk"))
        if not services:
            raise RuntimeError("No services: run migrate first.")
        # A service with no desk of its own borrows one's copy.
        self.services = [
            (s.pk, s.slug if s.slug in THEMES else order.choice(list(THEMES)))
            for s in services
        ]
        self.service_weights = cumulative(
            THEMES[s.slug]["weight"] if s.slug in THEMES else 8 for s in services
        )
        # The library's photos that have been resized for the pages (the demo's file
        # photos on a bench database); none in an empty library.
        self.photos = list(
            Photo.objects.filter(renditions__isnull=False)
            .distinct()
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    def photo(self) -> int | None:
        """A lead photo from the library for most stories; None for the rest."""
        if self.photos and self.rng.random() < PHOTO_SHARE:
            return self.rng.choice(self.photos)
        return None

    def service(self) -> tuple[int, str]:
        """Return (service id, desk name)."""
        return self.rng.choices(self.services, cum_weights=self.service_weights)[0]

    def topics_for(self, desk: str) -> tuple:
        """Two topics: mostly one of the desk's own, then any."""
        own = self.desk_topics[desk]
        if own.ids and self.rng.random() < 0.8:
            return self.topics.two(own.one())
        return self.topics.two()


def _used_sequences(keys: list[str]) -> dict[str, int]:
    """Return each day's last news code sequence, from its counter and its articles."""
    first, last = keys[0], keys[-1]
    # Locked until the load commits, so a normal save meanwhile waits its turn.
    used = dict(
        NewsCodeCounter.objects.select_for_update()
        .filter(day__gte=first, day__lte=last)
        .values_list("day", "last")
    )
    # Codes saved without the counter (fixtures, old loaders) are avoided too.
    newest = (
        Article.objects.filter(
            news_code__gte=int(first) * 1000, news_code__lte=int(last) * 1000 + 999
        )
        .annotate(day=F("news_code") / 1000)
        .values("day")
        .annotate(top=Max("news_code"))
        .values_list("day", "top")
        .order_by()
    )
    for day, top in newest:
        used[str(day)] = max(used.get(str(day), 0), top - day * 1000)
    return used


def plan_days(articles: int, rng: random.Random, end: datetime.datetime) -> list:
    """Return the days to fill, oldest first, each with its codes' first sequence."""
    tz = timezone.get_current_timezone()
    end_local = end.astimezone(tz)
    today = end_local.date()
    elapsed = (end_local - end_local.replace(hour=0, minute=0, second=0)).seconds
    span = max(ARCHIVE_DAYS, math.ceil(articles / PER_DAY))
    while True:
        dates = [today - datetime.timedelta(days=n) for n in range(span - 1, -1, -1)]
        noon = datetime.time(12)
        keys = [day_key(datetime.datetime.combine(d, noon, tzinfo=tz)) for d in dates]
        used = _used_sequences(keys)
        room = [MAX_PER_DAY - used.get(key, 0) for key in keys]
        if sum(room) >= articles:
            break
        # Earlier loads filled these days: reach further back.
        span += ARCHIVE_DAYS
    weights = []
    for d, free in zip(dates, room, strict=True):
        weight = 0.5 if d.weekday() == FRIDAY else 0.8 if d.weekday() == THURSDAY else 1
        if d == today:
            weight *= elapsed / 86400
        weights.append(weight if free > 0 else 0)
    drawn = Counter(
        rng.choices(range(len(dates)), cum_weights=cumulative(weights), k=articles)
    )
    counts = [min(drawn[i], room[i]) for i in range(len(dates))]
    spill = articles - sum(counts)
    # A day the draw overfilled passes its extra stories to days with room.
    for i in rng.sample(range(len(dates)), len(dates)):
        if not spill:
            break
        take = min(room[i] - counts[i], spill)
        if take > 0 and (dates[i] != today or elapsed > 3600):
            counts[i] += take
            spill -= take
    if spill:
        raise RuntimeError("No room left for news codes in the archive's days.")
    return [
        (d, key, used.get(key, 0) + 1, n)
        for d, key, n in zip(dates, keys, counts, strict=True)
        if n
    ]


def _seconds(rng: random.Random, count: int, limit: int) -> list[int]:
    """Return ``count`` sorted times of day, in seconds, none after ``limit``."""
    hours = rng.choices(range(24), cum_weights=_HOUR_CUM, k=count)
    out = []
    for hour in hours:
        second = hour * 3600 + rng.randrange(3600)
        out.append(second if second <= limit else rng.randint(0, limit))
    out.sort()
    return out


_HOUR_CUM = cumulative(HOUR_WEIGHTS)


# --- Rows --------------------------------------------------------------------

LINKS = ("topics", "officials", "countries")


def article_fields() -> list:
    """The article table's columns but the primary key, as model fields."""
    return [f for f in Article._meta.local_concrete_fields if not f.primary_key]


def article_batches(*, plan, end, facets, composer, rng, batch):
    """Yield (rows, links) lists of up to ``batch`` articles, oldest first."""
    tz = timezone.get_current_timezone()
    fields = article_fields()
    names = [f.attname for f in fields]
    defaults = {f.attname: f.get_default() for f in fields}
    datelines = {
        desk: Choice(DATELINES.get(desk, DATELINES["default"]), rng) for desk in THEMES
    }
    bylines = Picker(BYLINES, rng)
    types = [t for t, _w in ARTICLE_TYPES]
    type_weights = cumulative(w for _t, w in ARTICLE_TYPES)
    end_local = end.astimezone(tz)
    random_ = rng.random
    rows: list = []
    links: list = []
    for date, key, first_seq, count in plan:
        midnight = datetime.datetime.combine(date, datetime.time())
        limit = 86399
        if date == end_local.date():
            limit = (end_local.replace(tzinfo=None) - midnight).seconds
        code = int(key) * 1000 + first_seq
        for second in _seconds(rng, count, limit):
            published = (midnight + datetime.timedelta(seconds=second)).replace(
                tzinfo=tz
            )
            service_id, desk = facets.service()
            values = dict(defaults)
            values.update(composer.article(desk, english=random_() < ENGLISH_SHARE))
            for language in other_languages():  # as a save flags them
                values[written_flag(language)] = is_written(values, language, dict.get)
            updated = published
            if random_() < 0.2:  # corrected or retouched after publication
                updated = min(
                    published + datetime.timedelta(minutes=rng.randint(1, 600)), end
                )
            values.update(
                news_code=code,
                service_id=service_id,
                photo_id=facets.photo(),
                status=Article.Status.PUBLISHED,
                article_type=rng.choices(types, cum_weights=type_weights)[0],
                dateline=datelines[desk].draw()[0],
                byline=bylines.one(),
                published_at=published,
                created_at=published - datetime.timedelta(minutes=rng.randint(10, 240)),
                updated_at=updated,
                is_lead=random_() < 0.015,
                is_breaking=random_() < 0.005,
            )
            code += 1
            rows.append([values[name] for name in names])
            links.append(
                (
                    facets.topics_for(desk),
                    facets.officials.two(),
                    facets.countries.two(),
                )
            )
            if len(rows) == batch:
                yield rows, links
                rows, links = [], []
    if rows:
        yield rows, links
