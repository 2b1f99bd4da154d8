"""The trainer's scenario chooser: every shipped scenario in the UI language, found by typing without
diacritics, a broken file listed with its error beside the others; shown when training starts with
no ``--scenario`` (Cancel starts nothing) and from the training panel, where it starts the chosen
scenario in the same folder (Cancel changes nothing). Sessions are real: services on loopback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from sandbox.training import Scenario, ScenarioError, TrainingSession, load_shipped_scenarios, scan_scenarios
from sandbox.training.scenario_file import scenarios_dir
from tests.ui.test_every_window import minimum_size
from tests.ui.test_window_layout import SCREEN_AT_125
from ui import main as ui_main
from ui.main_window import MainWindow
from ui.scenario_chooser import ScenarioChooser
from ui.training_panel import TrainingPanel
from ui.training_run import TrainingRun
from ui.translation import install_translator

SHIPPED = load_shipped_scenarios()
SIGNATURES = "digital-signatures"  # “Kiểm tra chữ ký số của văn bản đến trước khi vào sổ”


def rows(chooser: ScenarioChooser, shown_only: bool = True) -> list[str]:
    items = [chooser.list.item(row) for row in range(chooser.list.count())]
    return [item.text() for item in items if not (shown_only and item.isHidden())]


def when_chooser_shows(act: Callable[[ScenarioChooser], None], seen: list[ScenarioChooser]) -> None:
    """Once the chooser is up (modal: its own event loop runs), ``act`` on it as the trainer would."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ScenarioChooser) or not dialog.isVisible():
            QTimer.singleShot(50, look)
            return
        seen.append(dialog)
        act(dialog)

    QTimer.singleShot(0, look)


def type_and_enter(qtbot: QtBot, text: str) -> Callable[[ScenarioChooser], None]:
    def act(dialog: ScenarioChooser) -> None:
        qtbot.keyClicks(dialog.search, text)
        qtbot.keyClick(dialog.search, Qt.Key.Key_Return)

    return act


# -- the dialog ------------------------------------------------------------------------------------


def test_every_shipped_scenario_is_listed_in_vietnamese_and_in_english(
    qtbot: QtBot, qapp: QApplication, vietnamese: QTranslator
) -> None:
    chooser = ScenarioChooser()
    qtbot.addWidget(chooser)
    chooser.show()
    assert chooser.windowTitle() == "Chọn kịch bản tập huấn"
    assert (chooser.start_button.text(), chooser.buttons.button(chooser.buttons.StandardButton.Cancel).text()) == (
        "Bắt đầu",
        "Hủy",
    )
    listed = rows(chooser)
    assert [row.split("\n")[0] for row in listed] == [s.title.vi for s in SHIPPED]
    assert all(f"{len(s.steps)} bước" in row for s, row in zip(SHIPPED, listed, strict=True))
    two = next(row for s, row in zip(SHIPPED, listed, strict=True) if s.accounts.old is not None)
    assert "có tài khoản hệ thống cũ" in two and "sự kiện trong buổi" in two
    assert chooser.details.text() == SHIPPED[0].description.vi  # the first one, chosen already
    size = minimum_size(chooser)
    assert size.width() <= SCREEN_AT_125[0] and size.height() <= SCREEN_AT_125[1], size
    assert chooser.width() <= SCREEN_AT_125[0] and chooser.height() <= SCREEN_AT_125[1]

    qapp.removeTranslator(vietnamese)
    install_translator(qapp, "en")
    english = ScenarioChooser()
    qtbot.addWidget(english)
    assert english.windowTitle() == "Choose a training scenario" and english.start_button.text() == "Start"
    assert [row.split("\n")[0] for row in rows(english)] == [s.title.en for s in SHIPPED]
    assert all(f"{len(s.steps)} step(s)" in row for s, row in zip(SHIPPED, rows(english), strict=True))


def test_typing_without_diacritics_finds_the_scenario_and_enter_chooses_it(
    qtbot: QtBot, vietnamese: QTranslator
) -> None:
    chooser = ScenarioChooser()
    qtbot.addWidget(chooser)
    chooser.show()
    qtbot.keyClicks(chooser.search, "chu ky")
    assert any(row.startswith("Kiểm tra chữ ký số") for row in rows(chooser))
    assert len(rows(chooser)) < len(SHIPPED)
    assert chooser.chosen() is not None and chooser.chosen().id == SIGNATURES  # the title's words, as typed
    with qtbot.waitSignal(chooser.accepted, timeout=2000):
        qtbot.keyClick(chooser.search, Qt.Key.Key_Return)
    chooser.search.clear()
    qtbot.keyClicks(chooser.search, "khong co kich ban nay")
    assert rows(chooser) == [] and chooser.chosen() is None and not chooser.start_button.isEnabled()


