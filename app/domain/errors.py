"""The two kinds of error a user reads, and nothing else: every other failure is shown as a
generic message by ``ui.translation.user_text`` (and logged whole).

``DomainError``: our own rules. The domain has no Qt, so messages are English source strings
marked with ``tr_noop``; pyside6-lupdate collects them (``-tr-function-alias QT_TR_NOOP+=tr_noop``)
into the empty context, and the UI translates them there before filling in ``params``.
``BilingualError``: text that comes to us in both languages (the server, scenario files).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TRANSLATION_CONTEXT = ""


def tr_noop(text: str) -> str:
    """Mark a string for translation (pyside6-lupdate is told to look for this name)."""
    return text


class BilingualError(Exception):
    """An error whose message arrives already written in both languages: a server's answer, a
    trainer's scenario file, a training request refused. ``code`` is machine-readable."""

    def __init__(self, code: str, message_vi: str, message_en: str) -> None:
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en
        super().__init__(message_en or message_vi or code)

    def text(self, language: str) -> str:
        """The message in ``language`` ("vi" or "en"), the other one when that is missing."""
        first, second = (self.message_vi, self.message_en) if language == "vi" else (self.message_en, self.message_vi)
        return first or second or self.code


class DomainError(ValueError):
    """A rule refused an input. ``code`` is machine-readable and stable across languages."""

    def __init__(self, code: str, message: str, /, **params: Any) -> None:
        self.code = code
        self.message = message
        self.params: Mapping[str, Any] = params
        super().__init__(self.english())

    def english(self) -> str:
        return self.message.format(**self.params)
