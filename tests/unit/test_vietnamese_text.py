import unicodedata

import pytest

from app.domain.vietnamese_text import fold

# Every Vietnamese vowel with every tone, and đ: the 12 vowels × 6 tones (level tone first).
VOWEL_ROWS = {
    "a": "aàáảãạ",
    "ă": "ăằắẳẵặ",
    "â": "âầấẩẫậ",
    "e": "eèéẻẽẹ",
    "ê": "êềếểễệ",
    "i": "iìíỉĩị",
    "o": "oòóỏõọ",
    "ô": "ôồốổỗộ",
    "ơ": "ơờớởỡợ",
    "u": "uùúủũụ",
    "ư": "ưừứửữự",
    "y": "yỳýỷỹỵ",
}
BASE = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}
ALL_LETTERS = [(ch, BASE.get(row, row)) for row, letters in VOWEL_ROWS.items() for ch in letters] + [("đ", "d")]


@pytest.mark.parametrize(("letter", "plain"), ALL_LETTERS)
def test_every_vietnamese_letter_folds_to_its_plain_letter(letter: str, plain: str) -> None:
    assert fold(letter) == plain
    assert fold(letter.upper()) == plain


def test_the_table_holds_72_toned_vowels_and_d_in_both_cases() -> None:
    assert len({letter for letter, _ in ALL_LETTERS}) == 73
    assert len({letter.upper() for letter, _ in ALL_LETTERS} | {letter for letter, _ in ALL_LETTERS}) == 146


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_composed_and_decomposed_input_fold_alike(form: str) -> None:
    text = unicodedata.normalize(form, "Đăng ký khai sinh cho trẻ ở Phường Thủ Dầu Một")
    assert fold(text) == "dang ky khai sinh cho tre o phuong thu dau mot"


def test_other_characters_are_kept() -> None:
    assert fold("Số 123/UBND-VP, ngày 01/7/2025") == "so 123/ubnd-vp, ngay 01/7/2025"
