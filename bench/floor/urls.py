from django.urls import path

from floor import views

urlpatterns = [
    path("hello/", views.hello),
    path("article/<int:news_code>/", views.article),
    path("list/", views.article_list),
]
