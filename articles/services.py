"""The editorial workflow: who may do what to an article, and every change of state.

Admin buttons, read-only fields, the correction inline, the desk lists, admin actions
and commands all ask here. Each transition checks the user's rights on the server,
records who and when in the audit trail, and refuses an illegal move with a message
the user can read.

    draft / sent back ──submit──▶ in review ──approve──▶ approved
          ▲                         │  │                   │
          └──────send back──────────┘  └──publish/schedule─┴──▶ scheduled ─▶ published
    withdrawn ◀──withdraw── published / scheduled;   withdrawn ──reopen──▶ draft
"""

import datetime
import enum
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.models import Article, ArticleEvent, Correction
from persian.jalali import format_datetime

S = Article.Status


class WorkflowError(Exception):
    """A transition was refused; ``str(error)`` is the message for the user."""


# --- Rights ------------------------------------------------------------------


def desk_ids(user) -> set[int] | None:
    """Return the ids of the services ``user`` edits, or None for every service."""
    if user.is_superuser or user.has_perm("articles.work_all_services"):
        return None
    if not hasattr(user, "_newsroom_desk_ids"):
        user._newsroom_desk_ids = set(user.desks.values_list("pk", flat=True))
    return user._newsroom_desk_ids


def is_desk_editor(user, article: Article) -> bool:
    """True if ``user`` is an editor of the article's service (a chief edits all)."""
    if not (user.is_active and user.has_perm("articles.publish_article")):
        return False
    desks = desk_ids(user)
    return desks is None or article.service_id in desks


def can_edit(user, article: Article) -> bool:
    """True if ``user`` may change the article's text in its current state."""
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    if not user.has_perm("articles.change_article"):
        return False
    if article.pk is None:
        return user.has_perm("articles.add_article")
    if article.status in (S.DRAFT, S.RETURNED):
        return article.author_id == user.pk or is_desk_editor(user, article)
    if article.status in (S.REVIEW, S.APPROVED, S.SCHEDULED):
        return is_desk_editor(user, article)
    # Published and withdrawn articles are corrected by the chief editor only.
    return user.has_perm("articles.correct_article") and is_desk_editor(user, article)


def can_delete(user) -> bool:
    """True if ``user`` may delete articles and corrections."""
    # Articles are withdrawn, not deleted: news codes stay with their story.
    return user.is_superuser


def may_open_articles(user) -> bool:
    """True if ``user`` works with articles at all (and so has a desk)."""
    return user.has_perm("articles.view_article")


def visible_to(user, queryset):
    """Return the articles ``user`` may open in the admin."""
    if user.is_superuser:
        return queryset
    desks = desk_ids(user) if user.has_perm("articles.publish_article") else set()
    if desks is None:
        return queryset
    return queryset.filter(Q(author=user) | Q(service__in=desks))


def on_desks(user, queryset):
    """Return the articles of the services ``user`` edits, or None if they edit none."""
    if not (user.is_superuser or user.has_perm("articles.publish_article")):
        return None
    desks = desk_ids(user)
    return queryset if desks is None else queryset.filter(service__in=desks)


def locked_fields(user, article: Article | None) -> list[str]:
    """Return the fields ``user`` sees but may not set, on ``article`` or a new one."""
    fields = []
    if article is None:
        desk_editor = user.has_perm("articles.publish_article")
    else:
        desk_editor = is_desk_editor(user, article)
    if not desk_editor:
        fields += ["published_at", "is_breaking"]
    if not (user.is_superuser or user.has_perm("articles.choose_lead_story")):
        fields += ["is_lead"]
    if not (user.is_superuser or user.has_perm("articles.work_all_services")):
        fields += ["author"]
    return fields


def correction_refusal(user, article: Article | None) -> str | None:
    """Return why ``user`` may not add or amend a correction now, or None."""
    if not (user.is_superuser or user.has_perm("articles.correct_article")):
        return _("You may not correct published articles.")
    if article is None or article.status != S.PUBLISHED:
        return _("Only published articles get correction notes.")
    return None


def may_correct(user, article: Article | None) -> bool:
    """True if ``user`` may add or amend a correction note of ``article`` now."""
    return correction_refusal(user, article) is None


# --- Transitions -------------------------------------------------------------


