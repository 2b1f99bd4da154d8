"""Every open and save file dialog of the app, in one place: each starts in the folder the user last
took a file from or saved one to, kept in the profile's settings so it survives a restart, and in the
user's Documents folder the first time (not the program's folder, where nobody keeps papers).

The system's own dialogs are used (Explorer's on Windows, in the system's language); their titles and
filters are the caller's. With no workbench (a dialog shown on its own) nothing is remembered.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

if TYPE_CHECKING:
    from app.workbench import Workbench

FOLDER_CHECK_SECONDS = 1.0


def open_file(parent: QWidget | None, workbench: Workbench | None, title: str, filters: str) -> Path | None:
    """One existing file the user picks; None if they cancel."""
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, str(start_folder(workbench)), filters)
    return _remembered(workbench, Path(chosen)) if chosen else None


def open_files(parent: QWidget | None, workbench: Workbench | None, title: str, filters: str) -> list[Path]:
    """The existing files the user picks (none if they cancel)."""
    chosen, _filter = QFileDialog.getOpenFileNames(parent, title, str(start_folder(workbench)), filters)
    paths = [Path(name) for name in chosen]
    if paths:
        _remembered(workbench, paths[0])
    return paths


def save_file(
    parent: QWidget | None, workbench: Workbench | None, title: str, suggested: str, filters: str
) -> Path | None:
    """Where to write a file, ``suggested`` (a file name) proposed in the last folder; None if cancelled."""
    proposed = start_folder(workbench) / suggested
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(proposed), filters)
    return _remembered(workbench, Path(chosen)) if chosen else None


def start_folder(workbench: Workbench | None) -> Path:
    """The folder last used if it is still there (a USB stick may be gone), else Documents, else home."""
    last = workbench.settings.last_folder if workbench is not None else ""
    if last and _answers_in_time(Path(last)):
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def _answers_in_time(folder: Path) -> bool:
    """Whether ``folder`` is there, asked on a daemon thread: a network share that went away can take
    Windows half a minute to answer, and the window would freeze that long before the dialog opened.
    A late answer is left to come on its own (a daemon thread keeps no one from quitting)."""
    answer: list[bool] = []
    asking = threading.Thread(target=lambda: answer.append(folder.is_dir()), daemon=True, name="folder-check")
    asking.start()
    asking.join(FOLDER_CHECK_SECONDS)
    return bool(answer and answer[0])


def _remembered(workbench: Workbench | None, chosen: Path) -> Path:
    """Keep the chosen file's folder for the next dialog (written only when it changed)."""
    if workbench is not None:
        workbench.remember(last_folder=str(chosen.parent))
    return chosen
