"""The article form's autosave: what its include and static/js/autosave.js need."""

from django import template

from articles import autosave

register = template.Library()


@register.simple_tag(takes_context=True)
def autosave_state(context) -> dict | None:
    """Return the form's autosave settings and any unsaved text to offer back."""
    return autosave.page_state(context)
