"""The page cache: readers' pages served whole, dropped exactly when they change.

A view names what its page shows with ``tag(request, ...)``: the articles on it
(``article_tag``), the lists it reads (``list_tag``), the names it prints
(``name_tag``).
The cached entry keeps the version each tag had; ``bump(...)`` gives a tag a new
version, so every page that showed it is stale from then on, and nothing else is.
A hit costs no database query: the entry (the worker's own copy, or the shared
cache's), then at most every ``RECHECK_SECONDS`` one read of its tags' versions.

Only readers' requests are cached: GET or HEAD, no session cookie (staff are always
logged in), no admin path, only the query parameters the public pages read. Entries
are stored compressed, with an ETag, answered with 304 when the browser has them, and
never outlive the next scheduled publication (``next_due``), so a scheduled article
appears at its time without a job, nor midnight in Tehran (pages print the date).
"""

import gzip
import hashlib
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from articles.models import Article
from articles.reads import count_read
from persian.calendars import next_midnight

# The query parameters some public page reads; a URL with any other is served but not
# cached, so made-up parameters cannot fill the cache.
QUERY_KEYS = frozenset(
    {"page", "older", "newer", "q", "official", "country", "topic", "service"}
    | {"from", "to"}
)
# Headers that belong to one answer, not to the page: every other header of the page
# (type, language, the security headers) is kept with it.
OWN_HEADERS = frozenset(
    {"content-length", "content-encoding", "set-cookie", "etag", "last-modified"}
    | {"cache-control", "date", "x-page-cache"}
)
# Smaller bodies are not worth compressing.
GZIP_MIN = 512

_GENERATION = "pc:gen"
# Where the primary's write-ahead log stood at the last change, when readers' pages
# are read from a replica: a page is only kept once the replica has replayed that far.
_POSITION = "pc:wal"
_REPLICA = "replica"
_NEXT_DUE = "pc:next-due"


def article_tag(pk) -> str:
    return f"a:{pk}"


def list_tag(kind: str, pk="") -> str:
    """The tag of a list of articles: ``list_tag("all")``, ``list_tag("topic", 3)``."""
    return f"l:{kind}:{pk}"


def name_tag(kind: str, pk="") -> str:
    """The tag of a name a page prints (an official, a topic...), or of all of them."""
    return f"n:{kind}:{pk}"


def tag(request, *tags: str) -> None:
    """Record that the page being answered shows ``tags``."""
    found = getattr(request, "page_tags", None)
    if found is not None:
        found.update(tags)


def tag_articles(request, articles: Iterable) -> None:
    """Record that the page being answered shows each of ``articles``."""
    tag(request, *(article_tag(article.pk) for article in articles))


def _tag_key(name: str) -> str:
    return f"pt:{name}"


def bump(*tags: str) -> None:
    """Make every cached page that shows one of ``tags`` stale, once the change commits.

    Bumped after the commit: a page rendered from the old rows in between is never
    stored, because the generation it started under is gone by then (see ``_store``).
    """
    if not tags:
        return

    transaction.on_commit(lambda: _send(set(tags)))


# Tags whose bump the cache did not take (Redis away for a moment): this process sends
# them again before it next serves a page, so a page changed during the outage does
# not outlive it once Redis is back.
_unsent: set[str] = set()
_unsent_lock = threading.Lock()


def _send(tags: set[str]) -> None:
    token = uuid.uuid4().hex[:12]
    versions = {_tag_key(name): token for name in tags}
    versions[_GENERATION] = token
    position = _primary_position()
    if position:
        versions[_POSITION] = position
    cache.set_many(versions, timeout=None)
    _own_change["at"] = time.monotonic()
    # Redis errors are ignored by the cache (a page must answer), so check it took.
    if cache.get(_tag_key(next(iter(tags)))) != token:
        with _unsent_lock:
            _unsent.update(tags)


def _send_unsent() -> None:
    with _unsent_lock:
        tags = set(_unsent)
        _unsent.clear()
    if tags:
        _send(tags)


def forget_schedule() -> None:
    """Forget the next scheduled publication time (a publish time or state changed)."""
    transaction.on_commit(lambda: cache.delete(_NEXT_DUE))


def _primary_position() -> str | None:
    """The primary's current WAL position, when a replica serves readers' pages."""
    if _REPLICA not in settings.DATABASES:
        return None
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


def _replica_caught_up(position: str | None) -> bool:
    """True when the replica has replayed the last change (or there is none)."""
    if not position or _REPLICA not in settings.DATABASES:
        return True
    try:
        with connections[_REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, true)",
                [position],
            )
            return bool(cursor.fetchone()[0])
    except DatabaseError:
        return False


def _skipped_prefixes() -> tuple[str, ...]:
    # Staff pages are never cached (staff carry a session cookie anyway); files are
    # served by WhiteNoise or the web server.
    return ("/admin/", settings.STATIC_URL, settings.MEDIA_URL)


