"""Raw wire copy to the parts of an article: rootitr, title, lead, body and more.

Pure text work, no database: ``parse_wire`` takes the decoded copy and returns a
``WireCopy``; deciding whether bytes are text at all is the caller's job
(``articles.wire_import.wire_item_import``). Markup in the copy is kept as plain
text: whoever stores the result escapes it.

Wire copy arrives hard-wrapped, often with blank lines in the middle of a
sentence, sometimes with the lead sent twice and with a line whose words came out
in reverse order. The rules, in order:

1. A line whose double-space separated chunks are reversed is repaired on the raw
   line (``normalize`` would collapse the double spaces that mark the chunks). A
   line is taken for reversed by where its sentence ends, under the same rule
   that ends paragraphs (``_ends_sentence``).
2. Agency trailers at the end (``انتهای پیام``, ``/``, ``کد خبر: …``, ``/ع.م``,
   ``عکس: …``; the list is ``TRAILERS``) are dropped, those that carry a name or
   a number with a warning; ``انتهای پیام`` goes wherever it stands.
3. Header: a short first line ending with a colon is the rootitr; the next short
   line without a closing full stop is the title.
4. Body: lines are joined, blank lines or not, until one ends a sentence; that
   ends the paragraph. A colon does not: a quote often follows it on the next line.
5. The first paragraph is the lead; a paragraph repeating it (compared by search
   key, so line breaks, half-spaces and yeh/kaf do not matter) is dropped.
6. Dateline (``تبریز- `` or ``تبریز - ایرنا - ``) and source (``به گزارش نصر،``)
   are read off.

Warnings for the editor come from the translation catalogue, in the active language.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import gettext as _

from persian.text import clean_text, fold_with_map, normalize, search_key

# --- Data --------------------------------------------------------------------

# Agencies whose name may follow the dateline: "تبریز - ایرنا - ...".
AGENCIES = (
    "ایرنا ایسنا ایلنا ایکنا ایپنا فارس تسنیم مهر نصر میزان برنا دانا شبستان رسا"
    " پانا هرانا صداوسیما"
).split() + ["صدا و سیما", "باشگاه خبرنگاران جوان", "خبرگزاری صدا و سیما"]
# Words before a source name that are not the source: "به گزارش خبرنگار ایرنا،".
SOURCE_PREFIXES = (
    "خبرنگار|خبرگزاری|پایگاه خبری|پایگاه اطلاع‌رسانی|سایت|گروه استان‌های".split("|")
)
# "به گزارش خبرنگار ما" is the agency itself: no outside source.
OWN_SOURCE = frozenset(["ما", "خبرنگار ما"])
# Prepositions that open a phrase; a reversed chunk ending with one had it moved
# to its end by the same mangling ("اولویت های کشت از" is "از اولویت های کشت").
_OPENING_PREPOSITIONS = frozenset("از به با در بر تا برای".split())
# Words that open a sentence: a line ending with one is likely reversed.
_SENTENCE_OPENERS = frozenset("وی او این آن آنها ایشان ما من".split())
# Fewer double-space separated chunks than this are too few to tell the order by.
_MIN_CHUNKS = 3

# Limits of the header lines, in words and characters (the fields hold 250).
_ROOTITR_MAX_WORDS, _TITLE_MAX_WORDS, _HEADER_MAX_CHARS = 20, 25, 250
# A short line alone at the start of a paragraph, followed by a blank line, is a
# subheading rather than the first line of a wrapped paragraph.
_SUBHEAD_MAX_WORDS = 8
_PROVISIONAL_TITLE_WORDS = 12
_DATELINE_MAX, _SOURCE_MAX = 80, 120  # characters kept of each
_QUOTE_WORDS = 8  # words of a line quoted in a warning

# The one rule for where a sentence ends, for paragraphs and reversed lines alike:
# one of these marks, perhaps followed by closing quotes or brackets.
_SENTENCE_END = (".", "؟", "?", "!", "…", "۔")
_CLOSERS = "»\"'”’)]}"
_DASH = r"\s*[-–—]\s*"
# A Persian word: letters and half-spaces, no digits or punctuation.
_WORD = "[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u200c]+"
_KNOWN_AGENCY = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
# "تبریز - ایرنا - متن", "تبریز- ایرنا: متن", "تبریز - ایرنا" alone on its line.
_DATELINE_AGENCY = re.compile(
    rf"^(?P<city>{_WORD}(?: {_WORD})?){_DASH}(?P<agency>{_KNOWN_AGENCY})"
    rf"(?:{_DASH}|\s*:\s*|\s+|$)"
)
# "تبریز - خبرگزاری دیگر - متن": an unknown agency between two dashes.
_DATELINE_OTHER = re.compile(
    rf"^(?P<city>{_WORD}(?: {_WORD})?){_DASH}(?P<agency>{_WORD}(?: {_WORD})?){_DASH}"
)
# "تبریز- متن": the city alone.
_DATELINE_CITY = re.compile(rf"^(?P<city>{_WORD}(?: {_WORD})?){_DASH}(?=\S)")
_SOURCE = re.compile(r"به گزارش\s+(?P<source>[^،,:؛.\n]{1,80}?)\s*[،,]")
_SOURCE_TAIL = re.compile(r"\s+(?:از|در)\s+.*$")

# --- Trailers --------------------------------------------------------------

# What agencies put after a story, dropped wherever it stands at the end of the copy
# (own lines or after the last sentence, in any order): a pattern on normalised text,
# and whether the editor is told (a news code, initials or a credit may matter).
_LETTER = "[\u0620-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]"
_INITIAL, _DOT = rf"{_LETTER}{{1,3}}", r"\s?[.\-]\s?"  # "ع.م", "ع - م"
_END_PHRASE = r"(?:انتهای|پایان)[\s\u200c]*(?:پیام|خبر)"
TRAILERS: tuple[tuple[str, bool], ...] = (
    # "انتهای پیام", "پایان خبر"
    (_END_PHRASE, False),
    # "/", "**", "#", "---": marks alone
    (r"[/*#\-–—_.](?:[\s/*#\-–—_.]*[/*#\-–—_.])?", False),
    # "۷۳۱۶/۲۰۱۲", "1234": numbers alone
    (r"[0-9۰-۹]+(?:\s?/\s?[0-9۰-۹]+)*", False),
    # "کد خبر: 1234567", "کدخبر ۱۲۳۴۵۶۷"
    (r"کد[\s\u200c]*خبر\s?[:：]?\s?[0-9۰-۹]+", True),
    # "/ع.م", "/خ", "/ع.م/": a reporter's initials or a desk code in slashes
    (rf"/\s?{_INITIAL}(?:{_DOT}{_INITIAL}){{0,3}}\.?\s?/?", True),
    # "(خ.ر)": initials in brackets, with a dot: "(ع)" after a name is an honorific
    (rf"\(\s?{_INITIAL}(?:{_DOT}{_INITIAL}){{1,3}}\.?\s?\)", True),
    # "عکس: …", "عکاس: …", "عکس از: …": a photo credit
    (r"(?:عکس|عکاس)(?: از)?\s?[:：]\s?[^.؟?!\n]{1,80}", True),
)
# Trailers are short: only the last lines, and of each its last characters, count.
_TRAILERS_MAX, _TRAILER_LINES_MAX = 300, 12
_END_PHRASE_LINE = re.compile(rf"^[\s/*#\-–—_.]*{_END_PHRASE}[\s/*#\-–—_.0-9۰-۹]*$")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_PERSIAN_LETTER = re.compile(_LETTER)
_CHUNK_GAP = re.compile(r"\s{2,}")


@dataclass
class WireCopy:
    """The parts of one wire item, each a cleaned string; body is its paragraphs."""

    rootitr: str = ""
    title: str = ""
    lead: str = ""
    body: list[str] = field(default_factory=list)
    source: str = ""
    dateline: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Every part in reading order, one per line: what linking reads."""
        parts = [self.rootitr, self.title, self.lead, *self.body]
        return "\n".join(p for p in parts if p)


