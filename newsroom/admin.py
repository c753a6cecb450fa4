"""Login lockouts and users in the admin, with Jalali times and Persian labels.

An administrator reads who is locked out, from where and until when, and lifts a lock
by deleting its row (``manage.py axes_reset_username`` does the same). Users are
Django's, their dates Jalali.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from persian.admin import jalali_column, show_datetime, show_number
from persian.forms import JALALI_FORMFIELD_OVERRIDES

attempt_time = jalali_column("attempt_time", _("time"))
logout_time = jalali_column("logout_time", _("logged out"))


@admin.display(
    description=AccessAttempt._meta.get_field("failures_since_start").verbose_name,
    ordering="failures_since_start",
)
def failures(obj) -> str:
    return show_number(obj.failures_since_start)


admin.site.unregister([AccessAttempt, AccessFailureLog, AccessLog])


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    """Failed logins inside the cool-off: a row per username, address and browser."""

    list_display = [
        "username",
        "ip_address",
        failures,
        attempt_time,
        "locked_until",
        "user_agent",
    ]
    list_filter = ["attempt_time"]
    date_hierarchy = None
    # Deleting a row lifts its lock; expired rows go with the next failed login.
    actions = []
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "username",
                    "ip_address",
                    "failures_since_start",
                    "locked_until",
                    "path_info",
                )
            },
        ),
        (_("browser"), {"fields": ("user_agent", "http_accept", "post_data")}),
    )
    readonly_fields = [*AccessAttemptAdmin.readonly_fields, "locked_until"]

    @admin.display(description=_("locked until"))
    def locked_until(self, obj) -> str:
        if obj.failures_since_start < settings.AXES_FAILURE_LIMIT:
            return "—"
        until = obj.attempt_time + get_cool_off()
        return show_datetime(until) if until > timezone.now() else "—"


@admin.register(AccessFailureLog)
class FailedLoginAdmin(AccessFailureLogAdmin):
    """Every failed login that was counted, kept after its lock has lifted."""

    list_display = [attempt_time, "username", "ip_address", "locked_out", "user_agent"]
    list_filter = ["attempt_time", "locked_out"]
    date_hierarchy = None


@admin.register(AccessLog)
class LoginAdmin(AccessLogAdmin):
    """Every successful login and its logout."""

    list_display = [attempt_time, logout_time, "username", "ip_address", "user_agent"]
    list_filter = ["attempt_time"]
    date_hierarchy = None


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class NewsroomUserAdmin(UserAdmin):
    """Django's users, with when each joined and last logged in, in Jalali."""

    formfield_overrides = JALALI_FORMFIELD_OVERRIDES
    list_display = [
        *UserAdmin.list_display,
        jalali_column("date_joined", _("date joined")),
        jalali_column("last_login", _("last login")),
    ]
