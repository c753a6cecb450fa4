"""Public pages of the news: home, article, combined filter, archive by day."""

import datetime

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from articles import search as searching
from articles.filters import parse_filter
from articles.gallery import gallery_items
from articles.models import Article
from articles.pagecache import article_tag, list_tag, name_tag, tag, tag_articles
from articles.paging import keyset_page, paginate
from articles.reads import count_read, most_read_lists
from articles.search import clean_query, search_articles
from articles.sharing import share_links
from officials.models import Official
from persian.collation import sorted_persian
from persian.jalali import (
    WEEKDAYS_EN,
    WEEKDAYS_FA,
    day_start,
    format_month,
    from_jalali,
    month_weeks,
    to_jalali,
)
from persian.languages import readable_in
from photos.models import OG_RATIO, Photo
from topics.models import Country, Service, Topic

HOME_PER_SERVICE = 5
# The shape of the home page's photos and of an article's own (their templates).
WIDE = "16:9"
HOME_LEADS = 5
HOME_NEWEST = 12
HOME_PHOTOS = 4
# The newest stories read at once for the latest list and every service's block:
# enough, on an agency's front page, for each service to find its newest there.
HOME_WINDOW = 200
# The photo row looks this far back: a bounded range of the newest-first index,
# however rare photos are in the archive.
PHOTO_ROW_DAYS = 30
ARCHIVE_FIRST_YEAR = 1300


def _readers_articles():
    return Article.objects.for_readers(get_language())


def home(request):
    """The front page: lead stories, breaking news, latest news, photos, a block per
    service, most read today and this week.

    Its lists are read without their photos, and the photos of the stories that show
    one (the leads, the photo row, each service's first story) are fetched once for
    them all: two queries, whatever their number. The latest list and the services'
    blocks come from one range of the newest stories (``_newest_and_blocks``).
    """
    language = get_language()
    articles = _readers_articles().prefetch_related(None)
    now = timezone.now()
    services = list(Service.objects.all())
    leads = list(articles.filter(is_lead=True)[:HOME_LEADS])
    photo_row = list(
        articles.filter(
            photo__isnull=False,
            published_at__gte=now - datetime.timedelta(days=PHOTO_ROW_DAYS),
        ).exclude(pk__in=[lead.pk for lead in leads])[:HOME_PHOTOS]
    )
    newest, blocks = _newest_and_blocks(articles, services)
    prefetch_related_objects(
        [*leads, *photo_row, *(items[0] for _s, items in blocks)],
        Prefetch("photo", queryset=Photo.objects.with_renditions(WIDE)),
    )
    context = {
        "nav_services": services,  # the services bar reads the same rows
        "leads": leads,
        "breaking": list(
            articles.filter(
                is_breaking=True, published_at__gte=now - datetime.timedelta(days=1)
            )[:5]
        ),
        "newest": newest,
        "photo_row": photo_row,
        "latest": blocks,
    }
    context["most_read"], context["most_read_week"] = most_read_lists(
        language, 1, 7, photos=False
    )
    tag(request, list_tag("all"))
    for key in ("leads", "breaking", "newest", "photo_row", "most_read"):
        tag_articles(request, context[key])
    tag_articles(request, context["most_read_week"])
    for _service, items in blocks:
        tag_articles(request, items)
    return render(request, "articles/home.html", context)


def _newest_and_blocks(articles, services) -> tuple[list, list]:
    """The newest stories, and each service with its newest stories (those that have
    any), read in two queries: the ids of the newest ``HOME_WINDOW`` from the
    newest-first index, then the rows shown. A service too quiet to fill its block
    from them (only when older stories lie beyond the window) costs one query more.
    """
    window = list(articles.values_list("pk", "service_id")[:HOME_WINDOW])
    chosen: dict[int, list[int]] = {service.pk: [] for service in services}
    for pk, service_id in window:
        ids = chosen.get(service_id)
        if ids is not None and len(ids) < HOME_PER_SERVICE:
            ids.append(pk)
    if len(window) == HOME_WINDOW:
        for service in services:
            if len(chosen[service.pk]) < HOME_PER_SERVICE:
                chosen[service.pk] = list(
                    articles.filter(service=service).values_list("pk", flat=True)[
                        :HOME_PER_SERVICE
                    ]
                )
    newest_ids = [pk for pk, _service_id in window[:HOME_NEWEST]]
    shown = {*newest_ids, *(pk for ids in chosen.values() for pk in ids)}
    # A story withdrawn between the two queries is simply left out.
    rows = articles.filter(pk__in=shown).in_bulk() if shown else {}
    blocks = [
        (service, [rows[pk] for pk in chosen[service.pk] if pk in rows])
        for service in services
    ]
    return (
        [rows[pk] for pk in newest_ids if pk in rows],
        [(service, items) for service, items in blocks if items],
    )


