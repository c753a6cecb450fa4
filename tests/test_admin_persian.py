"""Every date and number an editor reads in the Persian admin is Jalali, in Persian
digits; field names in the admin log are Persian; the admin is set in Vazirmatn.

The walk opens the pages an editor sees, with data on each, and reads the text a
person sees (not attributes, scripts or form values) for a date or a time written in
Latin digits or in the Gregorian calendar.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
import reversion
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import roles, services
from articles.models import Article, Correction
from articles.wire_import import wire_item_import
from persian.admin import change_message, field_label, show_datetime, show_number
from tests.articles.conftest import change_form, change_url, staff
from tests.articles.test_import_wire import SMALL
from tests.factories import (
    ArticleFactory,
    OfficialFactory,
    PositionFactory,
    TopicFactory,
    country,
    library_photo,
    service,
)

pytestmark = pytest.mark.django_db
S = Article.Status

# --- Reading a page as a person does -------------------------------------------------


class VisibleText(HTMLParser):
    """The text of a page a reader sees: no scripts, styles, or form values."""

    SKIP = {"script", "style", "template", "textarea", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping.append(tag)

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.parts


MONTHS_EN = (
    "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|"
    "April|June|July|August|September|October|November|December|Farvardin|"
    "Ordibehesht|Khordad|Tir|Mordad|Shahrivar|Mehr|Aban|Azar|Dey|Bahman|Esfand"
)
MONTHS_FA = "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند"
GREGORIAN_FA = (
    "ژانویه|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|جولای|اوت|سپتامبر|اکتبر|نوامبر|دسامبر"
)
# Dates and times an editor must never read in the Persian admin.
LATIN_DATES = [
    re.compile(r"(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])"),  # 2026-11-30
    # 1405/09/10, 11/30/2026 (a stored file's name, 2026/12/<hex>, is no date)
    re.compile(r"(?<![0-9])[0-9]{1,4}/[0-9]{1,2}/[0-9]{1,4}(?![0-9a-f])"),
    re.compile(r"(?<![0-9])[0-9]{1,2}:[0-9]{2}(?![0-9])"),  # 14:05
    re.compile(rf"(?<![0-9])[0-9]{{1,2}}\s+(?:{MONTHS_EN}|{MONTHS_FA})\b"),  # 30 Nov
    re.compile(rf"\b(?:{MONTHS_EN})\.?\s+[0-9]{{1,4}}"),  # Nov. 30, Azar 1405
    re.compile(rf"(?:{MONTHS_FA})\s+[0-9]{{4}}"),  # آذر 1405
    # A Gregorian month in Persian, in any digits: ۳۰ نوامبر ۲۰۲۶
    re.compile(
        rf"[0-9۰-۹]\s+(?:{GREGORIAN_FA})(?!\w)|(?<!\w)(?:{GREGORIAN_FA})\s+[0-9۰-۹]"
    ),
    # A Gregorian year, 2026 (not a folder of a stored file's name, photos/2026/12/)
    re.compile(r"(?<![\w/])(?:19|20)[0-9]{2}(?![\w/])"),
    re.compile(r"\b[0-9]{1,2}\s*[ap]\.m\.", re.IGNORECASE),  # 2 p.m.
]


def latin_dates(html: str) -> list[str]:
    """The visible text of ``html`` holding a date or time it must not show."""
    return [
        text
        for text in visible_text(html)
        if any(pattern.search(text) for pattern in LATIN_DATES)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-30",
        "30 Nov 2026",
        "Nov. 30, 2026",
        "ساعت 14:05",
        "1405/09/10",
        "۱۰ آذر 1405",
        "10 آذر ۱۴۰۵",
        "۳۰ نوامبر ۲۰۲۶",
        "30 نوامبر 2026، ساعت 14:05",
        "2 p.m.",
        "3 Azar 1405, 14:05",
    ],
)
def test_the_scan_finds_each_kind_of_latin_date(text):
    assert latin_dates(f"<p>{text}</p>") == [text]


def test_the_scan_reads_only_what_a_person_sees():
    html = (
        '<p title="2026-11-30">۱۰ آذر ۱۴۰۵، ۱۴:۰۵</p>'
        '<input type="hidden" name="t" value="14:05">'
        "<script>var d = '2026-11-30';</script><textarea>1405/09/10</textarea>"
        '<a href="/media/photos/2026/12/5c3f.jpg">photos/2026/12/5c3f0a.jpg</a>'
    )
    assert latin_dates(html) == []


# --- The data an editor works with ---------------------------------------------------


@pytest.fixture
def newsroom_data(db):
    """A story in every state, wire copy, an official, a photo and locked-out logins.

    Their names are Persian words: the factories' numbered names (``تیتر خبر شماره
    1971``) would read as Gregorian years to the scan.
    """
    chief = staff("chief", roles.CHIEF)
    reporter = staff("reporter", roles.REPORTER)
    now = timezone.now().replace(second=0, microsecond=0)
    for status in (S.DRAFT, S.RETURNED, S.REVIEW, S.APPROVED):
        ArticleFactory(
            status=status,
            published_at=None,
            author=reporter,
            title_fa=f"خبر {Article.Status(status).label}",
        )
    ArticleFactory(
        status=S.SCHEDULED,
        published_at=now + datetime.timedelta(days=2),
        title_fa="خبر زمان‌بندی‌شده",
    )
    published = ArticleFactory(
        status=S.PUBLISHED,
        published_at=now - datetime.timedelta(days=40),  # to the minute, as the form
        service=service("economic"),
        author=reporter,
        title_fa="صادرات استان افزایش یافت",
    )
    published.officials.add(OfficialFactory(name_fa="استاندار", name_en="Governor"))
    published.countries.add(country("KZ"))
    published.topics.add(TopicFactory(name_fa="اقتصاد", name_en="Economy"))
    services.article_correct(article=published, user=chief, note="رقم اصلاح شد")
    wire = wire_item_import(raw=SMALL, user=reporter).article
    official = OfficialFactory(name_fa="سفیر", name_en="Ambassador")
    PositionFactory(official=official, country=country("IR"))
    photo = library_photo(caption_fa="عکس شهر", taken_on=datetime.date(2026, 11, 30))
    login = {"username": "chief", "ip_address": "192.0.2.10", "user_agent": "Firefox"}
    AccessAttempt.objects.create(**login, failures_since_start=5)
    AccessFailureLog.objects.create(**login, locked_out=True)
    AccessLog.objects.create(**login, logout_time=now)
    return {
        "chief": chief,
        "reporter": reporter,
        "published": published,
        "wire": wire,
        "official": official,
        "photo": photo,
    }


def edit_through_the_admin(client, article, **changes):
    """Change the text in the form (title and lead unless told): a log entry and a
    revision. The story's tags are sent as they are, so only the text changes."""
    article.refresh_from_db()
    data = change_form(
        article, **(changes or {"title_fa": "تیتر تازه", "lead_fa": "لید تازه"})
    )
    for name in ("officials", "countries", "topics"):
        data[name] = [
            str(pk) for pk in getattr(article, name).values_list("pk", flat=True)
        ]
    assert client.post(change_url(article), data).status_code == 302


