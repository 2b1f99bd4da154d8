"""Every file dialog starts in the folder last used, kept in the profile's settings across a restart,
and in the user's Documents folder the first time. The system's dialog is stood in for (it cannot be
driven offscreen); what it is asked and what it answers goes through the real settings file."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from app.credentials import CredentialStore
from app.profile import Profile
from app.settings import load_settings
from app.workbench import Workbench
from kernel.clock import FixedClock
from ui import file_dialogs
from ui.settings_dialog import SettingsDialog


class SystemDialog:
    """Stands in for QFileDialog's static functions: remembers the folder each was opened in."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[Any] = []
        self.opened_in: list[str] = []  # the folder (or proposed file) each dialog was given
        for name in ("getOpenFileName", "getOpenFileNames", "getSaveFileName"):
            monkeypatch.setattr(QFileDialog, name, self._answer)

    def _answer(self, _parent: Any, _title: str, where: str, filters: str) -> tuple[Any, str]:
        self.opened_in.append(where)
        return self.answers.pop(0), filters


@pytest.fixture
def system_dialog(monkeypatch: pytest.MonkeyPatch) -> SystemDialog:
    return SystemDialog(monkeypatch)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's home with a Documents folder (QStandardPaths reads $HOME and the XDG folders)."""
    folder = tmp_path / "home"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return folder


def folders(tmp_path: Path, *names: str) -> list[Path]:
    made = [tmp_path / name for name in names]
    for folder in made:
        folder.mkdir()
    return made


def test_the_first_dialog_opens_in_documents_and_the_next_where_the_last_file_was(
    workbench: Workbench, home: Path, system_dialog: SystemDialog, tmp_path: Path
) -> None:
    scans, usb = folders(tmp_path, "scans", "usb")
    system_dialog.answers = [str(scans / "đơn.pdf"), [str(usb / "a.pdf"), str(usb / "b.pdf")], str(usb / "sổ.xlsx")]
    assert file_dialogs.open_file(None, workbench, "Open", "PDF (*.pdf)") == scans / "đơn.pdf"
    assert file_dialogs.open_files(None, workbench, "Attach", "PDF (*.pdf)") == [usb / "a.pdf", usb / "b.pdf"]
    assert file_dialogs.save_file(None, workbench, "Export", "danh-sach.xlsx", "Excel (*.xlsx)") == usb / "sổ.xlsx"
    assert system_dialog.opened_in == [str(home / "Documents"), str(scans), str(usb / "danh-sach.xlsx")]
    assert workbench.settings.last_folder == str(usb)


def test_the_last_folder_survives_a_restart(
    profile: Profile, clock: FixedClock, home: Path, system_dialog: SystemDialog, tmp_path: Path
) -> None:
    [usb] = folders(tmp_path, "usb")
    bench = Workbench.open(profile, clock, CredentialStore(fail.Keyring()))
    system_dialog.answers = [str(usb / "goi-tin.edxml")]
    file_dialogs.open_file(None, bench, "Open", "edXML (*.edxml)")
    bench.close()
    assert load_settings(profile.root)[0].last_folder == str(usb)  # in the settings file
    restarted = Workbench.open(profile, clock, CredentialStore(fail.Keyring()))
    try:
        system_dialog.answers = [""]  # cancelled: nothing chosen, nothing forgotten
        assert file_dialogs.open_file(None, restarted, "Open", "edXML (*.edxml)") is None
        assert system_dialog.opened_in[-1] == str(usb)
        assert restarted.settings.last_folder == str(usb)
        usb.rmdir()  # the stick was pulled out: Documents again
        assert file_dialogs.start_folder(restarted) == home / "Documents"
    finally:
        restarted.close()


def test_choosing_a_file_in_the_settings_keeps_the_folder_when_the_settings_are_saved(
    qtbot: QtBot, workbench: Workbench, home: Path, system_dialog: SystemDialog, tmp_path: Path
) -> None:
    [it_folder] = folders(tmp_path, "it")
    (it_folder / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    dialog = SettingsDialog(workbench.settings, None, workbench)
    qtbot.addWidget(dialog)
    system_dialog.answers = [str(it_folder / "ca.pem")]
    dialog.findChild(QPushButton, "chooseCaBundle").click()
    assert dialog.ca_bundle.text() == str(it_folder / "ca.pem")
    assert system_dialog.opened_in == [str(home / "Documents")]
    dialog.accept()
    assert dialog.result_settings is not None
    assert dialog.result_settings.ca_bundle == str(it_folder / "ca.pem")
    assert dialog.result_settings.last_folder == str(it_folder)  # saving the settings does not undo it


def test_a_share_that_does_not_answer_opens_documents_without_freezing_the_window(
    workbench: Workbench, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A vanished network share makes Windows wait ~30 s before it says "not there"; here a folder check
    that hangs until the test lets it go stands in for it (the rule under test is the time limit)."""
    share = tmp_path / "share"
    share.mkdir()
    workbench.remember(last_folder=str(share))
    released = threading.Event()
    real_is_dir = Path.is_dir

    def hanging_is_dir(path: Path) -> bool:
        if path == share:
            released.wait(30)
        return real_is_dir(path)

    monkeypatch.setattr(Path, "is_dir", hanging_is_dir)
    monkeypatch.setattr(file_dialogs, "FOLDER_CHECK_SECONDS", 0.2)
    try:
        started = time.monotonic()
        assert file_dialogs.start_folder(workbench) == home / "Documents"
        assert time.monotonic() - started < 5  # not the share's 30 s
    finally:
        released.set()
    assert file_dialogs.start_folder(workbench) == share  # answering again: the last folder
