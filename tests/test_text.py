"""Tests for persian/text.py, the one Persian text module (pure, no database)."""

import ast
import sys
from pathlib import Path

import pytest

from persian import text
from persian.text import (
    ZWNJ,
    clean_text,
    fix_half_spaces,
    fold_with_map,
    latin_digits,
    normalize,
    persian_digits,
    persian_quotes,
    search_key,
    search_terms,
)

# A copy of ../shared/seeds/000_94fc70272dc78c07.txt, kept with the tests.
SEED = (
    Path(__file__).resolve().parent / "fixtures" / "wire" / "000_94fc70272dc78c07.txt"
)


def zw(s: str) -> str:
    """Write expected half-spaces as "_" so the cases stay readable."""
    return s.replace("_", ZWNJ)


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_lines(seed: str) -> list[str]:
    return [line for line in seed.split("\n") if line.strip()]


def test_module_is_pure_stdlib():
    tree = ast.parse(Path(text.__file__).read_text(encoding="utf-8"))
    modules = {
        alias.name.split(".")[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.Import)
        for alias in n.names
    } | {
        n.module.split(".")[0]
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and n.module
    }
    assert modules <= sys.stdlib_module_names, modules - sys.stdlib_module_names


# --- normalize and digits ----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("كتاب علي", "کتاب علی"),  # Arabic kaf and yeh
        ("موسى", "موسی"),  # alef maksura
        ("خانۀ", "خانه\u0654"),  # heh with yeh above, decomposed
        ("\u202bسلام\u202c \u2067دنیا\u2069\u200f", "سلام دنیا"),  # bidi controls
        ("تهـــران", "تهران"),  # kashida
        ("  یک   دو\t سه  \n  چهار  ", "یک دو سه\nچهار"),  # spaces per line
        ("یک\u00a0\u2009دو", "یک دو"),  # no-break and thin spaces
        ("\n\nمتن\n\n", "متن"),
        ("", ""),
        ("ab\u200bcd\ufeff \u2060ef", "abcd ef"),  # zero-width space, BOM, joiner
        (zw("می__کنیم"), zw("می_کنیم")),  # a doubled ZWNJ counts once
        (zw("_کتاب_"), "کتاب"),  # at a word start or end
        (zw("کتاب_ ها"), "کتاب ها"),  # next to a space
        (zw("کتاب _ها"), "کتاب ها"),
        (zw("کتاب_،"), "کتاب،"),  # before punctuation
        (zw("می_کنیم و کتاب_ها"), zw("می_کنیم و کتاب_ها")),  # between letters: kept
        ("می کنیم تیم های", "می کنیم تیم های"),  # never adds a half-space
        ("سال 1405 و ۱۴۰۵ و ١٤٠٥", "سال 1405 و ۱۴۰۵ و ١٤٠٥"),  # digits untouched
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected
    assert normalize(expected) == expected


def test_normalize_passes_none_through():
    assert normalize(None) is None


def test_normalize_is_idempotent_on_the_seed(seed):
    once = normalize(seed)
    assert normalize(once) == once
    assert "ي" not in once and "ك" not in once


def test_digits():
    assert persian_digits("سال 1405 و ١٤٠٥") == "سال ۱۴۰۵ و ۱۴۰۵"
    assert latin_digits("سال ۱۴۰۵ و ١٤٠٥") == "سال 1405 و 1405"
    assert persian_digits(12) == "۱۲"


# --- fix_half_spaces ---------------------------------------------------------

