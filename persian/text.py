"""Pure Persian text functions, shared by models, forms, import and search.

No Django imports here: everything is a plain function of strings so it can be
used at save time and at query time alike and unit-tested in isolation.

- ``normalize``, ``persian_digits``, ``latin_digits``: the safe folding that every
  saved field gets (letters, invisible characters, spaces; never adds anything).
- ``fix_half_spaces``, ``persian_quotes``, ``clean_text``: the opt-in editorial
  clean-up (half-spaces, « » quotes, digits).
- ``search_key``, ``search_terms``, ``fold_with_map``: the folded form that search
  stores for a text and compares a query against: glued, spaced and half-spaced
  forms of a word meet ("میکنیم", "بزرگترین", "بینالمللی" and their kin).

Repairs that only wire copy needs (lines whose words came out in reverse order,
agency trailers) live with the wire parser, ``articles.wire``.

The word lists below are data: extend them rather than the rules.
"""

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

ZWNJ = "\u200c"

# Arabic letters that look like Persian ones but break search and sorting.
_LOOKALIKES = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
        "\u06c0": "\u0647\u0654",  # HEH WITH YEH ABOVE, decomposed
    }
)
# The same, one character for one, to compare words without moving indexes.
_CANON = str.maketrans("\u064a\u0649\u0643", "\u06cc\u06cc\u06a9")
# Bidi controls pasted from word processors, kashida, and zero-width characters
# other than ZWNJ (zero-width space, word joiner, byte order mark).
_INVISIBLE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u0640\u200b\u2060\ufeff]"
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Arabic harakat, superscript alef and Quranic marks: they sit inside words.
_MARKS = "\u064b-\u065f\u0670\u06d6-\u06ed"
# A ZWNJ is only meaningful between two word characters; runs count as one.
_ZWNJ_RUN = re.compile(f"{ZWNJ}{{2,}}")
_STRAY_ZWNJ = re.compile(rf"(?<![\w{_MARKS}]){ZWNJ}|{ZWNJ}(?![\w{_MARKS}])")

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_PERSIAN_DIGITS = str.maketrans("0123456789" + _ARABIC_DIGITS, _PERSIAN_DIGITS * 2)
_TO_LATIN_DIGITS = str.maketrans(_PERSIAN_DIGITS + _ARABIC_DIGITS, "0123456789" * 2)

# Persian/Arabic letters (not digits, not punctuation such as ، ؛ ؟ ٪ ۔).
_LETTERS = "\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5"
_FA_LETTER = re.compile(f"[{_LETTERS}]")
_FA_RUN = re.compile(f"[{_LETTERS}{_MARKS}]+")
_FA_WORD = f"[{_LETTERS}][{_LETTERS}{_MARKS}]*(?:{ZWNJ}[{_LETTERS}{_MARKS}]+)*"
# Letters that never join the next one: a ZWNJ after them changes nothing visible.
_NON_JOINING = frozenset("اآأإٱدذرزژوؤةء")

# --- Half-space data ---------------------------------------------------------

