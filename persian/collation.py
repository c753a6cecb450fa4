"""Persian alphabetical order, for lists sorted in Python.

Unicode puts the four letters Persian added to the Arabic alphabet (پ چ ژ گ) after
all the others, so a database's ORDER BY files «پزشکیان» after «یزدی». ``sort_key``
orders words as a Persian dictionary does: آ ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط
ظ ع غ ف ق ک گ ل م ن و ه ی. Latin words (English names) keep their own order, before
the Persian ones; Arabic look-alikes (ي ك) sort as their Persian letters.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"

# Letters that are written variants of an alphabet letter sort as that letter.
_VARIANTS = {
    "ء": "ا",
    "أ": "ا",
    "إ": "ا",
    "ٱ": "ا",
    "ؤ": "و",
    "ئ": "ی",
    "ي": "ی",
    "ى": "ی",
    "ك": "ک",
    "ة": "ه",
    "ۀ": "ه",
}
# Each letter becomes a private-use character in alphabetical order: a key compares
# as a plain string, and no real character lands between two letters.
_FIRST = 0xE000
_TABLE = {ord(letter): _FIRST + rank for rank, letter in enumerate(ALPHABET)}
_TABLE.update({ord(v): _FIRST + ALPHABET.index(base) for v, base in _VARIANTS.items()})
# A half-space separates parts of a word as a space does; kashida is decoration.
_TABLE.update({0x200C: " ", 0x0640: None})

# Harakat, tanvin, shadda, sukun, superscript alef and a hamza written above a letter
# do not change a word's place (the maddah of آ does: آ is a letter of its own).
_MARKS = re.compile("[\u064b-\u0652\u0654\u0655\u0670]")

T = TypeVar("T")


def sort_key(text: str) -> tuple[str, str]:
    """Return the key that sorts ``text`` in Persian alphabetical order."""
    # Composed first, so that ا followed by a maddah is the letter آ.
    bare = _MARKS.sub("", unicodedata.normalize("NFC", text))
    key = bare.casefold().translate(_TABLE)
    return " ".join(key.split()), text


def sorted_persian(items: Iterable[T], key: Callable[[T], str] = str) -> list[T]:
    """Return ``items`` in Persian alphabetical order of ``key(item)``."""
    return sorted(items, key=lambda item: sort_key(key(item)))
