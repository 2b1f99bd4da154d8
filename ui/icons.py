"""The app's icons by what they mean, from Material Design Icons as bundled by qtawesome (a font
inside the package: it ships in the frozen program too, and scales on a projector)."""

from __future__ import annotations

import os
from functools import cache

from PySide6.QtGui import QIcon

os.environ.setdefault("QT_API", "pyside6")  # qtawesome reaches Qt through QtPy: the binding we use

NAMES = {
    "sync": "mdi6.sync",
    "intake": "mdi6.account-file-text-outline",
    "draft": "mdi6.file-document-edit-outline",
    "edxml": "mdi6.email-open-outline",
    "export": "mdi6.microsoft-excel",
    "register": "mdi6.book-open-variant",
    "dossier_register": "mdi6.notebook-outline",
    "report": "mdi6.chart-box-outline",
    "dashboard": "mdi6.view-dashboard-outline",
    "find": "mdi6.magnify",
    "overdue": "mdi6.clock-alert-outline",
    "accounts": "mdi6.account-key-outline",
    "settings": "mdi6.cog-outline",
}
COLOURS = {"overdue": "#b3261e"}


_light = {"on": False}  # presentation mode: light icons on its dark palette


def set_light(on: bool) -> None:
    _light["on"] = on


def icon(meaning: str) -> QIcon:
    """The icon for ``meaning`` (a key of NAMES) in the palette's colours; an empty icon if the font
    cannot be read."""
    return _icon(meaning, _light["on"])


@cache  # the lists ask for their marks on every paint
def _icon(meaning: str, light: bool) -> QIcon:
    import qtawesome  # its font loads on first use, after the QApplication exists

    colour = COLOURS.get(meaning, "#1f3b57")
    if light:
        colour = {"overdue": "#ff8a80"}.get(meaning, "#ffffff")
    try:
        return qtawesome.icon(NAMES[meaning], color=colour, color_disabled="#9aa0a6")
    except Exception:  # a broken font must never stop the window: the texts are still there
        return QIcon()
