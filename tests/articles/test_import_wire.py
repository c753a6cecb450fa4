"""``import_wire`` and ``wire_item_import``: the acceptance run, drafts, bad input."""

import json
from io import StringIO

import pytest
import reversion
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone, translation

from articles.models import Article, ArticleEvent
from articles.wire_import import WireImportError, wire_item_import
from persian.jalali import day_key, parse_date
from tests.articles.test_linking import make_demo_officials
from tests.articles.test_wire import SEED
from tests.factories import UserFactory

KEYS = {
    "rootitr",
    "title",
    "lead",
    "body",
    "source",
    "dateline",
    "officials",
    "countries",
    "warnings",
}
POURMOHAMMADI = "mohammadreza-pourmohammadi"
SAMADZADEH = "majid-samadzadeh-saber"
SMALL = (
    "استاندار در دیدار با سفیر:\n\n"
    "همکاری دو استان گسترش می یابد\n\n"
    "تبریز- استاندار گفت: همکاری ها با قزاقستان بیشتر می شود.\n"
    "به گزارش نصر، وی افزود: کارگروه مشترکی تشکیل شده است.\n"
    "انتهای پیام\n"
)


@pytest.fixture
def officials(db):
    return make_demo_officials()


def run(*args) -> str:
    out = StringIO()
    call_command("import_wire", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def write(tmp_path, data: bytes):
    path = tmp_path / "wire.txt"
    path.write_bytes(data)
    return path


def test_acceptance_seed_dry_run_json(officials):
    out = run(SEED, "--dry-run", "--json", "--date", "1399/09/03")
    data = json.loads(out)  # exactly one JSON object, nothing else
    assert set(data) == KEYS
    assert data["rootitr"] == (
        "استاندار آذربایجان شرقی در ارتباط تصویری با سفیر ایران در قزاقستان:"
    )
    assert data["title"] == "آذربایجان شرقی، کانون ارتباطی ایران با کشورهای همسایه است"
    lead_start = "استاندار آذربایجان شرقی گفت: بخش مهمی"
    assert data["lead"].startswith(lead_start)
    assert not any(p.startswith(lead_start) for p in data["body"])
    assert data["source"] == "نصر"
    assert any(
        p.startswith("وی با اشاره به ظرفیت‌های قزاقستان در حوزه کشاورزی،")
        for p in data["body"]
    )
    assert any("وارونه" in w for w in data["warnings"])
    officials_by_slug = {o["slug"]: o for o in data["officials"]}
    assert set(officials_by_slug) == {POURMOHAMMADI, SAMADZADEH}
    for item in data["officials"]:
        assert {"name", "slug", "matched_by", "mention"} <= set(item)
        assert item["matched_by"] in ("name", "position")
        ways = {m["matched_by"] for m in item["mentions"]}
        assert ways == {"name", "position"}  # by name and by title alone
    assert officials_by_slug[SAMADZADEH]["name"] == "مجید صمدزاده صابر"
    assert {"IR", "KZ"} <= set(data["countries"])
    assert Article.objects.count() == 0


def test_acceptance_against_the_demo_data(db):
    call_command("seed_demo", stdout=StringIO())
    data = json.loads(run(SEED, "--dry-run", "--json", "--date", "1399/09/03"))
    assert [o["slug"] for o in data["officials"]] == [POURMOHAMMADI, SAMADZADEH]
    assert data["countries"] == ["IR", "KZ"]
    # The demo already holds this story: the editor is told so.
    assert any("همین تیتر" in w for w in data["warnings"])


def test_the_date_decides_who_the_governor_was(officials):
    raw = (
        "استاندار آذربایجان شرقی:\n\nخبر\n\nاستاندار آذربایجان شرقی گفت: کار آغاز شد.\n"
    )
    for day, slug in [("1400/07/20", POURMOHAMMADI), ("1400/07/30", "abedin-khorram")]:
        result = wire_item_import(raw=raw, date=parse_date(day), dry_run=True)
        assert [(m.slug, m.matched_by) for m in result.mentions] == [(slug, "position")]


def test_import_creates_a_linked_draft(officials):
    before = Article.objects.count()
    data = json.loads(run(SEED, "--json", "--date", "1399/09/03"))
    assert Article.objects.count() == before + 1
    article = Article.objects.get(news_code=data["news_code"])
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert article.service.slug == "provinces"
    assert article.title_fa == data["title"]
    assert article.lead_fa == data["lead"]
    assert article.body_fa.count("<p>") == len(data["body"])
    assert article.source == "نصر"
    # The code records filing time (now), not the day the story is about.
    assert str(article.news_code).startswith(day_key(timezone.now()))
    assert set(article.officials.values_list("slug", flat=True)) == {
        POURMOHAMMADI,
        SAMADZADEH,
    }
    assert set(article.countries.values_list("code", flat=True)) == {"IR", "KZ"}
    event = ArticleEvent.objects.get(article=article)
    assert event.kind == ArticleEvent.Kind.NOTE
    assert event.note.startswith("از خبر خام وارد شد")
    assert "وارونه" in event.note


def test_import_without_json_prints_a_summary_and_the_code(officials):
    out = run(SEED, "--date", "1399/09/03", "--service", "economic")
    article = Article.objects.get()
    assert article.service.slug == "economic"
    assert f"draft {article.news_code} created" in out
    assert "تیتر: آذربایجان شرقی" in out


def test_dry_run_without_json_saves_nothing(officials):
    out = run(SEED, "--dry-run")
    assert "dry run, nothing saved" in out
    assert not Article.objects.exists()


def test_service_records_the_author_and_the_dateline(officials):
    user = UserFactory(is_staff=True)
    result = wire_item_import(raw=SMALL.encode(), user=user)
    article = result.article
    assert article.author == user
    assert article.dateline == "تبریز"
    assert article.source == "نصر"
    assert article.lead_fa == "استاندار گفت: همکاری‌ها با قزاقستان بیشتر می‌شود."
    assert (
        article.body_fa
        == "<p>به گزارش نصر، وی افزود: کارگروه مشترکی تشکیل شده است.</p>"
    )
    assert list(article.countries.values_list("code", flat=True)) == ["KZ"]
    assert ArticleEvent.objects.get(article=article).actor == user


def test_the_same_story_twice_is_reported(officials):
    first = wire_item_import(raw=SMALL).article
    second = wire_item_import(raw=SMALL, dry_run=True)
    assert any("همین تیتر" in w and "کد خبر" in w for w in second.warnings), (
        second.warnings
    )
    assert first.pk


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("سلام، اين خبر است.".encode("cp1256"), "UTF-8"),
        (b"", "خالی"),
        (b"  \n\n \t ", "خالی"),
        (b"\x00\x01\x02\x03binary", "متنی نیست"),
        (bytes(range(1, 32)) * 10, "متنی نیست"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 4, "متنی نیست"),
        (bytes(range(128, 256)) * 4, "UTF-8"),
        ("!!! ... ؟؟؟".encode(), "پیدا نشد"),
    ],
)
def test_bad_files_are_refused_with_a_persian_message(db, tmp_path, data, message):
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, data), "--dry-run")
    assert message in str(error.value)
    assert not Article.objects.exists()