def _broken_folder(folder: Path) -> Path:
    """Two good shipped files around a broken one, whose error names its JSON path."""
    folder.mkdir()
    for name in ("01-van-ban-den.json", "07-chu-ky-so.json"):
        (folder / name).write_bytes((scenarios_dir() / name).read_bytes())
    data = json.loads((scenarios_dir() / "02-khai-sinh.json").read_text(encoding="utf-8"))
    data["steps"][1]["check"]["item"] = "khong-co"
    (folder / "05-cua-giang-vien.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_a_broken_file_is_listed_with_its_error_and_the_others_still_load(
    qtbot: QtBot, tmp_path: Path, vietnamese: QTranslator
) -> None:
    folder = _broken_folder(tmp_path / "scenarios")
    with pytest.raises(ScenarioError):  # the strict loader stops at it …
        load_shipped_scenarios(folder)
    found = scan_scenarios(folder)  # … the scan goes on past it
    assert [type(entry) for entry in found] == [Scenario, ScenarioError, Scenario]
    chooser = ScenarioChooser(folder=folder)
    qtbot.addWidget(chooser)
    chooser.show()
    listed = rows(chooser)
    assert listed[0].startswith("Tiếp nhận, vào sổ") and listed[2].startswith("Kiểm tra chữ ký số")
    heading, error = listed[1].split("\n")
    assert heading == "⚠ Không dùng được tệp 05-cua-giang-vien.json"
    unknown_key = "05-cua-giang-vien.json: steps[1].check.item: không có văn bản, hồ sơ hay phản ánh nào"
    assert error.startswith(unknown_key)
    chooser.list.setCurrentRow(1)
    assert unknown_key in chooser.details.text()
    assert not chooser.start_button.isEnabled()
    qtbot.keyClick(chooser.list, Qt.Key.Key_Return)
    assert chooser.isVisible() and chooser.result() == 0  # a broken file cannot start
    chooser.list.setCurrentRow(2)
    qtbot.keyClick(chooser.list, Qt.Key.Key_Return)
    assert not chooser.isVisible() and chooser.chosen() is not None and chooser.chosen().id == SIGNATURES


# -- at the start of training mode ----------------------------------------------------------------


def test_choosing_at_start_starts_that_scenario_and_the_panel_shows_its_title(qtbot: QtBot, tmp_path: Path) -> None:
    """``--training`` without ``--scenario``, in English: the chooser, then the window on the chosen one,
    its panel and banner in English (a fresh training profile's setting says Vietnamese)."""
    seen: list[ScenarioChooser] = []
    when_chooser_shows(type_and_enter(qtbot, "chu ky"), seen)
    shown: dict[str, object] = {}

    def close_when_up() -> None:
        window = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        panel = None if window is None else window.findChild(TrainingPanel)
        if panel is None or panel.steps.count() == 0:
            QTimer.singleShot(100, close_when_up)
            return
        shown.update(title=panel.title.text(), banner=window.banner.text(), steps=panel.steps.count())
        window.close()  # the trainer closes the training window: the program ends

    QTimer.singleShot(0, close_when_up)
    code = ui_main.main(["--training", "--language", "en", "--profile", str(tmp_path / "training")])
    expected = next(s for s in SHIPPED if s.id == SIGNATURES)
    assert code == 0 and len(seen) == 1
    assert shown == {"title": expected.title.en, "banner": shown["banner"], "steps": len(expected.steps)}
    assert str(shown["banner"]).startswith("TRAINING MODE")
    marker = json.loads((tmp_path / "training" / "ward-desk-training.json").read_text(encoding="utf-8"))
    assert marker["scenario"] == SIGNATURES


def test_cancel_at_start_ends_cleanly_and_starts_nothing(
    qtbot: QtBot, tmp_path: Path, vietnamese: QTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warned.append(str(args)))
    seen: list[ScenarioChooser] = []
    when_chooser_shows(lambda dialog: qtbot.keyClick(dialog.search, Qt.Key.Key_Escape), seen)
    code = ui_main.main(["--training", "--profile", str(tmp_path / "training")])
    assert code == 0 and len(seen) == 1 and warned == []
    assert not (tmp_path / "training").exists()  # no folder, no service, no window
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


# -- from the training panel ------------------------------------------------------------------------


