"""Public pages that list articles by a facet: a service, a topic (tag), a country and
an official (bio, posts over time, articles by post held)."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language

from articles.models import Article
from articles.pagecache import list_tag, name_tag, tag, tag_articles
from articles.paging import keyset_page
from officials.models import Official, Position
from topics.models import Country, Service, Topic


def _page(request, item, **filters):
    """The page of ``item``'s list, tagged with the list, its name and its articles."""
    page = keyset_page(
        request, Article.objects.for_readers(get_language()).filter(**filters)
    )
    kind = item._meta.model_name
    tag(request, list_tag(kind, item.pk), name_tag(kind, item.pk))
    tag_articles(request, page)
    return page


def service_detail(request, slug: str):
    service = get_object_or_404(Service, slug=slug)
    return render(
        request,
        "topics/service_detail.html",
        {
            "service": service,
            "page": _page(request, service, service=service),
        },
    )


def topic_detail(request, slug: str):
    topic = get_object_or_404(Topic, slug=slug)
    return render(
        request,
        "topics/topic_detail.html",
        {"topic": topic, "page": _page(request, topic, topics=topic)},
    )


def country_detail(request, code: str):
    country = get_object_or_404(Country, code=code.upper())
    positions = (
        Position.objects.filter(country=country)
        .select_related("official")
        .order_by("end_date", "-start_date")
    )
    tag(request, *(name_tag("official", p.official_id) for p in positions))
    return render(
        request,
        "topics/country_detail.html",
        {
            "country": country,
            "page": _page(request, country, countries=country),
            "current": [p for p in positions if p.end_date is None],
            "past": [p for p in positions if p.end_date is not None],
        },
    )


# The newest articles shown on the page, grouped by post; the rest are one click away
# in the combined filter.
ARTICLES_ON_PAGE = 60


def official_detail(request, slug: str):
    official = get_object_or_404(
        Official.objects.select_related("photo").prefetch_related("photo__renditions"),
        slug=slug,
    )
    positions = list(
        official.positions.select_related("country").order_by("-start_date")
    )
    articles = list(
        Article.objects.for_readers(get_language()).filter(officials=official)[
            :ARTICLES_ON_PAGE
        ]
    )
    groups = {position.pk: [] for position in positions}
    other = []
    for article in articles:
        day = timezone.localtime(article.published_at).date()
        held = next((p for p in positions if p.covers(day)), None)
        (groups[held.pk] if held else other).append(article)
    tag(request, list_tag("official", official.pk), name_tag("official", official.pk))
    tag(
        request, *(name_tag("country", p.country_id) for p in positions if p.country_id)
    )
    tag_articles(request, articles)
    return render(
        request,
        "officials/official_detail.html",
        {
            "official": official,
            "positions": positions,
            "groups": [(p, groups[p.pk]) for p in positions if groups[p.pk]],
            "other": other,
        },
    )
