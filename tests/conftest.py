import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from articles import pagecache, reads
from articles.reads import forget_reads
from tests.factories import UserFactory


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine}"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path, monkeypatch):
    """Uploads go to a throw-away folder; passwords use a fast hash; no page cache.

    The page cache is off except in the tests of the cache itself
    (``tests/test_pagecache.py``): a test's changes are rolled back, never committed,
    so they never drop a cached page. Each test starts from an empty cache, and in
    the default language: a request to /en/ leaves English active in the thread.
    """
    translation.deactivate()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PAGE_CACHE = False
    cache.clear()
    pagecache.forget_local()
    # Reads are handed on when a test asks (flush_reads, fold_reads), never because
    # a slow test crossed the batch's time limit: a page's queries stay the same.
    monkeypatch.setattr(reads, "FLUSH_SECONDS", 10**9)
    forget_reads()
    yield
    forget_reads()


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def page_cache(settings):
    """The page cache on, as readers get it (``tests/pages.py`` reads its state)."""
    settings.PAGE_CACHE = True


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as if it committed, so its invalidations happen."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def migrate():
    """Migrate to the given nodes, returning their models; the database is brought
    back to the latest migrations after the test (which needs ``transaction=True``).
    """

    def run(targets):
        MigrationExecutor(connection).migrate(targets)
        return MigrationExecutor(connection).loader.project_state(targets).apps

    yield run
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