HALF_SPACED = [
    # می / نمی written apart
    ("می کنیم", "می_کنیم"),
    ("نمی شود", "نمی_شود"),
    ("تلاش می کنیم نقش", "تلاش می_کنیم نقش"),
    ("مي كنيم", zw("مي_كنيم")),  # Arabic spelling still recognised
    # می / نمی glued to a known verb stem
    ("میکنیم", "می_کنیم"),
    ("نمیدانم", "نمی_دانم"),
    ("میتوان", "می_توان"),
    ("میگوید", "می_گوید"),
    ("میآیند", "می_آیند"),
    ("میشد", "می_شد"),
    ("تلاش میکنیم.", "تلاش می_کنیم."),
    # plurals written apart
    ("تیم های", "تیم_های"),
    ("شرکت ها", "شرکت_ها"),
    ("همکاری ها، واردات", "همکاری_ها، واردات"),
    ("«شرکت ها»", "«شرکت_ها»"),
    ("کتاب هایشان", "کتاب_هایشان"),
    ("این ها", "این_ها"),
    # plurals glued after a joining letter
    ("کتابها", "کتاب_ها"),
    ("کتابهای", "کتاب_های"),
    ("تیمهایی", "تیم_هایی"),
    # comparatives written apart
    ("پررنگ تری", "پررنگ_تری"),
    ("بزرگ ترین", "بزرگ_ترین"),
    ("مهم تر", "مهم_تر"),
    # personal endings after a silent ه
    ("آماده ایم", "آماده_ایم"),
    ("رفته اند", "رفته_اند"),
    ("یافته اند ولی", "یافته_اند ولی"),
    ("منطقه ای", "منطقه_ای"),
    ("گفته ام", "گفته_ام"),
    ("خانه اش", "خانه_اش"),
    ("آماده اید", "آماده_اید"),
    # several rules, in a chain
    ("بزرگ ترین ها", "بزرگ_ترین_ها"),
    ("نمی توانیم کتابها را", "نمی_توانیم کتاب_ها را"),
]


@pytest.mark.parametrize(("raw", "expected"), HALF_SPACED)
def test_fix_half_spaces_joins(raw, expected):
    assert fix_half_spaces(raw) == zw(expected)


MUST_NOT_CHANGE = [
    # words that only look like می + verb
    *"میز میدان میدانی میلیون میراث میانه میوه میهمان میل میان میزان میلاد".split(),
    *"میگو نمیر میاندوآب".split(),
    # words that only look like a plural
    *"تنها رها بها سها انتها اشتها نهایی نهایت ابتدا آنها اینها تنهایی رهایی".split(),
    "دهها",  # stem too short to tell
    "کشورها",  # after ر a ZWNJ is invisible: the usual spelling stays
    "شیوهای",
    "منطقهای",  # منطقه‌ای without its ZWNJ, not منطق + های
    # words that contain تر or end in it
    *"تراکتور ترافیک ترکیه دختر دفتر اختر چتر کبوتر انگشتر".split(),
    # comparatives that are written joined
    *"بهتر بیشتر کمتر مهمتر بزرگترین".split(),
    # after a conjunction or preposition nothing joins
    "خشک و تر",
    "به این",
    "در های",
    "و اند",
    "که ای",
    "از ها",
    # personal endings only join a word in a silent ه
    "کتاب ام",
    # a lone می/نمی joins a word, not a conjunction or a letter
    "می و",
    "نمی ب",
    "دانشجو اند",
    # the month of May, and a line that starts with a suffix
    "اول ماه می برگزار شد",
    "۱۵ می ۲۰۲۴",
    "های دور",
    "گذشته\nهای دور",
    "گذشته  های دور",  # only a single space is a half-space gone astray
    # Latin text and numbers
    "Tabriz 2024",
    "سال 1405 ها",
    "",
]


@pytest.mark.parametrize("raw", MUST_NOT_CHANGE)
def test_fix_half_spaces_leaves_alone(raw):
    assert fix_half_spaces(raw) == raw


@pytest.mark.parametrize(
    "raw", [zw(expected) for _, expected in HALF_SPACED] + MUST_NOT_CHANGE
)
def test_fix_half_spaces_keeps_fixed_text(raw):
    assert fix_half_spaces(raw) == raw


@pytest.mark.parametrize("raw", [raw for raw, _ in HALF_SPACED])
def test_fix_half_spaces_is_idempotent(raw):
    once = fix_half_spaces(raw)
    assert fix_half_spaces(once) == once


