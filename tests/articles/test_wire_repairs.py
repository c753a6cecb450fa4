"""The wire parser's repairs: reversed lines and agency trailers (no database)."""

import pytest

from articles.wire import looks_reversed, parse_wire, reverse_chunks, reverse_words
from persian.text import search_key
from tests.articles.test_wire import HEADER, LEAD, SEED

# The one wire line of the seed whose chunks came out in reverse order.
REVERSED_LINE = (
    "اولویت های کشت از  یکی  را  این کشور  و شیلات،  دامداری  در حوزه کشاورزی،  "
    "قزاقستان  به ظرفیت های  اشاره  با  وی "
)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


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