def detail(request, code: int, slug: str | None = None):
    """A published article; anything else is a 404, even for staff (they preview)."""
    language = get_language()
    article = get_object_or_404(
        Article.objects.published()
        .select_related("service")
        .prefetch_related(
            # Its photo wide, and its social preview (og:image, structured data).
            Prefetch("photo", queryset=Photo.objects.with_renditions(WIDE, OG_RATIO)),
            Prefetch("officials", queryset=Official.objects.order_by("name")),
            Prefetch("countries", queryset=Country.objects.order_by("name")),
            Prefetch("topics", queryset=Topic.objects.order_by("name")),
            Prefetch(
                "related",
                queryset=Article.objects.for_readers(language),
                to_attr="related_published",
            ),
            "corrections",
        ),
        news_code=code,
    )
    languages = article.languages()
    if language not in languages:
        raise Http404("Not written in this language.")
    if slug != article.slug_in(language):
        # The code alone, or an English address under the Persian slug (the one
        # English addresses used to have), moved for good; any other slug may be a
        # typo, answered for now.
        return redirect(article, permanent=slug in (None, article.slug))
    tag(
        request,
        article_tag(article.pk),
        *(name_tag("official", o.pk) for o in article.officials.all()),
        *(name_tag("country", c.pk) for c in article.countries.all()),
        *(name_tag("topic", t.pk) for t in article.topics.all()),
    )
    tag_articles(request, article.related_published)
    count_read(article.pk)
    # A photo story's photos, all of them in two queries (its changes, and those of
    # its library photos, drop this page by the article's tag: invalidation.py).
    gallery = gallery_items(article)
    url = request.build_absolute_uri(article.get_absolute_url())
    response = render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "languages": languages,
            "translations": translations(article, languages),
            "structured_data": structured_data(request, article, gallery),
            "gallery": gallery,
            "share_links": share_links(url, article.title),
            "short_url": request.build_absolute_uri(
                reverse("articles:short", args=[article.news_code])
            ),
            "day_url": _day_url(article.published_at),
        },
    )
    # A page served from the cache is counted as read too (articles/pagecache.py).
    response.reads_article = article.pk
    return response


def translations(article: Article, languages: list[str]) -> dict[str, str]:
    """The address of ``article`` in each language it is written in."""
    urls = {}
    for code in languages:
        with override(code):
            urls[code] = article.get_absolute_url()
    return urls


def structured_data(request, article: Article, gallery=()) -> dict:
    """Return the article as schema.org NewsArticle (JSON-LD); a photo story's
    images are its lead photo's and its gallery's social renditions."""
    url = request.build_absolute_uri(article.get_absolute_url())
    language = get_language()
    byline = readable_in(article.byline, language)
    dateline = readable_in(article.dateline, language)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": get_language(),
        "datePublished": timezone.localtime(article.published_at).isoformat(),
        "dateModified": timezone.localtime(article.updated_at).isoformat(),
        "articleSection": str(article.service),
        "identifier": str(article.news_code),
        "keywords": [name for name in map(str, article.topics.all()) if name],
        "publisher": {"@type": "Organization", "name": str(_("Newsroom"))},
        "author": {"@type": "Person", "name": byline}
        if byline
        else {"@type": "Organization", "name": str(_("Newsroom"))},
    }
    og_image = article.photo.og_image if article.photo else None
    if og_image:
        data["image"] = [request.build_absolute_uri(og_image.file.url)]
    shown = [item.photo.og_image for item in gallery]
    if any(shown):
        images = data.get("image", []) + [
            request.build_absolute_uri(og.file.url) for og in shown if og
        ]
        data["image"] = list(dict.fromkeys(images))
    if dateline:
        data["dateline"] = dateline
    return data


def _day_url(moment: datetime.datetime) -> str:
    """The archive page of the Jalali day of ``moment``."""
    day = to_jalali(moment)
    return reverse("articles:archive_day", args=[day.year, day.month, day.day])


def short_link(request, code: int):
    """``/n/<code>``: the permanent short link of an article."""
    article = get_object_or_404(Article.objects.published(), news_code=code)
    return redirect(article, permanent=True)


