"""The public page of an official: bio, posts over time, articles by post held."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language

from articles.models import Article
from newsroom.pagecache import list_tag, name_tag, tag, tag_articles
from officials.models import Official

# The newest articles shown on the page, grouped by post; the rest are one click away
# in the combined filter.
ARTICLES_ON_PAGE = 60


def official_detail(request, slug: str):
    official = get_object_or_404(Official, slug=slug)
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
