"""What an article is to readers and to search, apart from its fields: the publishing
rule, the languages it is written in, its search keys, and the queries built on them
(``Article.objects``)."""

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone

from persian.html import html_to_text
from persian.text import search_key
from photos.models import Photo

# The text the search keys are made from, in every language.
SEARCHED = ("rootitr", "title", "lead", "body")
TEXT_FIELDS = frozenset(
    [*SEARCHED] + [f"{f}_{code}" for f in SEARCHED for code, _n in settings.LANGUAGES]
)


def search_keys(article) -> tuple[str, str]:
    """Return the folded title and full text of ``article``, in every language."""
    languages = [code for code, _name in settings.LANGUAGES]

    def text(field: str) -> str:
        values = (getattr(article, f"{field}_{code}", "") or "" for code in languages)
        return " ".join(html_to_text(value) for value in values)

    title = text("title")
    rest = " ".join(text(field) for field in SEARCHED if field != "title")
    return search_key(title), search_key(f"{title} {rest}")


# An article is written in a language when it has all of these in it; in any other
# language than Persian it is not listed, and its address there is a 404.
WRITTEN = ("title", "lead", "body")


def written_in(language: str) -> Q:
    """The condition on articles that are written in ``language``: the flag a save
    keeps (``written_flag``), a column of its own so that PostgreSQL knows how many
    stories hold it (from the three texts it guessed a hundred times too few)."""
    if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
        return Q()
    return Q(**{written_flag(language): True})


def written_flag(language: str) -> str:
    """The name of the stored flag of the articles written in ``language``."""
    return f"written_{language}"


def other_languages() -> list[str]:
    """Every language of the site but Persian."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return [code for code, _name in settings.LANGUAGES if code != default]


def written_flags() -> list[str]:
    """The stored flags of every language but Persian (fields of ``Article``)."""
    return [written_flag(code) for code in other_languages()]


def is_written(article, language: str, read=getattr) -> bool:
    """Whether ``article``'s own texts (as they are in memory) are all there in
    ``language`` (``WRITTEN``); ``read=dict.get`` for a row's values in a dict."""
    return all(read(article, f"{field}_{language}", None) for field in WRITTEN)


# The publishing rule, written once: readers see an article in one of these states
# whose publish time has come. published() asks it of the database, is_published of
# one article in memory.
LIVE = ("published", "scheduled")
# The shape of a list's cards (templates/includes/article_item.html): lists fetch
# only its renditions.
CARD_RATIO = "1:1"


def live(now=None) -> Q:
    """The publishing rule as a condition on a table with ``status`` and
    ``published_at``: the articles', or their search entries'."""
    return Q(status__in=LIVE, published_at__lte=now or timezone.now())


def is_live(status: str, published_at, now=None) -> bool:
    """True when an article in ``status``, published at ``published_at``, is public."""
    now = now or timezone.now()
    return status in LIVE and published_at is not None and published_at <= now


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles readers may see (``is_live``) at ``now``."""
        # An IN, not an OR: it matches the condition of the partial indexes below.
        return self.filter(live(now))

    def next_visible(self, now=None):
        """The publish time of the next article to become visible after ``now``."""
        now = now or timezone.now()
        upcoming = self.filter(status__in=LIVE, published_at__gt=now)
        return (
            upcoming.order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )

    def in_language(self, language: str):
        """Articles written in ``language`` (``WRITTEN``; all of them in Persian)."""
        return self.filter(written_in(language))

    def for_readers(self, language: str):
        """Published articles in ``language``, newest first, ready for a list."""
        # Lists never show bodies or search keys: the largest columns stay unread.
        heavy = ["body", "search_title", "search_text"] + [
            f"body_{code}" for code, _name in settings.LANGUAGES
        ]
        return (
            self.published()
            .in_language(language)
            .select_related("service")
            # One query more for every photo of the list, whatever their number,
            # and one for the renditions of the shape its cards draw.
            .prefetch_related(
                Prefetch("photo", queryset=Photo.objects.with_renditions(CARD_RATIO))
            )
            .defer(*heavy)
            .order_by("-published_at", "-news_code")
        )