def article_filter(request):
    """The combined filter; every value may be garbage and is answered with a note."""
    found = parse_filter(request.GET)
    page = keyset_page(request, found.apply(_readers_articles()))
    facets = [
        *(list_tag("official", o.pk) for o in found.officials),
        *(list_tag("country", c.pk) for c in found.countries),
        *(list_tag("topic", t.pk) for t in found.topics),
        *(list_tag("service", s.pk) for s in found.services),
    ]
    # A page narrowed by a facet changes only with that facet's lists.
    tag(request, *(facets or [list_tag("all")]))
    tag(request, *(name_tag(kind) for kind in ("official", "country", "topic")))
    tag_articles(request, page)
    return render(
        request,
        "articles/article_filter.html",
        {
            "page": page,
            "filter": found,
            "chips": found.chips(get_language()),
            # Persian alphabetical order (پ after ب, گ after ک), which the
            # database's ORDER BY does not give: one query each, sorted here.
            "officials": sorted_persian(Official.objects.all()),
            "countries": sorted_persian(Country.objects.in_the_news()),
            "topics": sorted_persian(Topic.objects.all()),
            "services": Service.objects.all(),
            "selected": {
                key: request.GET.getlist(key)
                for key in ("official", "country", "topic", "service")
            },
        },
    )


def search(request):
    """``/search/?q=``: every word must match, whatever its letters or digits."""
    query = clean_query(request.GET.get("q"))
    # Results are drawn without pictures: their photos are not read.
    readers = _readers_articles().prefetch_related(None)
    articles, terms, found = search_articles(readers, query, language=get_language())
    page = paginate(request, articles, count=found) if terms else None
    tag(request, list_tag("all"))
    if page:
        tag_articles(request, page)
    return render(
        request,
        "articles/search.html",
        {
            "query": query,
            "terms": terms,
            "page": page,
            "capped": bool(page) and page.paginator.count >= searching.SEARCH_LIMIT,
        },
    )


def _archive_date(year: int, month: int, day: int = 1) -> datetime.date:
    """The Gregorian date of a Jalali day the archive holds; 404 for any other."""
    try:
        date = from_jalali(year, month, day)
    except (ValueError, OverflowError) as error:
        raise Http404("No such day.") from error
    # The archive holds the days news was published: none before the Jalali 1300s
    # (and their neighbours are still dates), none after today.
    if year < ARCHIVE_FIRST_YEAR or date > timezone.localdate():
        raise Http404("No such day.")
    return date


def archive_day(request, year: int, month: int, day: int):
    """Every article of one Jalali day, in Tehran time."""
    date = _archive_date(year, month, day)
    start = day_start(date)
    articles = _readers_articles().filter(
        published_at__gte=start, published_at__lt=start + datetime.timedelta(days=1)
    )
    page = keyset_page(request, articles, per_page=50)
    tag(request, list_tag("day", f"{year:04d}{month:02d}{day:02d}"))
    tag_articles(request, page)
    previous, following = (
        to_jalali(date + datetime.timedelta(days=d)) for d in (-1, 1)
    )
    return render(
        request,
        "articles/article_archive_day.html",
        {
            "page": page,
            "date": date,
            "previous": previous,
            "following": following if date < timezone.localdate() else None,
        },
    )


def archive_today(request):
    """``/archive/``: this month's calendar."""
    today = to_jalali(timezone.localdate())
    return redirect("articles:archive_month", today.year, today.month)


def archive_month(request, year: int, month: int):
    """A Jalali month as a calendar; the days with news link to their archive."""
    first = _archive_date(year, month)
    weeks = month_weeks(year, month)
    days = [date for week in weeks for date in week if date]
    start = day_start(first)
    end = start + datetime.timedelta(days=len(days))
    # One grouped query for the whole month: the local days that have news.
    with_news = {
        moment.date()
        for moment in Article.objects.published()
        .in_language(get_language())
        .filter(published_at__gte=start, published_at__lt=end)
        .datetimes("published_at", "day")
    }
    tag(request, list_tag("calendar", f"{year:04d}{month:02d}"))
    previous = to_jalali(first - datetime.timedelta(days=1))
    following = to_jalali(days[-1] + datetime.timedelta(days=1))
    today = timezone.localdate()
    return render(
        request,
        "articles/article_archive_month.html",
        {
            "title": format_month(year, month, lang=_lang()),
            # (name, its one-letter form for a phone's width: ش ی د س چ پ ج)
            "weekdays": [(name, name[0]) for name in WEEKDAYS_FA]
            if _lang() == "fa"
            else [(name, name) for name in WEEKDAYS_EN],
            "weeks": [
                [
                    date
                    and {
                        "day": to_jalali(date).day,
                        "date": date,
                        "news": date in with_news,
                        "today": date == today,
                    }
                    for date in week
                ]
                for week in weeks
            ],
            "year": year,
            "month": month,
            "previous": previous if previous.year >= ARCHIVE_FIRST_YEAR else None,
            "previous_title": format_month(previous.year, previous.month, lang=_lang()),
            "following": following if following.togregorian() <= today else None,
            "following_title": format_month(
                following.year, following.month, lang=_lang()
            ),
        },
    )


def _lang() -> str:
    return "fa" if (get_language() or "fa").startswith("fa") else "en"