# --- Lines -------------------------------------------------------------------


def _ends_sentence(line: str) -> bool:
    """Return whether ``line`` ends a sentence: the parser's one rule for it."""
    return line.rstrip(_CLOSERS + " ").endswith(_SENTENCE_END)


def _quote(text: str) -> str:
    """Return the first words of ``text``, cleaned, for a warning."""
    words = clean_text(text).split()
    more = "…" if len(words) > _QUOTE_WORDS else ""
    return " ".join(words[:_QUOTE_WORDS]) + more


def _chunks(line: str) -> list[str]:
    return _CHUNK_GAP.split(line.strip()) if line.strip() else []


def reverse_chunks(line: str) -> str:
    """Return ``line`` with its double-space separated chunks in reverse order."""
    return " ".join(reversed(_chunks(line)))


def reverse_words(line: str) -> str:
    """Return ``line`` with its words in reverse order, a leading "،" or "." last."""
    words = line.split()[::-1]
    if words and not any(c.isalnum() for c in words[0]):
        words.append(words.pop(0))  # a lone punctuation mark closes, not opens
    return " ".join(words)


def looks_reversed(line: str) -> bool:
    """Return whether a raw wire line seems to have its chunks in reverse order.

    A reversed line ends with what began the sentence and begins with what ended
    it. Pass the raw line: ``normalize`` collapses the double spaces between chunks.
    """
    chunks = [normalize(chunk) for chunk in _chunks(line)]
    if len(chunks) < _MIN_CHUNKS or _ends_sentence(chunks[-1]):
        return False
    return chunks[-1] in _SENTENCE_OPENERS or _ends_sentence(chunks[0])


