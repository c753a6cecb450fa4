"""RSS 2.0 feeds: the latest news; the latest on a service, topic, official or country.

Each feed lists what readers may see in the active language (``/rss/`` is Persian,
``/en/rss/`` English), through ``Article.objects.for_readers``.
"""

import re
from contextvars import ContextVar

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.pagecache import list_tag, name_tag, tag, tag_articles
from officials.models import Official
from topics.models import Country, Service, Topic

ITEMS_PER_FEED = 30

# Characters XML 1.0 cannot carry at all, not even escaped; a wire item may hold them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# A feed object is shared by every request; the request being answered is kept here,
# per thread and per task, for the absolute guids.
_request = ContextVar("feed_request")


def xml_text(value) -> str:
    """Return ``value`` as a string without the characters XML 1.0 forbids."""
    return _NOT_XML.sub("", str(value or ""))


class LatestArticlesFeed(Feed):
    """The newest articles readers may see in the active language."""

    feed_type = Rss201rev2Feed
    # The guid is the short link /n/<news code>: it survives a change of slug.
    item_guid_is_permalink = False
    title = _("Newsroom: latest news")
    description = _("The latest news from Newsroom.")

    def link(self):
        return reverse("articles:home")

    def get_feed(self, obj, request):
        token = _request.set(request)
        try:
            return super().get_feed(obj, request)
        finally:
            _request.reset(token)

    def filter_items(self, articles, obj):
        """Return ``articles`` narrowed to the feed's object."""
        return articles

    def list_tags(self, obj) -> list[str]:
        """The tags of the list this feed shows (see articles/pagecache.py)."""
        return [list_tag("all")]

    def items(self, obj=None):
        # A feed shows no photos: its items fetch their topics, not the lists' photos.
        articles = (
            Article.objects.for_readers(get_language())
            .prefetch_related(None)
            .prefetch_related(
                Prefetch("topics", queryset=Topic.objects.order_by("name"))
            )
        )
        items = list(self.filter_items(articles, obj)[:ITEMS_PER_FEED])
        request = _request.get()
        tag(request, *self.list_tags(obj))
        tag_articles(request, items)
        topics = {topic.pk for item in items for topic in item.topics.all()}
        tag(request, *(name_tag("topic", pk) for pk in topics))
        return items

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        # The lead in the feed's language only: an English item with no English lead
        # gets none, not the Persian one. Readers show it as HTML; it is plain text.
        return escape(xml_text(getattr(item, f"lead_{get_language()}", "")))

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        short = reverse("articles:short", kwargs={"code": item.news_code})
        return _request.get().build_absolute_uri(short)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        names = [item.service.name, *(topic.name for topic in item.topics.all())]
        return [xml_text(name) for name in names]


class _ObjectFeed(LatestArticlesFeed):
    """The latest articles of one object, found by the ``slug`` in the URL."""

    model = None
    article_field = ""

    def list_tags(self, obj) -> list[str]:
        kind = self.model._meta.model_name
        return [list_tag(kind, obj.pk), name_tag(kind, obj.pk)]

    def get_object(self, request, slug):
        # The URL converter lets only well-formed slugs through (never a NUL byte).
        return get_object_or_404(self.model, slug=slug)

    def filter_items(self, articles, obj):
        return articles.filter(**{self.article_field: obj})

    def title(self, obj):
        return gettext("Newsroom: %(name)s") % {"name": xml_text(obj.name)}

    def description(self, obj):
        return gettext("The latest news on %(name)s from Newsroom.") % {
            "name": xml_text(obj.name)
        }

    def link(self, obj):
        return obj.get_absolute_url()


class ServiceFeed(_ObjectFeed):
    model = Service
    article_field = "service"


class TopicFeed(_ObjectFeed):
    model = Topic
    article_field = "topics"


class OfficialFeed(_ObjectFeed):
    model = Official
    article_field = "officials"


class CountryFeed(_ObjectFeed):
    model = Country
    article_field = "countries"

    def get_object(self, request, code):
        return get_object_or_404(Country, code=code.upper())
