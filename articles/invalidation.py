"""Which cached pages a change makes stale: the rules, one receiver per kind of change.

Receivers, not calls from each service: an article changes through the workflow, the
admin form and its inlines, restores, imports and the shell, and every one of those
paths must drop exactly the pages that show what changed, and nothing else.

- An article: its own page and every page that lists or links it (they carry its tag);
  while readers may see it, also the lists it now belongs to (all news, its service,
  topics, officials, countries and day), so a publication shows up there at once.
- An article with a publish time, visible or not (published, withdrawn, deleted): its
  Jalali month's archive calendar, which links the days that have news.
- A link added between an article and a topic, official, country or related article:
  the article's pages, and (while it is visible) the list it joined.
- An article that readers now see among the newest of a language: the pages with the
  side column of the latest news in that language (``articles/side.py``); an edit
  of an older story leaves them be.
- A correction: its article's pages.
- A library photo (its caption, credit, or image and so its renditions): the pages
  of the articles that show it, and every page that lists them; the pages of the
  officials it portrays.
- A photo story's gallery (a photo added, moved, removed or recaptioned), or a
  library photo one shows: the pages of those articles. (A gallery that gives its
  story a lead photo saves the article, which drops its lists.)
- A name (service, topic, official, country) or an official's post: the pages that
  print it, and the lists of all such names (the filter form, the sitemaps).

A scheduled article needs no rule: no cached page outlives the next publish time.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from articles import side
from articles.models import Article, ArticlePhoto, Correction
from articles.pagecache import article_tag, bump, forget_schedule, list_tag, name_tag
from officials.models import Official, Position
from persian.jalali import day_key
from photos.models import Photo
from topics.models import Country, Service, Topic

# The article's links, by the list kind that each facet's pages use.
FACETS = {"topics": "topic", "officials": "official", "countries": "country"}


def article_lists(article: Article) -> list[str]:
    """The tags of every list ``article`` appears on while it is visible."""
    tags = [list_tag("all"), list_tag("service", article.service_id)]
    if article.published_at:
        local = timezone.localtime(article.published_at)
        tags.append(list_tag("day", day_key(article.published_at)))
        tags.append(list_tag("month", f"{local.year:04d}-{local.month:02d}"))
    for field, kind in FACETS.items():
        ids = getattr(article, field).values_list("pk", flat=True)
        tags += [list_tag(kind, pk) for pk in ids]
    return tags


def latest_tags(article: Article) -> list[str]:
    """The tags of the side columns whose latest news ``article`` now belongs to
    (one query per language it is written in; none unless readers see it)."""
    if not article.is_published:
        return []
    newer = Q(published_at__gt=article.published_at) | Q(
        published_at=article.published_at, news_code__gt=article.news_code
    )
    return [
        list_tag("latest", language)
        for language in article.languages()
        if Article.objects.published()
        .in_language(language)
        .filter(newer)[: side.LATEST]
        .count()
        < side.LATEST
    ]


def calendar_tag(article: Article) -> list[str]:
    """The tag of the calendar of the month ``article`` was published in, if any."""
    if not article.published_at:
        return []
    return [list_tag("calendar", day_key(article.published_at)[:6])]


def _article_changed(sender, instance: Article, **kwargs) -> None:
    # The calendar carries no article's tag (a month holds thousands): a withdrawal
    # may empty a day, so any change to a dated article drops its month.
    tags = [article_tag(instance.pk), *calendar_tag(instance)]
    if instance.is_published:
        tags += article_lists(instance) + latest_tags(instance)
    bump(*tags)
    forget_schedule()


def _article_deleted(sender, instance: Article, **kwargs) -> None:
    bump(article_tag(instance.pk), *calendar_tag(instance))
    forget_schedule()


def _links_changed(kind: str):
    def receiver(sender, instance, action, reverse, pk_set, **kwargs) -> None:
        if not action.startswith("post_"):
            return
        if not reverse:
            tags = [article_tag(instance.pk)]
            if kind != "related" and instance.is_published and action == "post_add":
                tags += [list_tag(kind, pk) for pk in pk_set or ()]
        else:
            # topic.articles.add(...): the articles named, and that topic's list.
            tags = [article_tag(pk) for pk in pk_set or ()]
            if kind != "related":
                tags.append(list_tag(kind, instance.pk))
        bump(*tags)

    return receiver


def _correction_changed(sender, instance: Correction, **kwargs) -> None:
    bump(article_tag(instance.article_id))


def _photo_changed(sender, instance: Photo, **kwargs) -> None:
    # Renditions are made again after the save, in the same transaction, and the
    # files they replace are deleted: no cached page may keep pointing at those.
    showing = Article.objects.filter(photo=instance).values_list("pk", flat=True)
    portrait_of = Official.objects.filter(photo=instance).values_list("pk", flat=True)
    bump(
        *(article_tag(pk) for pk in showing),
        *(name_tag("official", pk) for pk in portrait_of),
    )


def _gallery_changed(sender, instance: ArticlePhoto, **kwargs) -> None:
    bump(article_tag(instance.article_id))


def _gallery_photo_changed(sender, instance: Photo, **kwargs) -> None:
    showing = ArticlePhoto.objects.filter(photo=instance).values_list(
        "article_id", flat=True
    )
    bump(*(article_tag(pk) for pk in set(showing)))


def _name_changed(sender, instance, **kwargs) -> None:
    kind = sender._meta.model_name
    bump(name_tag(kind, instance.pk), name_tag(kind))


def _position_changed(sender, instance: Position, **kwargs) -> None:
    tags = [name_tag("official", instance.official_id)]
    if instance.country_id:
        tags.append(name_tag("country", instance.country_id))
    bump(*tags)


def connect() -> None:
    """Connect every rule (once, from the app's ``ready``)."""
    uid = "pagecache"
    post_save.connect(_article_changed, sender=Article, dispatch_uid=uid)
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid=uid)
    for field, kind in [*FACETS.items(), ("related", "related")]:
        m2m_changed.connect(
            _links_changed(kind),
            sender=getattr(Article, field).through,
            dispatch_uid=f"{uid}-{field}",
            weak=False,
        )
    for signal in (post_save, post_delete):
        signal.connect(_correction_changed, sender=Correction, dispatch_uid=uid)
        signal.connect(_position_changed, sender=Position, dispatch_uid=uid)
        signal.connect(_photo_changed, sender=Photo, dispatch_uid=uid)
        for model in (Service, Topic, Official, Country):
            signal.connect(_name_changed, sender=model, dispatch_uid=uid)
    # A photo story's gallery.
    for signal in (post_save, post_delete):
        signal.connect(_gallery_changed, sender=ArticlePhoto, dispatch_uid=uid)
        signal.connect(
            _gallery_photo_changed, sender=Photo, dispatch_uid=f"{uid}-gallery"
        )
