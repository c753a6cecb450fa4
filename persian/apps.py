from django.apps import AppConfig


class PersianConfig(AppConfig):
    """The toolkit as an app only so that its template filters (``persian``) load."""

    name = "persian"
    verbose_name = "Persian toolkit"