# Short words that are never the stem of a suffix written apart: "خشک و تر" stays,
# and so does "در های" (preposition + ها is ambiguous with "درهای", doors).
_STOP_WORDS = frozenset("و به از در با که را تا یا چه نه".split())
_VERB_PREFIXES = ("نمی", "می")  # longest first
# Verb stems that may follow a glued می/نمی ("میکنیم"). A glued word is split only
# when it is prefix + stem + personal ending, so میز, میدان, میلیون, میوه stay.
_PRESENT_STEMS = (
    "کن شو توان گوی دان خواه رس آی گیر ده باش بین مان گذار پرداز رو یاب ساز نویس"
    " خور آور کوش"
).split()
_PAST_STEMS = "کرد شد گفت داد رفت خواست آمد توانست ماند".split()
_PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
_PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند")
_IMPERSONAL = ["توان"]  # "می‌توان", "نمی‌توان": a stem with no ending
_VERB_FORMS = frozenset(
    [s + e for s in _PRESENT_STEMS for e in _PRESENT_ENDINGS]
    + [s + e for s in _PAST_STEMS for e in _PAST_ENDINGS]
    + _IMPERSONAL
)
# Plural endings split off a glued word ("کتابها"), longest first.
_GLUED_PLURALS = ("هایی", "های", "ها")
_MIN_STEM = 3  # letters a glued plural's stem needs: "دهها", "شبها" stay glued
# Whole words left glued although they match a rule above.
_GLUED_EXCEPTIONS = frozenset(
    (
        # not plurals: they merely end in ها / های / هایی
        "تنها تنهای تنهایی رها رهای رهایی بها بهای سها نهایی انتها انتهای انتهایی"
        " اشتها اشتهای منتها اژدها اژدهای گرانبها گرانبهای پربها کمبها"
        # plurals conventionally written joined
        " آنها اینها"
        # adjectives in ه‌ای that lost their ZWNJ: the same letters as a plural
        # (منطقهای is منطقه‌ای, not منطق‌های), so leave them for an editor
        " منطقهای حرفهای رسانهای هستهای دورهای لحظهای ریشهای پایهای سرمایهای"
        " شبکهای مرحلهای قارهای توسعهای"
        # میدانی is both "a field (adj.)" and "you know"
        " میدانی"
    ).split()
)
# Suffixes that may stand as a separate token after a space, and their kind.
_SUFFIXES = {
    **dict.fromkeys(
        "ها های هایی هایم هایت هایش هایمان هایتان هایشان".split(), "plural"
    ),
    **dict.fromkeys("تر تری ترین".split(), "comparative"),
    # Personal endings join only a word ending in a silent ه ("رفته اند",
    # "آماده ایم", "منطقه ای"); after other letters they are written glued.
    **dict.fromkeys("ام ای ایم اید اند اش".split(), "personal"),
}
# "ماه می" and "۱۵ می" are the month of May, not the verb prefix.
_MAY_BEFORE = frozenset(["ماه"])
# Compounds written with a half-space inside, in that spelling: written apart
# ("بین المللی") or glued ("بینالمللی") they get it. Each may end in ی or ان too
# ("سرمایه‌گذاری", "سرمایه‌گذاران"). Only words whose first part ends in a joining
# letter: after د, ر, و … a half-space changes nothing visible ("بلندمدت").
COMPOUNDS = (
    "بین‌المللی بین‌الملل بهره‌مند بهره‌برداری بهره‌وری سرمایه‌گذار میان‌مدت"
    " کوتاه‌مدت پیش‌بینی پیش‌نویس اطلاع‌رسانی تصمیم‌گیری برنامه‌ریزی شکل‌گیری"
    " راه‌اندازی جمع‌آوری نقش‌آفرینی خدمات‌دهی دانش‌آموز گفت‌وگو آن‌چنان"
).split()
_COMPOUND_ENDINGS = ("", "ی", "ان")
# Adjectives whose glued comparatives search splits ("بزرگترین" finds "بزرگ ترین").
# A list, not a rule, so that names ending in تر stay whole ("کلانتری", "شوشتری",
# "اختر"); comparatives written joined by custom (بهتر، بیشتر، کمتر) are not here.
COMPARABLE = frozenset(
    (
        "بزرگ کوچک مهم سریع ساده سخت آسان قوی ضعیف جدی دقیق تازه گسترده پررنگ"
        " کمرنگ بلند کوتاه زیاد فعال گران ارزان سنگین جوان زیبا گرم سرد روشن"
        " نزدیک دور شدید عمیق مناسب موفق سالم آرام وسیع جدید مطمئن ارزشمند"
    ).split()
)
_COMPARATIVES = ("ترین", "تری", "تر")  # longest first


class _Glue(NamedTuple):
    """Word lists used to split glued words, in one spelling (raw or folded)."""

    verb_forms: frozenset[str]
    exceptions: frozenset[str]
    compounds: dict[str, int]  # the glued compound -> where its half-space goes
    comparable: frozenset[str]  # adjectives whose glued comparatives are split


def _compound_cuts(fold) -> dict[str, int]:
    parts = [[fold(p) for p in word.split(ZWNJ)] for word in COMPOUNDS]
    return {"".join(p): len(p[0]) for p in parts}


# Display text keeps glued comparatives (بزرگترین is a usual spelling); search splits.
_RAW_GLUE = _Glue(_VERB_FORMS, _GLUED_EXCEPTIONS, _compound_cuts(str), frozenset())
_COMPOUND_PAIRS = frozenset(tuple(word.split(ZWNJ)) for word in COMPOUNDS)


# --- Normalisation -----------------------------------------------------------


