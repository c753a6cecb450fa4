"""Mixed reader load on the running cluster while an editor publishes.

For CLUSTER_DURATION seconds (default 60) wrk sends anonymous readers' requests with
CLUSTER_CONNECTIONS connections (default 32) to nginx on 127.0.0.1:8100, over URLs
read from the running site: the home page, articles, service pages, RSS and search.
Meanwhile the chief editor, logged in to the admin through nginx, publishes a
submitted article every CLUSTER_PUBLISH_EVERY seconds (default 5) with the admin's
"Publish now" action; each published page must answer 200 on every gunicorn
instance directly and through nginx within CLUSTER_VISIBLE_WITHIN seconds (1). Last,
a static file is measured on the same nginx, for the ratio.

    make cluster-up && make cluster-load   # or: .venv/bin/python bench/cluster/load.py

Loopback only, bounded in time. Exits non-zero when a check fails.
"""

import os
import random
import re
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # bench/: what the benchmarks share

import wrk  # noqa: E402
from common import (  # noqa: E402
    HOST,
    PASSWORD,
    Session,
    fetch,
    page_text,
    query,
    submitted_articles,
)

RUN = Path(os.environ.get("CLUSTER_RUN", HERE / "run"))
NGINX_PORT = 8100
APP_PORTS = range(8101, 8105)
DURATION = int(os.environ.get("CLUSTER_DURATION", "60"))
CONNECTIONS = int(os.environ.get("CLUSTER_CONNECTIONS", "32"))
THREADS = int(os.environ.get("CLUSTER_WRK_THREADS", "2"))
STATIC_DURATION = int(os.environ.get("CLUSTER_STATIC_DURATION", "10"))
PUBLISH_EVERY = float(os.environ.get("CLUSTER_PUBLISH_EVERY", "5"))
VISIBLE_WITHIN = float(os.environ.get("CLUSTER_VISIBLE_WITHIN", "1"))
COMMITS = "SELECT xact_commit FROM pg_stat_database WHERE datname = 'newsroom'"
KINDS = ("home", "article", "service", "rss", "search")  # the readers' mix


def cluster_env() -> dict:
    """Return the environment the cluster's instances run with (run/env)."""
    path = RUN / "env"
    if not path.exists():
        raise SystemExit("cluster-load: no cluster here; run `make cluster-up` first")
    env = dict(os.environ)
    for line in path.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            env[key] = value
    return env


def database_transactions() -> dict[str, int]:
    """Return transactions committed so far in ``newsroom`` on primary and replica
    (Django runs each read in autocommit: about one per query)."""
    return {
        name: query(f"postgres://postgres@{HOST}:{port}/newsroom", COMMITS)[0][0]
        for name, port in (("primary", 5441), ("replica", 5442))
    }


def live_app_ports() -> list[int]:
    """Return the ports of the gunicorn instances that answer."""
    ports = []
    for port in APP_PORTS:
        try:
            status, _, _ = fetch(port, "/robots.txt", timeout=5)
        except OSError:
            continue
        if status == 200:
            ports.append(port)
    return ports


# --- URLs of the running site --------------------------------------------------


def site_urls() -> dict[str, list[str]]:
    """Return reader URLs by kind, read from the home page and a service page."""
    home = page_text(NGINX_PORT, "/")
    links = set(re.findall(r'href="(/[^"#]*)"', home))
    articles = sorted({u for u in links if re.fullmatch(r"/news/\d+/[^/]+/", u)})
    service_pages = sorted({u for u in links if re.fullmatch(r"/service/[^/?]+/", u)})
    static = sorted(u for u in links if u.startswith("/static/") and u.endswith(".css"))
    words = []
    for page in articles[:5]:
        _, _, text = fetch(NGINX_PORT, page, timeout=5)
        title = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
        if title:
            words += [
                w for w in re.sub(r"<[^>]+>", " ", title[1]).split() if len(w) > 3
            ]
    searches = [
        "/search/?" + urllib.parse.urlencode({"q": w}) for w in dict.fromkeys(words)
    ][:5]
    urls = {
        "home": ["/"],
        "article": articles[:20],
        "service": service_pages[:7],
        "rss": ["/rss/"],
        "search": searches,
    }
    missing = [kind for kind, found in urls.items() if not found]
    if missing or not static:
        raise SystemExit(f"cluster-load: found no URL for {missing or 'static'}")
    urls["static"] = static[:1]
    return urls


def run_wrk(
    paths: list[str], seconds: int, port: int = NGINX_PORT, headers: dict | None = None
) -> wrk.Result:
    """Run wrk against ``port`` (nginx) over ``paths`` in turn; return its counts."""
    return wrk.run(
        port,
        paths,
        threads=THREADS,
        connections=CONNECTIONS,
        seconds=seconds,
        timeout="10s",
        headers=headers,
    )


# --- The editor -------------------------------------------------------------------


def time_until(ready, start: float, limit: float, pause: float) -> float | None:
    """Return seconds from ``start`` until ``ready()`` holds, or None past ``limit``."""
    while True:
        try:
            done = ready()
        except OSError:
            done = False
        now = time.perf_counter()
        if done:
            return now - start
        if now - start > limit:
            return None
        time.sleep(pause)


