"""What the benchmark scripts share: the database, the site's environment, gunicorn,
and HTTP on loopback with an admin session (wrk and its result are in bench/wrk.py).

bench/run.py, bench/explain.py and bench/faults.py import it from beside them;
bench/cluster/load.py (and scale.py through it) puts this folder on ``sys.path``.
"""

import gzip
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import dj_database_url
import psycopg2
from psycopg2 import sql

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
HOST = "127.0.0.1"


def env_flag(name: str, default: bool = False) -> bool:
    """Return the environment variable ``name`` read as a yes/no flag."""
    value = os.environ.get(name, "").strip().lower()
    return value in {"1", "true", "yes", "on"} if value else default


RELOAD = env_flag("BENCH_RELOAD")  # load a prepared database again, however full
PASSWORD = os.environ.get("DEMO_PASSWORD", "newsroom-demo-1405")
REDIS_URL = "redis://127.0.0.1:6379/2"
MEDIA_ROOT = Path(tempfile.gettempdir()) / "newsroom-bench-media"
# One gunicorn setting for the site and the floor, so that only the code differs.
GUNICORN = ["-m", "gunicorn", "--workers", "2", "--worker-class", "sync"]


def say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --- The database ------------------------------------------------------------


def connect(url: str, maintenance: bool = False):
    """Return an autocommit connection to ``url``, or to its server's ``postgres``."""
    config = dj_database_url.parse(url)
    connection = psycopg2.connect(
        dbname="postgres" if maintenance else config["NAME"],
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
    )
    connection.autocommit = True
    return connection


def query(url: str, statement, params=None, maintenance: bool = False) -> list[tuple]:
    """Return the rows of one statement on ``url`` (on ``postgres`` if maintenance)."""
    with closing(connect(url, maintenance)) as connection:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall() if cursor.description else []


def database_name(url: str) -> str:
    return dj_database_url.parse(url)["NAME"]


def server_version(url: str) -> str:
    """Return PostgreSQL's version number, e.g. ``15.20``."""
    return query(url, "SHOW server_version")[0][0].split()[0]


def article_count(url: str) -> int:
    return query(url, "SELECT count(*) FROM articles_article")[0][0]


def site_env(database_url: str, page_cache: bool = False) -> dict:
    """Return the environment of the site in production, DEBUG off, over plain HTTP."""
    env = {
        key: value
        for key, value in os.environ.items()
        # The bench's own database only, and its own choice of cache.
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_REPLICA_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DEBUG="0",
        SECRET_KEY="bench-only-secret-key-not-for-production-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(MEDIA_ROOT),
        LOG_LEVEL="WARNING",
        PAGE_CACHE="1" if page_cache else "0",
    )
    if page_cache:
        env["REDIS_URL"] = REDIS_URL
    return env


def manage(env: dict, *args: str, show: bool = False, timeout=None) -> str:
    """Run ``manage.py args`` and return its output; its progress too when ``show``."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=sys.stderr if show else subprocess.PIPE,
        stderr=None if show else subprocess.PIPE,
        timeout=timeout,
    )
    if result.returncode:
        error = (result.stderr or "")[-4000:]
        raise SystemExit(f"bench: manage.py {args[0]} failed:\n{error}")
    return result.stdout or ""


def recreate_database(url: str) -> None:
    """Drop the database of ``url``, connections and all, and create it empty."""
    name = sql.Identifier(database_name(url))
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name)
    query(url, drop, maintenance=True)
    query(url, sql.SQL("CREATE DATABASE {}").format(name), maintenance=True)


def database_exists(url: str) -> bool:
    exists = "SELECT 1 FROM pg_database WHERE datname = %s"
    return bool(query(url, exists, [database_name(url)], maintenance=True))


def prepare_database(url: str, articles: int) -> int:
    """Return the article count of the bench database, loading ``articles`` if short."""
    name = database_name(url)
    env = site_env(url)
    if database_exists(url) and not RELOAD:
        manage(env, "migrate", "--no-input")
        count = article_count(url)
        if count >= articles:
            say(f"reusing {name}: {count:,} articles (BENCH_RELOAD=1 loads it again)")
            return count
        say(f"{name} holds {count:,} articles, fewer than {articles:,}: reloading")
    started = time.monotonic()
    recreate_database(url)
    manage(env, "migrate", "--no-input")
    manage(env, "seed_demo")
    say(f"loading {articles:,} articles into {name} with seed_bench")
    manage(env, "seed_bench", "--articles", str(articles), "-v", "2", show=True)
    # Fresh statistics, as a settled database has: plans depend on them.
    query(url, "VACUUM (ANALYZE)")
    count = article_count(url)
    say(f"{name}: {count:,} articles in {time.monotonic() - started:.0f} s")
    return count


def collectstatic(database_url: str) -> None:
    """Collect the static files: with DEBUG off the site needs their manifest."""
    manage(site_env(database_url), "collectstatic", "--no-input")


# Run in `manage.py shell`: submitted articles for the editor to publish.
PREPARE = """
import json, time
from django.contrib.auth import get_user_model
from articles import services
from articles.models import Article
from topics.models import Service

