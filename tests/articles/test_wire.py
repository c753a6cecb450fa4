"""The wire parser on the real seed copy and on small made-up items (no database)."""

from pathlib import Path

import pytest
from django.utils import translation

from articles import demo_content
from articles.wire import parse_wire
from persian.text import search_key

# A copy of ../shared/seeds/000_94fc70272dc78c07.txt, kept with the tests.
SEED = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "wire"
    / "000_94fc70272dc78c07.txt"
)
SENTENCE_END = (".", "؟", "?", "!")
SEED_ARTICLE = demo_content.wire_story()

HEADER = "استاندار در دیدار با سفیر:\n\nهمکاری دو استان گسترش می یابد\n\n"
LEAD = "استاندار گفت: همکاری ها با استان همسایه بیشتر می شود."
BODY = "وی افزود: کارگروه مشترکی تشکیل شده است."


@pytest.fixture(scope="module")
def seed():
    return parse_wire(SEED.read_text(encoding="utf-8"))


def test_seed_file_is_where_the_tests_look():
    assert SEED.is_file()


def test_seed_rootitr_and_title(seed):
    assert seed.rootitr == (
        "استاندار آذربایجان شرقی در ارتباط تصویری با سفیر ایران در قزاقستان:"
    )
    assert seed.title == "آذربایجان شرقی، کانون ارتباطی ایران با کشورهای همسایه است"


def test_seed_lead_is_kept_once_however_it_was_line_broken(seed):
    assert seed.lead == SEED_ARTICLE["lead"]
    lead_key = search_key(seed.lead)
    assert all(lead_key not in search_key(p) for p in seed.body)
    assert any("تکرار" in w for w in seed.warnings)


def test_seed_source_and_no_dateline(seed):
    assert seed.source == "نصر"
    assert seed.dateline == ""
    assert seed.body[0].startswith("به گزارش نصر، محمدرضا پورمحمدی")


def test_seed_reversed_line_is_repaired_and_reported(seed):
    repaired = [
        p
        for p in seed.body
        if p.startswith("وی با اشاره به ظرفیت‌های قزاقستان در حوزه کشاورزی،")
    ]
    assert repaired == [
        "وی با اشاره به ظرفیت‌های قزاقستان در حوزه کشاورزی، دامداری و شیلات، این"
        " کشور را یکی از اولویت‌های کشت فراسرزمینی ایران برشمرد."
    ]
    warning = next(w for w in seed.warnings if "وارونه" in w)
    assert "وی با اشاره به ظرفیت‌های قزاقستان" in warning


def test_seed_paragraphs_end_at_sentence_ends(seed):
    assert seed.body
    assert all(p.endswith(SENTENCE_END) for p in [seed.lead, *seed.body])


def test_seed_body_matches_the_hand_cleaned_version(seed):
    expected = SEED_ARTICLE["body"]
    assert len(seed.body) == len(expected)
    for got, want in zip(seed.body, expected, strict=True):
        # Same paragraph: same opening and closing words (spelling may differ).
        assert search_key(got).split()[:5] == search_key(want).split()[:5]
        assert search_key(got).split()[-3:] == search_key(want).split()[-3:]


def test_seed_half_spaces_and_digits_are_fixed(seed):
    assert "می‌کنیم" in seed.lead
    text = "\n".join(seed.body)
    assert "گذشته‌های دور" in text  # a plural split across two lines
    assert "واسطه‌ها" in text
    assert "۵۰۰ واحد" in text


@pytest.mark.parametrize(
    ("first_line", "dateline", "source"),
    [
        ("تبریز- " + LEAD, "تبریز", ""),
        ("تبریز - ایرنا - " + LEAD, "تبریز", "ایرنا"),
        ("تبریز- ایرنا- " + LEAD, "تبریز", "ایرنا"),
        ("تبریز - ایرنا\n" + LEAD, "تبریز", "ایرنا"),
        ("مراغه - خبرگزاری محلی - " + LEAD, "مراغه", "خبرگزاری محلی"),
        (LEAD, "", ""),
    ],
)
def test_dateline_variants(first_line, dateline, source):
    copy = parse_wire(f"{HEADER}{first_line}\n{BODY}\n")
    assert copy.dateline == dateline
    assert copy.source == source
    assert copy.lead == "استاندار گفت: همکاری‌ها با استان همسایه بیشتر می‌شود."
    assert copy.title == "همکاری دو استان گسترش می‌یابد"


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("به گزارش نصر، خبر.", "نصر"),
        ("به گزارش خبرنگار ایرنا از تبریز، خبر.", "ایرنا"),
        ("به گزارش خبرگزاری تسنیم، خبر.", "تسنیم"),
        ("به گزارش خبرنگار ما، خبر.", ""),
    ],
)
def test_source_is_read_off_the_body(sentence, source):
    copy = parse_wire(f"{HEADER}{LEAD}\n{sentence}\n")
    assert copy.source == source


