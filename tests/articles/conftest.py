import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from articles import roles
from persian.jalali import to_jalali
from tests.factories import UserFactory, service


def staff(username: str, role: str, desks: tuple[str, ...] = ()):
    """Return a staff user in ``role``, editing the services ``desks``."""
    user = UserFactory(username=username, is_staff=True, first_name=username.title())
    user.groups.add(Group.objects.get(name=role))
    for slug in desks:
        service(slug).editors.add(user)
    return user


@pytest.fixture
def newsroom(db):
    """One user per role; the editor works on the political desk only."""
    return {
        "reporter": staff("reporter", roles.REPORTER),
        "editor": staff("editor", roles.EDITOR, desks=("political",)),
        "chief": staff("chief", roles.CHIEF),
        "administrator": staff("administrator", roles.ADMINISTRATOR),
        "other_reporter": staff("other_reporter", roles.REPORTER),
    }


def change_url(article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def jalali_date(value: datetime.datetime) -> str:
    j = to_jalali(value)
    return f"{j.year}/{j.month:02d}/{j.day:02d}"


def change_form(article, **overrides) -> dict:
    """The POST an editor's browser sends from the article's change form."""
    published = article.published_at and timezone.localtime(article.published_at)
    data = {
        "form_version": str(article.lock_version),
        "rootitr_fa": article.rootitr_fa or "",
        "rootitr_en": article.rootitr_en or "",
        "title_fa": article.title_fa,
        "title_en": article.title_en or "",
        "slug": article.slug,
        "lead_fa": article.lead_fa or "",
        "lead_en": article.lead_en or "",
        "body_fa": article.body_fa or "",
        "body_en": article.body_en or "",
        "service": str(article.service_id),
        "article_type": article.article_type,
        "dateline": article.dateline,
        "source": article.source,
        "byline": article.byline,
        "author": str(article.author_id or ""),
        "published_at_0": jalali_date(published) if published else "",
        "published_at_1": published.strftime("%H:%M") if published else "",
        "editorial_note": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
        "gallery-TOTAL_FORMS": "0",
        "gallery-INITIAL_FORMS": "0",
        "gallery-MIN_NUM_FORMS": "0",
        "gallery-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data
