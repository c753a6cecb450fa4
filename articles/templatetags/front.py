"""``{% side_column %}``: the side column of article and list pages."""

from django import template

from articles.side import side_column as draw_side_column

register = template.Library()


@register.simple_tag(takes_context=True)
def side_column(context):
    """The latest news and the most read, tagged on the page (``articles/side.py``)."""
    return draw_side_column(context["request"])
