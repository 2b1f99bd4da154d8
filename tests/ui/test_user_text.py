"""Any error becomes one sentence in the user's language: never a class name or a traceback."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from app.accounts import PendingActions
from app.central_client import CentralRejected, CentralUnreachable
from app.domain.errors import DomainError
from ui.translation import current_language, install_translator, user_text


def test_in_vietnamese(vietnamese: QTranslator, qapp: QApplication) -> None:
    assert current_language() == "vi"
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory", "/tmp/ca.pem")
    assert user_text(missing) == "Không đọc hoặc ghi được tệp: /tmp/ca.pem"
    assert user_text(OSError(errno.EIO, "I/O error")) == "Không đọc hoặc ghi được tệp."
    assert user_text(sqlite3.OperationalError("database is locked")).startswith("Dữ liệu trên máy này đang bận")
    assert user_text(CentralUnreachable("x")).startswith("Không kết nối được máy chủ")
    assert user_text(CentralRejected(401, "bad", "Sai mật khẩu.", "Wrong password.")) == "Sai mật khẩu."
    assert user_text(PendingActions(2)) == "Tài khoản này còn 2 thao tác chờ đồng bộ; vui lòng đồng bộ trước."
    unexpected = user_text(KeyError("boom"))
    assert unexpected == "Đã có lỗi xảy ra. Không có dữ liệu nào bị mất; chi tiết được ghi trong nhật ký."
    refused = DomainError(
        "workflow.illegal_action", "“{action}” is not possible while the item is “{state}”.", action="x", state="y"
    )
    assert user_text(refused).startswith("Không thể thực hiện thao tác")  # the rule's own message, translated
    install_translator(qapp, "en")  # the locale back to English for the tests that follow


def test_in_english(qapp: QApplication) -> None:
    install_translator(qapp, "en")
    assert current_language() == "en"
    assert user_text(CentralRejected(401, "bad", "Sai mật khẩu.", "Wrong password.")) == "Wrong password."


def test_a_vietnamese_catalogue_that_does_not_load_leaves_bilingual_messages_english(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The UI speaks English when ui_vi.qm is missing: a server's or a scenario's message must too."""
    monkeypatch.setattr("ui.translation.resources_dir", lambda: tmp_path)  # no i18n/ in it
    try:
        assert install_translator(qapp, "vi") is None
        assert current_language() == "en"
        assert user_text(CentralRejected(409, "stale", "Hồ sơ đã thay đổi.", "The dossier has changed.")) == (
            "The dossier has changed."
        )
    finally:
        install_translator(qapp, "en")


def test_an_answer_without_a_message_is_said_in_the_ui_language(vietnamese: QTranslator, qapp: QApplication) -> None:
    """A bare 404 from a proxy has only its code: said as a sentence, never the code alone."""
    said = user_text(CentralRejected(404, "http_404"))
    assert said.startswith("Máy chủ từ chối yêu cầu này") and "http_404" in said
    qapp.removeTranslator(vietnamese)
    install_translator(qapp, "en")
    assert user_text(CentralRejected(404, "http_404")).startswith("The server refused this request")
