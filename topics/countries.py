"""The ISO 3166-1 country list with Persian and English names, from pycountry.

pycountry ships the ISO list and its Persian translations (iso-codes project). A
few Persian names there are the inverted official form ("ایران، جمهوری اسلامی");
for those the name Persian copy uses comes first and pycountry's form is kept as
another name.
"""

import gettext
from collections.abc import Iterator
from typing import NamedTuple

import pycountry

# Persian newsroom usage where it differs from the ISO translation.
PERSIAN_USAGE = {
    "AZ": "جمهوری آذربایجان",  # "آذربایجان" alone is the Iranian province
    "IN": "هند",
    "IR": "ایران",
    "KP": "کره شمالی",
    "KR": "کره جنوبی",
    "LA": "لائوس",
    "RU": "روسیه",
    "SY": "سوریه",
    "TR": "ترکیه",
    "US": "آمریکا",
}
# Names that also mean something else in Iranian copy and so never identify a country.
AMBIGUOUS = {"آذربایجان"}
# Further forms that copy uses, kept for linking countries mentioned in text.
OTHER_FORMS = {
    "IR": ["جمهوری اسلامی ایران"],
    "RU": ["فدراسیون روسیه"],
    "US": ["ایالات متحده", "ایالات متحده آمریکا", "امریکا"],
    "GB": ["بریتانیا", "انگلیس"],
    "AE": ["امارات"],
    "CN": ["جمهوری خلق چین"],
    "TR": ["جمهوری ترکیه"],
}


class CountryName(NamedTuple):
    code: str
    name_fa: str
    name_en: str
    other_names: list[str]


def iso_countries() -> Iterator[CountryName]:
    """Yield every ISO 3166-1 country with its Persian and English names."""
    fa = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fa"])
    for country in pycountry.countries:
        english = getattr(country, "common_name", None) or country.name
        candidates = [fa.gettext(english), fa.gettext(country.name)]
        persian = [n for n in candidates if n not in (english, country.name)]
        name_fa = PERSIAN_USAGE.get(country.alpha_2) or (
            persian[0] if persian else english
        )
        others = [
            n for n in dict.fromkeys(persian + OTHER_FORMS.get(country.alpha_2, []))
        ]
        yield CountryName(
            code=country.alpha_2,
            name_fa=name_fa,
            name_en=english,
            other_names=[n for n in others if n != name_fa and n not in AMBIGUOUS],
        )
