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

import http.client
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg2

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RUN = Path(os.environ.get("CLUSTER_RUN", HERE / "run"))
PYTHON = ROOT / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
NGINX_PORT = 8100
APP_PORTS = range(8101, 8105)
DURATION = int(os.environ.get("CLUSTER_DURATION", "60"))
CONNECTIONS = int(os.environ.get("CLUSTER_CONNECTIONS", "32"))
THREADS = int(os.environ.get("CLUSTER_WRK_THREADS", "2"))
STATIC_DURATION = int(os.environ.get("CLUSTER_STATIC_DURATION", "10"))
PUBLISH_EVERY = float(os.environ.get("CLUSTER_PUBLISH_EVERY", "5"))
VISIBLE_WITHIN = float(os.environ.get("CLUSTER_VISIBLE_WITHIN", "1"))
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "newsroom-demo-1405")
COMMITS = "SELECT xact_commit FROM pg_stat_database WHERE datname = 'newsroom'"

# Run in `manage.py shell` on the primary: submitted articles for the editor.
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
    counts = {}
    for name, port in (("primary", 5441), ("replica", 5442)):
        conn = psycopg2.connect(
            host=HOST, port=port, user="postgres", dbname="newsroom"
        )
        try:
            with conn.cursor() as cursor:
                cursor.execute(COMMITS)
                counts[name] = cursor.fetchone()[0]
        finally:
            conn.close()
    return counts


def live_app_ports() -> list[int]:
    """Return the ports of the gunicorn instances that answer."""
    ports = []
    for port in APP_PORTS:
        try:
            status, _, _ = get(port, "/robots.txt")
        except OSError:
            continue
        if status == 200:
            ports.append(port)
    return ports


def get(port: int, path: str, headers: dict | None = None, timeout: float = 5):
    """Return (status, headers, body) of one GET on loopback."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


# --- URLs of the running site --------------------------------------------------


def site_urls() -> dict[str, list[str]]:
    """Return reader URLs by kind, read from the home page and a service page."""
    status, _, body = get(NGINX_PORT, "/")
    if status != 200:
        raise SystemExit(f"cluster-load: the home page answered {status}")
    home = body.decode()
    links = set(re.findall(r'href="(/[^"#]*)"', home))
    articles = sorted({u for u in links if re.fullmatch(r"/news/\d+/[^/]+/", u)})
    service_pages = sorted({u for u in links if re.fullmatch(r"/service/[^/?]+/", u)})
    static = sorted(u for u in links if u.startswith("/static/") and u.endswith(".css"))
    words = []
    for page in articles[:5]:
        _, _, text = get(NGINX_PORT, page)
        title = re.search(r"<h1[^>]*>(.*?)</h1>", text.decode(), re.S)
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


# --- wrk ------------------------------------------------------------------------

WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
"""


@dataclass
class WrkResult:
    requests: int = 0
    seconds: float = 0.0
    rate: float = 0.0
    non_2xx_3xx: int = 0
    socket_errors: int = 0
    latency: dict = field(default_factory=dict)
    output: str = ""


