"""Throughput and latency of every public page, against a bare-Django floor.

    make bench            # or: .venv/bin/python bench/run.py
    BENCH_ARTICLES=1000000 make bench

Everything runs on this machine and every load goes to a loopback address:

1. The bench database (``BENCH_DATABASE_URL``, default
   ``postgres://postgres@127.0.0.1:5432/newsroom_bench``) is migrated and loaded
   with ``seed_demo`` and ``seed_bench --articles $BENCH_ARTICLES`` (default 100000),
   then vacuumed and analysed. A database that already holds that many articles is
   reused, since loading takes minutes; ``BENCH_RELOAD=1`` drops and loads it again.
2. Three gunicorns with the same settings (2 sync workers, bound to 127.0.0.1) serve
   the floor (``bench/floor``: bare Django over the same ``articles_article`` table),
   the site cold (``PAGE_CACHE=0``) and the site warm (``PAGE_CACHE=1`` on Redis
   database 2, which belongs to the bench and is emptied first). DEBUG is off.
3. The pages are read from the running site, never hard-coded: the first article on
   the home page, its official, country and tag, the largest service and its deepest
   page up to 2000 (following the "older" links when the site pages by key).
4. Each page's SQL queries are counted with Django's test client, then each page is
   fetched a few times and loaded with ``wrk -t2 -c8 -d${BENCH_SECONDS}s --latency``
   (sending a browser's Accept-Encoding), cold then warm; the admin article list as
   the demo ``chief``, logged in through the login form.
5. A markdown table and the targets, PASS or FAIL, are printed and written to
   ``bench/results.md``.

``BENCH_SECONDS`` (default 10) is the length of each load. The admin target needs the
admin list's time at 1,000 articles: a second database, ``<database>_1k``, is loaded
(seconds) and measured too; ``BENCH_ADMIN_1K=0`` skips it. ``DEMO_PASSWORD`` is the
demo users' password, as for ``seed_demo``.
"""

import os
import re
import shutil
import socket
import subprocess
import tempfile
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import wrk
from common import (
    BENCH,
    REDIS_URL,
    ROOT,
    Server,
    Session,
    collectstatic,
    database_name,
    env_flag,
    fetch,
    prepare_database,
    say,
    serve,
    serve_site,
    server_version,
    site_env,
)
from pages import DEEP_PAGE, Page, discover, probe

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "100000"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"
)
ADMIN_1K = env_flag("BENCH_ADMIN_1K", default=True)
RESULTS = BENCH / "results.md"

# wrk's own timeout is 2 s: a slower answer would be dropped from the latencies and
# the page would look faster than it is (gunicorn kills a worker at 30 s anyway).
WRK = {"threads": 2, "connections": 8, "seconds": SECONDS, "timeout": "30s"}
# Readers' browsers all accept gzip, which the page cache may store pages in.
READER = wrk.READER
WARM_UP = 3  # untimed requests before each load: worker imports, the page cache


def sibling_url(url: str, suffix: str) -> str:
    """Return ``url`` naming the database ``<its name><suffix>`` on the same server."""
    parts = urlsplit(url)
    return parts._replace(path=f"{parts.path.rstrip('/')}{suffix}").geturl()


def empty_redis(url: str = REDIS_URL) -> None:
    """Empty the bench's Redis database, so that the warm run starts from nothing."""
    parts = urlsplit(url)
    db = parts.path.strip("/") or "0"
    command = f"*2\r\n$6\r\nSELECT\r\n${len(db)}\r\n{db}\r\n*1\r\n$7\r\nFLUSHDB\r\n"
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), 5) as s:
            s.sendall(command.encode())
            reply = b""
            while reply.count(b"\r\n") < 2:
                chunk = s.recv(256)
                if not chunk:
                    break
                reply += chunk
    except OSError as error:
        say(f"could not empty {url} ({error}); the warm run starts from what is there")
        return
    if reply != b"+OK\r\n+OK\r\n":
        say(f"emptying {url} answered {reply!r}")


def serve_floor(logs, database_url):
    env = {**site_env(database_url), "DJANGO_SETTINGS_MODULE": "floor.settings"}
    return serve("floor", "floor.wsgi", env, logs, "/hello/", cwd=BENCH)


def log_in(port: int) -> str:
    """Return the Cookie header of the demo chief editor, logged in through the form."""
    return Session(port, timeout=120).log_in().cookie


# --- Load ---------------------------------------------------------------------


