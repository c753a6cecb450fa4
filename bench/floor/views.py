"""Three pages over ``articles_article`` in raw SQL, with the site's publishing rule."""

from django.db import connection
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.html import escape

# The rule of ArticleQuerySet.published(), so both sides read the same rows.
PUBLISHED = "status IN ('published', 'scheduled') AND published_at <= %s"
PER_PAGE = 20
PAGE = (
    '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">'
    "<title>{title}</title></head><body>{body}</body></html>"
)


def hello(request):
    return HttpResponse("Hello, world\n", content_type="text/plain")


def article(request, news_code: int):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT title_fa, lead_fa, body_fa, published_at FROM articles_article"
            f" WHERE news_code = %s AND {PUBLISHED}",
            [news_code, timezone.now()],
        )
        row = cursor.fetchone()
    if row is None:
        raise Http404("No such article.")
    title, lead, body, published_at = row
    when = timezone.localtime(published_at).strftime("%Y-%m-%d %H:%M")
    # The body is stored sanitised, as the site shows it.
    return HttpResponse(
        PAGE.format(
            title=escape(title),
            body=f"<h1>{escape(title)}</h1><time>{when}</time>"
            f"<p>{escape(lead or '')}</p>{body or ''}",
        )
    )


def article_list(request):
    """The 20 newest published articles; ``?older=<news code>`` continues after one."""
    sql = (
        "SELECT news_code, title_fa, published_at FROM articles_article"
        f" WHERE {PUBLISHED}"
    )
    params = [timezone.now()]
    older = request.GET.get("older")
    if older is not None:
        if not (older.isascii() and older.isdigit()):
            raise Http404("No such page.")
        sql += (
            " AND (published_at, news_code) < (SELECT published_at, news_code"
            " FROM articles_article WHERE news_code = %s)"
        )
        params.append(int(older))
    sql += " ORDER BY published_at DESC, news_code DESC LIMIT %s"
    params.append(PER_PAGE)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    items = "".join(
        f'<li><a href="/article/{code}/">{escape(title)}</a> '
        f"<time>{timezone.localtime(when):%Y-%m-%d %H:%M}</time></li>"
        for code, title, when in rows
    )
    more = f'<a rel="next" href="?older={rows[-1][0]}">older</a>' if rows else ""
    return HttpResponse(PAGE.format(title="news", body=f"<ol>{items}</ol>{more}"))
