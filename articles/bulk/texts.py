"""The copy stories are composed from, read once from ``articles/bench_copy/``.

- ``slots.json``: the values a template's ``{slot}`` is filled with, per language.
  A value is a string or [string, weight]; weights make some values common and
  others rare, which is what gives search terms their selectivity.
- ``themes.json``: the templates, one set per desk. A desk's copy is a few kinds of
  story (an earthquake, a harvest, a Tractor match), each drawn as often as its
  weight says; the words of a kind appear only in its stories, which is what keeps
  them selective. A story's title, lead and opening sentence (after "به گزارش …،")
  come from its kind, its body from the kind's own sentences first, then the
  desk's, then one of the closing sentences. The rootitr comes from the kind or the
  desk. English copy is per desk.
- ``wire.json``: the closing sentences any desk's story may use, the sources (an
  empty source is the agency's own reporter) with how the body opens, bylines,
  datelines per desk (where copy is filed from, not searched: mostly the agency's
  own city), article types, the countries the copy mentions (most often first; the
  rest are a long tail) and stories by hour of day (Tehran: the desk is busiest
  from morning to evening).
"""

import json
from pathlib import Path

from persian.text import persian_digits

FOLDER = Path(__file__).resolve().parent.parent / "bench_copy"


def _read(name: str):
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


_SLOTS = _read("slots.json")
_WIRE = _read("wire.json")
THEMES = _read("themes.json")

# Figures are the same in both languages, written in each one's digits.
_NUMBERS = {
    "n": range(2, 61),
    "week": range(1, 31),
    "months": range(2, 12),
    "pct": range(3, 69),
    "big": range(120, 9800, 37),
}


def _slots(language: str, tabriz: list, digits) -> dict[str, list]:
    values = _SLOTS[language]
    return {
        "town": values["town"],
        # Tabriz is where most copy is filed from (the dateline), not what most of
        # it is about: its weight keeps «تبریز» near one article in twenty.
        "city": [*values["town"], tabriz],
        **values,
        **{name: [digits(n) for n in numbers] for name, numbers in _NUMBERS.items()},
    }


FA_SLOTS = _slots("fa", ["تبریز", 1.5], persian_digits)
EN_SLOTS = _slots("en", ["Tabriz", 4], str)

GENERAL_BODY = _WIRE["closing"]["fa"]
GENERAL_BODY_EN = _WIRE["closing"]["en"]
# (source field, how the body opens, weight)
SOURCES = [(s["source"], s["opens"], s["weight"]) for s in _WIRE["sources"]]
BYLINES = _WIRE["bylines"]
DATELINES = {**_WIRE["datelines"], "provinces": FA_SLOTS["town"]}
ARTICLE_TYPES = _WIRE["article_types"]
COUNTRY_RANKS = _WIRE["country_ranks"]
HOUR_WEIGHTS = _WIRE["hour_weights"]
