"""Officials and countries mentioned in a text, for linking a wire item to them.

Matching is on the search key (``persian.text.search_key``), word by word: the
key and every name are padded with spaces, so "ایرانی" is not "ایران" and
"آذربایجان شرقی" is not the Republic of Azerbaijan ("جمهوری آذربایجان"). Where
names overlap, the leftmost and then the longest wins ("سودان جنوبی" over "سودان").

An official is found three ways:

- by the full name, "محمدرضا پورمحمدی";
- by the surname, "پورمحمدی" or "صمدزاده صابر" (the name without its first word),
  but only after the full name appeared earlier in the text;
- by a post's title alone, "استاندار آذربایجان شرقی", resolved to whoever held
  the post on the article's date (``Position.objects.held_on``).

Each call loads the officials, posts and countries once: the number of queries
does not grow with the text.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from officials.models import Official, Position
from persian.text import fold_with_map, search_key
from topics.models import Country

# Words before a name that are not part of it: "سید ابراهیم رئیسی" is also
# written "ابراهیم رئیسی", and his surname is "رئیسی".
HONORIFICS = frozenset(
    search_key(w)
    for w in "سید سیده دکتر مهندس حجت‌الاسلام آیت‌الله سردار امیر شیخ".split()
)
# Interchangeable forms inside post titles, compared as search keys.
TITLE_VARIANTS = [("ایران", "جمهوری اسلامی ایران")]
# A post's title after one of these words names someone else: "معاون استاندار …".
NOT_THE_HOLDER_BEFORE = frozenset(
    search_key(w)
    for w in "معاون معاونت مشاور دستیار سخنگوی نماینده همسر دفتر قائم‌مقام".split()
)
# … or before one of these: "استاندار آذربایجان شرقی سابق".
NOT_THE_HOLDER_AFTER = frozenset(search_key(w) for w in "سابق پیشین اسبق".split())
# Country names that are also everyday words ("مالی" is financial, "چک" a cheque):
# they count only right after "کشور" or "جمهوری" ("کشورهای" ends in "های").
COUNTRY_NEEDS_CONTEXT = frozenset(search_key(w) for w in "مالی چک غنا".split())
COUNTRY_CONTEXT = frozenset(search_key(w) for w in "کشور جمهوری های".split())
# How far after a post's title to look for a country's name, in characters and words.
_LONGEST_NAME = 60
_NAME_WORDS = 4


@dataclass
class OfficialMention:
    """An official found in a text, how, and the words that named them first."""

    official: Official
    name: str
    slug: str
    matched_by: str  # "name" or "position"
    mention: str
    # Every distinct way the text named them, in order: ("position", "استاندار …").
    mentions: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Linked:
    """What ``link`` found: officials, countries and the warnings for the editor."""

    officials: list[OfficialMention] = field(default_factory=list)
    countries: list[Country] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Hit:
    start: int  # offsets in the search key
    end: int
    kind: str  # "name", "surname", "position" or "country"
    targets: tuple  # Officials, post titles (str) or Countries with this name


class _Text:
    """A text's search key, padded with spaces, and the way back to its words."""

    def __init__(self, text: str):
        self.original = text
        key, self.where = fold_with_map(text)
        # padded[i + 1] is key[i]: a match of " name " at padded offset i starts
        # at key offset i.
        self.padded = f" {key} "

    def find(self, name: str) -> Iterator[int]:
        """Yield the key offsets where ``name`` stands as whole words."""
        needle = f" {name} "
        at = self.padded.find(needle)
        while at != -1:
            yield at
            at = self.padded.find(needle, at + 1)

    def word_before(self, start: int) -> str:
        """Return the word before the hit at ``start`` ("" at the beginning)."""
        return self.padded[self.padded.rfind(" ", 0, start) + 1 : start]

    def word_after(self, end: int) -> str:
        """Return the word after the hit ending at ``end`` ("" at the end)."""
        stop = self.padded.find(" ", end + 2)
        return self.padded[end + 2 : stop] if stop != -1 else ""

    def mention(self, hit: "_Hit") -> str:
        """Return the words of the original text that ``hit`` matched."""
        return self.original[self.where[hit.start] : self.where[hit.end - 1] + 1]


def _find_all(page: _Text, names: dict[str, list], kind: str) -> list[_Hit]:
    return [
        _Hit(at, at + len(name), kind, tuple(targets))
        for name, targets in names.items()
        if name
        for at in page.find(name)
    ]


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Return the hits in text order, the longest where several start together.

    Leftmost-longest, in one pass: a hit that overlaps one already taken is dropped.
    """
    taken: list[_Hit] = []
    end = 0
    for hit in sorted(hits, key=lambda h: (h.start, h.start - h.end)):
        if hit.start >= end:
            taken.append(hit)
            end = hit.end
    return taken


# --- Officials ---------------------------------------------------------------


def _name_forms(name: str) -> tuple[list[str], str]:
    """Return the full-name keys of ``name`` and its surname key ("" if none)."""
    words = search_key(name).split()
    full = [" ".join(words)]
    while len(words) > 2 and words[0] in HONORIFICS:
        words = words[1:]
        full.append(" ".join(words))
    surname = " ".join(words[1:]) if len(words) > 1 else ""
    return full, surname


def _title_forms(title: str) -> set[str]:
    """Return the search keys of a post's title and of its common variants."""
    forms = {search_key(title)}
    for short, long in TITLE_VARIANTS:
        short, long = f" {search_key(short)} ", f" {search_key(long)} "
        for form in list(forms):
            padded = f" {form} "
            if long in padded:
                forms.add(padded.replace(long, short).strip())
            elif short in padded:
                forms.add(padded.replace(short, long).strip())
    return forms


