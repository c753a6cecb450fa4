"""WSGI entry point: ``gunicorn newsroom.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

_django = get_wsgi_application()

from articles.pagecache import PageCacheApp  # noqa: E402 - needs the apps loaded

# Readers' cached pages are answered before Django's handler (articles/pagecache.py).
application = PageCacheApp(_django)
