"""The wire parser on the real seed copy and on small made-up items (no database)."""

from pathlib import Path

import pytest

from articles.demo_content import SEED_ARTICLE
from articles.wire import looks_reversed, parse_wire, reverse_chunks, reverse_words
from persian.text import search_key

# A copy of ../shared/seeds/000_94fc70272dc78c07.txt, kept with the tests.
SEED = (
    Path(__file__).resolve().parents[1]
    / "fixtures"
    / "wire"
    / "000_94fc70272dc78c07.txt"
)
SENTENCE_END = (".", "؟", "?", "!")
# The one wire line of the seed whose chunks came out in reverse order.
REVERSED_LINE = (
    "اولویت های کشت از  یکی  را  این کشور  و شیلات،  دامداری  در حوزه کشاورزی،  "
    "قزاقستان  به ظرفیت های  اشاره  با  وی "
)

HEADER = "استاندار در دیدار با سفیر:\n\nهمکاری دو استان گسترش می یابد\n\n"
LEAD = "استاندار گفت: همکاری ها با استان همسایه بیشتر می شود."
BODY = "وی افزود: کارگروه مشترکی تشکیل شده است."


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_text):
    return parse_wire(seed_text)


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


# --- reversed wire lines -------------------------------------------------------


def test_reverse_chunks_on_the_seed_line():
    assert reverse_chunks(REVERSED_LINE) == (
        "وی با اشاره به ظرفیت های قزاقستان در حوزه کشاورزی، دامداری و شیلات، "
        "این کشور را یکی اولویت های کشت از"
    )


def test_reverse_chunks():
    assert reverse_chunks("الف  ب ج  د") == "د ب ج الف"
    assert reverse_chunks("یک دو") == "یک دو"
    assert reverse_chunks("   ") == ""


def test_reverse_words():
    assert reverse_words("سه دو یک") == "یک دو سه"
    assert reverse_words("، ب الف") == "الف ب ،"
    assert reverse_words("الف ب ،") == "ب الف ،"  # a lone mark never opens
    assert reverse_words("") == ""


@pytest.mark.parametrize(
    "line",
    [
        REVERSED_LINE,
        REVERSED_LINE.replace("ی", "ي"),
        "برخوردار است.  از موقعیت خوبی  این کشور  وی افزود:",
        "خبر داد.  از تشکیل تیم ها  در قزاقستان  او",
    ],
)
def test_looks_reversed(line):
    assert looks_reversed(line)
    assert not looks_reversed(reverse_chunks(line))


@pytest.mark.parametrize(
    "line",
    [
        "",
        "وی با اشاره  به ظرفیت ها  گفت: این کشور آماده است.",  # in order, ends "."
        "الف  ب  ج",
        "دو  وی",  # two chunks and an opener: too few to tell
        "وی  گفت",
        "او آمد.  سپس  رفت.",  # ends a sentence: in order
    ],
)
def test_looks_in_order(line):
    assert not looks_reversed(line)


def test_no_other_seed_line_looks_reversed(seed_text):
    reversed_lines = [line for line in seed_text.split("\n") if looks_reversed(line)]
    assert reversed_lines == [REVERSED_LINE]


@pytest.mark.parametrize("end", [".", "…", "؟", "!", ".»", "؟»", ".)"])
def test_one_sentence_end_rule_for_paragraphs_and_reversed_lines(end):
    # A line ending in any of these closes a paragraph, so it is in order...
    assert not looks_reversed(f"او آمد  سپس  رفت{end}")
    copy = parse_wire(f"{HEADER}{LEAD}\nوی افزود: کار آغاز شد{end}\nوی گفت: پایان.\n")
    assert copy.body[0] == f"وی افزود: کار آغاز شد{end}"
    # ...and a line that starts with one and ends with an opener is reversed.
    assert looks_reversed(f"کار آغاز شد{end}  در تبریز  وی")


# --- Agency trailers and footers ---------------------------------------------

LAST = "وی افزود: کارگروه مشترکی تشکیل شده است."