def test_a_10_mb_file_is_refused(db, tmp_path):
    path = write(tmp_path, "خبر خام. ".encode() * (10 * 1024 * 1024 // 14))
    assert path.stat().st_size > 10_000_000
    with pytest.raises(CommandError, match="مگابایت"):
        run(path)
    assert not Article.objects.exists()


def test_the_service_refuses_huge_text_too(db):
    with pytest.raises(WireImportError, match="مگابایت"):
        wire_item_import(raw="خبر " * 400_000, dry_run=True)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "garbage"], "تاریخ"),
        (["--date", "1399/13/40"], "تاریخ"),
        (["--service", "no-such-desk"], "no-such-desk"),
    ],
)
def test_bad_options_are_refused(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(SEED, "--dry-run", *args)


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="پیدا نشد"):
        run(tmp_path / "nope.txt")


def test_errors_exit_1_without_a_traceback(db, tmp_path, capsys):
    path = write(tmp_path, "سلام".encode("cp1256"))
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(["manage.py", "import_wire", str(path)])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("CommandError: ")
    assert "Traceback" not in err


def test_script_in_the_copy_is_stored_escaped(officials, tmp_path, admin_client):
    raw = (
        "روتیتر:\n\n"
        "<script>alert(1)</script> تیتر خبر\n\n"
        "استاندار گفت: کار آغاز شد.\n"
        '<script>alert("x")</script><img src=x onerror=alert(2)> وی افزود: پایان.\n'
    )
    data = json.loads(run(write(tmp_path, raw.encode()), "--json"))
    article = Article.objects.get(news_code=data["news_code"])
    assert "<script" not in article.body_fa
    assert "<img" not in article.body_fa
    assert "&lt;script&gt;" in article.body_fa
    assert any("HTML" in w for w in data["warnings"])
    for url in (
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:articles_article_changelist"),
    ):
        page = admin_client.get(url).content.decode()
        assert "<script>alert" not in page
        assert "<img src=x" not in page


