"""Slugs made from names, Persian letters kept."""

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
            self.slug = slugify(self.name, allow_unicode=True)
