from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/<int:code>/", views.detail, name="detail_short"),
    path("news/<int:code>/<str:slug>/", views.detail, name="detail"),
]
