"""A URL configuration with the home page elsewhere (tests/test_addresses.py)."""

from django.urls import include, path

urlpatterns = [path("elsewhere/", include(("articles.urls", "articles")))]