# --- The same import in the admin ----------------------------------------------


def test_admin_import_shows_the_parse_then_creates_the_draft(client, officials):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from articles import roles
    from tests.factories import UserFactory

    reporter = UserFactory(username="wire-reporter", is_staff=True)
    reporter.groups.add(Group.objects.get(name=roles.REPORTER))
    client.force_login(reporter)
    url = reverse("admin:articles_article_import")
    raw = SEED.read_text(encoding="utf-8")
    form = {"raw": raw, "date": "1399/09/03", "service": "provinces"}

    preview = client.post(url, {**form, "_parse": "1"})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "آذربایجان شرقی، کانون ارتباطی ایران با کشورهای همسایه است" in html
    assert "محمدرضا پورمحمدی" in html and "قزاقستان" in html
    assert not Article.objects.exists()

    created = client.post(url, {**form, "_create": "1"})
    article = Article.objects.get()
    assert created.status_code == 302
    assert created["Location"] == reverse(
        "admin:articles_article_change", args=[article.pk]
    )
    assert article.status == Article.Status.DRAFT
    assert article.author == reporter
    assert set(article.countries.values_list("code", flat=True)) >= {"IR", "KZ"}


def test_admin_import_of_a_story_filed_before_offers_to_open_it(client, officials):
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from articles import roles
    from tests.factories import UserFactory

    reporter = UserFactory(username="wire-reporter", is_staff=True)
    reporter.groups.add(Group.objects.get(name=roles.REPORTER))
    client.force_login(reporter)
    url = reverse("admin:articles_article_import")
    form = {
        "raw": SEED.read_text(encoding="utf-8"),
        "date": "1399/09/03",
        "service": "provinces",
    }
    client.post(url, {**form, "_create": "1"})
    first = Article.objects.get()

    again = client.post(url, {**form, "_create": "1"})
    html = again.content.decode()
    assert again.status_code == 200
    assert Article.objects.count() == 1  # nothing made behind the warning
    assert reverse("admin:articles_article_change", args=[first.pk]) in html
    assert 'name="_create_anyway"' in html
    assert 'name="_create"' not in html

    anyway = client.post(url, {**form, "_create_anyway": "1"})
    assert anyway.status_code == 302
    assert Article.objects.count() == 2


