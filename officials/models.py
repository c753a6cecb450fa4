"""Officials and their posts: one post belongs to different people over time."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from persian import addresses
from persian.jalali import format_date
from persian.slugs import SlugFromNameMixin
from persian.text import normalize


class Official(SlugFromNameMixin, models.Model):
    """A person the news is about: a governor, an ambassador, a minister."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=160,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("Made from the name when left empty."),
    )
    # PROTECT, as for an article's lead photo: the library keeps a photo shown here.
    photo = models.ForeignKey(
        "photos.Photo",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="portrait_of",
        verbose_name=_("photo"),
        help_text=_("From the photo library; shown square on the official's page."),
    )
    bio = models.TextField(_("short bio"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("official")
        verbose_name_plural = _("officials")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return addresses.reverse("officials:detail", slug=self.slug)


class PositionQuerySet(models.QuerySet):
    def held_on(self, day: datetime.date):
        """Positions whose term includes ``day`` (an open end means still held)."""
        return self.filter(start_date__lte=day).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def overlapping(self, start: datetime.date, end: datetime.date | None):
        """Positions whose term shares at least one day with ``start``..``end``."""
        qs = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        if end is not None:
            qs = qs.filter(start_date__lte=end)
        return qs


class Position(models.Model):
    """A post held by an official from a start date to an end date (or still held)."""

    official = models.ForeignKey(
        Official,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("official"),
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        help_text=_("The post as copy names it, e.g. استاندار آذربایجان شرقی."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = models.ForeignKey(
        "topics.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("country"),
        help_text=_(
            "The country the post is in, e.g. Kazakhstan for an ambassador there."
        ),
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(
        _("to"), null=True, blank=True, help_text=_("Empty while held.")
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        # Checked by the database too, whatever path writes a post (clean() says it
        # to the editor in Persian first).
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="position_ends_after_it_starts",
                violation_error_message=_(
                    "The end date cannot be before the start date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.term})"

    def covers(self, day: datetime.date) -> bool:
        """True if the post was held on ``day`` (the rule of ``held_on``, in Python)."""
        return self.start_date <= day and (
            self.end_date is None or day <= self.end_date
        )

    @property
    def term(self) -> str:
        end = format_date(self.end_date) if self.end_date else _("now")
        return f"{format_date(self.start_date)} – {end}"

    def clean(self):
        errors = {}
        # Posts are compared by their Persian title, the one copy names them by.
        if self.title_fa:
            self.title_fa = normalize(self.title_fa)
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = ValidationError(
                _("The end date cannot be before the start date."),
                code="end_before_start",
            )
        if self.title_fa and self.start_date and not errors:
            clash = (
                Position.objects.filter(title_fa=self.title_fa)
                .overlapping(self.start_date, self.end_date)
                .exclude(pk=self.pk)
                .select_related("official")
                .first()
            )
            if clash is not None:
                errors["start_date"] = ValidationError(
                    _(
                        "%(name)s held the post “%(title)s” during part of this time "
                        "(%(term)s); two people cannot hold the same post on the same "
                        "day."
                    ),
                    code="post_overlap",
                    params={
                        "name": clash.official.name,
                        "title": self.title_fa,
                        "term": clash.term,
                    },
                )
        if errors:
            raise ValidationError(errors)
