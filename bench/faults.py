"""Readers' load while editors publish and the database drops every connection twice.

    make bench-faults        # or: .venv/bin/python bench/faults.py

On PostgreSQL (``FAULTS_DATABASE_URL``, default a ``newsroom_faults`` database on
127.0.0.1:5432, loaded with the demo and ``FAULTS_ARTICLES`` bench articles), the
site runs under gunicorn (2 workers, ``DEBUG=0``) with the page cache off, so every
request reads the database. For ``FAULTS_DURATION`` seconds (60) wrk sends readers'
requests over ``FAULTS_CONNECTIONS`` connections (32): home, articles, service pages,
the filter and searches, in turn. Meanwhile the chief editor, logged in to the admin,
publishes a submitted article every 5 seconds through the workflow (the admin's
"Publish now"), and at a third and at two thirds of the run every connection of the
site's database is terminated (``pg_terminate_backend``), as a restart or a failover
does. The requests in flight at each termination must be drawn again on a new
connection (newsroom/middleware.py): the run fails if any request gets anything but
2xx/3xx, if a socket errs, or if a publication does not go through.

The table goes to stdout and to bench/results-faults.md. Loopback only.
"""

import os
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urlencode

import wrk
from common import (
    BENCH,
    ROOT,
    Session,
    collectstatic,
    database_name,
    fetch,
    prepare_database,
    query,
    say,
    serve_site,
    site_env,
    submitted_articles,
)

DATABASE_URL = os.environ.get(
    "FAULTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_faults"
)
ARTICLES = int(os.environ.get("FAULTS_ARTICLES", "5000"))
DURATION = int(os.environ.get("FAULTS_DURATION", "60"))
CONNECTIONS = int(os.environ.get("FAULTS_CONNECTIONS", "32"))
PUBLISH_EVERY = 5.0
THREADS = 2  # wrk's
RESULTS = BENCH / "results-faults.md"


def terminate_connections(database: str) -> int:
    """End every connection to ``database`` but this one; return how many."""
    return query(
        DATABASE_URL,
        "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
        " FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
        [database],
        maintenance=True,
    )[0][0]


def reader_paths(port: int) -> dict[str, list[str]]:
    """The pages readers open, read from the running site."""
    rows = query(
        DATABASE_URL,
        "SELECT news_code, slug FROM articles_article"
        " WHERE status = 'published' ORDER BY published_at DESC LIMIT 20",
    )
    services = query(DATABASE_URL, "SELECT slug FROM topics_service")
    officials = query(
        DATABASE_URL,
        "SELECT o.slug FROM officials_official o JOIN articles_article_officials ao"
        " ON ao.official_id = o.id GROUP BY o.slug ORDER BY count(*) DESC LIMIT 3",
    )
    paths = {
        "home": ["/"],
        "article": [f"/news/{code}/{quote(slug)}/" for code, slug in rows],
        "service": [f"/service/{quote(slug)}/" for (slug,) in services],
        "filter": ["/news/?" + urlencode({"official": slug}) for (slug,) in officials],
        "search": ["/search/?" + urlencode({"q": q}) for q in ("تبریز", "ایران")],
    }
    for kind, found in paths.items():
        if not found:
            raise SystemExit(f"bench-faults: no {kind} page to load")
        status, _, _ = fetch(port, found[0])
        if status != 200:
            raise SystemExit(f"bench-faults: {found[0]} answered {status}")
    return paths


class Editors(threading.Thread):
    """The chief editor publishes a submitted article every few seconds."""

    def __init__(self, port: int, pks: list[int]):
        super().__init__(daemon=True)
        self.port, self.pks = port, pks
        self.published, self.retried, self.failed = 0, 0, []
        self.stop = threading.Event()

    def run(self):
        editor = Session(self.port).log_in()
        for pk in self.pks:
            if self.stop.wait(PUBLISH_EVERY):
                return
            status = editor.publish(pk)
            if status == 503:  # the database was away at that instant: once more
                self.retried += 1
                status = editor.publish(pk)
            if status == 302:
                self.published += 1
            else:
                self.failed.append((pk, status))


def main() -> int:
    say(f"load with faults: {DURATION} s, {CONNECTIONS} connections")
    count = prepare_database(DATABASE_URL, ARTICLES)
    collectstatic(DATABASE_URL)
    env = site_env(DATABASE_URL)
    # One every PUBLISH_EVERY seconds, the last well before the load ends.
    made = submitted_articles(env, int(DURATION / PUBLISH_EVERY) - 1)
    pks = [item["pk"] for item in made]
    logs = Path(tempfile.mkdtemp(prefix="newsroom-faults-"))
    database = database_name(DATABASE_URL)
    with ExitStack() as servers:
        site = servers.enter_context(serve_site("faults", DATABASE_URL, logs))
        paths = reader_paths(site.port)
        everything = [p for kind in paths.values() for p in kind]
        editors = Editors(site.port, pks)
        terminations = []

        def faults():
            for at in (DURATION / 3, 2 * DURATION / 3):
                time.sleep(max(0.0, at - (time.monotonic() - started)))
                terminations.append((round(at), terminate_connections(database)))

        started = time.monotonic()
        editors.start()
        killer = threading.Thread(target=faults, daemon=True)
        killer.start()
        result = wrk.run(
            site.port,
            everything,
            threads=THREADS,
            connections=CONNECTIONS,
            seconds=DURATION,
            timeout="10s",
        )
        editors.stop.set()
        editors.join(timeout=15)
        killer.join(timeout=5)
        log = (logs / "faults.log").read_text(errors="replace")
    errors = result.errors
    retried = log.count("Database connection lost")
    refused = log.count("The database is still away")
    ok = (
        errors == 0
        and not editors.failed
        and editors.published == len(pks)
        and len(terminations) == 2
        and all(n > 0 for _at, n in terminations)
    )
    lines = [
        f"# make bench-faults, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{count:,} articles in `{database}` (PostgreSQL); gunicorn, 2 sync workers,"
        f" `DEBUG=0`, page cache off; `wrk -t{THREADS} -c{CONNECTIONS}"
        f" -d{DURATION}s` over {len(everything)} pages (home, {len(paths['article'])}"
        f" articles, {len(paths['service'])} service pages, the filter, searches).",
        "",
        "| measure | value |",
        "| --- | ---: |",
        f"| requests | {result.requests:,} ({result.rate:,.0f}/s) |",
        f"| failed requests (non-2xx/3xx, socket errors) | **{errors}** |",
        f"| latency p50 / p90 / p99 | {result.latency.get('50', '?')} /"
        f" {result.latency.get('90', '?')} / {result.latency.get('99', '?')} |",
        "| database connections terminated | "
        + ", ".join(f"{n} at {at} s" for at, n in terminations)
        + " |",
        f"| requests drawn again on a new connection | {retried} |",
        f"| requests answered 503 (database still away) | {refused} |",
        f"| articles published by the editor during the run | {editors.published}"
        f" of {len(pks)} ({editors.retried} sent again after a 503) |",
        "",
        "PASS: no reader saw an error" if ok else "FAIL",
    ]
    if editors.failed:
        lines.append(f"publications refused: {editors.failed}")
    text = "\n".join(lines) + "\n"
    print(text)
    RESULTS.write_text(text, encoding="utf-8")
    say(f"written to {RESULTS.relative_to(ROOT)}; gunicorn log in {logs}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
