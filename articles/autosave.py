"""Autosave of the article form: each user's unsaved text, kept on the server.

While an editor types, static/js/autosave.js keeps the form's text in the browser
(localStorage) and sends it every ~20 s, and when the page is hidden or left, to
the admin URLs of articles/autosave_admin.py. It lands in the user's own
EditorDraft, one per user and article (or per new article's page), and never in the
article: reopening the form offers it back, with a word-level diff, and only the
user's click («بازگرداندن») puts it into the form.
A normal save of the article removes the user's draft; `purge_editor_drafts`
removes old ones. Rights are the article admin's, that is the workflow's
(articles/services.py): a user autosaves only an article they may edit, and reads
or deletes only their own drafts.
"""

import datetime
import json
import re
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from reversion.models import Version

from articles.drafts import EditorDraft
from articles.models import Article
from articles.revisions import plain_text, word_diff
from persian.html import sanitize_html
from persian.text import normalize, persian_digits

# The form's text, in every language, then the filing lines; nothing that is a
# choice, a link or a state (those are not typed, and a draft is for typing).
TRANSLATED = ("rootitr", "title", "lead", "body")
PLAIN = ("dateline", "source", "byline")
# The add page's form carries its draft's key back, so that its save removes it.
TOKEN_FIELD = "_autosave_token"
TOKEN = re.compile(r"[A-Za-z0-9-]{8,64}")
_BETWEEN_TAGS = re.compile(r">\s+<")
_SPACES = re.compile(r"\s+")
# Drafts older than this are removed by `manage.py purge_editor_drafts`.
DRAFT_DAYS = 14
# How many of a user's own saves of an article a browser's copy is compared with.
RECENT_SAVES = 5
OFFER_TEMPLATE = "admin/articles/article/includes/autosave_offer.html"


def draft_fields() -> list[str]:
    """Return the names of the form fields a draft keeps, in the form's order."""
    languages = [code for code, _name in settings.LANGUAGES]
    return [f"{name}_{code}" for name in TRANSLATED for code in languages] + list(PLAIN)


def field_label(name: str) -> str:
    """Return the field's label as the form shows it (``تیتر [fa]``)."""
    return str(Article._meta.get_field(name).verbose_name)


def with_digits(number) -> str:
    """Return ``number`` in Persian digits on a Persian page, else as it is."""
    persian = (translation.get_language() or "fa").startswith("fa")
    return persian_digits(number) if persian else str(number)


# --- Comparing a draft with the article ----------------------------------------


def _comparable(name: str, value: str | None) -> str:
    """Return ``value`` as the article would store it, spacing aside."""
    text = normalize(value or "")
    if name.startswith("body_"):
        text = _BETWEEN_TAGS.sub("><", sanitize_html(text) or "")
    return _SPACES.sub(" ", text).strip()


def _readable(name: str, value: str | None) -> str:
    return plain_text(value) if name.startswith("body_") else (value or "").strip()


def _stored(source, name: str) -> str:
    """The saved text of one field: of an article, a revision's fields, or none."""
    if isinstance(source, dict):
        return source.get(name) or ""
    # A new article is compared with the empty form the add page shows.
    return getattr(source if source is not None else Article(), name, "") or ""


def differs(fields: dict, saved) -> bool:
    """True if the draft's text is not ``saved``'s (an article, a revision, or none)."""
    return any(
        _comparable(name, value) != _comparable(name, _stored(saved, name))
        for name, value in fields.items()
    )


def saved_by(user, article: Article, fields: dict) -> bool:
    """True if one of the user's recent saves of the article had exactly this text.

    A page keeps its text in the browser up to the moment its form is sent; once
    that save went through, the copy is not unsaved text, even after others have
    changed the article since.
    """
    versions = Version.objects.get_for_object(article).filter(revision__user=user)
    return any(
        not differs(fields, version.field_dict)
        for version in versions.order_by("-pk")[:RECENT_SAVES]
    )


def unsaved(user, article: Article | None, fields: dict) -> bool:
    """True if ``fields`` hold text neither the article nor the user's saves have."""
    if article is None:
        return differs(fields, None)
    return differs(fields, article) and not saved_by(user, article, fields)


