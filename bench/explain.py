"""The query plans of every page `make bench` measures, one file each in bench/plans/.

    make bench-explain    # or: .venv/bin/python bench/explain.py

Prepares the bench database exactly as bench/run.py does (same ``BENCH_*``
variables), reads the pages from a cold gunicorn, then fetches each page once more
with Django's test client (``PAGE_CACHE=0``), captures its SQL and runs
``EXPLAIN (ANALYZE, BUFFERS)`` on every query that reads the articles or their
search entries.
Each file, e.g. ``bench/plans/service-page-1.txt``, starts with the article count.
"""

import tempfile
from pathlib import Path

from common import (
    BENCH,
    ROOT,
    collectstatic,
    database_name,
    prepare_database,
    say,
    serve_site,
    server_version,
)
from pages import Page, discover, probe
from run import ARTICLES, DATABASE_URL

PLANS = BENCH / "plans"


def plan_text(page: Page, probed: dict, count: int, version: str) -> str:
    """Return the plan file of one page: a short header, then each query and plan."""
    plans = probed["plans"]
    lines = [
        f"# {page.label}: {page.path}",
        f"# {count:,} articles in {database_name(DATABASE_URL)} (PostgreSQL {version})",
        f"# HTTP {probed['status']}; {probed['queries']} queries,"
        f" {len(plans)} reading the articles or their search entries",
    ]
    for number, query in enumerate(plans, start=1):
        lines += [
            "",
            f"-- query {number}",
            query["sql"],
            "",
            query["plan"],
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    count = prepare_database(DATABASE_URL, ARTICLES)
    collectstatic(DATABASE_URL)
    logs = Path(tempfile.mkdtemp(prefix="newsroom-explain-"))
    with serve_site("cold", DATABASE_URL, logs) as server:
        say("reading the pages from the site")
        pages = discover(server.port, DATABASE_URL)
    say("explaining each page's queries")
    probed = probe(DATABASE_URL, pages, explain=True)
    version = server_version(DATABASE_URL)
    PLANS.mkdir(exist_ok=True)
    # Files of an earlier run (a deep page numbered for another size) would mislead.
    for old in PLANS.glob("*.txt"):
        old.unlink()
    for page in pages:
        path = PLANS / f"{page.key}.txt"
        path.write_text(plan_text(page, probed[page.key], count, version), "utf-8")
        print(f"{path.relative_to(ROOT)}: {len(probed[page.key]['plans'])} plans")


if __name__ == "__main__":
    main()
