"""`make lighthouse`: Lighthouse, mobile, on the demo's pages served as in production.

A fresh demo database (a SQLite file in a temporary folder, or DATABASE_URL when set,
which is migrated and seeded but never dropped), collectstatic, then gunicorn with
DEBUG=0, the page cache on, whitenoise for /static/ and Django for /media/. Lighthouse
(tools/lighthouse, pinned) drives Debian's chromium with its default mobile profile
and simulated throttling over the home page, an article with a photo, a photo story, a
service's list and the filter with an official and a country. Reports go to
test-artifacts/lighthouse/; the table is printed, and the exit status is 1 if a page
is under a threshold (or the demo has no photo story to measure).
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from common import ROOT, fetch, manage, say, serve, site_env

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Lowest score (0-100) of each category, and the largest layout shift.
THRESHOLDS = {
    "performance": 95,
    "accessibility": 100,
    "best-practices": 100,
    "seo": 100,
}
MAX_CLS = 0.02
# Runs of each page; the median one counts (LIGHTHOUSE_RUNS=1 for a quick look).
RUNS = max(1, int(os.environ.get("LIGHTHOUSE_RUNS", "3")))
# Only these pages, by name (LIGHTHOUSE_PAGES="home,filter"); all when unset.
ONLY = {
    n.strip() for n in os.environ.get("LIGHTHOUSE_PAGES", "").split(",") if n.strip()
}
# What the demo lacks when a page has nothing to measure.
MISSING = {
    "article": "the demo has no published article with a library photo",
    "photo story": (
        "the demo has no photo story (a published article of the type “Photo"
        " story”): seed_demo must make one for Lighthouse to measure it"
    ),
    "service": "the demo has no published article with a library photo",
    "filter": "no published article of the demo has both an official and a country",
}

# Run in `manage.py shell`: the address of each page to measure, from the demo data.
PAGES = """
import json
from articles.models import Article

published = Article.objects.published().order_by("-published_at")
article = (
    published.filter(photo__isnull=False).exclude(article_type=Article.Type.PHOTO)
).first()
story = published.filter(article_type=Article.Type.PHOTO).first()
pair = next(
    (
        (official, country)
        for item in published.prefetch_related("officials", "countries")
        for official in item.officials.all()
        for country in item.countries.all()
    ),
    None,
)
print("PAGES " + json.dumps({
    "home": "/",
    "article": article and article.get_absolute_url(),
    "photo story": story and story.get_absolute_url(),
    "service": article and article.service.get_absolute_url(),
    "filter": pair and f"/news/?official={pair[0].slug}&country={pair[1].code.lower()}",
}))
"""


def prepare_site(env: dict) -> dict[str, str | None]:
    """Migrate and seed the demo, collect the static files; return the pages' paths."""
    say(f"demo database: {env['DATABASE_URL']}")
    manage(env, "migrate", "--no-input")
    manage(env, "seed_demo")
    manage(env, "collectstatic", "--no-input")
    out = manage(env, "shell", "-c", PAGES)
    return json.loads(out.split("PAGES ", 1)[1])


def lighthouse(url: str, stem: Path) -> dict:
    """Run Lighthouse once on ``url``, reports beside ``stem``; return the report.

    A run that Lighthouse itself gives up on (a trace it could not record, which a
    busy machine sometimes causes) is tried again, twice at most.
    """
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        "--output=html",
        f"--output-path={stem}",
        "--quiet",
    ]
    for _attempt in range(3):
        result = subprocess.run(command, capture_output=True, text=True)
        report_path = stem.with_suffix(".report.json")
        if report_path.exists() and not result.returncode:
            report = json.loads(report_path.read_text())
            error = (report.get("runtimeError") or {}).get("message")
        else:
            error = result.stderr[-4000:]
        if not error:
            return report
        say(f"lighthouse: {error.strip().splitlines()[-1]}")
    raise SystemExit(f"lighthouse failed on {url}:\n{error}")


