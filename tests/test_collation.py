"""Persian alphabetical order (persian/collation.py): pure, no database."""

import random

from persian.collation import ALPHABET, sort_key, sorted_persian

# One word for each letter Unicode misplaces, beside the letter it follows.
PAIRS = [("بابک", "پاکستان"), ("جلفا", "چین"), ("زنجان", "ژاپن"), ("کرمان", "گرگان")]


def test_the_four_persian_letters_follow_their_neighbours_not_the_alphabets_end():
    for before, after in PAIRS:
        assert sort_key(before) < sort_key(after) < sort_key("لرستان")
        # What an ORDER BY on code points gives instead: after «و» and «ه».
        assert after > "وهاب"


def test_a_shuffled_list_comes_back_in_dictionary_order():
    words = [
        "آبادان",
        "آمریکا",
        "ارمنستان",
        "بابک",
        "پاکستان",
        "تبریز",
        "جلفا",
        "چین",
        "زنجان",
        "ژاپن",
        "سراب",
        "کرمان",
        "گرگان",
        "لرستان",
        "یزد",
    ]
    shuffled = random.Random(1405).sample(words, len(words))
    assert sorted_persian(shuffled) == words


def test_the_alphabet_is_the_dictionarys():
    assert ALPHABET.index("پ") == ALPHABET.index("ب") + 1
    assert ALPHABET.index("چ") == ALPHABET.index("ج") + 1
    assert ALPHABET.index("ژ") == ALPHABET.index("ز") + 1
    assert ALPHABET.index("گ") == ALPHABET.index("ک") + 1
    assert len(ALPHABET) == 33  # the 32 letters, and آ before ا


def test_arabic_letters_marks_and_half_spaces_do_not_move_a_word():
    assert sort_key("كرج")[0] == sort_key("کرج")[0]
    assert sort_key("علي")[0] == sort_key("علی")[0]
    assert sort_key("مُحَمَّد")[0] == sort_key("محمد")[0]
    assert sort_key("می\u200cکنیم")[0] == sort_key("می کنیم")[0]


def test_latin_names_sort_among_themselves_ignoring_case():
    assert sorted_persian(["turkey", "Armenia", "تبریز", "Iran"]) == [
        "Armenia",
        "Iran",
        "turkey",
        "تبریز",
    ]


def test_objects_sort_by_the_text_they_print():
    class Named:
        def __init__(self, name):
            self.name = name

        def __str__(self):
            return self.name

    items = [Named("گیلان"), Named("کرمان")]
    assert [str(i) for i in sorted_persian(items)] == ["کرمان", "گیلان"]
    assert sorted_persian(items, key=lambda i: i.name)[0].name == "کرمان"
