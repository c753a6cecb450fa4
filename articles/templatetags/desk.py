"""The desk on the admin's front page: what needs each user now (articles/desk.py)."""

from django import template

from articles import desk

register = template.Library()


@register.simple_tag
def desk_lists(user) -> list[dict]:
    """Return the user's desk lists: title, count, articles, link to the queue."""
    return desk.desk_lists(user)
