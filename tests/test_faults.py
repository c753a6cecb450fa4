"""The database dropping connections, or Redis away: readers still get an answer."""

import pytest
from django.db import OperationalError, connection

from articles import views
from tests.factories import ArticleFactory

# On PostgreSQL the connection is really terminated by the server, mid-request; the
# page is drawn again on a new connection, which must see committed rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def lose_the_connection():
    """What a database restart does to a request in flight."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def home_fails(monkeypatch):
    """The home page loses its database connection on its first ``times`` draws."""
    real = views.most_read_lists
    state = {"left": 0, "calls": 0}

    def flaky(*args, **kwargs):
        state["calls"] += 1
        if state["left"]:
            state["left"] -= 1
            lose_the_connection()
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "most_read_lists", flaky)
    return state


def test_a_page_that_lost_its_connection_is_drawn_again_on_a_new_one(
    client, home_fails
):
    ArticleFactory(title_fa="خبر پس از قطع اتصال", is_lead=True)
    home_fails["left"] = 1
    response = client.get("/")
    assert response.status_code == 200
    assert "خبر پس از قطع اتصال" in response.content.decode()
    assert home_fails["calls"] == 2
    assert client.get("/").status_code == 200  # and the next reader's too


def test_a_database_still_away_gets_the_persian_503_page(client, home_fails):
    home_fails["left"] = 2
    response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "پایگاه دادهٔ خبرها هم‌اکنون پاسخ نمی‌دهد" in response.content.decode()
    assert home_fails["calls"] == 2  # tried once more, not forever


def test_a_post_is_never_sent_twice(admin_client, monkeypatch):
    from django.contrib.admin import ModelAdmin

    calls = []

    def changeform_view(self, request, *args, **kwargs):
        calls.append(request.method)
        lose_the_connection()

    monkeypatch.setattr(ModelAdmin, "changeform_view", changeform_view)
    response = admin_client.post(
        "/admin/topics/topic/add/", {"name_fa": "موضوع", "slug": "mozu"}
    )
    assert response.status_code == 503
    assert "متن شما هنوز در مرورگر است" in response.content.decode()
    assert calls == ["POST"]


def test_healthz_answers_200_only_while_the_database_answers(client, monkeypatch):
    healthy = client.get("/healthz")
    assert healthy.status_code == 200
    assert healthy.json()["database"] is True
    assert "no-cache" in healthy["Cache-Control"]

    def broken(self, *args, **kwargs):
        raise OperationalError("could not connect to server")

    from django.db import connections

    monkeypatch.setattr(type(connections["default"]), "cursor", broken)
    down = client.get("/healthz")
    assert down.status_code == 503
    assert down.json()["status"] == "unavailable"
    assert down.json()["database"] is False


def test_with_redis_away_every_page_still_answers(client, settings):
    # Nothing listens on port 1: every cache call fails at once.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5},
        }
    }
    settings.PAGE_CACHE = True
    article = ArticleFactory(title_fa="خبر بی‌کش")
    for _ in range(2):
        for url in ("/", article.get_absolute_url(), "/news/", "/search/?q=خبر"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.get("X-Page-Cache") != "hit", url
    assert "خبر بی‌کش" in client.get(article.get_absolute_url()).content.decode()
    health = client.get("/healthz").json()
    assert health == {"status": "ok", "database": True, "redis": False}
