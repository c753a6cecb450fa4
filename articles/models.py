"""Articles: the agency's news items, with their news code and publishing state."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.querysets import (
    LIVE,
    TEXT_FIELDS,
    WRITTEN,
    ArticleQuerySet,
    is_live,
    is_written,
    other_languages,
    search_keys,
    written_flag,
    written_flags,
    written_in,
)
from persian import addresses
from persian.html import sanitize_html
from persian.jalali import day_key


class NewsCodeCounter(models.Model):
    """The last sequence number handed out on one Jalali day; codes are never reused."""

    day = models.CharField(max_length=8, unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("news code counter")
        verbose_name_plural = _("news code counters")

    def __str__(self) -> str:
        return f"{self.day}: {self.last}"


def allocate_news_code(when=None) -> int:
    """Return a new news code: the Jalali day, then the day's sequence: 14050903012."""
    day = day_key(when or timezone.now())
    for _attempt in range(5):
        try:
            with transaction.atomic():
                counter, _created = (
                    NewsCodeCounter.objects.select_for_update().get_or_create(day=day)
                )
                counter.last += 1
                counter.save(update_fields=["last"])
                return int(f"{day}{counter.last:03d}")
        except IntegrityError:
            # Two first-of-the-day allocations raced to create the counter; retry.
            continue
    raise RuntimeError("Could not allocate a news code.")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RETURNED = "returned", _("Sent back")
        REVIEW = "review", _("In review")
        APPROVED = "approved", _("Approved")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Type(models.TextChoices):
        NEWS = "news", _("News")
        INTERVIEW = "interview", _("Interview")
        REPORT = "report", _("Report")
        PHOTO = "photo", _("Photo story")

    news_code = models.BigIntegerField(
        _("news code"),
        unique=True,
        editable=False,
        help_text=_(
            "Assigned automatically: the Jalali date, then the day's sequence."
        ),
    )
    rootitr = models.CharField(
        _("rootitr"),
        max_length=250,
        blank=True,
        help_text=_("The short line above the title."),
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=250,
        allow_unicode=True,
        blank=True,
        help_text=_("Made from the title when left empty."),
    )
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True)
    service = models.ForeignKey(
        "topics.Service",
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("service"),
    )
    article_type = models.CharField(
        _("type"), max_length=12, choices=Type.choices, default=Type.NEWS
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=80,
        blank=True,
        help_text=_("The city filed from, e.g. تبریز."),
    )
    source = models.CharField(
        _("source"), max_length=120, blank=True, help_text=_("As in “به گزارش …”.")
    )
    byline = models.CharField(_("byline"), max_length=150, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("author"),
    )
    # PROTECT: a library photo that a story shows cannot be deleted from under it;
    # the library's "shown in" names the stories to change first.
    photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("lead photo"),
        help_text=_(
            "From the photo library: shown at the top of the story and when it is "
            "shared."
        ),
    )
    officials = models.ManyToManyField(
        "officials.Official",
        blank=True,
        related_name="articles",
        verbose_name=_("officials"),
    )
    countries = models.ManyToManyField(
        "topics.Country",
        blank=True,
        related_name="articles",
        verbose_name=_("countries"),
    )
    topics = models.ManyToManyField(
        "topics.Topic", blank=True, related_name="articles", verbose_name=_("topics")
    )
    related = models.ManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("related articles")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("Readers see a published or scheduled article from this time on."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last update"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last updated by"),
    )
    lock_version = models.PositiveIntegerField(
        _("version"),
        default=0,
        editable=False,
        help_text=_("Goes up on every save; a form holding an older one is refused."),
    )
    is_breaking = models.BooleanField(_("breaking"), default=False)
    is_lead = models.BooleanField(_("lead story"), default=False)
    # Folded copies of the text (persian.text.search_key), kept up to date on every
    # save: search compares keys, so yeh/kaf, half-spaces, diacritics and digit forms
    # never stop a match.
    search_title = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")
    # Whether the story is written in English (``written_in``), kept by each save.
    written_en = models.BooleanField(editable=False, default=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-news_code"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish and schedule articles")),
            ("unpublish_article", _("Can withdraw published articles")),
            ("correct_article", _("Can correct published articles")),
            ("choose_lead_story", _("Can choose lead stories")),
            ("work_all_services", _("Can work on every service")),
        ]
        # Every newest-first list is one range read of one of these, at any depth:
        # the partial ones hold only what readers may see (their condition is the
        # published() filter's), the full one serves the admin's list.
        indexes = [
            models.Index(
                fields=["status", "published_at"], name="article_status_pub_idx"
            ),
            models.Index(
                fields=["-published_at", "-news_code"], name="article_newest_idx"
            ),
            models.Index(
                fields=["-published_at", "-news_code"],
                name="article_live_idx",
                condition=Q(status__in=LIVE),
            ),
            models.Index(
                fields=["service", "-published_at", "-news_code"],
                name="article_live_service_idx",
                condition=Q(status__in=LIVE),
            ),
            models.Index(
                fields=["-published_at", "-news_code"],
                name="article_live_lead_idx",
                condition=Q(status__in=LIVE, is_lead=True),
            ),
            # Each other language's lists read only its translated articles: a tenth
            # of the archive, which the planner cannot guess from the texts, and
            # would otherwise gather a sparse service's from the whole service.
            *(
                models.Index(
                    fields=fields,
                    name=f"article_live_{name}{code}_idx",
                    condition=Q(status__in=LIVE) & written_in(code),
                )
                for code in other_languages()
                for name, fields in (
                    ("", ["-published_at", "-news_code"]),
                    ("service_", ["service", "-published_at", "-news_code"]),
                )
            ),
        ]
        # What every path must hold, checked by the database itself (news codes are
        # unique by their field): a published or scheduled article has its time.
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=LIVE) | Q(published_at__isnull=False),
                name="article_live_has_publish_time",
                violation_error_message=_(
                    "A published or scheduled article needs a publish time."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.news_code is None:
            self.news_code = allocate_news_code()
        if not self.slug:
            self.slug = slugify(self.persian_title, allow_unicode=True)[:250] or str(
                self.news_code
            )
        update_fields = kwargs.get("update_fields")
        # A save of state only (a transition) leaves the text and its keys as they are.
        if update_fields is None or set(update_fields) & TEXT_FIELDS:
            # Stored HTML is always the sanitised form, whatever path wrote it.
            for lang, _name in settings.LANGUAGES:
                field = f"body_{lang}"
                setattr(self, field, sanitize_html(getattr(self, field, "")))
            self.search_title, self.search_text = search_keys(self)
            for code in other_languages():
                setattr(self, written_flag(code), is_written(self, code))
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "search_title",
                    "search_text",
                    *written_flags(),
                }
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The article's address in the active language, under that language's slug."""
        return addresses.reverse(
            "articles:detail", code=self.news_code, slug=self.slug_in(get_language())
        )

    @property
    def persian_title(self) -> str:
        """The title in the default language, the one the stored slug is made from,
        whatever language the editor's screen is in."""
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        return getattr(self, f"title_{default}", None) or ""

    def slug_in(self, language: str | None) -> str:
        """The slug of the address in ``language``: the stored one in Persian, made
        from the title of the language in any other (never stored, so a changed
        English title changes the English address, and the old one redirects)."""
        language = (language or "").split("-")[0]
        if language in ("", settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
            return self.slug
        title = getattr(self, f"title_{language}", None) or ""
        return slugify(title)[:250] or str(self.news_code)

    def languages(self) -> list[str]:
        """The languages the article is written in (``WRITTEN``), Persian first:
        from its texts when they are loaded (as they are in memory), else from the
        flag its last save stored."""
        deferred = self.get_deferred_fields()
        found = [settings.MODELTRANSLATION_DEFAULT_LANGUAGE]
        for code in other_languages():
            if any(f"{field}_{code}" in deferred for field in WRITTEN):
                written = getattr(self, written_flag(code))
            else:
                written = is_written(self, code)
            if written:
                found.append(code)
        return found

    def clean(self):
        if not self.slug and self.persian_title:
            self.slug = slugify(self.persian_title, allow_unicode=True)[:250]

    @property
    def is_published(self) -> bool:
        """True when readers can see the article now (state and publish time agree)."""
        return is_live(self.status, self.published_at)


class Correction(models.Model):
    """A dated, public note that a published article was corrected."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("article"),
    )
    note = models.TextField(_("correction note"))
    created_at = models.DateTimeField(_("date"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return self.note[:60]


class ArticleEvent(models.Model):
    """One line of an article's audit trail: a workflow transition or an editorial note.

    Staff only: readers never see these.
    """

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("Transition")
        NOTE = "note", _("Editorial note")

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("article"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    action = models.CharField(_("action"), max_length=20, blank=True)
    from_status = models.CharField(
        _("from"), max_length=12, choices=Article.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to"), max_length=12, choices=Article.Status.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("article event")
        verbose_name_plural = _("article events")

    def __str__(self) -> str:
        return f"{self.article_id} {self.action or self.kind}"


class SearchEntry(models.Model):
    """An article as PostgreSQL's search finds it: its full-text vector beside the
    columns a reader's search filters and orders by. A trigger on the article table
    keeps it on every write, by any path (migration 0024); elsewhere it stays empty
    and search reads the folded text itself.

    Why a table apart: a common word's newest matches are found by walking the
    stories newest first and testing each one's vector (about 3 KB). Kept in the
    article's row, a vector lives out of line in TOAST and each test fetches it from
    there; here it is kept in a narrow row of its own (stripped of word positions,
    which search does not use), so a search for «تبریز» tests its ~3,000 vectors in
    a third of the time, and the article table's rows stay as narrow as they were.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    news_code = models.BigIntegerField()
    status = models.CharField(max_length=12)
    published_at = models.DateTimeField(null=True)
    written_en = models.BooleanField(default=False)
    vector = SearchVectorField(null=True)

    class Meta:
        # Readers' searches walk these newest first (their conditions are
        # published()'s and written_in()'s); the GIN index over the vectors, which a
        # rare word's search reads, is PostgreSQL's own (migration 0024).
        indexes = [
            models.Index(
                fields=["-published_at", "-news_code"],
                name="search_live_idx",
                condition=Q(status__in=LIVE),
            ),
            *(
                models.Index(
                    fields=["-published_at", "-news_code"],
                    name=f"search_live_{code}_idx",
                    condition=Q(status__in=LIVE) & written_in(code),
                )
                for code in other_languages()
            ),
        ]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return str(self.news_code)


class ArticleReads(models.Model):
    """How many times readers opened an article on one day (Tehran time)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "article"], name="reads_once_a_day")
        ]
        verbose_name = _("reads of a day")
        verbose_name_plural = _("reads")

    def __str__(self) -> str:
        return f"{self.article_id} {self.day}: {self.count}"


class EditPresence(models.Model):
    """Who has an article's change form open, refreshed while the page stays open."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    last_seen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="presence_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.article_id}"


# Editors' unsaved text (articles/autosave.py), registered with the app's models.
from articles.drafts import EditorDraft  # noqa: E402, F401

# Where articles use library photos: galleries and photos in the text.
from articles.photo_links import ArticlePhoto, BodyPhoto  # noqa: E402, F401
