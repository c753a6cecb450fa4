"""The pages `make bench` measures, read from the running site, and their queries.

bench/run.py loads them; bench/explain.py writes their query plans.
"""

import html
import json
import math
import re
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlencode, urljoin, urlsplit

from common import manage, page_text, query, site_env

DEEP_PAGE = 2000
PER_PAGE = 20  # articles.paging.PER_PAGE
CHAIN_SECONDS = 180  # the longest walk down "older" links to reach the deep page
SEARCH_WORDS = {"iran": "ایران", "tabriz": "تبریز"}


@dataclass
class Page:
    key: str  # names its plan file: bench/plans/<key>.txt
    label: str
    path: str
    kind: str  # "hello", "article", "list" or "other": the floor page it compares to
    staff: bool = False


def links(text: str, pattern: str) -> list[str]:
    """Return the distinct matches of ``pattern`` in ``text``'s links, in page order."""
    found = re.findall(rf'href="{pattern}"', text)
    return list(dict.fromkeys(html.unescape(link) for link in found))


def older_link(text: str) -> str | None:
    """Return the href of the page's rel="next" link, if it has one."""
    for tag in re.findall(r"<a\b[^>]*>", text):
        if re.search(r'\brel="next"', tag):
            href = re.search(r'\bhref="([^"]*)"', tag)
            return html.unescape(href.group(1)) if href else None
    return None


def largest_service(url: str, slugs: list[str]) -> tuple[str, int]:
    """Return the one of ``slugs`` with the most published articles, and their count."""
    rows = query(
        url,
        "SELECT s.slug, count(a.id) FROM topics_service s"
        " LEFT JOIN articles_article a ON a.service_id = s.id"
        " AND a.status IN ('published', 'scheduled') AND a.published_at <= now()"
        " WHERE s.slug = ANY(%s) GROUP BY s.slug ORDER BY 2 DESC, 1 LIMIT 1",
        [slugs],
    )
    if not rows:
        raise SystemExit("bench: no service of the home page is in the database")
    return rows[0]


def deep_service_page(port: int, first: str, published: int) -> tuple[int, str]:
    """Return the number and path of the service's page DEEP_PAGE, or its last."""
    older = older_link(page_text(port, first))
    if older is None:
        return 1, first
    if "page" in parse_qs(urlsplit(older).query):
        number = max(1, min(DEEP_PAGE, math.ceil(published / PER_PAGE)))
        return number, f"{first}?page={number}"
    # Paged by key: walk the "older" links as a reader would, for a bounded time.
    number, path = 1, first
    deadline = time.monotonic() + CHAIN_SECONDS
    while older and number < DEEP_PAGE and time.monotonic() < deadline:
        path = urljoin(path, older)
        older = older_link(page_text(port, path))
        number += 1
    return number, path


def discover(port: int, database_url: str) -> list[Page]:
    """Return the pages to measure, read from the site running on ``port``."""
    home = page_text(port, "/")
    articles = links(home, r"(/news/\d+/[^\"/?#]+/)")
    if not articles:
        raise SystemExit("bench: the home page links to no article")
    found: dict[str, str] = {}
    for path in articles[:20]:
        text = page_text(port, path)
        for kind, pattern in [
            ("official", r"/official/([^\"/]+)/"),
            ("country", r"/country/([^\"/]+)/"),
            ("tag", r"/tag/([^\"/]+)/"),
        ]:
            if kind not in found and (hits := links(text, pattern)):
                found[kind] = hits[0]
        if len(found) == 3:
            break
    if "official" not in found:
        options = re.search(
            r'name="official".*?</select>', page_text(port, "/news/"), re.S
        )
        values = re.findall(r'value="([^"]+)"', options.group(0)) if options else []
        if not values:
            raise SystemExit("bench: no official on the filter page")
        found["official"] = values[0]
    for kind in ("country", "tag"):
        if kind not in found:
            raise SystemExit(f"bench: none of the home page's articles has a {kind}")
    service, published = largest_service(
        database_url, links(home, r"/service/([^\"/]+)/")
    )
    first = f"/service/{service}/"
    number, deep = deep_service_page(port, first, published)
    official, country, tag = found["official"], found["country"], found["tag"]
    pages = [
        Page("robots", "robots.txt", "/robots.txt", "hello"),
        Page("home", "home", "/", "list"),
        Page("article", "article", articles[0], "article"),
        Page("service-page-1", "service page 1", first, "list"),
        Page(f"service-page-{number}", f"service page {number}", deep, "list"),
        Page("tag", "tag", f"/tag/{tag}/", "list"),
        Page("official", "official", f"/official/{official}/", "list"),
        Page("country", "country", f"/country/{country}/", "list"),
        Page(
            "filter-official-country",
            "filter official+country",
            f"/news/?{urlencode({'official': official, 'country': country})}",
            "list",
        ),
        Page("rss", "RSS", "/rss/", "list"),
        Page("sitemap", "sitemap.xml", "/sitemap.xml", "other"),
    ]
    pages += [
        Page(f"search-{key}", f"search «{word}»", f"/search/?q={quote(word)}", "list")
        for key, word in SEARCH_WORDS.items()
    ]
    pages += [
        Page("en-home", "English home", "/en/", "list"),
        Page(
            "admin-changelist",
            "admin changelist (chief)",
            "/admin/articles/article/",
            "other",
            staff=True,
        ),
    ]
    return pages


# --- Queries per page (Django's test client, in a shell of the site) ---------

PROBE = r"""
import json, os, re
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

READS_ARTICLES = re.compile(r'"articles_(article|searchentry)"')
explain = os.environ["BENCH_EXPLAIN"] == "1"
reader = Client(raise_request_exception=False)
chief = Client(raise_request_exception=False)
chief.force_login(get_user_model().objects.get(username="chief"))
rows = []
for page in json.loads(os.environ["BENCH_PAGES"]):
    client = chief if page["staff"] else reader
    client.get(page["path"])  # fills the per-process caches a running worker has
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page["path"])
    row = {"key": page["key"], "status": response.status_code,
           "queries": len(captured.captured_queries), "plans": []}
    for query in captured.captured_queries if explain else []:
        text = query["sql"]
        if text.lstrip().upper().startswith("SELECT") and READS_ARTICLES.search(text):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + text)
                plan = "\n".join(line for (line,) in cursor.fetchall())
            row["plans"].append({"sql": text, "plan": plan})
    rows.append(row)
print("BENCH-PROBE " + json.dumps(rows))
"""


def probe(database_url: str, pages: list[Page], explain: bool = False) -> dict:
    """Return, by page key, each cold page's status, query count (and plans)."""
    env = site_env(database_url)
    env["BENCH_EXPLAIN"] = "1" if explain else "0"
    env["BENCH_PAGES"] = json.dumps(
        [{"key": p.key, "path": p.path, "staff": p.staff} for p in pages]
    )
    output = manage(env, "shell", "-c", PROBE)
    line = [x for x in output.splitlines() if x.startswith("BENCH-PROBE ")][-1]
    return {row["key"]: row for row in json.loads(line.removeprefix("BENCH-PROBE "))}
