"""Readable differences between two revisions of an article's text."""

import difflib
import html
import re

from django.conf import settings
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

_TOKENS = re.compile(r"\s+|[^\s]+")
_BLOCK_END = re.compile(r"</(p|li|h[2-4]|blockquote|tr)>|<br\s*/?>", re.I)

_LABELS = {
    "rootitr": _("rootitr"),
    "title": _("title"),
    "lead": _("lead"),
    "body": _("body"),
}


def compared_fields() -> list[tuple[str, str]]:
    """Return (field name, label) for each translated text field, in every language."""
    return [
        (f"{field}_{code}", f"{label} [{code}]")
        for field, label in _LABELS.items()
        for code, _name in settings.LANGUAGES
    ]


def plain_text(value: str | None) -> str:
    """Return stored HTML as readable text, one paragraph per line."""
    if not value:
        return ""
    return html.unescape(strip_tags(_BLOCK_END.sub("\n", value))).strip()


def word_diff(old: str, new: str) -> SafeString:
    """Return ``new`` as HTML, words removed since ``old`` in <del>, added in <ins>."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, a, b, autojunk=False
    ).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def compare(old: dict, new: dict) -> list[dict]:
    """Return one row per text field: its label, whether it changed, and the diff."""
    rows = []
    for name, label in compared_fields():
        before, after = plain_text(old.get(name)), plain_text(new.get(name))
        if not before and not after:
            continue
        rows.append(
            {
                "label": label,
                "changed": before != after,
                "diff": word_diff(before, after),
            }
        )
    return rows