def _page_key(meta: dict, path: str) -> str | None:
    """The cache key of a reader's GET or HEAD of ``path``; None if not cacheable.

    Read from the raw request (its environ), so that the WSGI fast path and the
    middleware agree without building a request object. A host Django would refuse
    gets a key that nothing is ever stored under: Django answers it with a 400.
    """
    if meta.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME + "=" in meta.get("HTTP_COOKIE", ""):
        return None
    if path.startswith(_skipped_prefixes()):
        return None
    query = meta.get("QUERY_STRING", "")
    if query and not all(
        key in QUERY_KEYS for key, _v in parse_qsl(query, keep_blank_values=True)
    ):
        return None
    scheme = meta.get("wsgi.url_scheme", "http")
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure = settings.SECURE_PROXY_SSL_HEADER
        if header in meta:
            scheme = "https" if meta[header] == secure else "http"
    host = meta.get("HTTP_HOST") or meta.get("SERVER_NAME", "")
    raw = f"{scheme}://{host}{path}?{query}"
    return "pc:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


# A worker that has just found an entry's tags current trusts them this long before
# asking the shared cache again: under a crowd most hits then cost no round trip,
# and a change made by another app server shows within this time (one made by this
# worker, at once). The nginx micro-cache in front adds up to a second more.
RECHECK_SECONDS = 0.25
_own_change = {"at": 0.0}


def _fresh(entry: dict) -> bool:
    if entry["expires"] <= time.time():
        return False
    now = time.monotonic()
    checked = entry.get("checked", 0.0)
    if checked > _own_change["at"] and now - checked < RECHECK_SECONDS:
        return True
    if not still_current(entry["tags"]):
        return False
    entry["checked"] = now
    return True


def _accepts_gzip(meta: dict) -> bool:
    return "gzip" in meta.get("HTTP_ACCEPT_ENCODING", "")


def _answer(meta: dict, entry: dict, state: str):
    """The stored page as (status, headers, body): 304, gzip or plain, as asked."""
    headers = [
        *entry["headers"],
        ("X-Page-Cache", state),
        # nginx in front may keep the page only to the end of this very second
        # (bench/cluster/nginx.conf.in): its own validity counts whole seconds, and
        # "1 s" there lasts up to two.
        ("X-Accel-Expires", f"@{int(time.time())}"),
    ]
    if meta.get("HTTP_IF_NONE_MATCH") == entry["etag"] or (
        "HTTP_IF_NONE_MATCH" not in meta
        and (since := parse_http_date_safe(meta.get("HTTP_IF_MODIFIED_SINCE")))
        and since >= int(entry["stored"])
    ):
        return 304, headers, b""
    body = entry["body"]
    if entry["gzip"] and _accepts_gzip(meta):
        headers.append(("Content-Encoding", "gzip"))
    elif entry["gzip"]:
        body = gzip.decompress(body)
    headers.append(("Content-Length", str(len(body))))
    return 200, headers, (b"" if meta["REQUEST_METHOD"] == "HEAD" else body)


def _respond(request, entry: dict, state: str) -> HttpResponse:
    """The stored page as a Django response."""
    status, headers, body = _answer(request.META, entry, state)
    response = HttpResponseNotModified() if status == 304 else HttpResponse(body)
    for name, value in headers:
        if name != "Content-Length":
            response[name] = value
    return response


def next_due() -> float | None:
    """The next time (epoch seconds) a scheduled article becomes visible, if any."""
    found = cache.get(_NEXT_DUE)
    if found is None:
        upcoming = Article.objects.next_visible()
        found = upcoming.timestamp() if upcoming else None
        lifetime = settings.PAGE_CACHE_SECONDS
        if found is not None:
            lifetime = max(1, min(lifetime, int(found - time.time())))
        cache.set(_NEXT_DUE, found or 0, lifetime)
    return found or None


def lifetime() -> int:
    """How long an entry stored now may be kept, in whole seconds."""
    seconds = min(settings.PAGE_CACHE_SECONDS, until_midnight())
    due = next_due()
    if due is not None:
        seconds = min(seconds, int(due - time.time()))
    return seconds


def until_midnight() -> int:
    """Whole seconds left until midnight in Tehran: every page prints today's date
    (and "most read today" starts again), so no entry is kept past it."""
    now = timezone.now()
    return int((next_midnight(now) - now).total_seconds())


def generation():
    """The token of the last change; compare it after drawing (see ``_store``)."""
    return cache.get(_GENERATION)


def current_versions(tags: Iterable[str]) -> dict | None:
    """The version of each of ``tags`` now (a new one for a tag never bumped); an
    entry that keeps them is current while ``still_current`` says so."""
    keys = [_tag_key(name) for name in sorted(set(tags))]
    versions = cache.get_many(keys)
    missing = {k: uuid.uuid4().hex[:12] for k in keys if k not in versions}
    if missing:
        for name, token in missing.items():
            cache.add(name, token, timeout=None)
        versions = cache.get_many(keys)
        if len(versions) != len(keys):
            return None
    return versions


