"""The agency's photo library: photos, their tags and their ready-made renditions."""

from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import CharField, Prefetch, Q, Value
from django.utils.translation import gettext_lazy as _

from persian.fields import IMAGE_HELP_TEXT, CleanImageField

# The shapes the templates ask for; "original" keeps the photo's own proportions.
RATIOS = ("16:9", "1:1", "original")
# Every shape is made at these widths, never wider than the photo allows.
WIDTHS = (320, 640, 1024, 1600)
# The social preview (og:image): one JPEG in the shape the networks show.
OG_RATIO = "og"
OG_SIZE = (1200, 630)

_FOCUS_VALIDATORS = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class PhotoQuerySet(models.QuerySet):
    def with_renditions(self, *ratios: str):
        """Photos with their renditions fetched in one more query for all of them:
        only those of ``ratios`` when given (a list's cards draw one shape, and a
        photo has some twenty renditions), else every one.

        Each photo knows which shapes were fetched (``fetched_ratios``): asked for
        another, it reads that shape's renditions itself rather than draw nothing.
        """
        if not ratios:
            return self.prefetch_related("renditions")
        return self.annotate(
            fetched_ratios=Value(",".join(ratios), output_field=CharField())
        ).prefetch_related(
            Prefetch("renditions", queryset=Rendition.objects.filter(ratio__in=ratios))
        )


@dataclass(frozen=True)
class Source:
    """One format's renditions of a shape: ``srcset`` ready for the markup."""

    content_type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """What ``<picture>`` needs: WebP then JPEG sources, the fallback, its size."""

    sources: tuple[Source, ...]
    src: str
    width: int
    height: int
    alt: str


class Photo(models.Model):
    """A picture in the agency's library, with its caption, credit and tags."""

    image = CleanImageField(
        _("image"), upload_to="photos/%Y/%m/", help_text=IMAGE_HELP_TEXT
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    photographer = models.CharField(_("photographer"), max_length=150, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=150,
        blank=True,
        help_text=_("The source shown beside the photo, e.g. ایرنا or the agency."),
    )
    taken_on = models.DateField(_("date taken"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=150, blank=True)
    officials = models.ManyToManyField(
        "officials.Official",
        blank=True,
        related_name="photos",
        verbose_name=_("officials"),
    )
    countries = models.ManyToManyField(
        "topics.Country",
        blank=True,
        related_name="photos",
        verbose_name=_("countries"),
    )
    topics = models.ManyToManyField(
        "topics.Topic", blank=True, related_name="photos", verbose_name=_("topics")
    )
    focal_x = models.FloatField(
        _("focal point (across)"),
        default=0.5,
        validators=_FOCUS_VALIDATORS,
        help_text=_("Click the photo to set it: crops keep this point in view."),
    )
    focal_y = models.FloatField(
        _("focal point (down)"), default=0.5, validators=_FOCUS_VALIDATORS
    )
    # The image and focal point the stored renditions were made from; when either
    # changes they are made again (photos/renditions.py), never on a page view.
    renditions_source = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1)
                & Q(focal_y__gte=0, focal_y__lte=1),
                name="photo_focal_point_inside",
            ),
        ]

    def __str__(self) -> str:
        return self.caption or self.image.name.rsplit("/", 1)[-1]

    def usage(self) -> list:
        """The articles that show this photo: as their lead photo or in their text."""
        # Both relations belong to articles (Article.photo, BodyPhoto), which this
        # layer may not import: they are reached from this side.
        shown_in_text = self.body_uses.values("article_id")
        return list(
            self.articles.model.objects.filter(Q(photo=self) | Q(pk__in=shown_in_text))
        )

    def _renditions(self, ratio: str) -> list["Rendition"]:
        # Filtered in Python, so a prefetch (with_renditions) serves every call.
        fetched = getattr(self, "fetched_ratios", None)
        if fetched is not None and ratio not in fetched.split(","):
            found = Rendition.objects.filter(photo=self, ratio=ratio)
        else:
            found = (r for r in self.renditions.all() if r.ratio == ratio)
        return sorted(found, key=lambda r: r.width)

    def picture(self, ratio: str = "original") -> Picture | None:
        """The sources of ``ratio`` (``"16:9"``, ``"1:1"``, ``"original"``), or None."""
        renditions = self._renditions(ratio)
        sources = []
        for fmt in (Rendition.Format.WEBP, Rendition.Format.JPEG):
            of_format = [r for r in renditions if r.format == fmt]
            if of_format:
                srcset = ", ".join(f"{r.file.url} {r.width}w" for r in of_format)
                sources.append(Source(fmt.content_type, srcset))
        fallbacks = [r for r in renditions if r.format == Rendition.Format.JPEG]
        if not fallbacks:
            return None
        # The fallback is the mid-sized one: a browser without srcset is an old one.
        fallback = next((r for r in fallbacks if r.width >= 640), fallbacks[-1])
        largest = fallbacks[-1]
        return Picture(
            sources=tuple(sources),
            src=fallback.file.url,
            width=largest.width,
            height=largest.height,
            alt=self.caption,
        )

    @property
    def og_image(self) -> "Rendition | None":
        """The 1200-wide JPEG for social previews (smaller if the photo is)."""
        return next(iter(self._renditions(OG_RATIO)), None)

    def body_image(self) -> "Rendition | None":
        """The JPEG of the photo's own shape that an article's text names: 640 wide,
        or the largest there is if the photo is smaller."""
        jpegs = [
            r for r in self._renditions("original") if r.format == Rendition.Format.JPEG
        ]
        return next((r for r in jpegs if r.width >= 640), jpegs[-1] if jpegs else None)

    @property
    def thumbnail(self) -> "Rendition | None":
        """The smallest JPEG of the photo's own shape, for lists."""
        return next(
            (
                r
                for r in self._renditions("original")
                if r.format == Rendition.Format.JPEG
            ),
            None,
        )


class Rendition(models.Model):
    """One stored resizing of a photo: a shape, a width, a format."""

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

        @property
        def content_type(self) -> str:
            return f"image/{self.value}"

    photo = models.ForeignKey(
        Photo,
        on_delete=models.CASCADE,
        related_name="renditions",
        verbose_name=_("photo"),
    )
    ratio = models.CharField(_("ratio"), max_length=10)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    file = models.FileField(_("file"), max_length=200)

    class Meta:
        ordering = ["ratio", "format", "width"]
        verbose_name = _("rendition")
        verbose_name_plural = _("renditions")
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "ratio", "format", "width"],
                name="rendition_once_per_shape_format_width",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ratio} {self.width}×{self.height} {self.format}"
