"""Sitemaps (stub, replaced by the sitemaps work)."""

from django.http import HttpResponse

SITEMAPS = {}


def news_sitemap(request):
    return HttpResponse("", content_type="application/xml")


def robots_txt(request):
    return HttpResponse("", content_type="text/plain")