def differences(fields: dict, article: Article | None) -> list[dict]:
    """Return one row per field the draft changes: label and a word-level diff.

    The words are compared without their markup; a change of markup alone is
    labelled as such. Every word is escaped (articles/revisions.py).
    """
    rows = []
    for name in draft_fields():
        if name not in fields:
            continue
        before, after = _stored(article, name), fields[name]
        if _comparable(name, before) == _comparable(name, after):
            continue
        old, new = _readable(name, before), _readable(name, after)
        rows.append(
            {
                "name": name,
                "label": field_label(name),
                "diff": word_diff(old, new),
                "formatting": old == new,
            }
        )
    return rows


# --- Drafts ---------------------------------------------------------------------


def _key(user, article: Article | None, token: str) -> dict:
    if article is not None:
        return {"user": user, "article": article}
    return {"user": user, "article": None, "token": token}


def save_draft(*, user, article: Article | None, token: str, fields, based_on):
    """Keep ``fields`` as the user's draft of ``article`` (one per user and article).

    Return the draft, or None when the text is the article's own: then there is
    nothing unsaved, and the user's draft is removed.
    """
    if _claimed(user, article, token):
        return None
    key = _key(user, article, token)
    if not differs(fields, article):
        EditorDraft.objects.filter(**key).delete()
        return None
    values = {"fields": fields, "based_on": based_on, "saved_at": timezone.now()}
    try:
        with transaction.atomic():
            return EditorDraft.objects.update_or_create(**key, defaults=values)[0]
    except IntegrityError:
        # Two saves of the same page raced to create the draft; the other won.
        EditorDraft.objects.filter(**key).update(**values)
        return EditorDraft.objects.get(**key)


def _claimed(user, article: Article | None, token: str) -> bool:
    """True if the new article's page of ``token`` was saved as an article."""
    if article is not None:
        return False
    return EditorDraft.objects.filter(user=user, token=token, page_saved=True).exists()


def offer(user, article: Article | None) -> dict | None:
    """Return the user's unsaved text to offer on the article's form, if any.

    Offered when it is newer than the article's last save and differs from it;
    on the add page, the user's newest draft of a new article.
    """
    drafts = EditorDraft.objects.filter(user=user)
    if article is None:
        new = drafts.filter(article=None, page_saved=False)
        draft = new.order_by("-saved_at").first()
    else:
        draft = drafts.filter(article=article).first()
    if draft is None:
        return None
    if article is not None and draft.saved_at <= article.updated_at:
        return None
    rows = differences(draft.fields, article)
    if not rows or (article is not None and saved_by(user, article, draft.fields)):
        return None
    return {
        "saved_at": draft.saved_at,
        "rows": rows,
        "fields_json": json.dumps(draft.fields, ensure_ascii=False),
        "token": draft.token,
        "saved_since": article is not None
        and draft.based_on is not None
        and draft.based_on < article.lock_version,
    }


def purge(*, days: int) -> int:
    """Remove the drafts not saved for ``days`` days; return how many."""
    before = timezone.now() - datetime.timedelta(days=days)
    return EditorDraft.objects.filter(saved_at__lt=before).delete()[0]


# --- The form's part -----------------------------------------------------------


def page_state(context) -> dict | None:
    """Return what the change form's autosave needs, or None where it has none.

    Read from the admin's change form context: the page's user and article, and
    whether they may change it (the workflow's answer, through the admin).
    """
    request, adminform = context.get("request"), context.get("adminform")
    if request is None or adminform is None:
        return None
    article = context.get("original")
    adding = article is None
    if not context.get("has_add_permission" if adding else "has_change_permission"):
        return None
    form_fields = adminform.form.fields
    names = [name for name in draft_fields() if name in form_fields]
    if not names:
        return None
    user = request.user
    if adding:
        url = reverse("admin:articles_article_autosave_new")
        key = f"newsroom-autosave:{user.pk}:new:"
    else:
        url = reverse("admin:articles_article_autosave", args=[article.pk])
        key = f"newsroom-autosave:{user.pk}:{article.pk}"
    return {
        "url": url,
        "discard_url": f"{url}discard/",
        "key": key,
        "new": adding,
        # Each add page writes its own draft, until it adopts an offered one.
        "token": uuid.uuid4().hex if adding else "",
        "token_field": TOKEN_FIELD,
        "fields_json": json.dumps(
            [{"name": name, "label": field_label(name)} for name in names],
            ensure_ascii=False,
        ),
        "time_zone": settings.TIME_ZONE,
        "every": settings.AUTOSAVE_SECONDS,
        # A form sent back with errors already holds what the user typed.
        "offer": offer(user, article) if request.method == "GET" else None,
    }