def test_fix_half_spaces_on_the_seed(seed):
    fixed = fix_half_spaces(normalize(seed))
    assert fix_half_spaces(fixed) == fixed
    assert normalize(fixed) == fixed  # normalize keeps every half-space it added
    # once glued (میکنیم), once apart (می کنیم)
    assert fixed.count(zw("تلاش می_کنیم نقش")) == 2
    for phrase in [
        "تیم_های",
        "کارگروه_های",
        "پررنگ_تری",
        "صادر می_شود",
        "منطقه_ای",
        "آماده_ایم",
        "یافته_اند",
        "شرکت_های ایرانی",
    ]:
        assert zw(phrase) in fixed
    for phrase in ["\nهای دور", "واسطه\nها", "کشورهای", "بزرگترین", "دهها", "تنها"]:
        assert phrase in fixed
    # Only half-spaces changed: in place of a space, or inside a glued word.
    assert fixed.replace(ZWNJ, "").replace(" ", "") == normalize(seed).replace(" ", "")


# --- persian_quotes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('"سلام"', "«سلام»"),
        ('او گفت "سلام" و رفت', "او گفت «سلام» و رفت"),
        ('"یک" و "دو"', "«یک» و «دو»"),
        ('"سلام Tabriz"', "«سلام Tabriz»"),
        ("\u201cسلام\u201d", "«سلام»"),
        ('"Tabriz"', '"Tabriz"'),  # Latin inside: left alone
        ('"Tabriz" و "تبریز"', '"Tabriz" و «تبریز»'),
        ('"سلام" و "دنیا', '"سلام" و "دنیا'),  # unbalanced line: left alone
        ('"سلام\nدنیا"', '"سلام\nدنیا"'),  # a pair never spans lines
        ('<a href="/fa/">"خبر"</a>', '<a href="/fa/">«خبر»</a>'),
        ('<img alt="تصویر">', '<img alt="تصویر">'),  # attribute values stay
        ('"<b>سلام</b>"', '"<b>سلام</b>"'),  # markup inside: left alone
        ('"x = یک"', '"x = یک"'),
        ("", ""),
    ],
)
def test_persian_quotes(raw, expected):
    assert persian_quotes(raw) == expected
    assert persian_quotes(expected) == expected


# --- clean_text ----------------------------------------------------------------

CLEAN_CASES = [
    ('  او گفت: "ما آماده ايم"  ', "او گفت: «ما آماده_ایم»"),
    ("تيم هاي  كشور در سال 1405", "تیم_های کشور در سال 1405"),
    ("میکنیم\u200f", "می_کنیم"),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN_CASES)
def test_clean_text(raw, expected):
    assert clean_text(raw) == zw(expected)


def test_clean_text_digits():
    assert clean_text("سال 1405 و ١٤٠٥", digits="fa") == "سال ۱۴۰۵ و ۱۴۰۵"
    assert clean_text("سال ۱۴۰۵ و ١٤٠٥", digits="latin") == "سال 1405 و 1405"
    assert clean_text("سال 1405 و ۱۴۰۵") == "سال 1405 و ۱۴۰۵"
    with pytest.raises(ValueError):
        clean_text("x", digits="arabic")


@pytest.mark.parametrize("digits", [None, "fa", "latin"])
def test_clean_text_is_idempotent(seed, digits):
    for raw in [raw for raw, _ in CLEAN_CASES] + [seed]:
        once = clean_text(raw, digits=digits)
        assert clean_text(once, digits=digits) == once


