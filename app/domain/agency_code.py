"""Electronic identification codes of agencies (QCVN 102:2016; Decision 20/2020/QĐ-TTg).

A full code reads ``V1V2V3.Z1Z2.Y1Y2.MX1X2``, e.g. ``000.00.00.H29`` for the People's Committee of
Hồ Chí Minh City: ``MX1X2`` is level 1, ``Y1Y2`` level 2, ``Z1Z2`` level 3 and ``V1V2V3`` level 4.
Real systems also emit shortened forms (``28.22.H17``) and the decision allows other codes of up to
35 characters, so parsing is lenient and keeps the raw string, while validation is strict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from app.domain.errors import DomainError, tr_noop

MAX_CODE_LENGTH = 35
_ALLOWED = re.compile(r"^[0-9A-Z.]+$")
_STANDARD = re.compile(r"^(\d{3})\.(\d{2})\.(\d{2})\.([A-Z]\d{2})$")
_PART_WIDTHS = (3, 2, 2)  # level 4, level 3, level 2 (level 1 is the letter part)


@dataclass(frozen=True)
class AgencyCode:
    """A parsed code. ``code`` is normalised; ``raw`` is what the source system sent."""

    code: str
    raw: str

    @property
    def is_standard(self) -> bool:
        return _STANDARD.match(self.code) is not None

    @property
    def level(self) -> int | None:
        """1 (province/ministry) to 4; None for a non-standard code whose structure is unknown."""
        parts = _standard_parts(self.code)
        if parts is None:
            return None
        level4, level3, level2, _ = parts
        if level4 != "000":
            return 4
        if level3 != "00":
            return 3
        return 2 if level2 != "00" else 1

    @property
    def parent(self) -> AgencyCode | None:
        """The code one level up (the lowest non-zero part set to zero); None at level 1."""
        parts = _standard_parts(self.code)
        level = self.level
        if parts is None or level is None or level == 1:
            return None
        numeric = list(parts[:3])
        index = 4 - level  # level 4 → part 0, level 3 → part 1, level 2 → part 2
        numeric[index] = "0" * _PART_WIDTHS[index]
        code = ".".join([*numeric, parts[3]])
        return AgencyCode(code=code, raw=code)

    def __str__(self) -> str:
        return self.code


def parse_agency_code(raw: str) -> AgencyCode:
    """Parse leniently: trim, upper-case, accept spaces/commas/hyphens as dots, pad short forms.

    ``28.22.H17`` becomes ``000.28.22.H17``. Raises DomainError when nothing sensible is left.
    """
    if not isinstance(raw, str) or not raw.strip():
        raise DomainError("agency_code.empty", tr_noop("The identification code is empty."))
    text = re.sub(r"[\s,\-_]+", ".", raw.strip().upper()).strip(".")
    text = re.sub(r"\.{2,}", ".", text)
    pieces = text.split(".")
    if len(pieces) <= 3 and re.fullmatch(r"[A-Z]\d{2}", pieces[-1]):
        text = _pad_short_form(pieces[:-1], pieces[-1]) or text
    code = AgencyCode(code=text, raw=raw)
    problem = _syntax_problem(text)
    if problem is not None:
        raise problem
    return code


def _pad_short_form(numeric: list[str], level1: str) -> str | None:
    """``["28", "22"], "H17"`` → ``000.28.22.H17``: missing leading parts are zero."""
    if not all(part.isdigit() for part in numeric):
        return None
    missing = 3 - len(numeric)
    padded = ["0" * width for width in _PART_WIDTHS[:missing]]
    padded += [part.zfill(width) for part, width in zip(numeric, _PART_WIDTHS[missing:], strict=True)]
    return ".".join([*padded, level1])


def validate_agency_code(code: str) -> None:
    """Strict check of a stored code: the standard four-part form, exactly. Raises DomainError."""
    problem = _syntax_problem(code)
    if problem is not None:
        raise problem
    if _STANDARD.match(code) is None:
        raise DomainError(
            "agency_code.not_standard",
            tr_noop("“{code}” is not in the form 000.00.00.H29."),
            code=code,
        )


def _syntax_problem(text: str) -> DomainError | None:
    if len(text) > MAX_CODE_LENGTH:
        return DomainError(
            "agency_code.too_long",
            tr_noop("An identification code has at most {limit} characters; “{code}” has {length}."),
            limit=MAX_CODE_LENGTH,
            code=text[:40],
            length=len(text),
        )
    if not _ALLOWED.match(text):
        return DomainError(
            "agency_code.bad_characters",
            tr_noop("An identification code may hold only digits, capital letters and dots: “{code}”."),
            code=text,
        )
    return None


def _standard_parts(code: str) -> tuple[str, str, str, str] | None:
    match = _STANDARD.match(code)
    return None if match is None else (match[1], match[2], match[3], match[4])


@dataclass(frozen=True)
class Succession:
    """From ``valid_from`` on, the agency ``code`` is replaced by ``successor``."""

    code: str
    successor: str
    valid_from: date


MAX_SUCCESSION_CHAIN = 32


def resolve_successor(code: str, successions: Mapping[str, Succession], on: date) -> str:
    """The code that stands for ``code`` on the date ``on``, following chains of mergers.

    A succession not yet in force on ``on`` is not followed. A cycle in the data is refused.
    """
    current = code
    seen = {current}
    for _ in range(MAX_SUCCESSION_CHAIN):
        step = successions.get(current)
        if step is None or step.valid_from > on:
            return current
        current = step.successor
        if current in seen:
            raise DomainError(
                "agency_code.succession_cycle",
                tr_noop("The successor list loops back to “{code}”."),
                code=current,
            )
        seen.add(current)
    raise DomainError(
        "agency_code.succession_too_long",
        tr_noop("The successor chain of “{code}” is too long."),
        code=code,
    )
