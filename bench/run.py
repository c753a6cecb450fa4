"""Throughput of the public pages under gunicorn, as a ratio to a reference page.

Runs the real production stack on this machine: gunicorn (2 workers), DEBUG off,
WhiteNoise, the database from DATABASE_URL (a throw-away SQLite file by default),
filled with the demo data plus ARTICLES extra published articles. Each page is
fetched REQUESTS times by CLIENTS keep-alive connections; its requests per second
are divided by those of /robots.txt (a view that touches no database) measured in
the same run, so the numbers compare across machines. Loopback only; bounded.

    make bench                    # or: .venv/bin/python bench/run.py
"""

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "3000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "400"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, stdin=None):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        input=stdin,
        text=True,
        stdout=subprocess.DEVNULL,
    )


def measure(port: int, path: str) -> float:
    """Return requests per second for ``path``; every answer must be 200."""
    counts = [REQUESTS // CLIENTS] * CLIENTS
    errors = []

    def client(n):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(n):
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append((path, response.status))
        conn.close()

    client(10)  # warm up
    threads = [threading.Thread(target=client, args=(n,)) for n in counts]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"bench: {errors[0][0]} answered {errors[0][1]}")
    return sum(counts) / elapsed


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}"
        ),
        "MEDIA_ROOT": str(work / "media"),
        "LOG_LEVEL": "WARNING",
    }
    manage(env, "migrate", "--no-input")
    manage(env, "collectstatic", "--no-input")
    manage(env, "seed_demo")
    fill = (ROOT / "bench" / "fill.py").read_text(encoding="utf-8")
    manage({**env, "BENCH_ARTICLES": str(ARTICLES)}, "shell", stdin=fill)
    code = subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from articles.models import Article; a=Article.objects.published().last();"
            "print(a.news_code)",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    ).stdout.split()[-1]
    port = free_port()
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{port}",
            "newsroom.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):  # up to ~10 s for gunicorn to listen
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        pages = [
            ("reference: /robots.txt", "/robots.txt"),
            ("home", "/"),
            ("article", f"/news/{code}/"),
            ("service page 1", "/service/economic/"),
            ("service, page 20", "/service/economic/?page=20"),
            (
                "filter official+country",
                "/news/?official=mohammadreza-pourmohammadi&country=ir",
            ),
            ("search", "/search/?q=%DA%AF%D8%B1%D8%AF%D8%B4%DA%AF%D8%B1%DB%8C"),
            ("rss", "/rss/"),
        ]
        rates = {}
        for name, path in pages:
            if name == "article":
                conn = http.client.HTTPConnection("127.0.0.1", port)
                conn.request("GET", path)
                path = conn.getresponse().getheader("Location")
                conn.close()
            rates[name] = measure(port, path)
    finally:
        server.terminate()
        server.wait(timeout=10)
    reference = rates["reference: /robots.txt"]
    print(f"{ARTICLES} extra articles, {REQUESTS} requests per page, {CLIENTS} clients")
    print("| page | requests/s | ratio to reference |")
    print("| --- | ---: | ---: |")
    for name, rate in rates.items():
        print(f"| {name} | {rate:.0f} | {rate / reference:.2f} |")


if __name__ == "__main__":
    main()