def time_to_visible(port: int, url: str, start: float, limit: float) -> float | None:
    """Return seconds from ``start`` until ``url`` answers 200 on ``port``."""
    return time_until(
        lambda: fetch(port, url, timeout=2)[0] == 200, start, limit, pause=0.01
    )


def time_to_listed(url: str, start: float, limit: float) -> float | None:
    """Return seconds from ``start`` until nginx's (micro-cached) home page links
    ``url``."""

    def listed():
        status, _, home = fetch(NGINX_PORT, "/", timeout=2)
        return status == 200 and url in home

    return time_until(listed, start, limit, pause=0.02)


def visible_everywhere(url: str, ports: list[int], start: float) -> dict:
    """Return, for each port, seconds from ``start`` until ``url`` answers 200."""
    with ThreadPoolExecutor(len(ports)) as pool:
        delays = pool.map(lambda port: time_to_visible(port, url, start, 5), ports)
        return dict(zip(ports, delays, strict=True))


def editor_loop(prepared: list[dict], ports: list[int], stop: threading.Event, log):
    """Log in through nginx, check the session everywhere, publish, check pages."""
    editor = Session(NGINX_PORT).log_in("chief", PASSWORD)
    for port in ports:  # a login on one instance holds on every other
        status, _, _ = editor.request("GET", "/admin/", port=port)
        log["session"][port] = status
    for item in prepared:
        # Jitter, so that publications fall anywhere in nginx's cache second.
        if stop.wait(PUBLISH_EVERY * random.uniform(0.7, 1.3)):
            break
        status = editor.publish(item["pk"])
        published = time.perf_counter()
        delays = {}
        if status == 302:
            delays = visible_everywhere(item["url"], [*ports, NGINX_PORT], published)
            item["home"] = time_to_listed(item["url"], published, 5)
        log["published"].append(
            {"url": item["url"], "status": status, "home": item.get("home"), **delays}
        )


def main() -> int:
    env = cluster_env()
    ports = live_app_ports()
    if not ports:
        raise SystemExit("cluster-load: no gunicorn instance answers on 8101-8104")
    urls = site_urls()
    mix = [u for kind in KINDS for u in urls[kind]]
    prepared = submitted_articles(env, int(DURATION / PUBLISH_EVERY) + 1)

    log = {"session": {}, "published": [], "error": None}
    stop = threading.Event()

    def run_editor():
        try:
            editor_loop(prepared, ports, stop, log)
        except (OSError, SystemExit, KeyError) as error:
            log["error"] = repr(error)

    editor = threading.Thread(target=run_editor)
    editor.start()
    before = database_transactions()
    try:
        # As readers' browsers ask: they all accept gzip (so does the static file's).
        mixed = run_wrk(mix, DURATION, headers=wrk.READER)
    finally:
        stop.set()
        editor.join(timeout=30)
    time.sleep(1)  # PostgreSQL flushes its statistics about once a second
    after = database_transactions()
    static = run_wrk(urls["static"], STATIC_DURATION, headers=wrk.READER)

    failures = []
    print(f"## Cluster load: {len(ports)} instance(s), {CONNECTIONS} connections\n")
    print(
        f"Mixed anonymous URLs ({len(mix)}): "
        + ", ".join(f"{k} {len(urls[k])}" for k in KINDS)
    )
    print()
    print("| run | requests | errors (non-2xx/3xx + socket) | req/s | p50 | p99 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in (("mixed, through nginx", mixed), ("static file, nginx", static)):
        errors = r.errors
        print(
            f"| {name} | {r.requests} | {errors} | {r.rate:.0f} | "
            f"{r.latency.get('50', '-')} | {r.latency.get('99', '-')} |"
        )
        if errors:
            failures.append(f"{name}: {errors} errors")
    if static.rate:
        print(f"\nmixed / static: {mixed.rate / static.rate:.2f}")

    spent = {name: after[name] - before[name] for name in after}
    print(
        f"\nDatabase transactions during the mixed run: primary {spent['primary']}, "
        f"replica {spent['replica']}"
    )
    print("\nEditor (chief, through nginx):")
    sessions = ", ".join(f"{p}: {s}" for p, s in log["session"].items())
    print(f"- session from one login, GET /admin/ on each instance: {sessions}")
    if log["error"]:
        failures.append(f"the editor stopped: {log['error']}")
    if not log["session"] or any(s != 200 for s in log["session"].values()):
        failures.append("the login did not hold on every instance")
    worst = 0.0
    for entry in log["published"]:
        delays = {k: v for k, v in entry.items() if isinstance(k, int)}
        if entry["status"] != 302 or None in delays.values():
            failures.append(f"{entry['url']}: publish {entry['status']}, {delays}")
            continue
        slowest = max(delays.values())
        worst = max(worst, slowest)
        if slowest > VISIBLE_WITHIN:
            failures.append(f"{entry['url']}: visible after {slowest:.3f} s")
    print(
        f"- published {len(log['published'])} article(s); worst delay until the page "
        f"answered 200 on all {len(ports)} instance(s) and nginx: {worst * 1000:.0f} ms"
    )
    listed = [e["home"] for e in log["published"] if e["home"] is not None]
    if listed:
        print(
            "- worst delay until nginx's micro-cached home page listed it: "
            f"{max(listed) * 1000:.0f} ms ({len(listed)} of {len(log['published'])})"
        )
    if failures:
        print("\nFAILED:\n" + "\n".join(f"- {f}" for f in failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
