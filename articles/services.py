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
import unicodedata
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.linking import OfficialMention, link
from articles.models import Article, ArticleEvent, Correction
from articles.wire import WireCopy, parse_wire
from persian.jalali import format_datetime
from persian.text import persian_digits
from topics.models import Country, Service

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


def article_submit(*, article: Article, user) -> Article:
    """Submit the article for review (the benchmark's reporters do)."""
    return article_transition(article=article, user=user, name="submit")


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
    translated = ["rootitr", "title", "lead", "body", "image_caption"]
    return [f"{f}_{code}" for f in translated for code, _name in settings.LANGUAGES] + [
        "slug",
        "dateline",
        "source",
        "byline",
        "image_credit",
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


# --- Wire import -------------------------------------------------------------


WIRE_MAX_BYTES = 1024 * 1024
# A wire paragraph is a few hundred characters and a lead a sentence or three: far
# longer ones are not copy (a dump, a file pasted whole) and would make a junk article.
WIRE_MAX_LINE = 10_000
WIRE_MAX_LEAD = 2_000
WIRE_DEFAULT_SERVICE = "provinces"
# Share of characters that are control, unassigned or private-use code points
# above which a file is taken for binary data, not text.
_WIRE_MAX_JUNK = 0.01
_WIRE_JUNK_CATEGORIES = frozenset(["Cc", "Cn", "Co", "Cs"])
_WIRE_CONTROL_BYTES = [b for b in range(32) if b not in b"\t\n\r"] + [127]
_WIRE_NOTE = "از خبر خام وارد شد"


class WireImportError(Exception):
    """Wire copy was refused; ``str(error)`` is the Persian message for the editor."""


@dataclass
class WireImport:
    """The parsed copy, what it links to, the warnings, and the draft (None if dry)."""

    copy: WireCopy
    mentions: list[OfficialMention]  # one per official found
    countries: list[Country]
    warnings: list[str]
    article: Article | None = None


def _count(n: int) -> str:
    """``12٬345`` in Persian digits, with the Persian thousands separator."""
    return persian_digits(f"{n:,}".replace(",", "\u066c"))


def _wire_encoding_hint(raw: bytes) -> str:
    """Return a hint when non-UTF-8 bytes read as Persian in Windows-1256."""
    letters = [c for c in raw.decode("cp1256", "replace") if c.isalpha()]
    persian = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if letters and persian > len(letters) / 2:
        return " گویا با کدگذاری Windows-1256 (عربی ویندوز) ذخیره شده است."
    return ""


def _wire_text(raw: bytes | str) -> str:
    """Return wire copy as text; WireImportError if empty, binary, huge or not UTF-8."""
    size = len(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    if size > WIRE_MAX_BYTES:
        raise WireImportError(
            "فایل خبر بزرگ‌تر از یک مگابایت است؛ یک خبر خام هیچ‌گاه این‌قدر بزرگ نیست."
        )
    if isinstance(raw, bytes):
        controls = sum(raw.count(bytes([b])) for b in _WIRE_CONTROL_BYTES)
        if b"\x00" in raw or controls > _WIRE_MAX_JUNK * len(raw):
            raise WireImportError("این فایل متنی نیست (داده‌های دودویی دارد).")
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise WireImportError(
                "کدگذاری فایل خبر UTF-8 نیست؛ آن را با کدگذاری UTF-8 ذخیره کنید و"
                f" دوباره بفرستید.{_wire_encoding_hint(raw)}"
            ) from error
    if "\x00" in raw:
        raise WireImportError("این فایل متنی نیست (داده‌های دودویی دارد).")
    if not raw.strip():
        raise WireImportError("فایل خبر خالی است.")
    junk = sum(
        1
        for char in raw
        if char not in "\n\r\t" and unicodedata.category(char) in _WIRE_JUNK_CATEGORIES
    )
    if junk > _WIRE_MAX_JUNK * len(raw):
        raise WireImportError("این فایل متنی نیست (نویسه‌های ناخوانای بسیاری دارد).")
    longest = max(len(line) for line in raw.splitlines())
    if longest > WIRE_MAX_LINE:
        raise WireImportError(
            f"یک سطر این متن {_count(longest)} نویسه است؛ پاراگراف"
            f" خبر خام بیش از {_count(WIRE_MAX_LINE)} نویسه نیست."
            " گویا متن دیگری به‌جای خبر فرستاده شده است."
        )
    return raw


def wire_item_import(
    *,
    raw: bytes | str,
    user=None,
    date: datetime.date | None = None,
    service_slug: str | None = None,
    dry_run: bool = False,
) -> WireImport:
    """Parse wire copy and link it; unless ``dry_run``, save it as a draft article.

    ``date`` is the day the copy is about (posts are resolved to who held them
    then; default today). The news code is always today's: it records filing.
    Raises WireImportError, with a Persian message, for input that is not copy.
    """
    text = _wire_text(raw)
    slug = service_slug or WIRE_DEFAULT_SERVICE
    service = Service.objects.filter(slug=slug).first()
    if service is None:
        raise WireImportError(f"سرویس خبری «{slug}» وجود ندارد.")
    copy = parse_wire(text)
    if not (copy.lead or copy.body) or not any(c.isalpha() for c in copy.text):
        raise WireImportError("در این فایل متنی برای خبر پیدا نشد.")
    if len(copy.lead) > WIRE_MAX_LEAD:
        raise WireImportError(
            f"لید این خبر {_count(len(copy.lead))} نویسه است و بیش از"
            f" {_count(WIRE_MAX_LEAD)} نویسه نمی‌شود؛ میان پاراگراف‌های"
            " خبر یک سطر خالی بگذارید تا لید از متن جدا شود."
        )
    linked = link(copy.text, on=date or timezone.localdate())
    warnings = [*copy.warnings, *linked.warnings]
    same_title = Article.objects.filter(title_fa=copy.title).values_list(
        "news_code", flat=True
    )[:3]
    for code in same_title:
        warnings.append(
            f"خبری با همین تیتر پیش‌تر ثبت شده است (کد خبر {persian_digits(code)})."
        )
    result = WireImport(
        copy=copy,
        mentions=linked.officials,
        countries=linked.countries,
        warnings=warnings,
    )
    if dry_run:
        return result

    with transaction.atomic(), reversion.create_revision():
        article = Article(
            rootitr_fa=copy.rootitr[:250],
            title_fa=copy.title[:250],
            lead_fa=copy.lead,
            # Every paragraph is escaped: markup in wire copy is text, never HTML.
            body_fa="".join(f"<p>{escape(p)}</p>" for p in copy.body),
            service=service,
            dateline=copy.dateline,
            source=copy.source,
            author=user,
            status=S.DRAFT,
            published_at=None,
        )
        # The news code is allocated on save, after validation, so that a refused
        # item does not use one up.
        try:
            article.full_clean(exclude=["news_code"])
        except ValidationError as error:
            problems = "؛ ".join(m for ms in error.message_dict.values() for m in ms)
            raise WireImportError(f"پیش‌نویس ذخیره نشد: {problems}") from error
        article.save()
        article.officials.set([m.official for m in linked.officials])
        article.countries.set(linked.countries)
        note = "\n".join([_WIRE_NOTE, *(f"- {w}" for w in warnings)])
        ArticleEvent.objects.create(
            article=article,
            actor=user,
            kind=ArticleEvent.Kind.NOTE,
            action="wire_import",
            note=note,
        )
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(_WIRE_NOTE)
    result.article = article
    return result
