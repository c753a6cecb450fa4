from django.urls import path

from articles import feeds
from officials import views

app_name = "officials"

urlpatterns = [
    path("official/<uslug:slug>/", views.official_detail, name="detail"),
    path("official/<uslug:slug>/rss/", feeds.OfficialFeed(), name="feed"),
]
