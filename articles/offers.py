"""The article form's workflow buttons: what a user may do now, in one click.

Every step is a transition of articles/services.py, refused or allowed there. A desk
editor's own draft goes through review on its way out, so the form offers «انتشار
فوری» on it as one click making both transitions (submit, then publish): the trail
shows both, each checked as if made one by one. A form not saved yet offers what a
draft of this user would allow; its buttons act right after the first save.
"""

import copy
from dataclasses import dataclass

from django.db import transaction

from articles import services
from articles.models import Article

S = Article.Status

# What a draft reaches in one click, through review.
THROUGH_REVIEW = ("publish", "schedule")


@dataclass(frozen=True)
class Offer:
    name: str  # the button's value: the last transition's name (steps_for)
    label: str


def draft_of(user, *, service_id: int | None = None) -> Article:
    """Return the article a new form makes: a draft by ``user`` (not saved)."""
    if service_id is None:
        desks = services.desk_ids(user)
        service_id = min(desks) if desks else None
    return Article(author=user, status=S.DRAFT, service_id=service_id)


def steps_for(article: Article, name: str) -> tuple[str, ...]:
    """Return the transitions the button ``name`` makes on ``article``, in order."""
    submit = services.TRANSITIONS["submit"]
    transition = services.TRANSITIONS.get(name)
    if (
        transition is not None
        and article.status not in transition.sources
        and name in THROUGH_REVIEW
        and article.status in submit.sources
    ):
        return ("submit", name)
    return (name,)


def _after(article: Article, name: str) -> Article:
    """A copy of ``article`` as transition ``name`` leaves it (for checking only)."""
    moved = copy.copy(article)
    moved.status = services.TRANSITIONS[name].target
    return moved


def refusal(user, article: Article, name: str, *, note="", at=None) -> str | None:
    """Return why ``user`` may not press the button ``name`` now, or None."""
    steps = steps_for(article, name)
    for step in steps:
        last = step == steps[-1]
        reason = services.refusal(user, article, step, note=note if last else "", at=at)
        if reason:
            return reason
        article = _after(article, step)
    return None


def offers(user, article: Article) -> list[Offer]:
    """Return the buttons ``user`` may press on ``article`` (a note may be owed)."""
    direct = services.available(user, article)
    found = [Offer(t.name, str(t.label)) for t in direct]
    if any(t.name == "submit" for t in direct):
        submitted = _after(article, "submit")
        found += [
            Offer(t.name, str(t.label))
            for t in services.available(user, submitted)
            if t.name in THROUGH_REVIEW
        ]
    return found


def press(*, article: Article, user, name: str, note: str = "", at=None) -> str:
    """Make every transition of the button ``name``; return its label.

    Raises services.WorkflowError, changing nothing, if any step is refused.
    """
    steps = steps_for(article, name)
    with transaction.atomic():
        for step in steps:
            last = step == steps[-1]
            services.article_transition(
                article=article,
                user=user,
                name=step,
                note=note if last else "",
                at=at,
            )
    return str(services.TRANSITIONS[steps[-1]].label)