def test_changing_the_scenario_from_the_panel_gives_a_window_on_the_new_one(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, vietnamese: QTranslator
) -> None:
    first = next(s for s in SHIPPED if s.id == "incoming-document")
    chosen = next(s for s in SHIPPED if s.id == SIGNATURES)
    session = TrainingSession(first, tmp_path / "training")
    run = TrainingRun(session, vietnamese)
    try:
        run.open_window(session.start())
        old_window, old_panel = run.window, run.panel
        assert old_panel is not None and old_panel.change_button.text() == "Đổi kịch bản…"

        seen: list[ScenarioChooser] = []
        when_chooser_shows(lambda dialog: dialog.reject(), seen)
        old_panel.change_button.click()  # Cancel: nothing changes
        assert len(seen) == 1 and run.window is old_window and run.session is session and session.online
        assert old_panel.change_button.isEnabled() and old_panel.message.text() == ""

        def choose(dialog: ScenarioChooser) -> None:
            assert dialog.chosen() is not None and dialog.chosen().id == first.id  # the running one, to start
            assert dialog.wipe_note.isVisible()  # the trainer is told the session is wiped
            type_and_enter(qtbot, "chu ky")(dialog)

        with qtbot.waitSignal(old_panel.scenario_changed, timeout=60000):
            when_chooser_shows(choose, seen)
            old_panel.change_button.click()
        assert len(seen) == 2
        window, panel = run.window, run.panel
        assert window is not old_window and panel is not None and not old_window.isVisible()
        assert run.session is not session and run.session.scenario.id == SIGNATURES and panel.session is run.session
        assert run.session.root == session.root and session.workbench is None  # the old one closed, its desk too
        assert panel.title.text() == chosen.title.vi and panel.message.text() == ""
        assert [panel.steps.item(r).text().split(" ", 2)[2] for r in range(panel.steps.count())] == [
            step.text.vi for step in chosen.steps
        ]
        assert window.workbench is run.session.workbench and window.isVisible()

        window.switch_language("en")  # the panel and the banner follow the window's language (a posted event)
        qtbot.waitUntil(lambda: panel.title.text() == chosen.title.en, timeout=5000)
        assert panel.change_button.text() == "Change scenario…" and window.banner.text().startswith("TRAINING MODE")
        window.switch_language("vi")
        window.uninstall_translator()
    finally:
        run.close()
        if run.window is not None:
            run.window.close()
        QCoreApplication.sendPostedEvents()


def test_a_chosen_scenario_that_cannot_start_gives_the_room_the_running_one_again(
    qtbot: QtBot, tmp_path: Path, vietnamese: QTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = next(s for s in SHIPPED if s.id == "incoming-document")
    chosen = next(s for s in SHIPPED if s.id == SIGNATURES)
    start_systems = TrainingSession._start_systems

    def failing(self: TrainingSession) -> None:  # the chosen one's services do not come up
        if self.scenario.id == SIGNATURES:
            raise RuntimeError("port refused")
        start_systems(self)

    monkeypatch.setattr(TrainingSession, "_start_systems", failing)
    session = TrainingSession(first, tmp_path / "training")
    run = TrainingRun(session, vietnamese)
    try:
        run.open_window(session.start())
        old_panel = run.panel
        assert old_panel is not None
        with qtbot.waitSignal(old_panel.scenario_changed, timeout=60000):
            old_panel.change_to(chosen)
        panel = run.panel
        assert run.session is session and session.workbench is not None and session.online  # started again
        assert panel is not old_panel and panel.title.text() == first.title.vi
        assert panel.message.text().startswith("Không khởi động được “Kiểm tra chữ ký số")
        assert panel.message.text().endswith("Kịch bản hiện tại đã được bắt đầu lại từ đầu.")
        marker = json.loads((session.root / "ward-desk-training.json").read_text(encoding="utf-8"))
        assert marker["scenario"] == first.id
    finally:
        run.close()
        if run.window is not None:
            run.window.close()
        QCoreApplication.sendPostedEvents()


def test_when_neither_scenario_can_start_the_window_says_so_and_a_reset_brings_it_back(
    qtbot: QtBot, tmp_path: Path, vietnamese: QTranslator, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = next(s for s in SHIPPED if s.id == "incoming-document")
    chosen = next(s for s in SHIPPED if s.id == SIGNATURES)
    start_systems = TrainingSession._start_systems
    session = TrainingSession(first, tmp_path / "training")
    run = TrainingRun(session, vietnamese)
    try:
        run.open_window(session.start())
        window, panel = run.window, run.panel
        assert window is not None and panel is not None
        refused = {"on": True}

        def failing(self: TrainingSession) -> None:  # the port is taken by now: no scenario comes up
            if refused["on"]:
                raise RuntimeError("port refused")
            start_systems(self)

        monkeypatch.setattr(TrainingSession, "_start_systems", failing)
        with qtbot.waitSignal(panel.stopped, timeout=60000):
            panel.change_to(chosen)
        assert session.workbench is None and run.window is window  # no desk runs, the window stays
        assert panel.message.text().startswith("Môi trường tập huấn đã dừng:")
        assert panel.message.text().endswith("Bấm “Làm lại cho nhóm sau” để khởi động lại.")  # the button's words
        assert not window.centralWidget().isEnabled() and not window.sync_button.isEnabled()
        assert panel.reset_button.isEnabled() and not panel.change_button.isEnabled()
        refused["on"] = False  # the port is free again: the trainer presses Reset
        with qtbot.waitSignal(panel.reset_done, timeout=60000):
            panel.reset()
        assert run.window is not window and run.window is not None and run.window.centralWidget().isEnabled()
        assert session.workbench is not None and session.online
    finally:
        run.close()
        if run.window is not None:
            run.window.close()
        QCoreApplication.sendPostedEvents()
