"""Load the demo newsroom: desks, topics, officials, articles, photos, staff users.

The content is data, in the JSON files of ``articles/demo/`` (see
``articles.demo_content``); this command only loads it. Every article starts as a
draft and is brought to the state the demo shows by the workflow's own transitions,
each made by the first demo user the workflow lets make it. Every story shows one
of the drawn library photos (``articles.demo_photos``), and a photo story its
gallery, whose first photo becomes its lead photo as in the admin.

Idempotent: everything is looked up by a stable key first, so a second run
changes nothing.
Needs no network.
"""

import datetime
from collections import deque

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import demo_content, roles
from articles.demo_photos import SCENES, demo_photo
from articles.gallery import lead_photo_from_gallery
from articles.models import Article, ArticleEvent, ArticlePhoto, allocate_news_code
from articles.services import TRANSITIONS, article_transition, refusal
from officials.models import Official, Position
from persian.jalali import parse_date
from photos.models import Photo
from topics.desks import DESKS
from topics.models import Country, Service, Topic

S = Article.Status
# The roles staff.json may name.
ROLES = {
    "reporter": roles.REPORTER,
    "editor": roles.EDITOR,
    "chief": roles.CHIEF,
    "administrator": roles.ADMINISTRATOR,
}
# Who moves the demo's stories, in this order: the author (a reporter), then the desk
# editor, then the chief editor. The administrator, a superuser, never stands in.
ACTING_ROLES = ("reporter", "editor", "chief")
# Time between two moves on the same story in its trail.
STEP = datetime.timedelta(minutes=10)


def workflow_path(target: str, *, start: str = S.DRAFT) -> list[str]:
    """Return the fewest transitions, by name, from state ``start`` to ``target``.

    A breadth-first walk over ``TRANSITIONS``. Only a story waiting for its future
    time goes through "schedule": the demo's other stories are set in the past.
    """
    skip = set() if target == S.SCHEDULED else {"schedule"}
    paths: dict[str, list[str]] = {start: []}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        if state == target:
            return paths[state]
        for transition in TRANSITIONS.values():
            if (
                transition.name in skip
                or state not in transition.sources
                or transition.target in paths
            ):
                continue
            paths[transition.target] = [*paths[state], transition.name]
            queue.append(transition.target)
    raise CommandError(f"The workflow has no way from “{start}” to “{target}”.")