def admin_pages(data) -> list[str]:
    """The admin pages an editor reads, every list with its filters among them."""
    articles = reverse("admin:articles_article_changelist")
    published = data["published"]
    pages = [
        reverse("admin:index"),
        articles,
        *(f"{articles}?queue={key}" for key in ("review", "published_today", "wire")),
        f"{articles}?scope=mine&day=today",
        f"{articles}?published_at__gte=2026-11-22&published_at__lt=2026-12-22",
        f"{articles}?o=-7.1",
        change_url(published),
        change_url(data["wire"]),
        reverse("admin:articles_article_history", args=[published.pk]),
        reverse("admin:articles_article_import"),
        reverse("admin:officials_official_change", args=[data["official"].pk]),
        reverse("admin:photos_photo_change", args=[data["photo"].pk]),
        reverse("admin:photos_photo_upload"),
    ]
    for model in admin.site._registry:
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    return pages


def walk(client, pages) -> dict[str, list[str]]:
    found, opened = {}, 0
    for path in pages:
        response = client.get(path)
        # A page the user may not open (a list, another desk's story) is not read.
        if response.status_code == 403 or (
            response.status_code == 302 and response.url == reverse("admin:index")
        ):
            continue
        assert response.status_code == 200, path
        opened += 1
        bad = latin_dates(response.content.decode())
        if bad:
            found[path] = bad
    assert opened, "no page could be opened"
    return found


