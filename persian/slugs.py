"""Slugs made from names, Persian letters kept."""

from django.conf import settings
from django.utils.text import slugify


class SlugFromNameMixin:
    """For a model with ``name`` and ``slug``: an empty slug is made from the name."""

    def clean(self):
        # Filled before validate_unique runs, so a clash is a form error, not a 500.
        super().clean()
        self.fill_slug()

    def save(self, *args, **kwargs):
        self.fill_slug()
        super().save(*args, **kwargs)

    def fill_slug(self) -> None:
        if not self.slug:
            # The default language's name (Persian), whatever language is active: an
            # editor's English screen must not give a Persian topic an English slug.
            default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
            name = getattr(self, f"name_{default}", None) or self.name
            self.slug = slugify(name, allow_unicode=True)