def audit(name: str, url: str) -> dict:
    """Run Lighthouse RUNS times on ``url``; return the median run's figures.

    The median by performance score, as Lighthouse advises against one run's noise;
    its reports are kept as ``<name>.report.json`` and ``.html``.
    """
    REPORTS.mkdir(parents=True, exist_ok=True)
    slug = name.replace(" ", "-")
    runs = []
    for number in range(RUNS):
        report = lighthouse(url, REPORTS / f"{slug}-{number}")
        runs.append((report["categories"]["performance"]["score"] or 0, number, report))
    _score, median, report = sorted(runs, key=lambda run: run[:2])[RUNS // 2]
    for number in range(RUNS):
        for suffix in (".report.json", ".report.html"):
            path = REPORTS / f"{slug}-{number}{suffix}"
            if number == median:
                path.replace(REPORTS / f"{slug}{suffix}")
            else:
                path.unlink()
    audits = report["audits"]
    return {
        **{
            key: round(100 * (report["categories"][key]["score"] or 0))
            for key in CATEGORIES
        },
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cpu": report["environment"]["benchmarkIndex"],
    }


def failures(name: str, row: dict) -> list[str]:
    """What in ``row`` is under a threshold, in words."""
    found = [
        f"{name}: {key} {row[key]} < {least}"
        for key, least in THRESHOLDS.items()
        if row[key] < least
    ]
    if row["cls"] > MAX_CLS:
        found.append(f"{name}: CLS {row['cls']:.3f} > {MAX_CLS}")
    return found


def table(rows: dict[str, dict]) -> str:
    """The results as a Markdown table."""
    lines = [
        "| page | performance | accessibility | best practices | SEO"
        " | CLS | LCP | TBT |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name} | {r['performance']} | {r['accessibility']} "
            f"| {r['best-practices']} | {r['seo']} | {r['cls']:.3f} "
            f"| {r['lcp']:.1f} s | {r['tbt']:.0f} ms |"
        )
    return "\n".join(lines)


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is not installed: run `make lighthouse`")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"no chromium at {CHROMIUM}: run `make browser`")
    for old in REPORTS.glob("*.report.*"):
        old.unlink()
    with tempfile.TemporaryDirectory(prefix="newsroom-lighthouse-") as work:
        work = Path(work)
        database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{work}/db.sqlite3"
        env = site_env(database_url)
        # As in production: the page cache (in memory, per worker), uploads served
        # by Django. No Redis: the demo changes nothing while it is measured.
        env.update(MEDIA_ROOT=str(work / "media"), SERVE_MEDIA="1", PAGE_CACHE="1")
        pages = prepare_site(env)
        pages = {n: p for n, p in pages.items() if not ONLY or n in ONLY}
        missing = [f"{name}: {MISSING[name]}" for name, p in pages.items() if not p]
        for line in missing:
            say(f"NOT MEASURED {line}")
        with serve("lighthouse-site", "newsroom.wsgi", env, work, "/robots.txt") as s:
            rows = {}
            for name, path in pages.items():
                if not path:
                    continue
                status, _, _ = fetch(s.port, path)
                if status != 200:
                    raise SystemExit(f"{name} ({path}) answered {status}")
                say(f"lighthouse: {name} {path}")
                rows[name] = audit(name, s.url(path))
    print(table(rows), flush=True)
    cpu = sorted(row["cpu"] for row in rows.values())
    print(
        f"\nLighthouse's CPU benchmark index here: {cpu[0]:.0f}-{cpu[-1]:.0f} (under"
        " 1000 it warns of a slower CPU than its mobile throttling expects: scores"
        " drop on a slow or busy machine)."
        f"\nReports: {REPORTS.relative_to(ROOT)}/"
    )
    problems = [line for name, row in rows.items() for line in failures(name, row)]
    problems += missing
    for line in problems:
        print(f"FAIL {line}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
