"""Sitemaps, the Google News sitemap and robots.txt.

Every page is listed in Persian (at the root) and, when it has English text, in English
(under /en/), with hreflang alternates between the two.
"""

import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from articles.feeds import xml_text
from articles.models import Article
from articles.pagecache import list_tag, name_tag, tag
from articles.querysets import written_flags
from officials.models import Official
from persian.languages import languages_with_text
from topics.models import Country, Service, Topic

# Google News reads articles of the last two days, at most 1,000 of them.
NEWS_WINDOW = datetime.timedelta(days=2)
NEWS_LIMIT = 1000


class _TranslatedSitemap(Sitemap):
    """One URL per language the object is written in, each naming the others."""

    i18n = True
    alternates = True
    x_default = True
    text_field = "name"

    def get_languages_for_item(self, item):
        return languages_with_text(item, self.text_field)


class ArticleSitemap(_TranslatedSitemap):
    """The articles of one month (Tehran time): one index range, some 9,000 rows."""

    def get_languages_for_item(self, item):
        return item.languages()

    def __init__(self, year: int, month: int):
        self.start = _month_start(year, month)
        self.end = _month_start(year + month // 12, month % 12 + 1)

    def items(self):
        # Only what the URL, the languages and lastmod need: bodies can be long.
        return (
            Article.objects.published()
            .filter(published_at__gte=self.start, published_at__lt=self.end)
            .only("news_code", "slug", "title_en", "updated_at", *written_flags())
            .order_by("-published_at", "-news_code")
        )

    def lastmod(self, item):
        return item.updated_at


def _month_start(year: int, month: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, 1))


def article_months() -> list[tuple[int, int]]:
    """Every month from the first published article's to this one, newest first."""
    first = Article.objects.published().order_by("published_at").first()
    if first is None:
        return []
    since, now = timezone.localtime(first.published_at), timezone.localtime()
    months, year, month = [], now.year, now.month
    while (year, month) >= (since.year, since.month):
        months.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


class ServiceSitemap(_TranslatedSitemap):
    def items(self):
        return Service.objects.order_by("position", "pk")


class TopicSitemap(_TranslatedSitemap):
    def items(self):
        return Topic.objects.order_by("pk")


class OfficialSitemap(_TranslatedSitemap):
    def items(self):
        return Official.objects.order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class CountrySitemap(_TranslatedSitemap):
    def items(self):
        # Some 250 countries are loaded; only those in the news have a page worth it.
        in_the_news = Article.objects.published().filter(countries=OuterRef("pk"))
        return Country.objects.filter(Exists(in_the_news)).order_by("code")


class AgencySitemap(Sitemap):
    """The agency's own pages (about, contact), in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return ["articles:about", "articles:contact"]

    def location(self, item):
        return reverse(item)


# Everything but the articles, in one sitemap.
PAGES = {
    "agency": AgencySitemap,
    "services": ServiceSitemap,
    "topics": TopicSitemap,
    "officials": OfficialSitemap,
    "countries": CountrySitemap,
}


def sitemap_index(request):
    """``/sitemap.xml``: the sitemap of the pages, then one per month of articles."""
    tag(request, list_tag("all"))
    locations = [reverse("sitemap_pages")] + [
        reverse("sitemap_articles", kwargs={"year": year, "month": f"{month:02d}"})
        for year, month in article_months()
    ]
    return HttpResponse(
        render_to_string(
            "articles/sitemap_index.xml",
            {"locations": [request.build_absolute_uri(u) for u in locations]},
        ),
        content_type="application/xml; charset=utf-8",
    )


def sitemap_pages(request):
    """The services, topics, officials and countries readers may find."""
    tag(request, *(name_tag(kind) for kind in ("topic", "official", "country")))
    return sitemap_views.sitemap(request, sitemaps=PAGES)


def sitemap_articles(request, year: int, month: int):
    """The articles of one month."""
    if not (1 <= month <= 12 and 2000 <= year <= 2200):
        raise Http404("No such month.")
    tag(request, list_tag("month", f"{year:04d}-{month:02d}"))
    sitemaps = {"articles": ArticleSitemap(year, month)}
    return sitemap_views.sitemap(request, sitemaps=sitemaps)


def news_sitemap(request):
    """The Google News sitemap: articles published in the last two days."""
    tag(request, list_tag("all"))
    articles = (
        Article.objects.published()
        .filter(published_at__gte=timezone.now() - NEWS_WINDOW)
        .only(
            "news_code",
            "slug",
            "title_fa",
            "title_en",
            "published_at",
            *written_flags(),
        )
        .order_by("-published_at", "-news_code")[:NEWS_LIMIT]
    )
    entries = []
    for article in articles:
        for language in article.languages():
            with translation.override(language):
                entries.append(
                    {
                        "location": request.build_absolute_uri(
                            article.get_absolute_url()
                        ),
                        "publication": gettext("Newsroom"),
                        "language": language,
                        "published": timezone.localtime(article.published_at).isoformat(
                            timespec="seconds"
                        ),
                        "title": xml_text(getattr(article, f"title_{language}")),
                    }
                )
    return HttpResponse(
        render_to_string("articles/sitemap_news.xml", {"entries": entries}),
        content_type="application/xml; charset=utf-8",
    )


def robots_txt(request):
    """robots.txt: keep crawlers out of the admin, point them to the sitemaps."""
    tag(request, name_tag("robots"))
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news_sitemap'))}",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