@pytest.mark.parametrize(
    ("footer", "reported"),
    [
        ("کد خبر: 1234567", "کد خبر: 1234567"),
        ("کد خبر: ۱۲۳۴۵۶۷", "کد خبر: ۱۲۳۴۵۶۷"),
        ("کدخبر ۱۲۳۴۵۶۷", "کدخبر ۱۲۳۴۵۶۷"),
        ("/ع.م", "/ع.م"),
        ("/ ع.م /", "/ ع.م /"),
        ("(خ.ر)", "(خ.ر)"),
        ("/خ", "/خ"),
        ("عکس: مهدی رضایی", "عکس: مهدی رضایی"),
        ("عکاس: سارا احمدی / ایرنا", "عکاس: سارا احمدی / ایرنا"),
        ("عکس از: مهر", "عکس از: مهر"),
        ("انتهای پیام/ع.م", "/ع.م"),
        ("عکس: مهدی رضایی\nکد خبر: 1234567\nانتهای پیام", "عکس: مهدی رضایی / کد خبر:"),
        ("/ع.م\n\n۷۳۱۶/۲۰۱۲\n**", "/ع.م"),
    ],
)
def test_footers_on_lines_of_their_own_are_dropped_and_reported(footer, reported):
    copy = parse_wire(f"{HEADER}{LEAD}\n{LAST}\n\n{footer}\n")
    assert copy.body == [LAST]
    [warning] = copy.warnings
    assert "پانویس" in warning and reported in warning


@pytest.mark.parametrize(
    "tail",
    [
        " کد خبر: 1234567",
        "/ع.م",
        " /خ",
        " (خ.ر)",
        " انتهای پیام/ع.م",
        " عکس: مهدی رضایی",
        " انتهای پیام کد خبر: ۱۲۳۴۵۶۷",
    ],
)
def test_footers_after_the_last_sentence_are_dropped(tail):
    copy = parse_wire(f"{HEADER}{LEAD}\n{LAST}{tail}\n")
    assert copy.body == [LAST]
    assert any("پانویس" in w for w in copy.warnings)


@pytest.mark.parametrize(
    "last",
    [
        # The same shapes as part of the story are kept.
        "وی گفت: کد خبر هر مطلب در پایگاه ثبت می‌شود.",
        "این نمایشگاه با حضور عکاس: مهدی رضایی و دیگران برگزار شد.",
        "استاندار در حرم امام رضا (ع)",
        "وی در سالروز میلاد حضرت علی (ع).",
        "رئیس اداره گفت: درآمد استان در سال ۱۴۰۲",
        "خط تولید تا سال ۱۴۰۵/۱۲ راه می‌افتد.",
        "ساخت ۱۲ واحد/۳ طبقه",
    ],
)
def test_story_text_that_looks_like_a_footer_stays(last):
    for raw in (f"{LEAD}\n{last}\n{LAST}\n", f"{LEAD}\n{LAST}\n{last}\n"):
        copy = parse_wire(HEADER + raw)
        assert search_key(last) in search_key(copy.text)
        assert not any("پانویس" in w for w in copy.warnings)


def test_a_footer_in_the_middle_is_story_text():
    copy = parse_wire(f"{HEADER}{LEAD}\nکد خبر: 1234567\n\n{LAST}\n")
    assert any("کد خبر" in p for p in copy.body)
    assert not any("پانویس" in w for w in copy.warnings)


def test_trailers_are_data_that_can_be_extended(monkeypatch):
    from articles import wire

    monkeypatch.setattr(wire, "TRAILERS", (*wire.TRAILERS, (r"منبع: \w+", True)))
    copy = parse_wire(f"{HEADER}{LEAD}\n{LAST}\nمنبع: ایرنا\n")
    assert copy.body == [LAST]
    assert any("منبع: ایرنا" in w for w in copy.warnings)


def test_a_footer_after_a_long_last_paragraph_is_dropped():
    long = " ".join([LAST] * 20)
    copy = parse_wire(f"{HEADER}{LEAD}\n{long} کد خبر: 1234567\n")
    assert copy.body == [long]


def test_a_long_last_line_of_marks_is_cut_quickly():
    copy = parse_wire(f"{HEADER}{LEAD}\n{LAST}\n" + "/ " * 4_000 + "x\n")
    assert copy.body[-1].endswith("x")
