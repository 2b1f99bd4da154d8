"""Loading the UI language and translating the domain's English source strings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.domain.errors import TRANSLATION_CONTEXT, DomainError
from app.resources import resources_dir

DEFAULT_LANGUAGE = "vi"
LANGUAGES = ("vi", "en")


def install_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load ``ward_desk_<language>.qm``; English needs none (it is the source language)."""
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English))
    if language == "en":
        return None
    translator = QTranslator(app)
    if not translator.load(str(resources_dir() / "i18n" / f"ward_desk_{language}.qm")):
        return None
    app.installTranslator(translator)
    return translator


def domain_text(text: str) -> str:
    """A label or message template from ``app.domain``, in the UI language."""
    return QCoreApplication.translate(TRANSLATION_CONTEXT, text)


def domain_error_text(error: DomainError) -> str:
    params = {key: domain_text(value) if isinstance(value, str) else value for key, value in error.params.items()}
    return domain_text(error.message).format(**params)