@pytest.mark.parametrize(
    "trailer", ["انتهای پیام", "انتهای پیام/", "/", "**", "پایان خبر", "۷۳۱۶/۲۰۱۲"]
)
def test_agency_trailers_are_removed(trailer):
    copy = parse_wire(f"{HEADER}{LEAD}\n{BODY}\n\n{trailer}\n")
    assert copy.body == ["وی افزود: کارگروه مشترکی تشکیل شده است."]
    assert not copy.warnings


def test_a_trailer_on_the_last_line_is_removed():
    copy = parse_wire(f"{HEADER}{LEAD}\n{BODY}/\n")
    assert copy.body == ["وی افزود: کارگروه مشترکی تشکیل شده است."]


def test_a_repeat_of_the_lead_that_runs_on_keeps_the_rest():
    copy = parse_wire(f"{HEADER}{LEAD}\n\n{LEAD}\nوی افزود: کار آغاز شد.\n")
    assert copy.lead.startswith("استاندار گفت")
    assert copy.body == ["وی افزود: کار آغاز شد."]


def test_a_colon_at_a_line_end_does_not_end_the_paragraph():
    copy = parse_wire(f"{HEADER}{LEAD}\nوی افزود:\n\nکار آغاز شد و ادامه دارد.\n")
    assert copy.body == ["وی افزود: کار آغاز شد و ادامه دارد."]


def test_a_short_line_alone_between_paragraphs_is_a_subheading():
    copy = parse_wire(f"{HEADER}{LEAD}\n\nبرنامه‌های آینده\n\n{BODY}\n")
    assert copy.body == ["برنامه‌های آینده", "وی افزود: کارگروه مشترکی تشکیل شده است."]


def test_windows_line_ends_and_arabic_letters():
    raw = f"{HEADER}{LEAD}\n{BODY}\n".replace("\n", "\r\n").replace("ی", "ي")
    copy = parse_wire(raw)
    assert copy.title == "همکاری دو استان گسترش می‌یابد"
    assert copy.body == ["وی افزود: کارگروه مشترکی تشکیل شده است."]


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   \n\n  ",
        "سلام",
        "!!! ??? ...",
        "متن بی‌ساختار " * 500,
        "ا" * 5000,
        "hello world, no Persian here",
        "\n".join(["سطر"] * 50),
        "استاندار:\n\n",
    ],
)
def test_structureless_text_gives_warnings_not_errors(raw):
    copy = parse_wire(raw)
    assert copy.warnings
    assert len(copy.title) <= 250


def test_a_long_line_without_header_gets_a_provisional_title():
    copy = parse_wire("متن بی‌ساختار " * 500)
    assert copy.title.endswith("…")
    assert any("تیتر" in w for w in copy.warnings)


def test_markup_is_kept_as_text_and_reported():
    copy = parse_wire(
        f"{HEADER}{LEAD}\n<script>alert(x)</script> وی افزود: <b>کار</b> آغاز شد.\n"
    )
    assert copy.body == ["<script>alert(x)</script> وی افزود: <b>کار</b> آغاز شد."]
    assert any("HTML" in w for w in copy.warnings)


# --- Warnings from the translation catalogue -------------------------------------

WARNED = (
    f"{HEADER}{LEAD}\n{LEAD}\nکار آغاز شد.  در تبریز  وی\n"
    "<b>وی</b> افزود: کار ادامه دارد و\nکد خبر: 1234\n"
)


def test_warnings_are_persian_by_default_and_english_when_english_is_active():
    line = "وی در تبریز کار آغاز شد."
    assert parse_wire(WARNED).warnings == [
        "متن خبر برچسب HTML یا اسکریپت داشت؛ به‌صورت متن ساده نگه داشته شد.",
        f"ترتیب واژه‌های یک سطر وارونه بود و درست شد: «{line}»؛"
        " آن را با متن اصلی مقایسه کنید.",
        "پانویس خبرگزاری از پایان متن برداشته شد: «کد خبر: 1234».",
        "لید در متن خبر تکرار شده بود؛ یک بار نگه داشته شد.",
        "پاراگراف آخر با پایان جمله تمام نمی‌شود؛ شاید متن خبر ناقص باشد.",
    ]
    with translation.override("en"):
        assert parse_wire(WARNED).warnings == [
            "The copy had HTML or a script; it was kept as plain text.",
            f"The words of a line were in reverse order and were put right: “{line}”;"
            " compare it with the original copy.",
            "The agency's footer was dropped from the end of the copy: “کد خبر: 1234”.",
            "The lead was repeated in the copy; it was kept once.",
            "The last paragraph does not end a sentence; the copy may be cut short.",
        ]
        assert parse_wire("hello world").warnings[:2] == [
            "No Persian word was found in this text.",
            "No title was found; the first words stand in for it. Write the title.",
        ]
