import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.vietnamese_text import _fold_any, fold, has_words

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


VIETNAMESE_AND_MORE = (
    "".join(VOWEL_ROWS.values()) + "".join(VOWEL_ROWS.values()).upper() + "đĐ"
    + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /-.,()"
    + "\u0300\u0301\u0303\u0309\u0323\u034f"  # combining marks, and the grapheme joiner, which is none
    + "øßæ«»°\u00a0–“”中ΣÅﬁ"  # letters and signs outside Vietnamese
)  # fmt: skip


@given(st.text(alphabet=VIETNAMESE_AND_MORE, max_size=40))
def test_the_fast_path_folds_as_the_general_rule(text: str) -> None:
    assert fold(text) == _fold_any(text)


def test_has_words_finds_every_typed_word_folded() -> None:
    assert has_words("Ủy ban nhân dân Phường Sài Gòn — 000.00.30.H29", "phuong SAI gon")
    assert has_words("Trần Văn Bình", "")  # nothing typed: everything matches
    assert not has_words("Trần Văn Bình", "tran binh x")
