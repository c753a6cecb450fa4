"""The side column of article and list pages: the latest news and the most read today.

It is the same on every page of a language, so it is drawn once and kept (while the
page cache is on) as a fragment under the same rules as the pages: it carries the tags
of what it shows, and is used only while none of them has changed since. Those are
``list_tag("latest", language)``, bumped when a story readers see enters the newest
of that language (``articles/invalidation.py``: a publication, not an edit of an older
story), and each shown story's own tag (an edit, a withdrawal). A page that shows the
column is tagged with them too, and dropped with it.

"Most read" changes without any save, as on the home page: the counts are read anew
every ``MOST_READ_SECONDS``, the fragment is kept no longer than that, and a page
keeps it for its own lifetime; neither outlives midnight in Tehran or the next
scheduled publication (``pagecache.lifetime``).

Cost: two cache reads on a page drawn while the fragment is current; otherwise one
query for the latest (without photos: none are shown) and the most read through its
own cached path (one query, and one a minute for the counts).
"""

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from articles import pagecache
from articles.models import Article
from articles.pagecache import article_tag, list_tag, tag
from articles.reads import MOST_READ_SECONDS, most_read

LATEST = 8
MOST_READ = 5
TEMPLATE = "includes/side_column.html"


def _key(language: str) -> str:
    return f"side:{language}"


def draw(language: str) -> tuple[str, list[str]]:
    """The column's HTML for ``language`` and the tags of what it shows."""
    latest = list(Article.objects.for_readers(language).prefetch_related(None)[:LATEST])
    popular = most_read(language, limit=MOST_READ, photos=False)
    html = render_to_string(TEMPLATE, {"latest": latest, "most_read": popular})
    shown = {article.pk for article in [*latest, *popular]}
    tags = [list_tag("latest", language), *(article_tag(pk) for pk in sorted(shown))]
    return html, tags


def _cached(language: str) -> dict | None:
    entry = cache.get(_key(language))
    if entry and pagecache.still_current(entry["versions"]):
        return entry
    return None


def _keep(language: str, html: str, tags: list[str], drawn_under) -> None:
    # Never past midnight nor the next scheduled publication (``pagecache.lifetime``).
    lifetime = min(MOST_READ_SECONDS, pagecache.lifetime())
    # Drawn while a change committed: its rows may be the old ones.
    if lifetime < 1 or pagecache.generation() != drawn_under:
        return
    versions = pagecache.current_versions(tags)
    if versions is not None:
        entry = {"html": html, "tags": tags, "versions": versions}
        cache.set(_key(language), entry, lifetime)


def side_column(request) -> SafeString:
    """The side column for this page's language, from the cache when current."""
    language = get_language()
    entry = _cached(language) if settings.PAGE_CACHE else None
    if entry is not None:
        html, tags = entry["html"], entry["tags"]
    else:
        drawn_under = pagecache.generation() if settings.PAGE_CACHE else None
        html, tags = draw(language)
        if settings.PAGE_CACHE:
            _keep(language, html, tags, drawn_under)
    tag(request, *tags)
    return mark_safe(html)  # noqa: S308 - drawn from our own template
