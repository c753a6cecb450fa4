"""Read replica routing: only anonymous GET/HEAD requests read the replica.

Without DATABASE_REPLICA_URL there is no ``replica`` alias, so the HTTP tests route
through a recording router that notes each choice and runs the query on the
primary. With it (the alias then mirrors the test database) they also count the
queries each connection really ran.
"""

import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from newsroom.routers import ReplicaReadsMiddleware, ReplicaRouter
from tests.factories import ArticleFactory, UserFactory

SETTINGS_FILE = Path(__file__).resolve().parent.parent / "newsroom" / "settings.py"
HAS_REPLICA = "replica" in settings.DATABASES
ALIASES = ["default", "replica"] if HAS_REPLICA else ["default"]
PASSWORD = "a-Strong-pass-1405"


def choices_during(request) -> dict:
    """Return the router's read and write choices while the middleware runs."""
    router, seen = ReplicaRouter(), {}

    def view(request):
        seen["read"] = router.db_for_read(Article)
        seen["write"] = router.db_for_write(Article)
        return None

    ReplicaReadsMiddleware(view)(request)
    return seen


@pytest.fixture
def rf():
    return RequestFactory()


@pytest.fixture
def session_cookie(rf):
    def make(method="get"):
        request = getattr(rf, method)("/")
        request.COOKIES[settings.SESSION_COOKIE_NAME] = "abc"
        return request

    return make


def test_anonymous_get_reads_the_replica(rf):
    assert choices_during(rf.get("/"))["read"] == "replica"


def test_anonymous_head_reads_the_replica(rf):
    assert choices_during(rf.head("/rss/"))["read"] == "replica"


def test_a_request_with_a_session_cookie_reads_the_primary(session_cookie):
    assert choices_during(session_cookie("get"))["read"] == "default"
    assert choices_during(session_cookie("head"))["read"] == "default"


def test_a_csrf_cookie_alone_still_reads_the_replica(rf):
    request = rf.get("/")
    request.COOKIES[settings.CSRF_COOKIE_NAME] = "abc"
    assert choices_during(request)["read"] == "replica"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_anything_but_get_or_head_reads_the_primary(rf, method):
    assert choices_during(getattr(rf, method)("/"))["read"] == "default"


def test_outside_a_request_reads_the_primary():
    assert ReplicaRouter().db_for_read(Article) == "default"


def test_writes_go_to_the_primary_even_during_a_readers_request(rf, session_cookie):
    assert choices_during(rf.get("/"))["write"] == "default"
    assert choices_during(session_cookie("post"))["write"] == "default"
    assert ReplicaRouter().db_for_write(Article) == "default"


def test_the_choice_ends_with_the_request(rf):
    router = ReplicaRouter()
    ReplicaReadsMiddleware(lambda request: None)(rf.get("/"))
    assert router.db_for_read(Article) == "default"

    def failing_view(request):
        raise RuntimeError("view failed")

    with pytest.raises(RuntimeError):
        ReplicaReadsMiddleware(failing_view)(rf.get("/"))
    assert router.db_for_read(Article) == "default"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reads_inside_a_transaction_on_the_primary_stay_there(rf):
    seen = {}

    def view(request):
        with transaction.atomic():
            seen["read"] = ReplicaRouter().db_for_read(Article)

    ReplicaReadsMiddleware(view)(rf.get("/"))
    assert seen["read"] == "default"


def test_rows_of_primary_and_replica_may_be_related():
    one, other = Article(), Article()
    one._state.db, other._state.db = "default", "replica"
    assert ReplicaRouter().allow_relation(one, other) is True
    other._state.db = "elsewhere"
    assert ReplicaRouter().allow_relation(one, other) is None


def test_migrations_run_on_the_primary_only():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "articles") is True
    assert router.allow_migrate("replica", "articles") is False


# --- Settings ----------------------------------------------------------------


def test_settings_add_the_replica_and_router_only_when_asked(monkeypatch):
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    plain = runpy.run_path(str(SETTINGS_FILE))
    assert list(plain["DATABASES"]) == ["default"]
    assert "DATABASE_ROUTERS" not in plain

    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://u@10.0.0.12:5432/newsroom")
    wired = runpy.run_path(str(SETTINGS_FILE))
    replica = wired["DATABASES"]["replica"]
    assert (replica["HOST"], replica["NAME"]) == ("10.0.0.12", "newsroom")
    assert replica["TEST"] == {"MIRROR": "default"}
    assert wired["DATABASE_ROUTERS"] == ["newsroom.routers.ReplicaRouter"]
    middleware = wired["MIDDLEWARE"]
    assert middleware.index("newsroom.routers.ReplicaReadsMiddleware") == (
        middleware.index("django.middleware.security.SecurityMiddleware") + 1
    )


# --- Over HTTP ---------------------------------------------------------------


class RecordingRouter(ReplicaRouter):
    """The replica router, noting each read choice (the primary stands in for a
    replica that this test run has not configured)."""

    reads: list[str] = []

    def db_for_read(self, model, **hints):
        alias = super().db_for_read(model, **hints)
        self.reads.append(alias)
        return alias if alias in connections.settings else "default"


@pytest.fixture
def routed():
    """Return the list of read choices made while the recording router is on."""
    RecordingRouter.reads = []
    with override_settings(DATABASE_ROUTERS=["tests.test_routers.RecordingRouter"]):
        yield RecordingRouter.reads


@pytest.fixture
def queries():
    """Count the queries each configured connection really runs."""
    with CaptureQueriesContext(connections["default"]) as default:
        if HAS_REPLICA:
            with CaptureQueriesContext(connections["replica"]) as replica:
                yield {"default": default, "replica": replica}
        else:
            yield {"default": default}


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def editor():
    return UserFactory(username="chief", is_staff=True, is_superuser=True)


@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=ALIASES)
def test_a_logged_in_editors_get_reads_the_primary(
    client, editor, article, routed, queries
):
    client.force_login(editor)
    page = client.get(article.get_absolute_url())
    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert (page.status_code, changelist.status_code) == (200, 200)
    assert routed and set(routed) == {"default"}
    assert len(queries["default"]) > 0
    if HAS_REPLICA:
        assert len(queries["replica"]) == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=ALIASES)
def test_a_readers_get_reads_the_replica(client, article, routed, queries):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert routed and set(routed) == {"replica"}
    if HAS_REPLICA:
        assert len(queries["replica"]) > 0
        assert len(queries["default"]) == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=ALIASES)
def test_logging_in_and_the_next_page_read_the_primary(client, editor, routed):
    login = client.post(
        reverse("admin:login"),
        {"username": "chief", "password": PASSWORD, "next": "/admin/"},
    )
    assert login.status_code == 302
    assert settings.SESSION_COOKIE_NAME in client.cookies
    assert client.get("/admin/").status_code == 200
    assert routed and set(routed) == {"default"}
