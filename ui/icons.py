"""The app's icons by what they mean: glyphs of Material Design Icons 6, the icon font that the
``qtawesome`` package ships (a maintained set; the font file travels in the built program too and
stays sharp at any size, on a projector as well).

The font is read directly: importing qtawesome itself pulls QtPy and every PySide6 class's signature
in (~190 ms and ~27 MB before the first rows, measured), for the dozen glyphs used here."""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

log = logging.getLogger(__name__)

NAMES = {
    "sync": "sync",
    "intake": "account-file-text-outline",
    "draft": "file-document-edit-outline",
    "edxml": "email-open-outline",
    "export": "microsoft-excel",
    "register": "book-open-variant",
    "dossier_register": "notebook-outline",
    "report": "chart-box-outline",
    "dashboard": "view-dashboard-outline",
    "find": "magnify",
    "overdue": "clock-alert-outline",
    "accounts": "account-key-outline",
    "settings": "cog-outline",
    "undo": "undo-variant",
}
COLOURS = {"overdue": "#b3261e"}
LIGHT_COLOURS = {"overdue": "#ff8a80"}  # presentation mode's dark palette
DISABLED = "#9aa0a6"

_light = {"on": False}


def set_light(on: bool) -> None:
    """Light icons on presentation mode's dark palette (or back)."""
    _light["on"] = on


def icon(meaning: str) -> QIcon:
    """The icon for ``meaning`` (a key of NAMES) in the palette's colours; an empty icon when the
    font cannot be read (the texts beside it are still there)."""
    return _icon(meaning, _light["on"])


@cache  # the lists ask for their marks on every paint
def _icon(meaning: str, light: bool) -> QIcon:
    glyphs = _glyphs()
    if glyphs is None:
        return QIcon()
    family, codes = glyphs
    colour = LIGHT_COLOURS.get(meaning, "#ffffff") if light else COLOURS.get(meaning, "#1f3b57")
    return QIcon(GlyphEngine(family, chr(int(codes[NAMES[meaning]], 16)), colour))


class GlyphEngine(QIconEngine):
    """Draws its glyph at whatever size is asked, when it is asked (nothing rendered ahead)."""

    def __init__(self, family: str, character: str, colour: str) -> None:
        super().__init__()
        self.family, self.character, self.colour = family, character, colour

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, _state: QIcon.State) -> None:
        font = QFont(self.family)
        font.setPixelSize(max(1, min(rect.width(), rect.height())))
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor(DISABLED if mode == QIcon.Mode.Disabled else self.colour))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.character)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        drawn = QPixmap(size)
        drawn.fill(Qt.GlobalColor.transparent)
        painter = QPainter(drawn)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return drawn

    def clone(self) -> QIconEngine:
        return GlyphEngine(self.family, self.character, self.colour)


@cache
def _glyphs() -> tuple[str, dict[str, str]] | None:
    """The font's family and its name → code point map, loaded once (after the QApplication exists)."""
    try:
        ttf, charmap = _font_files()
        font_id = QFontDatabase.addApplicationFont(str(ttf))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise OSError(f"Qt could not load {ttf}")
        return families[0], json.loads(charmap.read_text(encoding="utf-8"))
    except (OSError, ValueError, IndexError):
        log.warning("the icon font could not be read; the window shows its actions without icons", exc_info=True)
        return None


def _font_files() -> tuple[Path, Path]:
    """qtawesome's bundled Material Design Icons 6 font and its character map (found, not imported)."""
    bundled = getattr(sys, "_MEIPASS", None)  # the built program carries the font, not the package
    if bundled is not None:
        folder = Path(bundled) / "qtawesome" / "fonts"
    else:
        spec = importlib.util.find_spec("qtawesome")
        if spec is None or not spec.submodule_search_locations:
            raise OSError("the qtawesome package (the icon font) is not installed")
        folder = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    ttf = sorted(folder.glob("materialdesignicons6-webfont-[0-9]*.ttf"))[-1]
    charmap = sorted(folder.glob("materialdesignicons6-webfont-charmap-*.json"))[-1]
    return ttf, charmap
