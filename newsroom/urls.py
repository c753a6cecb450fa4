"""Site URLs: the admin, sitemaps and robots.txt, and the public site.

The public site is Persian at the root and English under /en/.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

import persian.converters  # noqa: F401 - registers uslug and iso2 for the apps' URLs
from articles.sitemaps import (
    news_sitemap,
    robots_txt,
    sitemap_articles,
    sitemap_index,
    sitemap_pages,
)
from newsroom.media import serve_media
from newsroom.views import healthz

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Newsroom desk")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-pages.xml", sitemap_pages, name="sitemap_pages"),
    path(
        "sitemap-articles-<int:year>-<int:month>.xml",
        sitemap_articles,
        name="sitemap_articles",
    ),
    path("sitemap-news.xml", news_sitemap, name="news_sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
]
urlpatterns += i18n_patterns(
    path("", include("articles.urls")),
    path("", include("articles.urls_topics")),
    path("", include("articles.urls_officials")),
    prefix_default_language=False,
)

# Uploaded images, whether DEBUG is on or off, unless a web server in front answers
# them first (SERVE_MEDIA; newsroom/media.py).
urlpatterns.append(
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media")
)
