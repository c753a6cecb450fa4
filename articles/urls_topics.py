"""The facet pages' addresses, under the topics namespace their models reverse."""

from django.urls import path

from articles import facets as views
from articles import feeds

app_name = "topics"

urlpatterns = [
    path("service/<uslug:slug>/", views.service_detail, name="service"),
    path("service/<uslug:slug>/rss/", feeds.ServiceFeed(), name="service_feed"),
    path("tag/<uslug:slug>/", views.topic_detail, name="tag"),
    path("tag/<uslug:slug>/rss/", feeds.TopicFeed(), name="tag_feed"),
    path("country/<iso2:code>/", views.country_detail, name="country"),
    path("country/<iso2:code>/rss/", feeds.CountryFeed(), name="country_feed"),
]
