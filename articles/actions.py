"""The workflow in the admin: the form's buttons, the list's bulk actions and filter.

Each button and action is a transition of articles/services.py, which says who may.
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from articles import offers, services
from persian.text import persian_digits


def apply_button(model_admin, request, article, name: str | None, note: str) -> None:
    """Make the transitions of the button that saved the form (articles/offers.py),
    or keep the desk note alone."""
    if not name:
        if note:
            services.article_add_note(article=article, user=request.user, note=note)
        return
    try:
        label = offers.press(
            article=article,
            user=request.user,
            name=name,
            note=note,
            at=article.published_at,
        )
    except services.WorkflowError as error:
        model_admin.message_user(request, str(error), messages.ERROR)
    else:
        done = _("%(action)s: done.") % {"action": label}
        model_admin.message_user(request, done, messages.SUCCESS)


def bulk_transition(name: str, description):
    """Return an admin action making transition ``name`` on every selected article."""

    def action(modeladmin, request, queryset):
        done, refused = 0, []
        for article in queryset:
            try:
                services.article_transition(
                    article=article, user=request.user, name=name
                )
                done += 1
            except services.WorkflowError as error:
                refused.append(f"{persian_digits(article.news_code)}: {error}")
        if done:
            modeladmin.message_user(
                request,
                _("%(count)s article(s) done.") % {"count": persian_digits(done)},
                messages.SUCCESS,
            )
        for line in refused:
            modeladmin.message_user(request, line, messages.ERROR)

    action.__name__ = f"bulk_{name}"
    action.short_description = description
    action.allowed_permissions = ("change",)
    return action


class StaffAuthorFilter(admin.RelatedFieldListFilter):
    """Authors to filter by: the staff, read from the users, not from every article."""

    def field_choices(self, field, request, model_admin):
        return field.get_choices(
            include_blank=False,
            limit_choices_to={"is_staff": True},
            ordering=("username",),
        )
