"""Officials by name, surname and post title (on the article's date); countries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from articles.linking import find_countries, find_officials, link
from articles.wire import parse_wire
from persian.jalali import parse_date
from tests.articles.test_wire import SEED
from tests.factories import OfficialFactory, PositionFactory, country

GOVERNOR = "استاندار آذربایجان شرقی"
AMBASSADOR = "سفیر ایران در قزاقستان"


def make_demo_officials() -> dict:
    """The officials and posts of the seed story, with the demo's terms of office."""
    people = {
        "pourmohammadi": OfficialFactory(
            name_fa="محمدرضا پورمحمدی", slug="mohammadreza-pourmohammadi"
        ),
        "khorram": OfficialFactory(name_fa="عابدین خرم", slug="abedin-khorram"),
        "samadzadeh": OfficialFactory(
            name_fa="مجید صمدزاده صابر", slug="majid-samadzadeh-saber"
        ),
    }
    PositionFactory(
        official=people["pourmohammadi"],
        title_fa=GOVERNOR,
        country=country("IR"),
        start_date=parse_date("1397/09/07"),
        end_date=parse_date("1400/07/24"),
    )
    PositionFactory(
        official=people["khorram"],
        title_fa=GOVERNOR,
        country=country("IR"),
        start_date=parse_date("1400/07/25"),
        end_date=parse_date("1402/10/30"),
    )
    PositionFactory(
        official=people["samadzadeh"],
        title_fa=AMBASSADOR,
        title_en="Ambassador of Iran to Kazakhstan",
        country=country("KZ"),
        start_date=parse_date("1397/09/01"),
        end_date=parse_date("1401/02/01"),
    )
    return people


@pytest.fixture
def officials(db):
    return make_demo_officials()


def found(text: str, day: str) -> list[tuple[str, str]]:
    return [(m.slug, m.matched_by) for m in find_officials(text, on=parse_date(day))]


def test_full_name_is_found_by_name(officials):
    mentions = find_officials(
        "محمدرضا پورمحمدی در جلسه شورا گفت.", on=parse_date("1399/09/03")
    )
    assert [(m.slug, m.matched_by, m.mention) for m in mentions] == [
        ("mohammadreza-pourmohammadi", "name", "محمدرضا پورمحمدی")
    ]
    assert mentions[0].official == officials["pourmohammadi"]
    assert mentions[0].name == "محمدرضا پورمحمدی"


def test_name_is_found_whatever_the_spelling(officials):
    # Arabic yeh and kaf, a kashida, a half-space in the middle of the surname.
    text = "مجيد صمدزاده\u200cصابر و محمدرضا پورمـحمدی"
    assert found(text, "1399/09/03") == [
        ("majid-samadzadeh-saber", "name"),
        ("mohammadreza-pourmohammadi", "name"),
    ]


def test_surname_counts_after_the_full_name(officials):
    text = "محمدرضا پورمحمدی گفت. پورمحمدی افزود. صمدزاده صابر هم آمد."
    mentions = find_officials(text, on=parse_date("1399/09/03"))
    assert [m.slug for m in mentions] == ["mohammadreza-pourmohammadi"]
    assert mentions[0].mentions == [
        ("name", "محمدرضا پورمحمدی"),
        ("name", "پورمحمدی"),
    ]


def test_surname_alone_is_not_linked_but_reported(officials):
    warnings: list[str] = []
    text = "پورمحمدی گفت. بعدها محمدرضا پورمحمدی را دیدیم."
    mentions = find_officials(text, on=parse_date("1399/09/03"), warnings=warnings)
    assert [m.mentions for m in mentions] == [[("name", "محمدرضا پورمحمدی")]]
    assert any("«پورمحمدی»" in w for w in warnings)
    assert found("پورمحمدی گفت.", "1399/09/03") == []


@pytest.mark.parametrize(
    ("day", "slug"),
    [
        ("1399/09/03", "mohammadreza-pourmohammadi"),
        ("1400/07/20", "mohammadreza-pourmohammadi"),
        ("1400/07/24", "mohammadreza-pourmohammadi"),
        ("1400/07/25", "abedin-khorram"),
        ("1400/07/30", "abedin-khorram"),
    ],
)
def test_post_title_alone_is_whoever_held_it_that_day(officials, day, slug):
    mentions = find_officials(f"{GOVERNOR} گفت: کار آغاز شد.", on=parse_date(day))
    assert [(m.slug, m.matched_by, m.mention) for m in mentions] == [
        (slug, "position", GOVERNOR)
    ]


@pytest.mark.parametrize(
    "title",
    [
        "سفیر ایران در قزاقستان",
        "سفیر جمهوری اسلامی ایران در قزاقستان",
        "سفير جمهوری اسلامی ايران در قزاقستان",
    ],
)
def test_post_title_variants(officials, title):
    mentions = find_officials(f"{title} گفت.", on=parse_date("1399/09/03"))
    assert [(m.slug, m.matched_by, m.mention) for m in mentions] == [
        ("majid-samadzadeh-saber", "position", title)
    ]