def story_path(item: dict) -> list[str]:
    """Return the transitions that bring a draft through ``via`` to ``status``."""
    path, state = [], S.DRAFT
    for target in [*item.get("via", []), item["status"]]:
        path += workflow_path(target, start=state)
        state = target
    return path


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
        try:
            topics = demo_content.topics()
            officials = demo_content.officials()
            staff = demo_content.staff()
            wire_story = demo_content.wire_story()
            stories = demo_content.articles()
        except demo_content.DemoDataError as error:
            raise CommandError(str(error)) from None

        for position, (slug, name_fa, name_en) in enumerate(DESKS):
            Service.objects.get_or_create(
                slug=slug,
                defaults={"name_fa": name_fa, "name_en": name_en, "position": position},
            )
        for topic in topics:
            Topic.objects.get_or_create(
                slug=topic["slug"],
                defaults={"name_fa": topic["fa"], "name_en": topic["en"]},
            )
        for item in officials:
            self._official(item)
        users, actors = self._users(staff)
        reporter = actors[0]  # ACTING_ROLES starts with the reporters

        new = 0
        day = parse_date(wire_story["date"])
        hour, minute = (int(part) for part in wire_story["time"].split(":"))
        if self._article(wire_story, reporter, actors, _at(day, hour, minute)):
            new += 1
        now = timezone.localtime()
        created = []
        for index, item in enumerate(stories):
            day = (now - datetime.timedelta(days=item["days_ago"])).date()
            when = _at(day, 8 + index % 12, (index * 7) % 60)
            if item["days_ago"] >= 0 and when > now:
                when = now - datetime.timedelta(minutes=5 + index)
            article = self._article(item, reporter, actors, when)
            if article is not None:
                new += 1
                created.append(article)
        self._relate(created)

        self.stdout.write(
            f"seed_demo: {Service.objects.count()} services, "
            f"{Topic.objects.count()} topics, {Official.objects.count()} officials, "
            f"{Article.objects.count()} articles ({new} new), "
            f"{Photo.objects.count()} photos; "
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

    def _users(self, staff: list[dict]) -> tuple[dict, list]:
        """Return the demo users by username, and those who move stories, in order."""
        users = {}
        by_role: dict[str, list] = {}
        User = get_user_model()
        for entry in staff:
            username, role = entry["username"], entry["role"]
            if role not in ROLES:
                raise CommandError(
                    f"staff.json: “{username}” has the role “{role}”; "
                    f"the roles are {', '.join(ROLES)}"
                )
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": entry.get("first_name", ""),
                    "last_name": entry.get("last_name", ""),
                    "email": f"{username}@newsroom.example",
                    "is_staff": True,
                    "is_superuser": entry.get("superuser", False),
                },
            )
            if created:
                user.set_password(settings.DEMO_PASSWORD)
                user.save(update_fields=["password"])
                user.groups.add(Group.objects.get(name=ROLES[role]))
            user.desks.add(*Service.objects.filter(slug__in=entry.get("desks", [])))
            users[username] = user
            by_role.setdefault(role, []).append(user)
        actors = [user for role in ACTING_ROLES for user in by_role.get(role, [])]
        if not by_role.get("reporter"):
            raise CommandError("staff.json: the demo needs a reporter to write stories")
        return users, actors

    def _article(
        self, item: dict, author, actors: list, when: datetime.datetime
    ) -> Article | None:
        """Write the story as a draft and walk it to its state, unless its title exists.

        The story shows the library photo its ``photo`` names, and a photo story the
        photos of its ``gallery``. Return the new article, or None if there already
        was one.
        """
        if Article.objects.filter(title_fa=item["title"]).exists():
            return None
        article = Article(
            photo=self._photo(item, item["photo"]) if item.get("photo") else None,
            news_code=allocate_news_code(when=min(when, timezone.now())),
            rootitr_fa=item.get("rootitr", ""),
            title_fa=item["title"],
            lead_fa=item.get("lead", ""),
            body_fa=_html(item.get("body", [])),
            title_en=item.get("title_en") or None,
            lead_en=item.get("lead_en") or None,
            body_en=_html(item.get("body_en", [])) or None,
            service=Service.objects.get(slug=item["service"]),
            article_type=item.get("type", Article.Type.NEWS),
            dateline=item.get("dateline", ""),
            source=item.get("source", ""),
            byline=author.get_full_name(),
            author=author,
            status=S.DRAFT,
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
        self._gallery(article, item)
        path = story_path(item)
        notes = item.get("notes", {})
        for name in path:
            note = notes.get(name, "")
            at = when if name == "schedule" else None
            actor = next(
                (u for u in actors if not refusal(u, article, name, note=note, at=at)),
                None,
            )
            if actor is None:
                reason = refusal(actors[-1], article, name, note=note, at=at)
                raise CommandError(f"“{item['title']}”: {reason}")
            article_transition(article=article, user=actor, name=name, note=note, at=at)
        self._backdate(article, path, when)
        return article

    def _photo(self, item: dict, name: str):
        if name not in SCENES:
            raise CommandError(
                f"“{item['title']}”: no demo photo “{name}”; "
                f"the photos are {', '.join(SCENES)}"
            )
        return demo_photo(name)

    def _gallery(self, article: Article, item: dict) -> None:
        """The photo story's photos in order, each captioned in both languages."""
        for position, entry in enumerate(item.get("gallery", []), start=1):
            ArticlePhoto.objects.create(
                article=article,
                photo=self._photo(item, entry["photo"]),
                position=position,
                caption_fa=entry.get("caption", ""),
                caption_en=entry.get("caption_en") or None,
            )
        lead_photo_from_gallery(article)

    def _backdate(self, article: Article, path: list[str], when: datetime.datetime):
        """Set the story's moves, and its publication, on the day the demo files it.

        The workflow stamps every move, and "publish", with the present moment; the
        demo shows an archive spread over past days, so this is the one place that
        moves those times back. The publish move lands on the publish time, the
        other moves ten minutes apart around it, and nothing lies in the future.
        """
        now = timezone.now()
        if "publish" in path:
            Article.objects.filter(pk=article.pk).update(published_at=when)
            article.published_at = when
        anchor = path.index("publish") if "publish" in path else len(path)
        start = min(when, now) - anchor * STEP
        events = article.events.filter(kind=ArticleEvent.Kind.TRANSITION)
        for number, event_pk in enumerate(events.values_list("pk", flat=True)):
            ArticleEvent.objects.filter(pk=event_pk).update(
                created_at=min(start + number * STEP, now)
            )

    def _relate(self, articles: list[Article]) -> None:
        """Link each new article to the previous new one of its service."""
        last_by_service: dict[int, Article] = {}
        for article in articles:
            previous = last_by_service.get(article.service_id)
            if previous is not None:
                article.related.add(previous)
            last_by_service[article.service_id] = article