def test_chief_editor_reads_no_latin_or_gregorian_date_anywhere(client, newsroom_data):
    client.force_login(newsroom_data["chief"])
    edit_through_the_admin(client, newsroom_data["published"])
    assert walk(client, admin_pages(newsroom_data)) == {}
    parsed = client.post(
        reverse("admin:articles_article_import"),
        {"raw": SMALL, "date": "1405/09/10", "service": "political", "_parse": "1"},
    )
    assert "wire-parse" in parsed.content.decode()
    assert latin_dates(parsed.content.decode()) == []


def test_administrator_reads_none_in_users_lockouts_and_the_photo_library(
    admin_client, newsroom_data
):
    edit_through_the_admin(admin_client, newsroom_data["published"])
    assert walk(admin_client, admin_pages(newsroom_data)) == {}


@pytest.mark.parametrize("role", ["reporter", "editor"])
def test_read_only_pages_show_no_latin_date_either(client, newsroom_data, role):
    """A published story is read-only to its reporter and to its desk's editor:
    its publish time and its corrections are shown, not edited."""
    user = newsroom_data["reporter"]
    if role == "editor":
        user = staff("editor", roles.EDITOR, desks=("economic",))
    client.force_login(user)
    published = newsroom_data["published"]
    page = client.get(change_url(published)).content.decode()
    assert "رقم اصلاح شد" in page  # the correction, read-only
    assert 'name="title_fa"' not in page
    assert walk(client, admin_pages(newsroom_data)) == {}


def test_the_walk_would_see_a_latin_date(client, newsroom_data):
    """The scan of a real page fails on a Gregorian, Latin date (not a dead test)."""
    client.force_login(newsroom_data["chief"])
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    date = timezone.localtime(newsroom_data["published"].published_at)
    assert latin_dates(page.replace("</h1>", f"{date:%Y-%m-%d %H:%M}</h1>", 1))


def test_no_list_draws_django_s_gregorian_date_hierarchy():
    """Django's date hierarchy names Gregorian years and months; the lists filter by
    date with the Jalali date filter instead (persian.admin)."""
    assert [a for a in admin.site._registry.values() if a.date_hierarchy] == []


def test_the_history_page_query_count_does_not_grow(
    client, newsroom_data, django_assert_num_queries
):
    client.force_login(newsroom_data["chief"])
    article = newsroom_data["published"]
    url = reverse("admin:articles_article_history", args=[article.pk])
    edit_through_the_admin(client, article)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    expected = len(few.captured_queries)  # read now: the next request empties the log
    for n in range(4):
        edit_through_the_admin(client, article, title_fa=f"تیتر {n}")
    with django_assert_num_queries(expected):
        html = client.get(url).content.decode()
    # each edit: a line of the admin log, and the comment of its revision
    assert html.count("تیتر (فارسی) را تغییر داد.") == 8


# --- Numbers ------------------------------------------------------------------------


def test_counts_and_page_numbers_are_persian(client, newsroom_data):
    ArticleFactory.create_batch(55, status=S.PUBLISHED)
    client.force_login(newsroom_data["chief"])
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    total = Article.objects.count()
    text = " ".join(visible_text(html))
    assert f"{show_number(total)} مطلب" in text  # the paginator's count
    assert "۰ از ۵۰ انتخاب شده‌اند" in text  # the actions' selection counter
    assert '<span class="this-page">۱</span>' in html
    assert ">۲</a>" in html
    found = client.get(
        reverse("admin:articles_article_changelist"), {"q": "تیتر"}
    ).content.decode()
    assert re.search(r"[۰-۹]+ نتیجه", " ".join(visible_text(found)))


