"""The desk on the admin's front page: what needs each user now."""

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.models import Article

register = template.Library()
S = Article.Status
LIMIT = 8


@register.simple_tag
def desk_lists(user) -> list[dict]:
    """Return the user's desk lists: title, articles, link to the full list."""
    if not services.may_open_articles(user):
        return []
    changelist = reverse("admin:articles_article_changelist")
    mine = Article.objects.filter(author=user)
    visible = services.visible_to(user, Article.objects.all())
    lists = [
        (
            _("My drafts"),
            mine.filter(status=S.DRAFT),
            f"?status__exact=draft&author__id__exact={user.pk}",
        ),
        (
            _("Sent back to me"),
            mine.filter(status=S.RETURNED),
            f"?status__exact=returned&author__id__exact={user.pk}",
        ),
    ]
    desk = services.on_desks(user, Article.objects.all())
    if desk is not None:
        lists += [
            (
                _("Awaiting review in my services"),
                desk.filter(status=S.REVIEW),
                "?status__exact=review",
            ),
            (
                _("Approved, not yet published"),
                desk.filter(status=S.APPROVED),
                "?status__exact=approved",
            ),
        ]
    scheduled = visible.filter(status=S.SCHEDULED).order_by("published_at")
    published = visible.filter(status=S.PUBLISHED).order_by("-published_at")
    lists += [
        (_("Scheduled"), scheduled, "?status__exact=scheduled"),
        (_("Recently published"), published, "?status__exact=published"),
    ]
    result = []
    for title, qs, query in lists:
        articles = list(qs.select_related("service", "author")[: LIMIT + 1])
        result.append(
            {
                "title": title,
                "articles": articles[:LIMIT],
                "more": len(articles) > LIMIT,
                "url": changelist + query,
            }
        )
    return result
