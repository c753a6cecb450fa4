"""Services (the desks), topics (tags) and countries."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from persian import addresses
from persian.slugs import SlugFromNameMixin


class Service(models.Model):
    """A desk of the agency; the fixed top level of the news."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="desks",
        verbose_name=_("editors"),
        help_text=_("Desk editors who review and publish this service's articles."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return addresses.reverse("topics:service", slug=self.slug)


class Topic(SlugFromNameMixin, models.Model):
    """A named subject (tag) that articles are filed under."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        allow_unicode=True,
        blank=True,
        help_text=_("Made from the name when left empty."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return addresses.reverse("topics:tag", slug=self.slug)


class CountryQuerySet(models.QuerySet):
    def in_the_news(self):
        """Countries some article is filed under: one index probe per country."""
        # EXISTS on the link table, not a DISTINCT over every link: some 250 probes
        # whatever the size of the archive.
        links = Country.articles.through.objects.filter(country=models.OuterRef("pk"))
        return self.filter(models.Exists(links))


class Country(models.Model):
    """An ISO 3166-1 country, loaded by a data migration from pycountry."""

    code = models.CharField(_("ISO code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=120)
    other_names = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("Other forms of the name used in copy, one per line."),
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return addresses.reverse("topics:country", code=self.code.lower())
