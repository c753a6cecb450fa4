from django.urls import path

from articles import feeds, pages, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/", views.article_filter, name="filter"),
    path("search/", views.search, name="search"),
    path("news/<int:code>/", views.detail, name="detail_short"),
    path("news/<int:code>/<uslug:slug>/", views.detail, name="detail"),
    path("n/<int:code>", views.short_link, name="short"),
    path("archive/", views.archive_today, name="archive"),
    path(
        "archive/<int:year>/<int:month>/",
        views.archive_month,
        name="archive_month",
    ),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        views.archive_day,
        name="archive_day",
    ),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("about/", pages.about, name="about"),
    path("contact/", pages.contact, name="contact"),
]