# --- search_key, search_terms, fold_with_map -----------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("می کنیم", zw("می_کنیم")),
        ("میکنیم", "می کنیم"),  # known glued verb forms meet the spaced ones
        ("كتاب", "کتاب"),
        ("علي", "علی"),
        ("کِتابُ", "کتاب"),  # harakat
        ("رحمٰن", "رحمن"),  # superscript alef
        ("تهـــران", "تهران"),  # kashida
        ("۱۴۰۵", "1405"),
        ("١٤٠٥", "1405"),
        ("مدرسة", "مدرسه"),
        ("أحمد إمام", "احمد امام"),
        ("آذربایجان", "اذربایجان"),
        ("آ", "ا\u0653"),  # precomposed and decomposed madda meet
        ("مسئول", "مسیول"),
        ("مؤسسه", "موسسه"),
        ("Tabriz", "tabriz"),
        ("«تبریز»، (ایران)؛ چرا؟", "تبریز ایران چرا"),
        ("A-B: c!", "a b c"),
        ("  یک \n\t دو  ", "یک دو"),
        ("\ufefb", "لا"),  # presentation-form ligature
        ("\u200bکتاب\u202b", "کتاب"),
        ("کتابها", zw("کتاب_ها")),
        ("کشورها", zw("کشور_ها")),
        ("میآیند", "می آیند"),  # verb stems are folded too (آ -> ا)
    ],
)
def test_search_key_folds_together(a, b):
    assert search_key(a) == search_key(b)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        (zw("می_کنیم"), "می کنیم"),
        ("كتابِ ۱۴۰۵", "کتاب 1405"),
        ("«سلام»، دنیا!", "سلام دنیا"),
        ("آزمون", "ازمون"),
        ("میدان میز میلیون", "میدان میز میلیون"),  # no verb: nothing split
        ("تنها", "تنها"),
        ("", ""),
        ("،؛.", ""),
    ],
)
def test_search_key(raw, key):
    assert search_key(raw) == key
    assert search_key(key) == key


def test_search_key_keeps_distinct_words_apart():
    assert search_key("کتاب") != search_key("کتب")
    # Names that merely end like a comparative are not split (see the second pass).
    assert search_key("کلانتری") != search_key("کلان تری")


def test_search_key_of_normalized_text_is_the_same(seed):
    assert search_key(normalize(seed)) == search_key(seed)
    assert search_key(clean_text(seed)) == search_key(seed)
    assert search_key(search_key(seed)) == search_key(seed)


def test_search_terms():
    assert search_terms("  كتاب، کتاب   و ۱۴۰۵ ") == ["کتاب", "و", "1405"]
    assert search_terms(zw("می_کنیم")) == ["می", "کنیم"]
    assert search_terms("") == []
    assert search_terms("!!!") == []
    many = " ".join(f"واژه{i}" for i in range(20))
    assert search_terms(many) == [f"واژه{i}" for i in range(10)]
    assert search_terms("ب" * 80) == ["ب" * 50]
    assert search_terms("ب" * 80 + " " + "ب" * 60) == ["ب" * 50]


FOLD_SAMPLES = [
    "",
    "«كتابِ» خوب",
    zw("تیم_های  ملی، 1405"),
    "میکنیم و کتابها",
    "خانۀ \ufefb Tabriz!",
    "  \u200f",
]


@pytest.mark.parametrize("raw", FOLD_SAMPLES)
def test_fold_with_map_matches_search_key(raw):
    key, where = fold_with_map(raw)
    assert key == search_key(raw)
    assert len(where) == len(key)
    assert where == sorted(where)
    for char, i in zip(key, where, strict=True):
        assert 0 <= i < len(raw)
        assert char == " " or char in search_key(raw[i]) or char in "لا"


def test_fold_with_map_points_at_the_first_separator():
    assert fold_with_map("«كتابِ» خوب") == ("کتاب خوب", [1, 2, 3, 4, 6, 8, 9, 10])
    assert fold_with_map("الف ، ب") == ("الف ب", [0, 1, 2, 3, 6])
    assert fold_with_map("تلاش میکنیم") == (
        "تلاش می کنیم",
        [0, 1, 2, 3, 4, 5, 6, 7, 7, 8, 9, 10],
    )


def test_fold_with_map_on_the_seed(seed):
    key, where = fold_with_map(seed)
    assert key == search_key(seed)
    assert len(where) == len(key)
    assert where == sorted(where)