def normalize(text: str) -> str:
    """Return ``text`` with Persian yeh/kaf, no bidi controls or kashida, one space."""
    if not text:
        return text
    text = text.translate(_LOOKALIKES)
    text = _INVISIBLE.sub("", text)
    text = _STRAY_ZWNJ.sub("", _ZWNJ_RUN.sub(ZWNJ, text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def persian_digits(text: str) -> str:
    """Return ``text`` with Latin and Arabic digits written as Persian digits."""
    return str(text).translate(_TO_PERSIAN_DIGITS)


def latin_digits(text: str) -> str:
    """Return ``text`` with Persian and Arabic digits written as Latin digits."""
    return str(text).translate(_TO_LATIN_DIGITS)


# --- Half-spaces -------------------------------------------------------------


def _glued_cut(word: str, glue: _Glue, *, visible_only: bool) -> int | None:
    """Return where the first half-space belongs inside a glued ``word``, or None."""
    if word in glue.exceptions:
        return None
    for ending in _COMPOUND_ENDINGS:
        if word.endswith(ending) and word[: len(word) - len(ending)] in glue.compounds:
            return glue.compounds[word[: len(word) - len(ending)]]
    for prefix in _VERB_PREFIXES:
        if word.startswith(prefix):
            return len(prefix) if word[len(prefix) :] in glue.verb_forms else None
    for suffix in _GLUED_PLURALS:
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            if len(stem) < _MIN_STEM:
                return None
            if visible_only and stem[-1] in _NON_JOINING:
                return None  # "کشورها": a ZWNJ after ر would change no pixel
            return len(stem)
    for suffix in _COMPARATIVES:
        if word.endswith(suffix) and word[: -len(suffix)] in glue.comparable:
            return len(word) - len(suffix)
    return None


def _glued_cuts(word: str, glue: _Glue, *, visible_only: bool) -> list[int]:
    """Return every place a half-space belongs inside a glued ``word``, in order."""
    cut = _glued_cut(word, glue, visible_only=visible_only)
    if not cut:
        return []
    # Each side may hold another: "بزرگترین|ها", "سرمایه|گذاریها".
    left = _glued_cuts(word[:cut], glue, visible_only=visible_only)
    right = _glued_cuts(word[cut:], glue, visible_only=visible_only)
    return [*left, cut, *(cut + c for c in right)]


def _split_glued_run(match: re.Match[str]) -> str:
    word = match.group()
    cuts = _glued_cuts(word.translate(_CANON), _RAW_GLUE, visible_only=True)
    bounds = [0, *cuts, len(word)]
    return ZWNJ.join(word[a:b] for a, b in zip(bounds, bounds[1:], strict=False))


_PREV_TOKEN = re.compile(rf"[^\w\s]*(?P<word>{_FA_WORD})")
_NEXT_TOKEN = re.compile(rf"(?P<word>{_FA_WORD})[^\w\s]*")


def _joins(before: str, prev: str, nxt: str) -> bool:
    """Return whether the single space between ``prev`` and ``nxt`` is a half-space."""
    p = _PREV_TOKEN.fullmatch(prev.translate(_CANON))
    n = _NEXT_TOKEN.fullmatch(nxt.translate(_CANON))
    if not p or not n:
        return False
    prev_word, next_word = p["word"], n["word"]
    if any(
        (prev_word, next_word[: len(next_word) - len(e)]) in _COMPOUND_PAIRS
        for e in _COMPOUND_ENDINGS
        if next_word.endswith(e)
    ):
        return True  # "بین المللی", "سرمایه گذاران"
    if prev_word in _VERB_PREFIXES:  # "می کنیم", "نمی شود"
        if prev_word == "می" and (before.isdigit() or before in _MAY_BEFORE):
            return False
        return len(next_word) >= 2 and next_word not in _STOP_WORDS
    if len(prev_word) < 2 or prev_word in _STOP_WORDS:
        return False
    kind = _SUFFIXES.get(next_word)
    if kind == "personal":
        return prev_word.endswith("ه")
    return kind is not None


def fix_half_spaces(text: str) -> str:
    """Return ``text`` with a ZWNJ after می/نمی, before ها/تر/اند, in COMPOUNDS."""
    if not text:
        return text
    parts = re.split(r"(\s+)", text)  # words at even indexes, whitespace between
    out = [_FA_RUN.sub(_split_glued_run, parts[0])]
    for space, word in zip(parts[1::2], parts[2::2], strict=True):
        word = _FA_RUN.sub(_split_glued_run, word)
        before = out[-3] if len(out) >= 3 else ""
        if space == " " and _joins(before, out[-1], word):
            out[-1] += ZWNJ + word
        else:
            out += [space, word]
    return "".join(out)


# --- Quotes and the full clean -----------------------------------------------

_STRAIGHT_QUOTED = re.compile(r'"([^"\n]*)"')
_CURLY_QUOTED = re.compile("\u201c([^\u201c\u201d\n]*)\u201d")
_MARKUP = re.compile("[<>=]")


def _guillemets(match: re.Match[str]) -> str:
    inner = match.group(1)
    is_attribute = match.string[: match.start()].rstrip().endswith("=")
    if is_attribute or _MARKUP.search(inner) or not _FA_LETTER.search(inner):
        return match.group()
    return f"«{inner}»"


def _quote_line(line: str) -> str:
    if line.count('"') % 2 == 0:  # an odd count: no telling which one is stray
        line = _STRAIGHT_QUOTED.sub(_guillemets, line)
    return _CURLY_QUOTED.sub(_guillemets, line)


def persian_quotes(text: str) -> str:
    """Return ``text`` with "…" and “…” around Persian words written as «…»."""
    if not text:
        return text
    return "\n".join(_quote_line(line) for line in text.split("\n"))


def clean_text(text: str, *, digits: str | None = None) -> str:
    """Return ``text`` normalised, half-spaced and «quoted»; digits "fa"/"latin"."""
    if digits not in (None, "fa", "latin"):
        raise ValueError(f"digits must be None, 'fa' or 'latin', not {digits!r}")
    text = persian_quotes(fix_half_spaces(normalize(text)))
    if text and digits == "fa":
        text = persian_digits(text)
    elif text and digits == "latin":
        text = latin_digits(text)
    return text


# --- Search folding ----------------------------------------------------------

# Hamza seats and alef variants fold to their base letter: this is also what
# dropping the combining hamza/madda of a decomposed "أ" or "آ" gives, so both
# spellings of a word meet. "آ" -> "ا" loses nothing a search needs.
_SEARCH_LETTERS = str.maketrans("ةأإٱآؤئ", "هااااوی")
_PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """Return one character's search form: "", " " or one or more characters."""
    if _PRESENTATION_FORMS.match(char):  # "ﻻ" -> "لا", as old PDFs spell it
        char = unicodedata.normalize("NFKC", char)
    char = char.translate(_LOOKALIKES).translate(_SEARCH_LETTERS)
    out = []
    for c in char.translate(_TO_LATIN_DIGITS).lower():
        category = unicodedata.category(c)
        if c == ZWNJ or c.isspace() or category[0] in "PSZ":
            out.append(" ")  # half-space, whitespace and punctuation separate words
        elif c != "\u0640" and category[0] != "M" and category not in ("Cc", "Cf"):
            out.append(c)  # else: kashida, diacritics and invisible controls go
    return "".join(out)


def _fold_plain(word: str) -> str:
    return "".join(_fold_char(c) for c in word)


_SEARCH_GLUE = _Glue(
    frozenset(map(_fold_plain, _VERB_FORMS)),
    frozenset(map(_fold_plain, _GLUED_EXCEPTIONS)),
    _compound_cuts(_fold_plain),
    frozenset(map(_fold_plain, COMPARABLE)),
)


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Return ``search_key(text)`` and, per key character, its index in ``text``."""
    chars: list[str] = []
    where: list[int] = []
    space_at = None  # index of the first separator of a pending run
    for i, char in enumerate(text or ""):
        for c in _fold_char(char):
            if c == " ":
                space_at = i if space_at is None else space_at
                continue
            if space_at is not None and chars:
                chars.append(" ")
                where.append(space_at)
            space_at = None
            chars.append(c)
            where.append(i)
    # Split glued forms the way fix_half_spaces does, after any letter, so that
    # "میکنیم", "می‌کنیم" and "می کنیم" (and "کشورها", "کشور‌ها") meet; glued
    # comparatives of COMPARABLE adjectives too ("بزرگترین", "بزرگ ترین").
    key: list[str] = []
    key_where: list[int] = []
    start = 0
    for word in "".join(chars).split(" "):
        cuts = _glued_cuts(word, _SEARCH_GLUE, visible_only=False) if word else []
        if key:
            key.append(" ")
            key_where.append(where[start - 1])
        for j, c in enumerate(word):
            if j in cuts:
                key.append(" ")
                key_where.append(where[start + j])
            key.append(c)
            key_where.append(where[start + j])
        start += len(word) + 1
    return "".join(key), key_where


def search_key(text: str) -> str:
    """Return the folded form of ``text`` that search stores and compares."""
    return fold_with_map(text)[0]


_MAX_TERMS = 10
_MAX_TERM_LENGTH = 50


def search_terms(query: str) -> list[str]:
    """Return the query's distinct folded words: at most 10, each cut to 50 chars."""
    terms: list[str] = []
    for word in search_key(query).split():
        word = word[:_MAX_TERM_LENGTH]
        if word not in terms:
            terms.append(word)
        if len(terms) == _MAX_TERMS:
            break
    return terms
