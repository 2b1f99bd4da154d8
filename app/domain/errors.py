"""Errors raised by domain rules, carrying a translatable message.

The domain has no Qt, so messages are English source strings marked with ``tr_noop``;
pyside6-lupdate collects them (``-tr-function-alias QT_TR_NOOP+=tr_noop``) into the empty
context, and the UI translates them there before filling in ``params``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TRANSLATION_CONTEXT = ""


def tr_noop(text: str) -> str:
    """Mark a string for translation (pyside6-lupdate is told to look for this name)."""
    return text


class DomainError(ValueError):
    """A rule refused an input. ``code`` is machine-readable and stable across languages."""

    def __init__(self, code: str, message: str, /, **params: Any) -> None:
        self.code = code
        self.message = message
        self.params: Mapping[str, Any] = params
        super().__init__(self.english())

    def english(self) -> str:
        return self.message.format(**self.params)
