"""Throughput with 1, 2 and 4 app servers, as a small markdown table.

For each count, ``cluster.sh up`` starts or stops gunicorn instances to match and
reloads nginx; wrk then loads, through nginx's uncached port 8109 (what the app
servers carry), the home page with Django's page cache on, then the home page and the
readers' mix with it off (every page drawn from the replica), and last the home page
through the micro-cached edge on 8100 (what readers get). The cluster is left with
the number of instances it had before, page cache on.

    make cluster-up && .venv/bin/python bench/cluster/scale.py

CLUSTER_SCALE_COUNTS (default "1 2 4"), CLUSTER_SCALE_DURATION seconds per run
(default 15), CLUSTER_CONNECTIONS (default 32). Loopback only.
"""

import os
import subprocess
import sys

import load

COUNTS = [int(n) for n in os.environ.get("CLUSTER_SCALE_COUNTS", "1 2 4").split()]
SECONDS = int(os.environ.get("CLUSTER_SCALE_DURATION", "15"))
UNCACHED_PORT = 8109


def scale_to(count: int, page_cache: bool = True) -> None:
    subprocess.run(
        ["bash", str(load.HERE / "cluster.sh"), "up"],
        env={
            **os.environ,
            "CLUSTER_INSTANCES": str(count),
            "CLUSTER_PAGE_CACHE": "1" if page_cache else "0",
        },
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(paths: list[str], port: int) -> load.wrk.Result:
    load.run_wrk(paths, 2, port)  # warm up
    return load.run_wrk(paths, SECONDS, port)


def main() -> int:
    load.cluster_env()
    before = len(load.live_app_ports())
    if not before:
        raise SystemExit("scale: no cluster here; run `make cluster-up` first")
    urls = load.site_urls()
    mix = [u for kind in load.KINDS for u in urls[kind]]
    rows = []
    try:
        for count in COUNTS:
            scale_to(count, page_cache=False)
            cold = [measure(["/"], UNCACHED_PORT), measure(mix, UNCACHED_PORT)]
            scale_to(count, page_cache=True)
            warm = measure(["/"], UNCACHED_PORT)
            edge = measure(["/"], load.NGINX_PORT)
            rows.append((count, [warm, *cold, edge]))
    finally:
        scale_to(before)
    print(
        f"{load.CONNECTIONS} connections, {SECONDS} s per run, "
        f"{os.cpu_count()} CPU(s) shared by wrk, nginx, gunicorn and PostgreSQL\n"
    )
    print(
        "| instances (2 workers each) | home, page cache | home, no page cache "
        "| readers' mix, no page cache | home, nginx micro-cache |"
    )
    print("| ---: | ---: | ---: | ---: | ---: |")
    errors = 0
    for count, runs in rows:
        cells = " | ".join(
            f"{r.rate:.0f} req/s (p99 {r.latency.get('99', '-')})" for r in runs
        )
        print(f"| {count} | {cells} |")
        errors += sum(r.errors for r in runs)
    print(f"\nerrors (non-2xx/3xx + socket): {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