def test_a_title_with_no_holder_that_day_is_a_warning(officials):
    warnings: list[str] = []
    mentions = find_officials(
        f"{AMBASSADOR} گفت.", on=parse_date("1402/01/01"), warnings=warnings
    )
    assert mentions == []
    assert warnings == [
        f"برای سمت «{AMBASSADOR}» در این تاریخ کسی ثبت نشده است؛ پیوند داده نشد."
    ]


def test_someone_elses_post_is_not_the_holder(officials):
    text = f"معاون {GOVERNOR} گفت. {GOVERNOR} سابق هم آمد."
    assert found(text, "1399/09/03") == []


def test_the_same_post_in_another_country_is_someone_else(officials):
    PositionFactory(
        official=OfficialFactory(name_fa="حسن روحانی"),
        title_fa="رئیس‌جمهور",
        country=country("IR"),
        start_date=parse_date("1392/05/12"),
        end_date=parse_date("1400/05/11"),
    )
    day = "1399/09/03"
    assert found("رئیس‌جمهور ترکیه گفت.", day) == []
    assert found("رئیس‌جمهور روسیه و رئیس جمهور کره جنوبی", day) == []
    assert [m for m, _how in found("رئیس‌جمهور ایران گفت.", day)] == ["حسن-روحانی"]
    assert [m for m, _how in found("رئیس جمهور گفت.", day)] == ["حسن-روحانی"]


def test_found_by_post_and_by_name_is_reported_once_as_by_name(officials):
    text = f"{GOVERNOR} گفت. محمدرضا پورمحمدی افزود."
    mentions = find_officials(text, on=parse_date("1399/09/03"))
    assert len(mentions) == 1
    assert (mentions[0].matched_by, mentions[0].mention) == (
        "name",
        "محمدرضا پورمحمدی",
    )
    assert mentions[0].mentions == [
        ("position", GOVERNOR),
        ("name", "محمدرضا پورمحمدی"),
    ]


def test_queries_do_not_grow_with_the_text(officials):
    short = f"{GOVERNOR} و محمدرضا پورمحمدی در ایران."
    with CaptureQueriesContext(connection) as once:
        link(short, on=parse_date("1399/09/03"))
    with CaptureQueriesContext(connection) as many:
        link(short * 200, on=parse_date("1399/09/03"))
    assert len(many.captured_queries) == len(once.captured_queries) <= 5


def codes(text: str) -> list[str]:
    return [c.code for c in find_countries(text)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("سفر به قزاقستان", ["KZ"]),
        ("مرز با جمهوری آذربایجان", ["AZ"]),
        ("روابط با روسیه", ["RU"]),
        ("فدراسیون روسیه و جمهوری اسلامی ایران", ["RU", "IR"]),
        ("ایران و ترکیه و ایران", ["IR", "TR"]),
        ("کره جنوبی", ["KR"]),
        ("سودان جنوبی", ["SS"]),
        ("کشور مالی", ["ML"]),
    ],
)
def test_countries_by_name_and_other_forms(text, expected):
    assert codes(text) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "استاندار آذربایجان شرقی",
        "آذربایجان غربی و آذربایجان",
        "شرکت‌های ایرانی",
        "مسائل مالی",
        "ایرانیان",
    ],
)
def test_words_that_only_look_like_countries(text):
    assert codes(text) == []


def test_seed_story_links_both_officials_and_countries(officials):
    copy = parse_wire(SEED.read_text(encoding="utf-8"))
    result = link(copy.text, on=parse_date("1399/09/03"))
    by_slug = {m.slug: m for m in result.officials}
    assert list(by_slug) == ["mohammadreza-pourmohammadi", "majid-samadzadeh-saber"]
    for mention in by_slug.values():
        assert mention.matched_by == "name"
        assert {how for how, _words in mention.mentions} == {"name", "position"}
    assert [c.code for c in result.countries] == ["IR", "KZ"]
    assert result.warnings == []


def test_the_linkers_warnings_follow_the_active_language(officials):
    text = f"پورمحمدی گفت. {AMBASSADOR} آمد."
    on = parse_date("1402/01/01")
    persian: list[str] = []
    find_officials(text, on=on, warnings=persian)
    assert persian == [
        "نام «پورمحمدی» پیش از نام کامل آمده است و پیوند داده نشد؛"
        " اگر یکی از مقام‌هاست، دستی پیوندش دهید.",
        f"برای سمت «{AMBASSADOR}» در این تاریخ کسی ثبت نشده است؛ پیوند داده نشد.",
    ]
    english: list[str] = []
    with translation.override("en"):
        find_officials(text, on=on, warnings=english)
    assert english == [
        "The name “پورمحمدی” comes before the full name and was not linked;"
        " if it is one of the officials, link it by hand.",
        f"Nobody is recorded as holding the post “{AMBASSADOR}” on this date;"
        " it was not linked.",
    ]
