"""Officials and countries an article's text names but does not link yet."""

from django.utils import timezone

from articles.linking import link
from persian.html import html_to_text


def suggestions(article) -> dict:
    """Return the officials and countries named in the text that are not linked yet."""
    text = " ".join(
        html_to_text(getattr(article, f"{field}_fa", "") or "")
        for field in ("rootitr", "title", "lead", "body")
    )
    day = timezone.localtime(article.published_at or article.created_at).date()
    found = link(text, on=day)
    linked_officials = set(article.officials.values_list("pk", flat=True))
    linked_countries = set(article.countries.values_list("pk", flat=True))
    return {
        "officials": [
            m for m in found.officials if m.official.pk not in linked_officials
        ],
        "countries": [c for c in found.countries if c.pk not in linked_countries],
    }


def link_suggestions(article) -> None:
    """Link the article to every official and country its text names."""
    found = suggestions(article)
    article.officials.add(*[m.official for m in found["officials"]])
    article.countries.add(*found["countries"])
