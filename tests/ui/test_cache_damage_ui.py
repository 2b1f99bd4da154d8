"""The window on a cache file damaged in ways SQLite's own checks pass: every row still listed, the user
told at once in Vietnamese, the file marked to be rebuilt at the next start; and the start's questions
when the file is not the desk's to rebuild."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

import ui.confirm
from app.profile import Profile
from app.workbench import Workbench
from local_db.cache_health import DAMAGE_MARK
from tests.demo_cache import fill_demo_cache
from tests.integration import damaged_caches as damaged
from tests.ui.waiting import load_all, settle
from ui import main as ui_main
from ui.main_window import MainWindow


def test_a_text_cell_that_is_not_utf8_leaves_the_list_whole_and_is_told(
    qtbot: QtBot, workbench: Workbench, vietnamese: QTranslator, profile: Profile
) -> None:
    """Before: the list stayed empty while its count showed every row, and nothing was said or marked."""
    fill_demo_cache(workbench, 83)
    connection = sqlite3.connect(profile.database_path)  # as a disk fault would: beside the open cache
    try:
        with connection:
            connection.execute("UPDATE document SET subject = CAST(x'4e677579ff656e' AS TEXT) WHERE id = "
                               "(SELECT max(id) FROM document WHERE direction = 'incoming')")  # fmt: skip
    finally:
        connection.close()
    window = MainWindow(workbench, translator=vietnamese)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window._first_rows, timeout=15_000)
    rows = load_all(qtbot, window, window.documents)
    settle(qtbot, window)
    assert len(rows) == window.documents.total > 0
    assert any("\ufffd" in row.subject for row in rows)  # its readable part, the bad bytes as �
    qtbot.waitUntil(window.cache_notice.isVisible, timeout=15_000)
    assert window.cache_notice.text().startswith("Tệp dữ liệu trên máy này bị hỏng (một phần nội dung văn bản")
    assert "khởi động lại Ward Desk" in window.cache_notice.text()
    assert (profile.root / DAMAGE_MARK).exists()


def test_a_code_no_label_knows_leaves_the_rest_of_the_list_shown(
    qtbot: QtBot, workbench: Workbench, vietnamese: QTranslator, profile: Profile
) -> None:
    """A byte changed inside a state or an urgency still reads as text, and no check can tell it from data
    (or a newer service's value): before, the list's cells raised in Qt's paint and the rows showed nothing."""
    fill_demo_cache(workbench, 40)
    connection = sqlite3.connect(profile.database_path)
    try:
        with connection:
            connection.execute("UPDATE document SET state = 'in_pGogress', urgency = 'normaM' WHERE id = "
                               "(SELECT max(id) FROM document WHERE direction = 'incoming')")  # fmt: skip
    finally:
        connection.close()
    window = MainWindow(workbench, translator=vietnamese)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    rows = load_all(qtbot, window, window.documents)
    assert len(rows) == window.documents.total > 0
    texts = [window.documents.data(window.documents.index(row, 5)) for row in range(len(rows))]
    assert all(texts)  # every subject shows, the damaged row's too


def test_another_programs_database_is_left_as_it_is_and_ward_desk_starts_beside_it_when_asked(
    qapp: object, tmp_path: Path, vietnamese: QTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = Profile(tmp_path / "p")
    profile.create_folders()
    damaged.written(profile.database_path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    before = damaged.digest(profile.database_path)
    asked: list[str] = []
    monkeypatch.setattr(ui.confirm, "confirm", lambda _parent, _title, question, _go: asked.append(question) or False)
    assert ui_main._open_workbench(profile, session_only=True) is None  # declined: nothing starts
    monkeypatch.setattr(ui.confirm, "confirm", lambda _parent, _title, question, _go: asked.append(question) or True)
    workbench = ui_main._open_workbench(profile, session_only=True)
    assert workbench is not None and workbench.cache.profile == profile.beside()
    workbench.close()
    again = ui_main._open_workbench(profile, session_only=True)  # the next start asks again, the same folder
    assert again is not None and again.cache.profile == profile.beside()
    again.close()
    assert len(asked) == 3 and asked[0].startswith(f"Tệp {profile.database_path} không phải là cơ sở dữ liệu")
    assert str(profile.beside().root) in asked[0]
    assert damaged.digest(profile.database_path) == before and list(profile.backups_dir.iterdir()) == []


def test_a_newer_versions_file_is_refused_in_vietnamese_and_left_unchanged(
    qapp: object, tmp_path: Path, vietnamese: QTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = Profile(tmp_path / "p")
    Workbench.open(profile, ui_main.SystemClock()).close()
    damaged.made_newer(profile.database_path)
    before = damaged.digest(profile.database_path)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: shown.append(f"{title}\n{text}"))
    assert ui_main._open_workbench(profile, session_only=True) is None
    assert len(shown) == 1 and "phiên bản Ward Desk mới hơn" in shown[0]
    assert damaged.digest(profile.database_path) == before and not profile.beside().root.exists()