def load(server: Server, path: str, cookie: str | None = None) -> wrk.Result:
    """Return the load wrk measured on ``path``, after a few untimed requests."""
    for _ in range(WARM_UP):
        status, _headers, _text = fetch(server.port, path, cookie, headers=READER)
        if status != 200:
            return wrk.Result(problems=[f"{server.name}: HTTP {status}"])
    headers = {**READER, **({"Cookie": cookie} if cookie else {})}
    try:
        measured = wrk.run(server.port, path, headers=headers, **WRK)
    except subprocess.CalledProcessError as error:
        return wrk.Result(problems=[f"wrk failed: {error.stderr.strip()}"])
    measured.problems = [f"{server.name}: {p}" for p in measured.problems]
    return measured


# --- Report -------------------------------------------------------------------


def rate(measured: wrk.Result | None) -> str:
    return f"{measured.rate:,.0f}" if measured and measured.requests else "—"


def times(measured: wrk.Result | None) -> str:
    if not measured or measured.p50 is None or measured.p99 is None:
        return "—"
    return f"{measured.p50:.1f} / {measured.p99:.1f}"


def ratio(a: wrk.Result | None, b: wrk.Result | None) -> float | None:
    if not a or not b or not a.requests or not b.rate:
        return None
    return a.rate / b.rate


