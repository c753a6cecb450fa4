"""RSS 2.0 feeds (stub, replaced by the feeds work)."""

from django.contrib.syndication.views import Feed


class LatestArticlesFeed(Feed):
    title = "Newsroom"
    link = "/"

    def items(self):
        return []


ServiceFeed = TopicFeed = OfficialFeed = CountryFeed = LatestArticlesFeed
