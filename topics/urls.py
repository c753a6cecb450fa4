from django.urls import path

from articles import feeds
from topics import views

app_name = "topics"

urlpatterns = [
    path("service/<str:slug>/", views.service_detail, name="service"),
    path("service/<str:slug>/rss/", feeds.ServiceFeed(), name="service_feed"),
    path("tag/<str:slug>/", views.topic_detail, name="tag"),
    path("tag/<str:slug>/rss/", feeds.TopicFeed(), name="tag_feed"),
    path("country/<str:code>/", views.country_detail, name="country"),
    path("country/<str:code>/rss/", feeds.CountryFeed(), name="country_feed"),
]
