"""Login throttling: a guessed username is locked for a while, cheaply, and visibly."""

import datetime
import re
from unittest import mock

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import roles
from newsroom.logins import client_address
from persian.jalali import format_datetime
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-Strong-pass-1405"  # tests.factories.UserFactory's
NEWSROOM = "192.0.2.10"  # the newsroom's one NAT address
ELSEWHERE = "198.51.100.7"
LOCKED_TEXT = "ورود موقتاً بسته شده است"


@pytest.fixture(autouse=True)
def _limits(settings):
    """The shipped defaults, whatever the machine's environment says."""
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 50
    settings.TRUSTED_PROXY_COUNT = 0


@pytest.fixture
def chief(db):
    return UserFactory(username="chief", is_staff=True)


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", is_staff=True)


def log_in(client, username, password=PASSWORD, address=NEWSROOM):
    """POST the admin's login form as a browser at ``address`` would."""
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def lock(client, username, address=NEWSROOM):
    """Fail five times; return the fifth answer (the first lockout page)."""
    for _ in range(4):
        assert log_in(client, username, "wrong", address).status_code == 200
    return log_in(client, username, "wrong", address)


def age_attempts(minutes: int) -> None:
    """Move every counted failure ``minutes`` into the past, as the clock would."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= datetime.timedelta(minutes=minutes)
        attempt.save(update_fields=["attempt_time"])


def test_a_wrong_password_gets_the_usual_form_error(client, chief):
    response = log_in(client, "chief", "wrong")
    assert response.status_code == 200
    assert 'id="login-form"' in response.content.decode()


def test_five_wrong_passwords_lock_the_username_with_a_persian_page(client, chief):
    response = lock(client, "chief")
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED_TEXT in html
    assert 'lang="fa"' in html and 'dir="rtl"' in html
    assert 'id="login-form"' not in html
    # It says when: the last failure plus the cool-off, in Jalali with Persian digits.
    last = AccessAttempt.objects.get(username="chief").attempt_time
    until = last + datetime.timedelta(minutes=15)
    assert format_datetime(until) in html
    assert "۱۵ دقیقه" in html
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert "no-store" in response["Cache-Control"]


def test_the_lockout_page_has_no_inline_script_or_event_handler(client, chief):
    html = lock(client, "chief").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert "<style" not in html and " style=" not in html


def test_the_right_password_is_refused_during_the_cooloff(client, chief):
    lock(client, "chief")
    age_attempts(14)
    response = log_in(client, "chief")
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert not logged_in(response)


def test_a_colleague_behind_the_same_address_still_logs_in(client, chief, editor):
    lock(client, "chief")
    assert logged_in(log_in(client, "editor"))


def test_the_same_username_from_another_address_still_logs_in(client, chief):
    lock(client, "chief", address=ELSEWHERE)
    assert logged_in(log_in(client, "chief", address=NEWSROOM))


def test_after_the_cooloff_the_right_password_logs_in(client, chief):
    lock(client, "chief")
    age_attempts(16)
    assert logged_in(log_in(client, "chief"))


@pytest.mark.parametrize(
    "command, args",
    [
        ("axes_reset", []),
        ("axes_reset_username", ["chief"]),
        ("axes_reset_ip", [NEWSROOM]),
        ("axes_reset_ip_username", [NEWSROOM, "chief"]),
    ],
)
def test_the_reset_commands_lift_the_lock(client, chief, command, args):
    lock(client, "chief")
    call_command(command, *args, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert logged_in(log_in(client, "chief"))


def test_a_successful_login_forgets_the_earlier_failures(client, chief):
    for _ in range(4):
        log_in(client, "chief", "wrong")
    assert logged_in(log_in(client, "chief"))
    client.logout()
    for _ in range(4):
        assert log_in(client, "chief", "wrong").status_code == 200
    assert logged_in(log_in(client, "chief"))


def test_one_address_trying_many_usernames_is_stopped_at_its_ceiling(
    client, chief, settings
):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    for n in range(8):
        assert log_in(client, f"guess{n}", "wrong").status_code == 200
    response = log_in(client, "chief")
    assert response.status_code == 429
    assert not logged_in(response)
    assert logged_in(log_in(client, "chief", address=ELSEWHERE))


class HasherSpy:
    """Counts the password hashes run: checking one, or hashing a decoy for no user.

    Both go through the hasher's ``encode`` (``verify`` hashes with it too).
    """

    def __enter__(self):
        real = MD5PasswordHasher.encode
        self.calls = 0

        def counted(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        self._patch = mock.patch.object(MD5PasswordHasher, "encode", counted)
        self._patch.start()
        return self

    def __exit__(self, *exc):
        self._patch.stop()


def test_a_refused_login_runs_no_password_hash_and_writes_nothing(client, chief):
    with HasherSpy() as spy:
        log_in(client, "chief", "wrong", address=ELSEWHERE)
    assert spy.calls == 1  # the spy sees an ordinary failure's hash
    lock(client, "chief")
    attempt = AccessAttempt.objects.get(username="chief", ip_address=NEWSROOM)

    with HasherSpy() as spy, CaptureQueriesContext(connection) as queries:
        for password in ("wrong", PASSWORD, "another"):
            assert log_in(client, "chief", password).status_code == 429
    assert spy.calls == 0
    assert len(queries) <= 3 * 3  # a few reads each
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []
    # Refusals neither count as failures nor push the cool-off back.
    fresh = AccessAttempt.objects.get(username="chief", ip_address=NEWSROOM)
    assert fresh.failures_since_start == 5
    assert fresh.attempt_time == attempt.attempt_time


def test_a_nonexistent_username_is_refused_before_hashing_too(client):
    lock(client, "nobody")
    with HasherSpy() as spy:
        assert log_in(client, "nobody", "wrong").status_code == 429
    assert spy.calls == 0


@pytest.fixture
def administrator(db):
    user = UserFactory(username="administrator", is_staff=True)
    user.groups.add(Group.objects.get(name=roles.ADMINISTRATOR))
    return user


def test_the_administrator_sees_the_lockout_in_the_admin(client, chief, administrator):
    lock(client, "chief")
    last = AccessAttempt.objects.get(username="chief").attempt_time
    client.force_login(administrator)
    index = client.get(reverse("admin:index")).content.decode()
    assert "ورود به سامانه" in index
    attempts = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert attempts.status_code == 200
    html = attempts.content.decode()
    assert "chief" in html and NEWSROOM in html
    assert "تلاش‌های دسترسی" in html  # axes' own Persian labels
    assert "قفل تا" in html
    assert format_datetime(last + datetime.timedelta(minutes=15)) in html
    failures = client.get(reverse("admin:axes_accessfailurelog_changelist"))
    assert failures.status_code == 200
    assert failures.content.decode().count(NEWSROOM) >= 5
    assert AccessFailureLog.objects.filter(username="chief", locked_out=True).exists()


def test_the_administrator_lifts_a_lock_by_deleting_it(client, chief, administrator):
    lock(client, "chief")
    attempt = AccessAttempt.objects.get(username="chief")
    client.force_login(administrator)
    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    client.logout()
    assert logged_in(log_in(client, "chief"))


def address_of(**meta) -> str | None:
    return client_address(RequestFactory().post("/admin/login/", **meta))


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored():
    assert address_of(REMOTE_ADDR=NEWSROOM, HTTP_X_FORWARDED_FOR="6.6.6.6") == NEWSROOM


def test_behind_nginx_the_address_nginx_saw_is_used(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The reader wrote "6.6.6.6" themselves; nginx appended the address it saw.
    forwarded = f"6.6.6.6, {ELSEWHERE}"
    seen = address_of(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert seen == ELSEWHERE


def test_behind_two_proxies_the_outer_ones_view_is_used(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    forwarded = f"6.6.6.6, {ELSEWHERE}, 10.0.0.2"
    seen = address_of(REMOTE_ADDR="10.0.0.3", HTTP_X_FORWARDED_FOR=forwarded)
    assert seen == ELSEWHERE


@pytest.mark.parametrize("forwarded", ["", "not-an-address", " , "])
def test_a_missing_or_bad_forwarded_header_falls_back_to_the_connection(
    settings, forwarded
):
    settings.TRUSTED_PROXY_COUNT = 1
    seen = address_of(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert seen == "127.0.0.1"


def test_behind_nginx_readers_are_locked_apart(client, chief, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            reverse("admin:login"),
            {"username": "chief", "password": "wrong"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=ELSEWHERE,
        )
    assert AccessAttempt.objects.get(username="chief").ip_address == ELSEWHERE
    assert logged_in(log_in(client, "chief", address="127.0.0.1"))