def _repair_reversed(raw: str) -> str:
    """Return a reversed raw line in reading order (chunks reversed, prepositions)."""
    chunks = []
    for chunk in _chunks(raw):
        words = chunk.split()
        if len(words) > 1 and words[-1] in _OPENING_PREPOSITIONS:
            words.insert(0, words.pop())
        chunks.append(" ".join(words))
    return reverse_chunks("  ".join(chunks))


def _lines(raw: str, warnings: list[str]) -> list[str]:
    """Return the copy's lines normalised, reversed lines repaired; "" for blanks."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    raw = _CONTROL.sub(" ", raw)
    lines = []
    for line in raw.split("\n"):
        if looks_reversed(line):
            line = _repair_reversed(line)
            note = _(
                "The words of a line were in reverse order and were put right:"
                " “%(line)s”; compare it with the original copy."
            )
            warnings.append(note % {"line": _quote(line)})
        lines.append(normalize(line))
    return lines


@lru_cache(maxsize=2)
def _compiled(trailers: tuple[tuple[str, bool], ...]) -> list:
    starts = r"(?:(?<!\w)|(?=[^\w\s]))"  # a word, or with a mark ("/", "(")
    return [(re.compile(rf"{starts}(?:{p})\s*$"), r) for p, r in trailers]


def _peel(line: str) -> tuple[str, list[str]]:
    """Return ``line`` without its trailing trailers, and those to report.

    The cut leaves nothing or a whole sentence: "… امام رضا (ع)" stays as it is.
    """
    best: tuple[str, list[str]] = (line, [])
    rest, found = line, []
    while rest and len(line) - len(rest) < _TRAILERS_MAX:
        matches = [
            (match.start(), reported)
            for pattern, reported in _compiled(TRAILERS)
            if (match := pattern.search(rest, max(0, len(rest) - _TRAILERS_MAX)))
        ]
        if not matches:
            break
        start, reported = min(matches)
        # A full stop right after a word ends its sentence: it is no trailer.
        while 0 < start < len(rest) and rest[start] in "".join(_SENTENCE_END):
            if rest[start - 1].isspace():
                break
            start += 1
        piece, rest = rest[start:].strip(), rest[:start].rstrip()
        if not piece:
            break
        if reported:
            found.insert(0, piece)
        if not rest or _ends_sentence(rest):
            best = (rest, list(found))
    return best


def _drop_trailers(lines: list[str], warnings: list[str]) -> list[str]:
    """Return the lines without the agency trailers at the end (``TRAILERS``)."""
    # "انتهای پیام" on a line of its own goes wherever it stands.
    kept = [line for line in lines if not _END_PHRASE_LINE.match(line)]
    dropped: list[str] = []
    for _line in range(_TRAILER_LINES_MAX):
        while kept and not kept[-1]:
            kept.pop()
        if not kept:
            break
        rest, found = _peel(kept[-1])
        dropped[:0] = found
        if rest:
            kept[-1] = rest
            break
        kept.pop()
    if dropped:
        footer = " / ".join(clean_text(d) for d in dropped)
        warnings.append(
            _("The agency's footer was dropped from the end of the copy: “%(footer)s”.")
            % {"footer": footer}
        )
    return kept


# --- Header ------------------------------------------------------------------


def _is_rootitr(line: str) -> bool:
    return (
        line.endswith(":")
        and len(line.split()) <= _ROOTITR_MAX_WORDS
        and len(line) <= _HEADER_MAX_CHARS
    )


def _is_title(line: str) -> bool:
    return (
        0 < len(line.split()) <= _TITLE_MAX_WORDS
        and len(line) <= _HEADER_MAX_CHARS
        and not line.rstrip(_CLOSERS).endswith((".", ":", "،", "؛", ","))
    )


def _header(lines: list[str]) -> tuple[str, str, int]:
    """Return the rootitr, the title and the index of the first line after them."""
    filled = [i for i, line in enumerate(lines) if line]

    def title_at(k: int, *, blank_after: bool) -> bool:
        # Something must follow a title, and a dateline opens the lead instead.
        if k + 1 >= len(filled) or not _is_title(lines[filled[k]]):
            return False
        if blank_after and lines[filled[k] + 1]:
            return False  # likely the first wrapped line of a lead
        return not _dateline(lines[filled[k]])[0]

    if filled and _is_rootitr(lines[filled[0]]) and title_at(1, blank_after=False):
        return lines[filled[0]], lines[filled[1]], filled[2]
    if title_at(0, blank_after=True):
        return "", lines[filled[0]], filled[1]
    return "", "", filled[0] if filled else len(lines)


# --- Paragraphs --------------------------------------------------------------


def _paragraphs(lines: list[str]) -> list[str]:
    """Return the lines joined into paragraphs that each end a sentence."""
    paragraphs: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if not current:
            followed_by_blank = i + 1 < len(lines) and not lines[i + 1]
            if (
                followed_by_blank
                and len(line.split()) <= _SUBHEAD_MAX_WORDS
                and not _ends_sentence(line)
                and not line.endswith((":", "،", "؛", ","))
            ):
                paragraphs.append(line)  # a subheading
                continue
        current.append(line)
        if _ends_sentence(line):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _strip_repeat(paragraph: str, lead_key: str) -> str | None:
    """Return ``paragraph`` without a leading copy of the lead; None if all of it."""
    key, where = fold_with_map(paragraph)
    if key == lead_key:
        return None
    if key.startswith(lead_key + " "):
        return paragraph[where[len(lead_key)] :].strip()
    return paragraph


# --- Dateline and source -----------------------------------------------------


def _dateline(line: str) -> tuple[str, str, str]:
    """Return the city, the agency and the rest of a first body line."""
    for pattern in (_DATELINE_AGENCY, _DATELINE_OTHER, _DATELINE_CITY):
        match = pattern.match(line)
        if match:
            agency = match.groupdict().get("agency") or ""
            return match["city"], agency, line[match.end() :].strip()
    return "", "", line


def _source(text: str) -> str:
    """Return the source named in "به گزارش …،", without "خبرنگار" or "از تبریز"."""
    match = _SOURCE.search(text)
    if not match:
        return ""
    source = _SOURCE_TAIL.sub("", match["source"].strip())
    for prefix in SOURCE_PREFIXES:
        if source.startswith(prefix + " "):
            source = source[len(prefix) :].strip()
            break
    return "" if source in OWN_SOURCE or source == "خبرنگار" else source


# --- Parse -------------------------------------------------------------------


def parse_wire(raw: str) -> WireCopy:
    """Return the rootitr, title, lead, body, source, dateline and warnings of copy."""
    copy = WireCopy()
    warnings = copy.warnings
    if _MARKUP.search(raw or ""):
        warnings.append(_("The copy had HTML or a script; it was kept as plain text."))
    lines = _drop_trailers(_lines(raw or "", warnings), warnings)
    rootitr, title, start = _header(lines)
    body_lines = lines[start:]

    # The dateline opens the first line after the header, or stands alone on it.
    first = next((i for i, line in enumerate(body_lines) if line), None)
    agency = ""
    if first is not None:
        city, agency, rest = _dateline(body_lines[first])
        if city:
            copy.dateline = city
            body_lines[first] = rest

    paragraphs = _paragraphs(body_lines)
    lead = paragraphs.pop(0) if paragraphs else ""
    if lead:
        lead_key = search_key(lead)
        kept, repeated = [], False
        for paragraph in paragraphs:
            rest = _strip_repeat(paragraph, lead_key)
            repeated = repeated or rest != paragraph
            if rest:
                kept.append(rest)
        paragraphs = kept
        if repeated:
            warnings.append(_("The lead was repeated in the copy; it was kept once."))

    copy.rootitr = clean_text(rootitr, digits="fa")
    copy.title = clean_text(title, digits="fa")
    copy.lead = clean_text(lead, digits="fa")
    copy.body = [clean_text(p, digits="fa") for p in paragraphs]
    copy.source = clean_text(
        _source("\n".join([lead, *paragraphs])) or agency, digits="fa"
    )[:_SOURCE_MAX]
    copy.dateline = clean_text(copy.dateline)[:_DATELINE_MAX]
    _check(copy, warnings)
    return copy


def _check(copy: WireCopy, warnings: list[str]) -> None:
    """Add the warnings about missing or doubtful parts, and a provisional title."""
    text = copy.text
    if not text:
        warnings.append(_("Nothing for a story was found in this text."))
        return
    if not _PERSIAN_LETTER.search(text):
        warnings.append(_("No Persian word was found in this text."))
    if not copy.title:
        words = (copy.lead or " ".join(copy.body)).split()
        more = "…" if len(words) > _PROVISIONAL_TITLE_WORDS else ""
        title = " ".join(words[:_PROVISIONAL_TITLE_WORDS]) + more
        copy.title = title if len(title) <= _HEADER_MAX_CHARS else title[:249] + "…"
        warnings.append(
            _("No title was found; the first words stand in for it. Write the title.")
        )
    if not copy.lead:
        warnings.append(_("No lead was found."))
    last = copy.body[-1] if copy.body else copy.lead
    if last and not _ends_sentence(last):
        warnings.append(
            _("The last paragraph does not end a sentence; the copy may be cut short.")
        )
