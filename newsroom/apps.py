"""App configs the project sets for others' apps: axes under a Persian name."""

import axes.apps
from django.utils.translation import gettext_lazy as _


class AxesConfig(axes.apps.AppConfig):
    """django-axes as it is, titled in the admin's language."""

    # Not a candidate for the newsroom app's own config (Django picks a lone one).
    default = False
    verbose_name = _("Logins")