def wrk(
    paths: list[str], seconds: int, connections: int, port: int = NGINX_PORT
) -> WrkResult:
    """Run wrk against ``port`` (nginx) over ``paths`` in turn; return its counts."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{THREADS}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                script.name,
                f"http://{HOST}:{port}",
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(script.name)
    return parse_wrk(out)


def parse_wrk(out: str) -> WrkResult:
    result = WrkResult(output=out)
    done = re.search(r"(\d+) requests in ([\d.]+)(m?s|m)\b", out)
    if done:
        unit = {"ms": 0.001, "s": 1, "m": 60}[done[3]]
        result.requests, result.seconds = int(done[1]), float(done[2]) * unit
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    result.rate = float(rate[1]) if rate else 0.0
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result.non_2xx_3xx = int(bad[1]) if bad else 0
    sock = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    result.socket_errors = sum(int(n) for n in sock.groups()) if sock else 0
    for pct in ("50", "90", "99"):
        found = re.search(rf"^\s+{pct}%\s+(\S+)", out, re.M)
        if found:
            result.latency[pct] = found[1]
    return result


# --- The editor -------------------------------------------------------------------


class Editor:
    """A browser-like admin session: cookies kept by hand, Secure ones included
    (DEBUG is off, so Django marks them Secure; this loopback is plain HTTP)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, port=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(HOST, port or self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name.strip()] = value.strip()
        return response.status, response.headers, text

    def csrf(self) -> str:
        return self.cookies["csrftoken"]

    def log_in(self, username: str, password: str) -> None:
        status, _, _ = self.request("GET", "/admin/login/")
        if status != 200 or "csrftoken" not in self.cookies:
            raise SystemExit(f"cluster-load: the login page answered {status}")
        status, headers, _ = self.request(
            "POST",
            "/admin/login/?next=/admin/",
            {
                "username": username,
                "password": password,
                "next": "/admin/",
                "csrfmiddlewaretoken": self.csrf(),
            },
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise SystemExit(
                f"cluster-load: logging in as {username} answered {status}"
            )

    def publish(self, pk: int) -> int:
        status, _, _ = self.request(
            "POST",
            "/admin/articles/article/",
            {
                "action": "bulk_publish",
                "_selected_action": [str(pk)],
                "index": "0",
                "csrfmiddlewaretoken": self.csrf(),
            },
        )
        return status


def time_to_visible(port: int, url: str, start: float, limit: float) -> float | None:
    """Return seconds from ``start`` until ``url`` answers 200 on ``port``."""
    while True:
        try:
            status, _, _ = get(port, url, timeout=2)
        except OSError:
            status = 0
        now = time.perf_counter()
        if status == 200:
            return now - start
        if now - start > limit:
            return None
        time.sleep(0.01)


def time_to_listed(url: str, start: float, limit: float) -> float | None:
    """Return seconds from ``start`` until nginx's (micro-cached) home page links
    ``url``."""
    while True:
        try:
            status, _, body = get(NGINX_PORT, "/", timeout=2)
        except OSError:
            status, body = 0, b""
        now = time.perf_counter()
        if status == 200 and url.encode() in body:
            return now - start
        if now - start > limit:
            return None
        time.sleep(0.02)


def visible_everywhere(url: str, ports: list[int], start: float) -> dict:
    """Return, for each port, seconds from ``start`` until ``url`` answers 200."""
    with ThreadPoolExecutor(len(ports)) as pool:
        delays = pool.map(lambda port: time_to_visible(port, url, start, 5), ports)
        return dict(zip(ports, delays, strict=True))


def editor_loop(prepared: list[dict], ports: list[int], stop: threading.Event, log):
    """Log in through nginx, check the session everywhere, publish, check pages."""
    editor = Editor(NGINX_PORT)
    editor.log_in("chief", DEMO_PASSWORD)
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


def prepare(env: dict, count: int) -> list[dict]:
    out = subprocess.run(
        [str(PYTHON), "manage.py", "shell", "-c", PREPARE.format(count=count)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    return json.loads(out.split("PREPARED ", 1)[1])


def main() -> int:
    env = cluster_env()
    ports = live_app_ports()
    if not ports:
        raise SystemExit("cluster-load: no gunicorn instance answers on 8101-8104")
    urls = site_urls()
    mix = [
        u
        for kind in ("home", "article", "service", "rss", "search")
        for u in urls[kind]
    ]
    prepared = prepare(env, int(DURATION / PUBLISH_EVERY) + 1)

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
        mixed = wrk(mix, DURATION, CONNECTIONS)
    finally:
        stop.set()
        editor.join(timeout=30)
    time.sleep(1)  # PostgreSQL flushes its statistics about once a second
    after = database_transactions()
    static = wrk(urls["static"], STATIC_DURATION, CONNECTIONS)

    failures = []
    print(f"## Cluster load: {len(ports)} instance(s), {CONNECTIONS} connections\n")
    print(
        f"Mixed anonymous URLs ({len(mix)}): "
        + ", ".join(
            f"{k} {len(urls[k])}"
            for k in ("home", "article", "service", "rss", "search")
        )
    )
    print()
    print("| run | requests | errors (non-2xx/3xx + socket) | req/s | p50 | p99 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, r in (("mixed, through nginx", mixed), ("static file, nginx", static)):
        errors = r.non_2xx_3xx + r.socket_errors
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