def shown(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def report(header, pages, cold, warm, floor, queries, admin_1k) -> str:
    """Return the results as markdown: the table, the targets, the pages measured."""
    hello, floor_article, floor_list = floor["hello"], floor["article"], floor["list"]
    compared = {"hello": hello, "article": floor_article, "list": floor_list}
    lines = [
        *header,
        "",
        "| page | cold req/s | cold p50/p99 ms | warm req/s | warm p50/p99 ms"
        " | queries | cold ÷ floor | warm ÷ hello-world | notes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, measured, count in [
        ("floor: hello-world", hello, 0),
        ("floor: article", floor_article, 1),
        ("floor: list", floor_list, 1),
    ]:
        notes = ", ".join(measured.problems)
        lines.append(
            f"| {name} | {rate(measured)} | {times(measured)} | — | — | {count}"
            f" | — | — | {notes} |"
        )
    for page in pages:
        c, w, probed = cold[page.key], warm[page.key], queries[page.key]
        count = str(probed["queries"])
        if probed["status"] != 200:
            count += f" (HTTP {probed['status']})"
        notes = ", ".join(c.problems + w.problems)
        lines.append(
            f"| {page.label} | {rate(c)} | {times(c)} | {rate(w)} | {times(w)}"
            f" | {count} | {shown(ratio(c, compared.get(page.kind)))}"
            f" | {shown(ratio(w, hello))} | {notes} |"
        )

    lines += ["", "## Targets", ""]

    def verdict(ok: bool | None, text: str) -> None:
        word = {True: "PASS", False: "FAIL", None: "SKIP"}[ok]
        lines.append(f"- {word} {text}")

    def every(
        label: str, chosen: list[Page], runs: dict, base: wrk.Result, least: float
    ):
        ratios = {p.label: ratio(runs[p.key], base) for p in chosen}
        below = [f"{k} {v or 0:.2f}×" for k, v in ratios.items() if (v or 0) < least]
        worst = min(ratios, key=lambda k: ratios[k] or 0)
        text = f"{label}: worst {worst} {ratios[worst] or 0:.2f}×"
        verdict(not below, text + (f"; below: {', '.join(below)}" if below else ""))

    public = [p for p in pages if not p.staff]
    every("every public page warm ≥ 0.8× hello-world", public, warm, hello, 0.8)
    article = next(p for p in pages if p.kind == "article")
    article_ratio = ratio(cold[article.key], floor_article) or 0
    verdict(
        article_ratio >= 0.8, f"article cold ≥ 0.8× floor article: {article_ratio:.2f}×"
    )
    lists = [p for p in pages if p.kind == "list"]
    every("list pages cold ≥ 0.5× floor list", lists, cold, floor_list, 0.5)
    services = [p for p in pages if p.key.startswith("service-page-")]
    first, deep = services[0], services[-1]
    deep_ratio = ratio(cold[deep.key], cold[first.key]) or 0
    short = "" if deep.label.endswith(str(DEEP_PAGE)) else " (the last page there is)"
    verdict(
        deep_ratio >= 0.8,
        f"{deep.label}{short} cold ≥ 0.8× service page 1: {deep_ratio:.2f}×",
    )
    article_p99 = cold[article.key].p99
    for page in (p for p in pages if p.key.startswith("search-")):
        p99 = cold[page.key].p99
        ok = p99 is not None and article_p99 is not None and p99 <= 2 * article_p99
        verdict(
            ok,
            f"{page.label} cold p99 ≤ 2× cold article p99:"
            f" {p99 or 0:.1f} ms vs 2 × {article_p99 or 0:.1f} ms",
        )
    admin = cold["admin-changelist"]
    if admin_1k is None:
        verdict(
            None,
            "admin changelist ≤ 3× its time at 1k articles: BENCH_ADMIN_1K=0",
        )
    else:
        ok = None not in (admin.p50, admin_1k.p50) and admin.p50 <= 3 * admin_1k.p50
        verdict(
            ok,
            f"admin changelist p50 ≤ 3× its p50 at 1k articles:"
            f" {admin.p50 or 0:.1f} ms vs 3 × {admin_1k.p50 or 0:.1f} ms"
            f" ({rate(admin_1k)} req/s at 1k)",
        )

    lines += ["", "## Pages", ""]
    lines += [f"- {page.label}: `{page.path}`" for page in pages]
    return "\n".join(lines) + "\n"


def server_errors(logs: Path) -> list[str]:
    """Return a line for each server log that holds tracebacks or killed workers."""
    found = []
    for log in sorted(logs.glob("*.log")):
        text = log.read_text(errors="replace")
        tracebacks = text.count("Traceback (most recent call last)")
        timeouts = text.count("WORKER TIMEOUT")
        if tracebacks or timeouts:
            found.append(
                f"- {log.stem}: {tracebacks} tracebacks, {timeouts} worker timeouts"
                f" (log: {log})"
            )
    return found


# --- Main -----------------------------------------------------------------------


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("bench: wrk is missing; `make bench-tools` installs it")
    count = prepare_database(DATABASE_URL, ARTICLES)
    url_1k = sibling_url(DATABASE_URL, "_1k")
    if ADMIN_1K:
        prepare_database(url_1k, 1000)
    collectstatic(DATABASE_URL)
    empty_redis()
    logs = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    cold, warm, floor = {}, {}, {}
    admin_1k = None
    load_before = os.getloadavg()[0]
    with ExitStack() as servers:
        floor_server = servers.enter_context(serve_floor(logs, DATABASE_URL))
        cold_server = servers.enter_context(serve_site("cold", DATABASE_URL, logs))
        warm_server = servers.enter_context(
            serve_site("warm", DATABASE_URL, logs, page_cache=True)
        )
        say("reading the pages from the site")
        pages = discover(cold_server.port, DATABASE_URL)
        say("counting each page's queries")
        queries = probe(DATABASE_URL, pages)
        cookies = {s.name: log_in(s.port) for s in (cold_server, warm_server)}
        article = next(p for p in pages if p.kind == "article")
        news_code = re.search(r"/news/(\d+)/", article.path).group(1)
        for key, path in [
            ("hello", "/hello/"),
            ("article", f"/article/{news_code}/"),
            ("list", "/list/"),
        ]:
            say(f"floor {path}")
            floor[key] = load(floor_server, path)
        for page in pages:
            say(f"{page.label}: {page.path}")
            for server, runs in ((cold_server, cold), (warm_server, warm)):
                cookie = cookies[server.name] if page.staff else None
                runs[page.key] = load(server, page.path, cookie)
    if ADMIN_1K:
        with serve_site("cold-1k", url_1k, logs) as server:
            say("admin changelist at 1k articles")
            admin_1k = load(server, "/admin/articles/article/", log_in(server.port))
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    version = server_version(DATABASE_URL)
    command = " ".join(wrk.command(**WRK))
    header = [
        f"# make bench, {datetime.now():%Y-%m-%d %H:%M}, commit {commit or '?'}",
        "",
        f"{count:,} articles in `{database_name(DATABASE_URL)}` (PostgreSQL"
        f" {version}); `{command}` per page, with `Accept-Encoding:"
        f" {READER['Accept-Encoding']}`; gunicorn, 2 sync workers, DEBUG off. Cold:"
        " `PAGE_CACHE=0`; warm: `PAGE_CACHE=1`, Redis db 2. Latencies in ms; queries"
        " counted with the test client, cold.",
        "",
        # Other work on the machine takes CPU from the servers: say how much there was.
        f"{os.cpu_count()} CPUs; load average {load_before:.1f} when the loads began,"
        f" {os.getloadavg()[0]:.1f} when they ended.",
    ]
    text = report(header, pages, cold, warm, floor, queries, admin_1k)
    if errors := server_errors(logs):
        text += "\n## Server errors\n\n" + "\n".join(errors) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
