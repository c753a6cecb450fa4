"""Login lockouts in the admin: axes' own pages, with Jalali times and Persian labels.

An administrator reads who is locked out, from where and until when, and lifts a lock
by deleting its row (``manage.py axes_reset_username`` does the same).
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from persian.jalali import format_datetime


@admin.display(description=_("time"), ordering="attempt_time")
def attempt_time(obj) -> str:
    return format_datetime(obj.attempt_time)


@admin.display(description=_("logged out"), ordering="logout_time")
def logout_time(obj) -> str:
    return format_datetime(obj.logout_time) or "—"


admin.site.unregister([AccessAttempt, AccessFailureLog, AccessLog])


@admin.register(AccessAttempt)
class LockoutAdmin(AccessAttemptAdmin):
    """Failed logins inside the cool-off: a row per username, address and browser."""

    list_display = [
        "username",
        "ip_address",
        "failures_since_start",
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
        return format_datetime(until) if until > timezone.now() else "—"


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
