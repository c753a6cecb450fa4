"""Pure Persian text functions, shared by models, forms, import and search.

No Django imports here: everything is a plain ``str -> str`` function so it can be
used at save time and at query time alike and unit-tested in isolation.
"""

import re

# Arabic letters that look like Persian ones but break search and sorting.
_LOOKALIKES = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC YEH -> FARSI YEH
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC KAF -> KEHEH
        "\u06c0": "\u0647\u0654",  # HEH WITH YEH ABOVE, decomposed
    }
)
# Embedding/override/isolate controls pasted from word processors.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
_KASHIDA = "\u0640"
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
ZWNJ = "\u200c"

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
_TO_PERSIAN_DIGITS = str.maketrans("0123456789" + _ARABIC_DIGITS, _PERSIAN_DIGITS * 2)
_TO_LATIN_DIGITS = str.maketrans(_PERSIAN_DIGITS + _ARABIC_DIGITS, "0123456789" * 2)


def normalize(text: str) -> str:
    """Return ``text`` with Persian yeh/kaf, no bidi controls or kashida, one space."""
    if not text:
        return text
    text = text.translate(_LOOKALIKES)
    text = _BIDI_CONTROLS.sub("", text)
    text = text.replace(_KASHIDA, "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def persian_digits(text: str) -> str:
    """Return ``text`` with Latin and Arabic digits written as Persian digits."""
    return str(text).translate(_TO_PERSIAN_DIGITS)


def latin_digits(text: str) -> str:
    """Return ``text`` with Persian and Arabic digits written as Latin digits."""
    return str(text).translate(_TO_LATIN_DIGITS)
