"""The agency's own pages: about and contact, one template for each language."""

from django.shortcuts import render
from django.utils.translation import get_language

from articles.pagecache import name_tag, tag

PAGES = ("about", "contact")


def _page(request, name: str):
    language = "en" if get_language() == "en" else "fa"
    # Written text, changed only by a deploy: kept like every page, for its lifetime.
    tag(request, name_tag("page", name))
    return render(request, f"articles/pages/{name}_{language}.html")


def about(request):
    """Who the agency is: its desks, its editions, how it works."""
    return _page(request, "about")


def contact(request):
    """How to reach the newsroom: address, telephone, e-mail, sending news."""
    return _page(request, "contact")
