"""Settings of the floor: the least Django needs to answer over the same database.

No apps, no templates, one middleware: what is left of a page's time here is Python,
Django's request cycle and the database, the cost no feature of the site can avoid.
"""

import os

import dj_database_url

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "floor-bench-only-secret-key-0123456789")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = []
MIDDLEWARE = ["django.middleware.common.CommonMiddleware"]
ROOT_URLCONF = "floor.urls"
WSGI_APPLICATION = "floor.wsgi.application"
TEMPLATES = []

# The site's database and connection settings, so that only the code differs.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ["DATABASE_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}

USE_I18N = False
USE_TZ = True
TIME_ZONE = "Asia/Tehran"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
