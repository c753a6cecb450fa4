"""Read replica routing: readers may be served from the replica, editors never.

A request may read stale data only when it is a GET or HEAD without a session
cookie: an anonymous reader, for whom a page a few milliseconds old is as good as
a fresh one. Everything else (an editor's requests, any POST, management commands,
code outside a request) reads the primary, so an editor always sees their own
writes. Writes always go to the primary.

``ReplicaReadsMiddleware`` decides per request; ``ReplicaRouter`` reads the
decision from a context variable. Both are wired by ``newsroom/settings.py`` when
``DATABASE_REPLICA_URL`` is set.
"""

from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"

# False outside a request (commands, shells, workers): the safe side.
_stale_reads_allowed: ContextVar[bool] = ContextVar(
    "newsroom_stale_reads_allowed", default=False
)


def may_read_stale(request) -> bool:
    """Return True when ``request`` may be answered from the replica."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaReadsMiddleware:
    """Let the router use the replica for the length of a reader's request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _stale_reads_allowed.set(may_read_stale(request))
        try:
            return self.get_response(request)
        finally:
            _stale_reads_allowed.reset(token)


class ReplicaRouter:
    """Send a reader's reads to the replica, everything else to the primary."""

    def db_for_read(self, model, **hints):
        if not _stale_reads_allowed.get():
            return DEFAULT_DB_ALIAS
        # Inside a transaction on the primary, reads must see its own writes.
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # One database under two names: rows from either may be related.
        aliases = {DEFAULT_DB_ALIAS, REPLICA_DB_ALIAS}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema by streaming replication.
        return db == DEFAULT_DB_ALIAS