def still_current(versions: dict) -> bool:
    return cache.get_many(list(versions)) == versions


def _store(key: str, response, tags: set[str], drawn_under) -> dict | None:
    """Keep ``response`` under ``key`` with its tags' versions; return the entry."""
    if generation() != drawn_under:
        return None  # something was published while this page was drawn
    keep_for = lifetime()
    if keep_for < 1:
        return None
    versions = current_versions(tags)
    if versions is None:
        return None
    body = response.content
    compressed = len(body) >= GZIP_MIN
    etag = '"' + hashlib.md5(body, usedforsecurity=False).hexdigest() + '"'
    stored = time.time()
    patch_vary_headers(response, ["Accept-Encoding"])
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in OWN_HEADERS
    ]
    headers += [
        ("ETag", etag),
        ("Last-Modified", http_date(stored)),
        ("Cache-Control", "max-age=0, must-revalidate"),
    ]
    entry = {
        "body": gzip.compress(body, 6) if compressed else body,
        "gzip": compressed,
        "etag": etag,
        "stored": stored,
        "expires": stored + keep_for,
        "headers": headers,
        "tags": versions,
        "reads": getattr(response, "reads_article", None),
    }
    cache.set(key, entry, keep_for)
    _remember(key, entry)
    return entry


# The entries this process served last, so that a hit asks the shared cache only
# whether their tags are still current (one round trip, a few small values).
_LOCAL_ENTRIES = 500
_local: OrderedDict[str, dict] = OrderedDict()
_local_lock = threading.Lock()


def forget_local() -> None:
    """Drop this process's copies of entries (for tests, which empty the cache)."""
    with _local_lock:
        _local.clear()
    with _unsent_lock:
        _unsent.clear()


def _remember(key: str, entry: dict) -> None:
    with _local_lock:
        _local[key] = entry
        _local.move_to_end(key)
        while len(_local) > _LOCAL_ENTRIES:
            _local.popitem(last=False)


def _entry(key: str) -> dict | None:
    """The current entry under ``key`` (this process's copy or the shared one).

    Serving an article's page from it counts as a read of the article.
    """
    if _unsent:
        _send_unsent()
    with _local_lock:
        entry = _local.get(key)
    if entry is None:
        entry = cache.get(key)
        if entry is None:
            return None
        _remember(key, entry)
    if not _fresh(entry):
        with _local_lock:
            _local.pop(key, None)
        return None
    if entry["reads"]:
        count_read(entry["reads"])
    return entry


def cached_response(request, key: str) -> HttpResponse | None:
    """The page for ``request`` from the cache, if it is there and still current."""
    entry = _entry(key)
    return entry and _respond(request, entry, "hit")


_REASONS = {200: "200 OK", 304: "304 Not Modified"}


class PageCacheApp:
    """WSGI: answer readers' cached pages before Django's handler and middleware.

    A hit costs about what a hello-world view does; anything else goes to Django,
    where ``PageCacheMiddleware`` draws the page and keeps it.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if settings.PAGE_CACHE and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            try:
                # The server passes the path's UTF-8 bytes as latin-1 text.
                path = environ.get("PATH_INFO", "/").encode("latin-1").decode()
            except UnicodeError:
                path = None
            key = path and _page_key(environ, path)
            entry = key and _entry(key)
            if entry:
                status, headers, body = _answer(environ, entry, "hit")
                start_response(_REASONS[status], headers)
                return [body]
        return self.application(environ, start_response)


class PageCacheMiddleware:
    """Serve readers' pages from the cache; store the ones their views tagged.

    Outermost in MIDDLEWARE, so a kept page has every header the stack adds.
    """

    def __init__(self, get_response: Callable):
        self.get_response = get_response

    def __call__(self, request):
        key = settings.PAGE_CACHE and _page_key(request.META, request.path_info)
        if not key:
            return self.get_response(request)
        response = cached_response(request, key)
        if response is not None:
            return response
        state = cache.get_many([_GENERATION, _POSITION])
        drawn_under = state.get(_GENERATION)
        # A reader's page read from a replica that lags behind the last change would
        # be stale: it is served, not kept.
        keep = _replica_caught_up(state.get(_POSITION))
        request.page_tags = set()
        response = self.get_response(request)
        if (
            keep
            and response.status_code == 200
            and request.page_tags
            and not response.streaming
            and not response.cookies
            and "Content-Encoding" not in response
            and "private" not in response.get("Cache-Control", "")
        ):
            tags = set(request.page_tags)
            if response.get("Content-Type", "").startswith("text/html"):
                tags.add(name_tag("service"))  # every page draws the services bar
            entry = _store(key, response, tags, drawn_under)
            if entry is not None:
                return _respond(request, entry, "miss")
        return response