reporter = get_user_model().objects.get(username="reporter")
desks = list(Service.objects.order_by("pk"))
stamp = time.strftime("%H%M%S")
made = []
for i in range({count}):
    article = Article(
        title_fa=f"خبر فوری آزمون بار {{stamp}} شماره {{i + 1}}",
        lead_fa="لید خبری که در میانه بار منتشر می‌شود.",
        body_fa="<p>به گزارش خبرگزاری، این خبر در میانه آزمون بار منتشر شد.</p>",
        service=desks[i % len(desks)],
        author=reporter,
        updated_by=reporter,
    )
    article.full_clean()
    article.save()
    services.article_transition(article=article, user=reporter, name="submit")
    made.append({{"pk": article.pk, "url": article.get_absolute_url()}})
print("PREPARED " + json.dumps(made))
"""


def submitted_articles(env: dict, count: int) -> list[dict]:
    """Return the pk and URL of ``count`` new articles the demo reporter submitted."""
    out = manage(env, "shell", "-c", PREPARE.format(count=count), timeout=120)
    return json.loads(out.split("PREPARED ", 1)[1])


# --- Gunicorn and HTTP -------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    log: Path

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def fetch(
    port: int,
    path: str,
    cookie: str | None = None,
    method: str = "GET",
    form: dict | None = None,
    headers: dict | None = None,
    timeout: float = 120,
) -> tuple[int, http.client.HTTPMessage, str]:
    """Return status, headers and text of one request to the loopback ``port``."""
    headers = {**(headers or {}), **({"Cookie": cookie} if cookie else {})}
    body = None
    if form is not None:
        body = urlencode(form, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        if response.getheader("Content-Encoding") == "gzip":
            content = gzip.decompress(content)
        return response.status, response.msg, content.decode("utf-8", "replace")
    finally:
        connection.close()


def page_text(port: int, path: str, cookie: str | None = None) -> str:
    status, _headers, text = fetch(port, path, cookie)
    if status != 200:
        raise SystemExit(f"bench: {path} answered {status}")
    return text


@contextmanager
def serve(name: str, module: str, env: dict, logs: Path, ready: str, cwd: Path = ROOT):
    """Run gunicorn serving ``module`` on a free loopback port while in the block."""
    port = free_port()
    log = logs / f"{name}.log"
    with open(log, "w") as out:
        process = subprocess.Popen(
            [PYTHON, *GUNICORN, "--bind", f"{HOST}:{port}", module],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise SystemExit(f"bench: {name} did not start:\n{log.read_text()}")
            try:
                fetch(port, ready)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"bench: {name} is not answering") from None
                time.sleep(0.2)
        yield Server(name, port, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve_site(name, database_url, logs, page_cache=False):
    env = site_env(database_url, page_cache)
    return serve(name, "newsroom.wsgi", env, logs, "/robots.txt")


class Session:
    """A browser's admin session: cookies kept by hand, Secure ones included
    (DEBUG is off, so Django marks them Secure; this loopback is plain HTTP)."""

    def __init__(self, port: int, timeout: float = 10):
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}

    @property
    def cookie(self) -> str:
        """Return the Cookie header of the session."""
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method: str, path: str, form: dict | None = None, port=None):
        status, headers, text = fetch(
            port or self.port,
            path,
            self.cookie or None,
            method,
            form,
            timeout=self.timeout,
        )
        for header in headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name.strip()] = value.strip()
        return status, headers, text

    def log_in(self, username: str = "chief", password: str = PASSWORD) -> "Session":
        """Log in through the admin's form; return the session."""
        status, _, _ = self.request("GET", "/admin/login/")
        if status != 200 or "csrftoken" not in self.cookies:
            raise SystemExit(f"bench: the admin login page answered {status}")
        status, _, _ = self.request(
            "POST",
            "/admin/login/?next=/admin/",
            {
                "username": username,
                "password": password,
                "next": "/admin/",
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(
                f"bench: {username} could not log in: HTTP {status}"
                " (is DEMO_PASSWORD right?)"
            )
        return self

    def publish(self, pk: int) -> int:
        """Publish article ``pk`` with the admin's "Publish now"; return the status."""
        status, _, _ = self.request(
            "POST",
            "/admin/articles/article/",
            {
                "action": "bulk_publish",
                "_selected_action": [str(pk)],
                "index": "0",
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        return status