def _official_hits(page: _Text, on: datetime.date) -> tuple[list[_Hit], dict, dict]:
    """Return the hits, each title's holder on ``on`` and each title's countries."""
    full_names: dict[str, list] = {}
    surnames: dict[str, list] = {}
    for official in Official.objects.only("pk", "name_fa", "slug"):
        full, surname = _name_forms(official.name_fa or "")
        for form in full:
            full_names.setdefault(form, []).append(official)
        if surname:
            surnames.setdefault(surname, []).append(official)
    titles: dict[str, list] = {}
    post_countries: dict[str, set] = {}
    posts = Position.objects.order_by().values_list("title_fa", "country_id")
    for title, country_id in posts.distinct():
        post_countries.setdefault(title, set()).add(country_id)
        for form in _title_forms(title or ""):
            if title not in titles.get(form, []):
                titles.setdefault(form, []).append(title)
    holders = {
        p.title_fa: p.official
        for p in Position.objects.held_on(on).select_related("official")
    }
    hits = (
        _find_all(page, full_names, "name")
        + _find_all(page, surnames, "surname")
        + _find_all(page, titles, "position")
    )
    return _longest_first(hits), holders, post_countries


def find_officials(
    text: str, *, on: datetime.date, warnings: list[str] | None = None
) -> list[OfficialMention]:
    """Return the officials ``text`` names, once each, in order of first mention.

    Found by name wins over found by a post's title. Warnings for the editor (a
    post with no holder on ``on``, a surname before any full name) are appended to
    ``warnings`` when given.
    """
    warnings = warnings if warnings is not None else []
    page = _Text(text)
    hits, holders, post_countries = _official_hits(page, on)
    countries = _country_index()
    found: dict[int, OfficialMention] = {}
    named_at: dict[int, int] = {}  # official pk -> where the full name came last
    warned: set[str] = set()

    def add(official: Official, how: str, words: str) -> None:
        item = found.get(official.pk)
        if item is None:
            item = found[official.pk] = OfficialMention(
                official=official,
                name=official.name_fa,
                slug=official.slug,
                matched_by=how,
                mention=words,
            )
        elif how == "name" and item.matched_by != "name":
            item.matched_by, item.mention = how, words
        if (how, words) not in item.mentions:
            item.mentions.append((how, words))

    def warn_once(key: str, message: str) -> None:
        if key not in warned:
            warned.add(key)
            warnings.append(message)

    for hit in hits:
        words = page.mention(hit)
        if hit.kind == "name":
            for official in hit.targets:
                named_at[official.pk] = hit.start
                add(official, "name", words)
        elif hit.kind == "surname":
            # The surname is whoever of that surname was last named in full.
            named = [o for o in hit.targets if o.pk in named_at]
            if named:
                add(max(named, key=lambda o: named_at[o.pk]), "name", words)
            else:
                note = _(
                    "The name “%(name)s” comes before the full name and was not"
                    " linked; if it is one of the officials, link it by hand."
                )
                warn_once(words, note % {"name": words})
        elif not (
            page.word_before(hit.start) in NOT_THE_HOLDER_BEFORE
            or page.word_after(hit.end) in NOT_THE_HOLDER_AFTER
            # "رئیس‌جمهور ترکیه" is not Iran's president: another country follows.
            or _country_after(page, hit.end, countries)
            - set().union(*(post_countries[t] for t in hit.targets))
        ):
            holder = next((holders[t] for t in hit.targets if t in holders), None)
            if holder is not None:
                add(holder, "position", words)
            else:
                note = _(
                    "Nobody is recorded as holding the post “%(post)s” on this date;"
                    " it was not linked."
                )
                warn_once(hit.targets[0], note % {"post": hit.targets[0]})
    return list(found.values())


# --- Countries ---------------------------------------------------------------


def _country_names(country: Country) -> list[str]:
    names = [country.name_fa or "", *country.other_names.splitlines()]
    # "ایران، جمهوری اسلامی" is a catalogue form, never written in copy.
    return [search_key(n) for n in names if n.strip() and "،" not in n]


def _country_index() -> dict[str, list[Country]]:
    """Return every country's Persian names (search keys) and the countries."""
    names: dict[str, list[Country]] = {}
    for country in Country.objects.only("pk", "code", "name_fa", "other_names"):
        for name in _country_names(country):
            names.setdefault(name, []).append(country)
    return names


def _country_after(page: _Text, end: int, countries: dict) -> set[int]:
    """Return the pks of a country named right after key offset ``end``, if any."""
    words = page.padded[end + 1 : end + 1 + _LONGEST_NAME].split()[:_NAME_WORDS]
    for size in range(len(words), 0, -1):
        found = countries.get(" ".join(words[:size]))
        if found:
            return {c.pk for c in found}
    return set()


def find_countries(text: str) -> list[Country]:
    """Return the countries ``text`` names, by Persian name or another form, once."""
    page = _Text(text)
    found: dict[int, Country] = {}
    for hit in _longest_first(_find_all(page, _country_index(), "country")):
        name = page.padded[hit.start + 1 : hit.end + 1]
        if (
            name in COUNTRY_NEEDS_CONTEXT
            and page.word_before(hit.start) not in COUNTRY_CONTEXT
        ):
            continue
        for country in hit.targets:
            found.setdefault(country.pk, country)
    return list(found.values())


def link(text: str, *, on: datetime.date) -> Linked:
    """Return the officials and countries ``text`` names on ``on``, with warnings."""
    result = Linked()
    result.officials = find_officials(text, on=on, warnings=result.warnings)
    result.countries = find_countries(text)
    return result
