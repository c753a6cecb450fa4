"""Newsroom settings: one module, every machine-specific value from the environment.

The defaults suit a developer's machine (``DEBUG`` on, SQLite in the project folder).
Production sets ``DEBUG=0``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DATABASE_URL``;
``.env.example`` lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from persian.languages import localized_verbose_name

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Return the environment variable ``name`` read as a yes/no flag."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    """Return the comma-separated environment variable ``name`` as a list."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


# --- Core ------------------------------------------------------------------
DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key"  # noqa: S105 - dev only

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# --- Applications ----------------------------------------------------------
DJANGO_APPS = [
    # modeltranslation patches the admin, so it must come before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
THIRD_PARTY_APPS = [
    "reversion",
    "csp",
    # django-axes, titled in Persian: counts failed logins, locks them out (see
    # "Login throttling" below).
    "newsroom.apps.AxesConfig",
]
LOCAL_APPS = [
    "persian",
    "newsroom",
    "topics",
    "officials",
    "photos",
    "articles",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    # Readers' pages from the cache; it keeps what the whole stack answered, security
    # headers included (articles/pagecache.py; newsroom/wsgi.py answers hits sooner).
    "articles.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Marks the requests that may read the replica (inert without one).
    "newsroom.routers.ReplicaReadsMiddleware",
    # Content-Security-Policy and Permissions-Policy on every page, admin included;
    # a cached page keeps them.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A NUL in a query string, or an admin filter value no column holds: a clear
    # answer, not a server error (newsroom/middleware.py).
    "newsroom.middleware.BadQueryMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # No Persian text on an English reader's page: modeltranslation's fallback is
    # for the admin only (newsroom/middleware.py).
    "newsroom.middleware.ReadersLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The database lost mid-request: a reader's page is drawn again on a new
    # connection, else the Persian 503 page (newsroom/middleware.py).
    "newsroom.middleware.DatabaseFaultMiddleware",
    # Last, as axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------
# SQLite in the project folder by default; PostgreSQL in production, e.g.
# DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# A streaming replica of the same database, for anonymous readers' pages only;
# editors, POSTs and commands read the primary (see newsroom/routers.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    # Tests have no replica: the alias points at the test copy of default.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsroom.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_PASSWORD_CHECKS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_PASSWORD_CHECKS}.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# --- Cache ----------------------------------------------------------------
# Redis (REDIS_URL, shared by every app server) in production; Django's in-memory
# cache otherwise, so trying Newsroom needs nothing. The in-memory cache belongs to
# one process: with several workers, use Redis, or a publication may show late.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "newsroom",
            "OPTIONS": {
                # Redis away for a moment: pages are drawn from the database, not 500.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
# Readers' pages served from the cache; PAGE_CACHE=0 turns it off (the benchmark's
# cold figures). No page is kept longer than PAGE_CACHE_SECONDS, nor past the next
# scheduled publication; every change drops the pages that show it at once.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 600))
# How often the article form sends unsaved text to the editor's draft on the server
# (it is kept in the browser within two seconds, and sent when the tab is hidden).
AUTOSAVE_SECONDS = int(os.environ.get("AUTOSAVE_SECONDS", 20))

# --- Languages and time ----------------------------------------------------
LANGUAGE_CODE = "fa"
LANGUAGES = [
    ("fa", _("Persian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True

# Persian is the default and the only required language of translated fields;
# adding a language to LANGUAGES (and a migration) is all a third one needs.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fa"
# An empty English field reads as the Persian one in the admin only; readers' pages
# turn the fallback off (newsroom/middleware.py), so English pages show no Persian.
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fa",)
# Form labels read «تیتر (فارسی)», never "Title [fa]" (the admin log still stores that).
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = localized_verbose_name

# --- Static and media files ------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The folder under MEDIA_ROOT where the photo library writes its renditions: the
# only files an article's body may show (persian/html.py drops any other image).
PHOTO_RENDITIONS_FOLDER = "photos/renditions"
# Where `manage.py backup` writes and `manage.py restore` looks; best on another disk.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names and far-future caching in production; plain files while
        # developing so that no collectstatic is needed.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# Uploaded images beyond these limits are refused with a clear message; the rest are
# stored re-encoded from their pixels (persian/images.py). 32 megapixels takes every
# camera up to 30 MP (a larger one's JPEG is over 8 MiB anyway) and bounds a decode
# to about 128 MB even with transparency; Pillow itself refuses twice that.
MAX_IMAGE_UPLOAD_BYTES = int(os.environ.get("MAX_IMAGE_UPLOAD_BYTES", 8 * 1024 * 1024))
MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", 32_000_000))
MAX_IMAGE_SIDE = int(os.environ.get("MAX_IMAGE_SIDE", 10_000))
FILE_UPLOAD_PERMISSIONS = 0o644
# Uploaded files are answered from MEDIA_ROOT by Django (newsroom/media.py: images
# only, nosniff, cached for a year since names are never reused), so gunicorn alone
# serves them. A web server in front answers /media/ itself (bench/cluster/
# nginx.conf.in) and never passes it on; SERVE_MEDIA=0 makes sure Django never does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

# --- Security --------------------------------------------------------------
# The text fields of one form together. A Persian letter URL-encoded takes six bytes,
# so a long article or the largest wire copy the import takes (1 MB) fits; a larger
# request gets the Persian 400 page (templates/400.html).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(
    os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
)
# What a page may load and run: only this site's own files, never an inline script,
# event handler or inline style, on the public site and in the admin alike
# (django-csp). Images may also be data: URLs (the admin's and the editor's icons).
# Scripts change styles through the DOM (the editor, the admin's widgets), which the
# policy allows; a style="" attribute in markup it refuses.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features no page of the site uses are off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "usb",
        "browsing-topics",
    )
}  # fmt: skip
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# --- Login throttling (django-axes) ---------------------------------------
# A login is refused before any password is checked once the same username has failed
# LOGIN_FAILURE_LIMIT times from the same address within LOGIN_COOLOFF_MINUTES, or
# that address has failed LOGIN_ADDRESS_FAILURE_LIMIT times over all usernames (0: no
# such ceiling). The newsroom shares one NAT address, so an address alone is locked
# only at the much higher ceiling; README "Logins" explains the choice.
AUTHENTICATION_BACKENDS = [
    # First: it refuses a locked-out login before the password hasher runs.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
LOGIN_COOLOFF_MINUTES = int(os.environ.get("LOGIN_COOLOFF_MINUTES", 15))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", 50))
# How many proxies of ours (nginx, a load balancer) stand in front of the app: the
# client's address is then read from X-Forwarded-For, as the outermost of them saw
# it. 0 (the default): REMOTE_ADDR, and X-Forwarded-For is never believed.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))

AXES_HANDLER = "newsroom.logins.LoginThrottle"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "newsroom.logins.client_address"
AXES_LOCKOUT_CALLABLE = "newsroom.logins.lockout_response"
# A refused attempt neither restarts the cool-off nor writes a row: a flood of
# guesses costs a few indexed reads each, no password hash and no write.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A successful login forgets that username's earlier failures from that address.
AXES_RESET_ON_SUCCESS = True
# Every counted failure is kept for the administrator (the admin's Logins section).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# No start-up banner on every command (cron runs some each minute); lockouts are
# still logged as warnings.
AXES_VERBOSE = False

# --- Logging ---------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Demo data -------------------------------------------------------------
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "newsroom-demo-1405")
