"""Load the demo newsroom: desks, topics, officials, articles, staff users.

Idempotent: everything is looked up by a stable key first, so a second run
changes nothing.
Needs no network.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import demo_content, roles
from articles.models import Article, ArticleEvent, allocate_news_code
from officials.models import Official, Position
from persian.jalali import parse_date
from topics.desks import DESKS
from topics.models import Country, Service, Topic

# The desks the demo editor works on; the chief editor works on all.
EDITOR_DESKS = ["political", "economic", "social", "provinces"]
SEND_BACK_NOTE = "منبع آمارها را در متن بیاورید و تیتر را کوتاه‌تر کنید."
# The steps that bring an article to each state, and who takes them.
TRAIL = {
    "draft": [],
    "returned": [("submit", "reporter"), ("send_back", "editor")],
    "review": [("submit", "reporter")],
    "approved": [("submit", "reporter"), ("approve", "editor")],
    "scheduled": [
        ("submit", "reporter"),
        ("approve", "editor"),
        ("schedule", "editor"),
    ],
    "published": [("submit", "reporter"), ("publish", "editor")],
    "withdrawn": [("submit", "reporter"), ("publish", "editor"), ("withdraw", "chief")],
}
PATH = {
    "submit": ("draft", "review"),
    "send_back": ("review", "returned"),
    "approve": ("review", "approved"),
    "schedule": ("approved", "scheduled"),
    "publish": ("review", "published"),
    "withdraw": ("published", "withdrawn"),
}

DEMO_USERS = [
    # username, first name, last name, group, superuser
    ("reporter", "سارا", "احمدی", roles.REPORTER, False),
    ("editor", "رضا", "کریمی", roles.EDITOR, False),
    ("chief", "مریم", "حسینی", roles.CHIEF, False),
    ("admin", "مدیر", "سامانه", roles.ADMINISTRATOR, True),
]


def _html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute))
    )


class Command(BaseCommand):
    help = "Create demo desks, topics, officials, articles in every state and users."

    @transaction.atomic
    def handle(self, *args, **options):
        for position, (slug, name_fa, name_en) in enumerate(DESKS):
            Service.objects.get_or_create(
                slug=slug,
                defaults={"name_fa": name_fa, "name_en": name_en, "position": position},
            )
        for topic in demo_content.TOPICS:
            Topic.objects.get_or_create(
                slug=topic["slug"],
                defaults={"name_fa": topic["fa"], "name_en": topic["en"]},
            )
        for item in demo_content.OFFICIALS:
            self._official(item)
        users = self._users()
        users["editor"].desks.add(*Service.objects.filter(slug__in=EDITOR_DESKS))

        reporter = users["reporter"]
        new = 0
        seed = demo_content.SEED_ARTICLE
        seed_time = _at(parse_date(seed["date"]), 10, 30)
        new += self._article(seed, reporter, seed_time, Article.Status.PUBLISHED)
        now = timezone.localtime()
        created = []
        first_review = next(
            i
            for i, item in enumerate(demo_content.ARTICLES)
            if item["status"] == "review"
        )
        for index, item in enumerate(demo_content.ARTICLES):
            day = (now - datetime.timedelta(days=item["days_ago"])).date()
            when = _at(day, 8 + index % 12, (index * 7) % 60)
            if item["days_ago"] >= 0 and when > now:
                when = now - datetime.timedelta(minutes=5 + index)
            # One story in review was sent back, so the desk shows that state too.
            status = "returned" if index == first_review else item["status"]
            if self._article(item, reporter, when, status):
                new += 1
                article = Article.objects.get(title_fa=item["title"])
                created.append(article)
                self._trail(article, users, when)
        self._relate(created)

        self.stdout.write(
            f"seed_demo: {Service.objects.count()} services, "
            f"{Topic.objects.count()} topics, {Official.objects.count()} officials, "
            f"{Article.objects.count()} articles ({new} new); "
            f"logins {', '.join(users)} with password {settings.DEMO_PASSWORD}"
        )

    def _official(self, item: dict) -> None:
        official, _ = Official.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name_fa": item["fa"],
                "name_en": item["en"],
                "bio_fa": item.get("bio_fa", ""),
                "bio_en": item.get("bio_en", ""),
            },
        )
        for pos in item["positions"]:
            start = parse_date(pos["from"])
            Position.objects.get_or_create(
                official=official,
                title_fa=pos["title_fa"],
                start_date=start,
                defaults={
                    "title_en": pos.get("title_en", ""),
                    "organisation_fa": pos.get("org_fa", ""),
                    "organisation_en": pos.get("org_en", ""),
                    "country": Country.objects.filter(
                        code=pos.get("country") or ""
                    ).first(),
                    "end_date": parse_date(pos["to"]) if pos.get("to") else None,
                },
            )

    def _users(self) -> dict:
        users = {}
        User = get_user_model()
        for username, first, last, group_name, is_superuser in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@newsroom.example",
                    "is_staff": True,
                    "is_superuser": is_superuser,
                },
            )
            if created:
                user.set_password(settings.DEMO_PASSWORD)
                user.save(update_fields=["password"])
                user.groups.add(Group.objects.get(name=group_name))
            users[username] = user
        return users

    def _article(self, item: dict, author, when: datetime.datetime, status: str) -> int:
        """Create the article unless one with its title exists; return 1 if created."""
        if Article.objects.filter(title_fa=item["title"]).exists():
            return 0
        visible = status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED)
        article = Article(
            news_code=allocate_news_code(when=min(when, timezone.now())),
            rootitr_fa=item.get("rootitr", ""),
            title_fa=item["title"],
            lead_fa=item.get("lead", ""),
            body_fa=_html(item.get("body", [])),
            title_en=item.get("title_en") or None,
            lead_en=item.get("lead_en") or None,
            service=Service.objects.get(slug=item["service"]),
            article_type=item.get("type", Article.Type.NEWS),
            dateline=item.get("dateline", ""),
            source=item.get("source", ""),
            byline=author.get_full_name(),
            author=author,
            status=status,
            published_at=when
            if visible or status == Article.Status.WITHDRAWN
            else None,
            is_breaking=item.get("breaking", False),
            is_lead=item.get("lead_story", False),
        )
        article.full_clean()
        article.save()
        article.officials.set(
            Official.objects.filter(slug__in=item.get("officials", []))
        )
        article.countries.set(
            Country.objects.filter(code__in=item.get("countries", []))
        )
        article.topics.set(Topic.objects.filter(slug__in=item.get("topics", [])))
        return 1

    def _trail(self, article: Article, users: dict, when: datetime.datetime) -> None:
        """Record the desk steps that brought the article to its state."""
        steps = TRAIL[article.status]
        for minutes, (action, who) in enumerate(steps):
            from_status, to_status = PATH[action]
            if who == "editor" and article.service.slug not in EDITOR_DESKS:
                who = "chief"
            ArticleEvent.objects.create(
                article=article,
                actor=users[who],
                kind=ArticleEvent.Kind.TRANSITION,
                action=action,
                from_status=from_status,
                to_status=to_status,
                note=SEND_BACK_NOTE if action == "send_back" else "",
                created_at=min(when, timezone.now())
                - datetime.timedelta(minutes=30 - 10 * minutes),
            )

    def _relate(self, articles: list[Article]) -> None:
        """Link each new article to the previous new one of its service."""
        last_by_service: dict[int, Article] = {}
        for article in articles:
            previous = last_by_service.get(article.service_id)
            if previous is not None:
                article.related.add(previous)
            last_by_service[article.service_id] = article
