"""The facet pages' addresses, under the officials namespace their models reverse."""

from django.urls import path

from articles import facets as views
from articles import feeds

app_name = "officials"

urlpatterns = [
    path("official/<uslug:slug>/", views.official_detail, name="detail"),
    path("official/<uslug:slug>/rss/", feeds.OfficialFeed(), name="feed"),
]