def test_admin_import_refuses_garbage_with_a_persian_message(admin_client):
    from django.urls import reverse

    url = reverse("admin:articles_article_import")
    response = admin_client.post(
        url, {"raw": "   ", "date": "", "service": "provinces", "_parse": "1"}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Article.objects.exists()


def test_the_history_of_an_imported_article_opens(officials, admin_client):
    # The command saves with no user: its revision is shown as made by nobody.
    data = json.loads(run(SEED, "--json", "--date", "1399/09/03"))
    article = Article.objects.get(news_code=data["news_code"])
    article.title_fa = "تیتر اصلاح‌شده"
    with reversion.create_revision():
        article.save()
    history = reverse("admin:articles_article_history", args=[article.pk])
    response = admin_client.get(history)
    assert response.status_code == 200
    versions = response.context["versions"]
    assert len(versions) == 2
    assert versions[-1].revision.user is None
    diff = admin_client.get(history, {"a": versions[-1].pk, "b": versions[0].pk})
    assert diff.status_code == 200
    assert "تیتر اصلاح‌شده" in diff.content.decode()


def test_a_500_kb_line_is_refused_not_made_a_lead(db, tmp_path):
    # What the attacker sent: one line of half a megabyte became a 500,000-letter lead.
    path = write(tmp_path, ("تیتر خبر\n\n" + "خبر " * 125_000 + "\n").encode())
    with pytest.raises(CommandError, match="یک سطر این متن ۵۰۰٬۰۰۰ نویسه است"):
        run(path)
    assert not Article.objects.exists()


def test_a_lead_over_the_limit_is_refused_with_the_way_out(db):
    # A whole story sent as one paragraph: no line is absurd, the lead would be.
    story = " ".join(["استاندار گفت: همکاری دو استان گسترش می‌یابد."] * 60)
    with pytest.raises(WireImportError, match="یک سطر خالی بگذارید"):
        wire_item_import(raw=f"تیتر خبر\n\n{story}\n", dry_run=True)


def test_a_megabyte_pasted_in_the_admin_answers_in_persian_and_keeps_the_text(
    admin_client,
):
    url = reverse("admin:articles_article_import")
    raw = "تیتر خبر\n\n" + ("خبر خام بلند. " * 20 + "\n\n") * 2_500  # ~1.3 MB
    response = admin_client.post(
        url, {"raw": raw, "date": "", "service": "provinces", "_parse": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "بزرگ‌تر از یک مگابایت" in html
    assert response.context["form"]["raw"].value() == raw  # nothing thrown away
    assert "maxlength" not in str(response.context["form"]["raw"])


def test_a_request_over_the_size_limit_gets_the_persian_400_page(
    admin_client, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    url = reverse("admin:articles_article_import")
    response = admin_client.post(url, {"raw": "خبر " * 100_000, "service": "provinces"})
    assert response.status_code == 400
    assert "متن هنوز در مرورگر شماست" in response.content.decode()


def test_a_form_sent_after_its_token_expired_gets_the_persian_page(superuser):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    url = reverse("admin:articles_article_import")
    response = client.post(url, {"raw": "خبر", "service": "provinces"})
    assert response.status_code == 403
    assert "متن شما هنوز در مرورگر است" in response.content.decode()


# --- Messages from the translation catalogue -------------------------------------


def test_refusals_are_in_the_readers_language(db):
    from django.utils import translation

    with pytest.raises(WireImportError, match="فایل خبر خالی است"):
        wire_item_import(raw=b"  \n", dry_run=True)
    with translation.override("en"), pytest.raises(WireImportError) as error:
        wire_item_import(raw=b"  \n", dry_run=True)
    assert str(error.value) == "The wire file is empty."
    with translation.override("en"), pytest.raises(WireImportError) as error:
        wire_item_import(raw="سلام".encode("cp1256"), dry_run=True)
    assert "UTF-8" in str(error.value) and "Windows-1256" in str(error.value)
    with translation.override("en"), pytest.raises(WireImportError) as error:
        wire_item_import(raw="خبر " * 3_000, dry_run=True)
    assert "12,000 characters" in str(error.value)


def test_the_service_holds_no_persian_literals():
    import ast
    from pathlib import Path

    import articles.wire_import as service

    tree = ast.parse(Path(service.__file__).read_text(encoding="utf-8"))
    persian = [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and sum(c.isalpha() and "\u0600" <= c <= "\u06ff" for c in node.value) > 1
    ]
    # Its docstrings speak of Persian only in English.
    assert persian == []


def test_the_commands_refusals_are_translated_too(db, tmp_path):
    from django.utils import translation

    with translation.override("en"), pytest.raises(CommandError) as error:
        run(SEED, "--dry-run", "--date", "garbage")
    assert str(error.value).startswith("The date “garbage” is not right")
    with pytest.raises(CommandError, match="فایل «.*nope.txt» پیدا نشد"):
        run(tmp_path / "nope.txt")


def test_the_summary_is_persian_by_default_and_english_when_english_is_active(
    officials,
):
    persian = run(SEED, "--dry-run", "--date", "1399/09/03")
    assert "روتیتر: استاندار آذربایجان شرقی" in persian
    assert "متن: 16 پاراگراف" in persian
    assert "هشدار: ترتیب واژه‌های یک سطر وارونه بود" in persian
    data = json.loads(run(SEED, "--dry-run", "--json", "--date", "1399/09/03"))
    assert any(w.startswith("ترتیب واژه‌های یک سطر") for w in data["warnings"])
    with translation.override("en"):
        english = run(SEED, "--dry-run", "--date", "1399/09/03")
    assert "Rootitr: استاندار آذربایجان شرقی" in english
    assert "Officials: " in english and "Countries: " in english
    assert "Warning: The words of a line were in reverse order" in english
    labels = ("روتیتر:", "تیتر:", "لید:", "متن:", "منبع:", "محل خبر:", "هشدار:")
    assert not any(line.startswith(labels) for line in english.splitlines())
