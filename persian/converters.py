"""URL converters: only well-formed values ever reach a view or the database."""

from django.urls import register_converter


class UnicodeSlugConverter:
    """A slug as ``slugify(allow_unicode=True)`` makes it, Persian letters and all."""

    regex = r"[-\w]{1,250}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class CountryCodeConverter:
    """An ISO 3166-1 alpha-2 code in lower case, as country URLs spell it."""

    regex = r"[a-z]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value.lower()


register_converter(UnicodeSlugConverter, "uslug")
register_converter(CountryCodeConverter, "iso2")