def test_topic_counts_are_persian(client, newsroom_data):
    client.force_login(newsroom_data["chief"])
    html = client.get(reverse("admin:topics_topic_changelist")).content.decode()
    cells = re.findall(r'<td class="field-article_count">([^<]*)</td>', html)
    assert cells and all(re.fullmatch("[۰-۹٬]+", cell) for cell in cells), cells


def test_the_english_admin_would_show_jalali_dates_in_latin_digits():
    when = timezone.make_aware(datetime.datetime(2026, 10, 22, 7, 43))
    assert show_datetime(when) == "۳۰ مهر ۱۴۰۵، ۰۷:۴۳"
    assert show_number(12345) == "۱۲٬۳۴۵"
    with translation.override("en"):
        assert show_datetime(when) == "30 Mehr 1405, 07:43"
        assert show_number(12345) == "12,345"


# --- The admin log ----------------------------------------------------------------


def test_field_labels_of_translated_fields_read_in_persian():
    assert field_label("Title [fa]") == "تیتر (فارسی)"
    assert field_label("lead [en]") == "لید (انگلیسی)"
    assert field_label("Publish time") == "زمان انتشار"
    assert field_label("no such field") == "no such field"
    with translation.override("en"):
        assert field_label("Title [fa]") == "Title (Persian)"


def test_the_forms_name_each_language_of_a_field_in_persian(client, newsroom_data):
    client.force_login(newsroom_data["chief"])
    article = newsroom_data["published"]
    html = client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    for label in ("تیتر (فارسی)", "لید (انگلیسی)", "متن (فارسی)"):
        assert f"{label}:</label>" in html, label
    assert "[fa]" not in html and "[en]" not in html
    with translation.override("en"):
        assert str(Article._meta.get_field("title_fa").verbose_name) == (
            "title (Persian)"
        )


def test_change_messages_name_the_fields_in_persian(client, newsroom_data):
    client.force_login(newsroom_data["chief"])
    article = newsroom_data["published"]
    edit_through_the_admin(client, article)
    entry = LogEntry.objects.get(action_flag=CHANGE, object_id=str(article.pk))
    assert "Title [fa]" in entry.change_message  # stored as Django stores it
    assert change_message(entry) == "تیتر (فارسی) و لید (فارسی) را تغییر داد."

    history = client.get(
        reverse("admin:articles_article_history", args=[article.pk])
    ).content.decode()
    assert "تیتر (فارسی) و لید (فارسی) را تغییر داد." in history
    assert "[fa]" not in history
    index = client.get(reverse("admin:index")).content.decode()
    assert "تیتر (فارسی) و لید (فارسی) را تغییر داد." in index


def test_change_messages_of_other_kinds_still_read(newsroom_data):
    ct = ContentType.objects.get_for_model(Correction)
    entry = LogEntry(
        content_type=ct,
        change_message='[{"added": {"name": "correction", "object": "رقم"}}]',
    )
    assert change_message(entry) == "اصلاحیه «رقم» را افزود."
    assert change_message("plain text") == "plain text"
    assert change_message("[not json") == "[not json"
    assert change_message("") == ""


def test_revisions_saved_in_the_form_say_what_changed(client, newsroom_data):
    client.force_login(newsroom_data["chief"])
    article = newsroom_data["published"]
    edit_through_the_admin(client, article)
    latest = reversion.models.Version.objects.get_for_object(article).first()
    assert change_message(latest.revision.comment) == (
        "تیتر (فارسی) و لید (فارسی) را تغییر داد."
    )


# --- Vazirmatn ------------------------------------------------------------------------


def test_every_admin_page_loads_vazirmatn(client, superuser):
    login = client.get(reverse("admin:login")).content.decode()
    assert "vendor/vazirmatn/vazirmatn.css" in login
    client.force_login(superuser)
    html = client.get(reverse("admin:index")).content.decode()
    assert "vendor/vazirmatn/vazirmatn.css" in html