class PublishTime(enum.Enum):
    """What a transition does to the article's publish time."""

    KEPT = "kept"
    NOW = "now"
    CHOSEN = "chosen"  # the time the editor chose in the form


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    permission: str | None = None  # beyond being an editor of the desk
    by_author: bool = False  # the article's author may make it too
    needs_note: bool = False
    publish_time: PublishTime = PublishTime.KEPT
    needs_future_time: bool = False  # the chosen time must be still to come

    def published_at(self, article: Article, *, at, now) -> datetime.datetime | None:
        """Return the article's publish time once this transition is made."""
        return {
            PublishTime.KEPT: article.published_at,
            PublishTime.NOW: now,
            PublishTime.CHOSEN: at,
        }[self.publish_time]


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            gettext_lazy("Submit for review"),
            frozenset({S.DRAFT, S.RETURNED}),
            S.REVIEW,
            by_author=True,
        ),
        Transition(
            "send_back",
            gettext_lazy("Send back"),
            frozenset({S.REVIEW, S.APPROVED, S.SCHEDULED}),
            S.RETURNED,
            needs_note=True,
        ),
        Transition(
            "approve", gettext_lazy("Approve"), frozenset({S.REVIEW}), S.APPROVED
        ),
        Transition(
            "schedule",
            gettext_lazy("Schedule"),
            frozenset({S.REVIEW, S.APPROVED}),
            S.SCHEDULED,
            publish_time=PublishTime.CHOSEN,
            needs_future_time=True,
        ),
        Transition(
            "publish",
            gettext_lazy("Publish now"),
            frozenset({S.REVIEW, S.APPROVED, S.SCHEDULED}),
            S.PUBLISHED,
            publish_time=PublishTime.NOW,
        ),
        Transition(
            "withdraw",
            gettext_lazy("Withdraw"),
            frozenset({S.PUBLISHED, S.SCHEDULED}),
            S.WITHDRAWN,
            permission="articles.unpublish_article",
        ),
        Transition(
            "reopen",
            gettext_lazy("Reopen as draft"),
            frozenset({S.WITHDRAWN}),
            S.DRAFT,
            permission="articles.unpublish_article",
        ),
    ]
}


