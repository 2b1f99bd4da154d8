"""Loading the UI language and translating the domain's English source strings."""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QTime, QTranslator

from app.domain.document_types import type_label
from app.domain.errors import TRANSLATION_CONTEXT, BilingualError, DomainError
from app.domain.rejections import reason_text
from kernel.resources import resources_dir

log = logging.getLogger(__name__)
DEFAULT_LANGUAGE = "vi"
LANGUAGES = ("vi", "en")


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load ``ui_<language>.qm``; English needs none (it is the source language).

    That catalogue holds only dependencies (resources/i18n/ui_vi.ts): ``ward_desk_<language>.qm``, the
    app's strings, and ``qtbase_<language>.qm``, Qt's own (OK/Cancel, the file and print dialogs,
    context menus), which Qt does not ship in Vietnamese. QTranslator loads both into the one object,
    so whoever removes it on a language switch or at exit removes both."""
    translator = None if language == "en" else _loaded(app, language)
    # The locale says the language the UI really speaks: a catalogue that did not load leaves it English,
    # and the messages that come in both languages (user_text) must not be Vietnamese in it.
    vietnamese = translator is not None and language == "vi"
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if vietnamese else QLocale.Language.English))
    if translator is not None:
        app.installTranslator(translator)
    return translator


def _loaded(app: QCoreApplication, language: str) -> QTranslator | None:
    translator = QTranslator(app)
    if not translator.load(str(resources_dir() / "i18n" / f"ui_{language}.qm")):  # fails if one catalogue is missing
        log.error("the %s catalogue did not load: the UI stays in English", language)
        return None
    return translator


def domain_text(text: str) -> str:
    """A label or message template from ``app.domain``, in the UI language."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, text)


def domain_error_text(error: DomainError) -> str:
    params = {key: domain_text(value) if isinstance(value, str) else value for key, value in error.params.items()}
    return domain_text(error.message).format(**params)


def rejection_text(code: str | None, message: str | None, params: Mapping[str, Any] | None) -> str:
    """Why the server refused an action, in the UI language (app.domain.rejections.reason_text)."""
    return reason_text(code, message, params, _translated)


def _translated(text: str) -> str | None:
    """A domain string in the UI language; None when Vietnamese has no translation for it (English is
    the source language: every string is its own)."""
    translated = domain_text(text)
    return translated if translated != text or current_language() == "en" else None


def document_type_text(code: str) -> str:
    """A stored ``doc_type`` as the window shows it (app.domain.document_types.type_label)."""
    template, params = type_label(code)
    return domain_text(template).format(**params)


def current_language() -> str:
    """The UI language, as ``install_translator`` set it."""
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def user_text(error: BaseException) -> str:
    """Any failure as one sentence in the UI language: the one place where an exception becomes
    what the user reads (the caller logs it whole; nothing here shows a traceback or a class name)."""
    from app.error_kinds import ErrorKind, kind_of  # the network and cache types only once something failed

    kind = kind_of(error)
    if kind is ErrorKind.DOMAIN:
        return domain_error_text(error)  # type: ignore[arg-type]
    if kind is ErrorKind.BILINGUAL:
        return _bilingual_text(error)  # type: ignore[arg-type]
    if kind is ErrorKind.PENDING_ACTIONS:
        return _tr(_PENDING).format(count=error.count)  # type: ignore[attr-defined]
    if kind is ErrorKind.TOO_MANY_SIGN_INS:  # the server's wait, as a time on this computer's clock
        at = QTime.currentTime().addSecs(math.ceil(error.retry_after))  # type: ignore[attr-defined]
        return _tr(TOO_MANY_SIGN_INS).format(time=at.toString("HH:mm:ss"))
    if kind is ErrorKind.CA_MISSING:
        return ca_missing_text(error.path)  # type: ignore[attr-defined]
    if kind is ErrorKind.NOT_ENCRYPTED:  # the words of the address check, which refuses the same
        from app.server_address import not_secure

        return domain_error_text(not_secure(error.address))  # type: ignore[attr-defined]
    if kind is ErrorKind.FILE and getattr(error, "filename", None):
        return _tr(_FILE).format(file=error.filename)  # type: ignore[attr-defined]
    return _tr(_KIND_TEXT[kind.value])


def ca_missing_text(path: str) -> str:
    """The certificate authority file set in Settings is gone: which one, and what to do."""
    return _tr(_CA_MISSING).format(file=path)


def _bilingual_text(error: BilingualError) -> str:
    """The message in the UI language; an answer that came with no message at all (a proxy's bare
    404) is said in the UI language too, never as its bare code."""
    if not (error.message_vi or error.message_en):
        return _tr(_NO_MESSAGE).format(code=error.code)
    return error.text(current_language())


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


_NO_MESSAGE = QT_TRANSLATE_NOOP("Errors", "The server refused this request without saying why (code {code}).")
_PENDING = QT_TRANSLATE_NOOP("Errors", "{count} actions of this account still wait to sync; sync first.")
_FILE = QT_TRANSLATE_NOOP("Errors", "A file could not be read or written: {file}")
TOO_MANY_SIGN_INS = QT_TRANSLATE_NOOP(
    "Errors",
    "Too many wrong passwords for this account or from this computer. For safety, the server accepts "
    "the next try from {time}.",
)
_CA_MISSING = QT_TRANSLATE_NOOP(
    "Errors",
    "The certificate authority file {file} set in Settings is missing, so nothing was sent to the server. "
    "Put the file back, or choose it again in File → Settings… (your IT staff has it).",
)
_KIND_TEXT = {
    "file": QT_TRANSLATE_NOOP("Errors", "A file could not be read or written."),
    "untrusted": QT_TRANSLATE_NOOP(
        "Errors",
        "The server's certificate is not trusted. Ask your IT staff for the organisation's certificate "
        "authority file and set it in Settings.",
    ),
    "unreachable": QT_TRANSLATE_NOOP(
        "Errors", "The server cannot be reached. Your work is kept on this computer and will be sent later."
    ),
    "server_busy": QT_TRANSLATE_NOOP("Errors", "The server is busy. Try again in a moment."),
    "needs_sign_in": QT_TRANSLATE_NOOP("Errors", "Sign in again: File → Accounts…"),
    "cache_busy": QT_TRANSLATE_NOOP(
        "Errors", "The data on this computer is busy with another task. Try again in a moment."
    ),
    "cache_damaged": QT_TRANSLATE_NOOP(
        "Errors",
        "The data file on this computer is damaged. Please restart Ward Desk: it will rebuild the file from "
        "the server and keep your accounts.",
    ),
    "disk_full": QT_TRANSLATE_NOOP("Errors", "The disk is full. Free some space, then try again."),
    "unexpected": QT_TRANSLATE_NOOP("Errors", "Something went wrong. Nothing was lost; the details are in the log."),
}
