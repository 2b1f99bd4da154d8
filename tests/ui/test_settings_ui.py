"""Language switching at run time and the settings dialog, on the real window."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.settings import load_settings
from app.workbench import Workbench
from tests.ui.test_main_window import header
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog, parse_dates


def test_switching_language_retranslates_the_window_and_is_remembered(
    window: MainWindow, workbench: Workbench, qtbot: QtBot
) -> None:
    assert window.navigator.item(0).text().startswith("Văn bản đến (")
    window.switch_language("en")
    assert window.navigator.item(0).text().startswith("Incoming documents (")
    assert header(window.document_table)[:2] == ["Arrival no.", "Arrival date"]
    assert window.file_menu.title() == "&File" and window.sync_button.text() == "Sync now"
    assert load_settings(workbench.cache.profile.root)[0].language == "en"
    window.switch_language("vi")
    assert window.navigator.item(0).text().startswith("Văn bản đến (")
    assert header(window.document_table)[0] == "Số đến"
    assert window.language_actions["vi"].isChecked() and not window.language_actions["en"].isChecked()
    window.uninstall_translator()  # the one the switch installed: no Vietnamese left for the tests after this


def test_dates_are_read_as_dd_mm_yyyy() -> None:
    assert parse_dates("13/02/2026\n\n 01/09/2026 \n13/02/2026") == (["2026-02-13", "2026-09-01"], [])
    assert parse_dates("2026-02-13\n31/02/2026") == ([], ["2026-02-13", "31/02/2026"])


def test_the_settings_dialog_refuses_bad_dates_and_saves_good_ones(workbench: Workbench, qtbot: QtBot) -> None:
    dialog = SettingsDialog(workbench.settings)
    qtbot.addWidget(dialog)
    dialog.days_off.setPlainText("13/02/2026\nngày mai")
    dialog.accept()
    assert dialog.result_settings is None and "ngày mai" in dialog.error.text()
    dialog.days_off.setPlainText("13/02/2026")
    dialog.makeup.setPlainText("13/02/2026")
    dialog.accept()
    assert dialog.result_settings is None and "13/02/2026" in dialog.error.text()
    dialog.makeup.setPlainText("07/02/2026")
    dialog.interval.setValue(15)
    dialog.accept()
    assert dialog.result_settings is not None
    workbench.save_settings(dialog.result_settings)
    saved, _ = load_settings(workbench.cache.profile.root)
    assert (saved.extra_days_off, saved.makeup_working_days) == (("2026-02-13",), ("2026-02-07",))
    assert saved.sync_interval_minutes == 15


def test_the_certificate_authority_must_be_a_pem_file_of_certificates(
    workbench: Workbench, qtbot: QtBot, tmp_path: Path
) -> None:
    notes, bundle = tmp_path / "ghi-chu.txt", tmp_path / "ca-so-tttt.pem"
    notes.write_text("không phải chứng thư", encoding="utf-8")
    bundle.write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", encoding="utf-8")
    dialog = SettingsDialog(workbench.settings)
    qtbot.addWidget(dialog)
    dialog.ca_bundle.setText(str(notes))
    dialog.accept()
    assert dialog.result_settings is None and "ghi-chu.txt" in dialog.error.text()
    dialog.ca_bundle.setText(str(bundle))
    dialog.accept()
    assert dialog.result_settings is not None
    workbench.save_settings(dialog.result_settings)
    assert load_settings(workbench.cache.profile.root)[0].ca_bundle == str(bundle)
    assert workbench.central_client("https://127.0.0.1:1").verify == str(bundle)


def test_training_mode_opens_as_its_own_process(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from PySide6.QtCore import QProcess

    started: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(QProcess, "startDetached", lambda program, args: started.append((program, args)) or (True, 1))
    assert window.open_training()
    assert started == [(sys.executable, ["-m", "ui", "--training", "--language", "vi"])]  # the chooser speaks as it
    assert window.training_action.text() == "Mở chế độ &tập huấn (môi trường riêng)"