def test_fold_with_map_locates_a_match():
    raw = "او گفت: «كتابِ» تازه"
    key, where = fold_with_map(raw)
    start = key.index(search_key("کتاب"))
    end = start + len("کتاب")
    assert raw[where[start] : where[end - 1] + 1] == "كتاب"
    raw = "تلاش میکنیم"
    key, where = fold_with_map(raw)
    start = key.index("کنیم")
    assert raw[where[start] : where[start + 3] + 1] == "کنیم"


# --- second pass: compounds, comparatives, names ------------------------------

COMPOUNDS_FIXED = [
    ("بین المللی", "بین_المللی"),
    ("بینالمللی", "بین_المللی"),
    ("شش کریدور مهم بین المللی و", "شش کریدور مهم بین_المللی و"),
    ("بهره مند بوده", "بهره_مند بوده"),
    ("بهرهمند شد", "بهره_مند شد"),
    ("سرمایه گذاران ایرانی", "سرمایه_گذاران ایرانی"),
    ("سرمایه گذاری", "سرمایه_گذاری"),
    ("سرمایهگذاریها", "سرمایه_گذاری_ها"),
    ("برنامه های میان مدت", "برنامه_های میان_مدت"),
    ("خدمات دهی به مردم", "خدمات_دهی به مردم"),
    ("پیش بینی می شود", "پیش_بینی می_شود"),
    ("آن ها", "آن_ها"),
    ("می شود", "می_شود"),
    ("قوی ترین", "قوی_ترین"),
]


@pytest.mark.parametrize(("raw", "expected"), COMPOUNDS_FIXED)
def test_fix_half_spaces_joins_listed_compounds(raw, expected):
    assert fix_half_spaces(raw) == zw(expected)
    assert fix_half_spaces(zw(expected)) == zw(expected)


NAMES = [
    "محمد کلانتری",
    "سروش اختر",
    "مهدی شوشتری",
    "مریم دفتری",
    "حسن کبوتری",
    "بزرگمهر",
    "بهترین",
    "بیشتر",
    "آنها",
]


@pytest.mark.parametrize("name", NAMES)
def test_names_and_joined_words_ending_in_tar_are_left_whole(name):
    assert fix_half_spaces(name) == name
    assert search_key(name) == name.replace("\u0622", "\u0627")


@pytest.mark.parametrize(
    "forms",
    [
        ("بزرگترین", zw("بزرگ_ترین"), "بزرگ ترین"),
        ("مهمتر", zw("مهم_تر"), "مهم تر"),
        ("سادهتر", zw("ساده_تر"), "ساده تر"),
        ("بزرگترینها", zw("بزرگ_ترین_ها"), "بزرگ ترین ها"),
        ("بینالمللی", zw("بین_المللی"), "بین المللی"),
        ("بهرهمند", zw("بهره_مند"), "بهره مند"),
        ("سرمایهگذاران", zw("سرمایه_گذاران"), "سرمایه گذاران"),
    ],
)
def test_search_key_meets_glued_spaced_and_half_spaced(forms):
    assert len({search_key(form) for form in forms}) == 1


def test_the_second_pass_on_the_seed(seed):
    fixed = clean_text(seed)
    for phrase in [
        "بین_المللی",
        "بهره_مند",
        "سرمایه_گذاران",
        "سرمایه_گذاری",
        "میان_مدت",
        "خدمات_دهی",
        "آن_چنان",
    ]:
        assert zw(phrase) in fixed
    assert "بزرگترین" in fixed  # the usual spelling stays for readers
    assert search_key("بزرگ ترین کشور") in search_key(seed)


def test_every_seed_line_is_stable(seed_lines):
    for line in seed_lines:
        for clean in (normalize, fix_half_spaces, persian_quotes, clean_text):
            once = clean(line)
            assert clean(once) == once, (clean.__name__, line)
        assert search_key(search_key(line)) == search_key(line)
        assert fold_with_map(line)[0] == search_key(line)