def refusal(
    user,
    article: Article,
    name: str,
    *,
    note: str = "",
    at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> str | None:
    """Return why ``user`` may not make transition ``name`` now, or None if they may."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        return _("Unknown action.")
    if article.status not in transition.sources:
        return _("“%(action)s” is not possible for an article that is %(status)s.") % {
            "action": transition.label,
            "status": article.get_status_display(),
        }
    allowed = (
        user.is_active
        and user.is_staff
        and (
            user.is_superuser
            or (
                transition.by_author
                and article.author_id == user.pk
                and can_edit(user, article)
            )
            or (
                is_desk_editor(user, article)
                and (
                    transition.permission is None
                    or user.has_perm(transition.permission)
                )
            )
        )
    )
    if not allowed:
        return _("You may not “%(action)s” this article.") % {
            "action": transition.label
        }
    if transition.needs_note and not note.strip():
        return _("Write a note for the reporter saying why it is sent back.")
    if transition.needs_future_time and (at is None or at <= (now or timezone.now())):
        return _("Choose a publish time in the future to schedule the article.")
    return None


def available(user, article: Article) -> list[Transition]:
    """Return the transitions ``user`` may offer on the article (a note may be owed)."""
    return [
        t
        for t in TRANSITIONS.values()
        if refusal(user, article, t.name, note="-", at=_FAR_FUTURE) is None
    ]


_FAR_FUTURE = datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC)


def next_version(article: Article | None = None):
    """Return the lock version after one more change: of ``article``, or in an UPDATE.

    Every change of an article counts here, so that a form built on the version before
    is refused on save. Without ``article``, the expression for each row updated.
    """
    if article is None:
        return F("lock_version") + 1
    return article.lock_version + 1


def _record(article, user, name, from_status, note="") -> None:
    ArticleEvent.objects.create(
        article=article,
        actor=user,
        kind=ArticleEvent.Kind.TRANSITION,
        action=name,
        from_status=from_status,
        to_status=article.status,
        note=note.strip(),
    )


def article_transition(
    *,
    article: Article,
    user,
    name: str,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Article:
    """Make transition ``name`` as ``user``; raise WorkflowError if it is refused."""
    now = timezone.now()
    with transaction.atomic(), reversion.create_revision():
        current = Article.objects.select_for_update().get(pk=article.pk)
        reason = refusal(user, current, name, note=note, at=at, now=now)
        if reason:
            raise WorkflowError(reason)
        transition = TRANSITIONS[name]
        from_status = current.status
        current.status = transition.target
        current.published_at = transition.published_at(current, at=at, now=now)
        current.updated_by = user
        current.lock_version = next_version(current)  # the row is locked till commit
        current.save(
            update_fields=[
                "status",
                "published_at",
                "updated_by",
                "lock_version",
                "updated_at",
            ]
        )
        _record(current, user, name, from_status, note)
        reversion.set_user(user)
        reversion.set_comment(str(transition.label))
    article.refresh_from_db()
    return current


def article_add_note(*, article: Article, user, note: str) -> ArticleEvent:
    """Add an internal editorial note (staff only) to the article's trail."""
    if not note.strip():
        raise WorkflowError(_("The note is empty."))
    return ArticleEvent.objects.create(
        article=article, actor=user, kind=ArticleEvent.Kind.NOTE, note=note.strip()
    )


def article_correct(
    *,
    article: Article,
    user,
    note: str,
    translations: dict[str, str] | None = None,
    at: datetime.datetime | None = None,
    correction: Correction | None = None,
) -> Correction:
    """Attach a public, dated correction note to a published article, in its trail.

    ``note`` is in the default language, ``translations`` maps other language codes
    to theirs; ``at`` dates the note (default now). Given ``correction``, one of the
    article's notes, amends it instead.
    """
    reason = correction_refusal(user, article)
    if reason:
        raise WorkflowError(reason)
    text = note.strip()
    if not text:
        raise WorkflowError(_("The note is empty."))
    if correction is None:
        correction = Correction(article=article)
    elif correction.article_id != article.pk:
        raise WorkflowError(_("That correction belongs to another article."))
    setattr(correction, f"note_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}", text)
    for code, other in (translations or {}).items():
        setattr(correction, f"note_{code}", (other or "").strip() or None)
    if at is not None:
        correction.created_at = at
    amended = correction.pk is not None
    if amended:
        text = _("Correction amended: %(note)s") % {"note": text}
    with transaction.atomic():
        correction.full_clean()
        correction.save()
        ArticleEvent.objects.create(
            article=article,
            actor=user,
            kind=ArticleEvent.Kind.NOTE,
            action="amend_correction" if amended else "correct",
            note=text,
        )
    return correction


def article_publish_due(*, now: datetime.datetime | None = None) -> int:
    """Record as published every scheduled article whose time has come; return how many.

    Readers already see a due article without this (visibility is computed from state
    and time); this keeps the states and the trail true. Each row is flipped by one
    conditional UPDATE, so two copies running at once never publish an article twice.
    """
    now = now or timezone.now()
    due = Article.objects.filter(status=S.SCHEDULED, published_at__lte=now)
    count = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            flipped = Article.objects.filter(
                pk=pk, status=S.SCHEDULED, published_at__lte=now
            ).update(status=S.PUBLISHED, lock_version=next_version())
            if flipped:
                article = Article(pk=pk, status=S.PUBLISHED)
                _record(article, None, "publish_due", S.SCHEDULED)
                count += 1
    return count


def restorable_fields() -> list[str]:
    """The fields a restore brings back: the text, never the state or the code."""
    translated = ["rootitr", "title", "lead", "body"]
    return [f"{f}_{code}" for f in translated for code, _name in settings.LANGUAGES] + [
        "slug",
        "dateline",
        "source",
        "byline",
    ]


def article_restore(*, article: Article, version, user) -> Article:
    """Bring back the text of an earlier revision as a new revision; state is kept."""
    if (
        version.object_id != str(article.pk)
        or version.content_type.model_class() is not Article
    ):
        raise WorkflowError(_("That revision belongs to another article."))
    with transaction.atomic(), reversion.create_revision():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if not can_edit(user, current):
            raise WorkflowError(_("You may not edit this article."))
        data = version.field_dict
        for name in restorable_fields():
            if name in data:
                setattr(current, name, data[name])
        current.updated_by = user
        current.lock_version = next_version(current)
        current.save()
        ArticleEvent.objects.create(
            article=current,
            actor=user,
            kind=ArticleEvent.Kind.NOTE,
            action="restore",
            note=_("Restored the text of the revision of %(when)s.")
            % {"when": format_datetime(version.revision.date_created)},
        )
        reversion.set_user(user)
        reversion.set_comment(_("Restored an earlier revision"))
    return current
