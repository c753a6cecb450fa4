"""Wire import: raw wire copy to a linked draft article.

``wire_item_import`` takes the bytes (or text) an editor pasted or a command read,
checks that they are wire copy at all (size, encoding, binary data, absurd lines),
has ``articles.wire.parse_wire`` cut them into parts, links the officials and
countries they name, and saves a draft with a note listing every warning. Input
that is not copy is refused with a ``WireImportError`` the editor can read; nothing
is saved then, and no news code is used up.
"""

import datetime
import unicodedata
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.linking import OfficialMention, link
from articles.models import Article, ArticleEvent
from articles.wire import WireCopy, parse_wire
from persian.text import persian_digits
from topics.models import Country, Service

S = Article.Status


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


class WireImportError(Exception):
    """Wire copy was refused; ``str(error)`` is the message for the editor.

    Messages come from the translation catalogue, in the active language (Persian
    unless a page or a command chose another).
    """


@dataclass
class WireImport:
    """The parsed copy, what it links to, the warnings, and the draft (None if dry)."""

    copy: WireCopy
    mentions: list[OfficialMention]  # one per official found
    countries: list[Country]
    warnings: list[str]
    article: Article | None = None
    # Stories filed before under the same title, newest first (at most three).
    duplicates: list[Article] = field(default_factory=list)


def _in_persian() -> bool:
    return (get_language() or "fa").split("-")[0] == "fa"


def _count(n: int) -> str:
    """``۱۲٬۳۴۵`` in Persian (digits and thousands separator), else ``12,345``."""
    if _in_persian():
        return persian_digits(f"{n:,}".replace(",", "\u066c"))
    return f"{n:,}"


def _code(news_code) -> str:
    """A news code in the digits of the active language."""
    return persian_digits(news_code) if _in_persian() else str(news_code)


def _wire_encoding_hint(raw: bytes) -> str:
    """Return a hint when non-UTF-8 bytes read as Persian in Windows-1256."""
    letters = [c for c in raw.decode("cp1256", "replace") if c.isalpha()]
    persian = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if letters and persian > len(letters) / 2:
        return " " + _(
            "It seems to have been saved in the Windows-1256 (Arabic Windows) encoding."
        )
    return ""


def _wire_text(raw: bytes | str) -> str:
    """Return wire copy as text; WireImportError if empty, binary, huge or not UTF-8."""
    size = len(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
    if size > WIRE_MAX_BYTES:
        raise WireImportError(
            _(
                "The wire file is larger than one megabyte; wire copy is never"
                " this large."
            )
        )
    binary = _("This file is not text (it holds binary data).")
    if isinstance(raw, bytes):
        controls = sum(raw.count(bytes([b])) for b in _WIRE_CONTROL_BYTES)
        if b"\x00" in raw or controls > _WIRE_MAX_JUNK * len(raw):
            raise WireImportError(binary)
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise WireImportError(
                _(
                    "The wire file is not in the UTF-8 encoding; save it as UTF-8"
                    " and send it again."
                )
                + _wire_encoding_hint(raw)
            ) from error
    if "\x00" in raw:
        raise WireImportError(binary)
    if not raw.strip():
        raise WireImportError(_("The wire file is empty."))
    junk = sum(
        1
        for char in raw
        if char not in "\n\r\t" and unicodedata.category(char) in _WIRE_JUNK_CATEGORIES
    )
    if junk > _WIRE_MAX_JUNK * len(raw):
        raise WireImportError(
            _("This file is not text (it has many unreadable characters).")
        )
    longest = max(len(line) for line in raw.splitlines())
    if longest > WIRE_MAX_LINE:
        raise WireImportError(
            _(
                "One line of this text is %(length)s characters long; a paragraph"
                " of wire copy is at most %(limit)s characters. Something other"
                " than wire copy seems to have been sent."
            )
            % {"length": _count(longest), "limit": _count(WIRE_MAX_LINE)}
        )
    return raw


def wire_item_import(
    *,
    raw: bytes | str,
    user=None,
    date: datetime.date | None = None,
    service_slug: str | None = None,
    dry_run: bool = False,
    allow_duplicate: bool = True,
) -> WireImport:
    """Parse wire copy and link it; unless ``dry_run``, save it as a draft article.

    ``date`` is the day the copy is about (posts are resolved to who held them
    then; default today). The news code is always today's: it records filing.
    Raises WireImportError, with a message for the editor, for input that is not
    copy. With ``allow_duplicate=False`` copy whose title was filed before makes
    no draft: the result lists the earlier stories to open instead.
    """
    text = _wire_text(raw)
    slug = service_slug or WIRE_DEFAULT_SERVICE
    service = Service.objects.filter(slug=slug).first()
    if service is None:
        raise WireImportError(
            _("The news service “%(slug)s” does not exist.") % {"slug": slug}
        )
    copy = parse_wire(text)
    if not (copy.lead or copy.body) or not any(c.isalpha() for c in copy.text):
        raise WireImportError(_("No text for a story was found in this file."))
    if len(copy.lead) > WIRE_MAX_LEAD:
        raise WireImportError(
            _(
                "The lead of this story is %(length)s characters long and may be"
                " at most %(limit)s; leave a blank line between the story's"
                " paragraphs so that the lead stands apart from the body."
            )
            % {"length": _count(len(copy.lead)), "limit": _count(WIRE_MAX_LEAD)}
        )
    linked = link(copy.text, on=date or timezone.localdate())
    warnings = [*copy.warnings, *linked.warnings]
    same_title = list(
        Article.objects.filter(title_fa=copy.title)
        .only("pk", "news_code", "title_fa", "status")
        .order_by("-pk")[:3]
    )
    for earlier in same_title:
        warnings.append(
            _("A story with the same title was filed before (news code %(code)s).")
            % {"code": _code(earlier.news_code)}
        )
    result = WireImport(
        copy=copy,
        mentions=linked.officials,
        countries=linked.countries,
        warnings=warnings,
        duplicates=same_title,
    )
    if dry_run or (same_title and not allow_duplicate):
        return result

    imported = _("Imported from wire copy")
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
            # Each of Django's messages is a sentence of its own.
            problems = " ".join(m for ms in error.message_dict.values() for m in ms)
            raise WireImportError(
                _("The draft was not saved: %(problems)s") % {"problems": problems}
            ) from error
        article.save()
        article.officials.set([m.official for m in linked.officials])
        article.countries.set(linked.countries)
        note = "\n".join([imported, *(f"- {w}" for w in warnings)])
        ArticleEvent.objects.create(
            article=article,
            actor=user,
            kind=ArticleEvent.Kind.NOTE,
            action="wire_import",
            note=note,
        )
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(imported)
    result.article = article
    return result
