"""A failure injected into every kind of task the real window runs: the user reads what happened in
Vietnamese (``user_text``, never a class name or a traceback), the controls come back, and once the
cause is gone the same control works.

The window is the real one on a real profile with demo data (tests/ui/conftest.py), with a real
central service on loopback (SQLite) where the task talks to a server; a failure is injected by
making the Workbench (or training session) method the task calls raise, then putting it back.
"""

from __future__ import annotations

import errno
import socket
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from app.accounts import SourceInfo
from app.central_client import CentralUnreachable
from app.domain.errors import DomainError
from app.domain.item_lists import DocumentFilter
from app.domain.workflow import FIELD_LABELS, DossierState
from central.agency_directory import load_shipped_directory
from central.seed import add_account, load_directory, seed_demo_items
from central.server import build_service, start_in_thread
from kernel.clock import FixedClock
from local_db.models import Account, Dossier
from sandbox.training import TrainingSession, load_shipped_scenarios
from tests.central.conftest import TEST_PASSWORD_COST
from tests.conftest import DEMO_NOW
from tests.ui.waiting import WAIT_MS, load_all, settle
from ui.main_window import NAVIGATION, MainWindow, Services
from ui.tasks import BUSY_DELAY_MS
from ui.training_panel import TrainingPanel
from ui.translation import user_text

ROW = {key: row for row, (key, *_rest) in enumerate(NAVIGATION)}
WARD = "000.00.57.H29"  # Phường Thủ Dầu Một in the shipped directory
LOGIN, PASSWORD = "thu.tdm", "Mật-khẩu-A-2026!"
SAMPLES = Path(__file__).parents[1] / "data" / "edxml"


@dataclass
class Loopback:
    url: str


@pytest.fixture
def loopback(tmp_path: Path) -> Iterator[Loopback]:
    """The reference central service on loopback, one ward with its demo items and one official."""
    service = build_service(
        "unified", f"sqlite:///{tmp_path / 'central.sqlite3'}", FixedClock(DEMO_NOW), TEST_PASSWORD_COST
    )
    with service.sessions.begin() as session:
        load_directory(session, load_shipped_directory())
        add_account(session, LOGIN, PASSWORD, WARD, "Nguyễn Thị Thu", DEMO_NOW)
        seed_demo_items(session, WARD, 40, DEMO_NOW, seed=1)
    server = start_in_thread(service)
    yield Loopback(server.url)
    server.stop()
    service.engine.dispose()


class World:
    """The window under test, and the injection: ``break_(name, error)`` makes ``target.name`` raise."""

    def __init__(self, qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        self.qtbot, self.window, self._monkeypatch = qtbot, window, monkeypatch
        self.workbench = window.workbench

    def break_(self, name: str, error: BaseException, target: Any = None) -> None:
        def raising(*_args: Any, **_kwargs: Any) -> Any:
            raise error

        self._monkeypatch.setattr(target if target is not None else self.workbench, name, raising)

    def mend(self) -> None:
        self._monkeypatch.undo()

    def told(
        self, shown: Callable[[], str], error: BaseException, template: str = "{reason}", among: bool = False
    ) -> None:
        """The user reads ``user_text(error)`` in Vietnamese where ``shown`` looks (``among`` other text)."""
        expected = template.format(reason=user_text(error))
        self.qtbot.waitUntil(lambda: expected in shown() if among else shown() == expected, timeout=WAIT_MS)
        assert not expected.isascii()  # Vietnamese, with its diacritics
        assert type(error).__name__ not in expected and "Traceback" not in expected

    def notice_cleared(self) -> None:
        self.window.notice.hide()

    def no_new_notice(self) -> None:
        settle(self.qtbot, self.window)
        assert not self.window.notice.isVisible(), self.window.notice.text()

    def sign_in(self, url: str) -> None:
        """The official's account on the loopback service, and the services running (first sync done).
        The demo profile's own accounts (they have no password) are signed out first."""
        with self.workbench.cache.sessions.begin() as session:
            session.execute(update(Account).values(status="signed_out"))
        with self.qtbot.waitSignal(self.window.bridge.sync_finished, timeout=20_000):
            self.workbench.add_account(
                SourceInfo("loopback", "Hệ thống dùng chung (thử)", "unified", url), LOGIN, PASSWORD
            )
            self.window.start_services(interval=3600)
        settle(self.qtbot, self.window)

    def select_dossier(self, dossier_id: int) -> None:
        self.window.navigator.setCurrentRow(ROW["dossiers"])
        rows = [row.id for row in load_all(self.qtbot, self.window, self.window.dossiers)]
        self.window.select_row("dossier", rows.index(dossier_id))
        self.qtbot.waitUntil(
            lambda: self.window.detail.detail is not None and self.window.detail.detail.id == dossier_id
        )
        settle(self.qtbot, self.window)

    def button(self, name: str) -> QPushButton | None:
        return self.window.detail.findChild(QPushButton, f"action_{name}")


@pytest.fixture
def world(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> World:
    return World(qtbot, window, monkeypatch)


# -- each kind of task ---------------------------------------------------------------------------------


def list_page(w: World, _request: pytest.FixtureRequest) -> None:
    error = sqlite3.OperationalError("database is locked")
    w.break_("document_page", error)
    w.window.navigator.setCurrentRow(ROW["outgoing"])
    w.told(w.window.notice.text, error)
    assert not w.window.documents.reading  # the list asks again at the next change
    w.mend()
    w.notice_cleared()
    w.window.navigator.setCurrentRow(ROW["incoming"])
    w.window.navigator.setCurrentRow(ROW["outgoing"])
    w.no_new_notice()
    rows = [w.window.documents.row_at(r) for r in range(w.window.documents.rowCount())]
    assert rows and all(row.direction == "outgoing" for row in rows)


def count(w: World, _request: pytest.FixtureRequest) -> None:
    error = RuntimeError("counting went wrong")
    w.break_("count_dossiers", error)
    w.window.refresh_counts()
    w.told(w.window.notice.text, error)
    w.mend()
    w.notice_cleared()
    w.window.navigator.item(ROW["dossiers"]).setText("")
    w.window.refresh_counts()
    w.no_new_notice()
    assert w.window.navigator.item(ROW["dossiers"]).text() == f"Hồ sơ ({w.workbench.count_dossiers()})"


def search(w: World, _request: pytest.FixtureRequest) -> None:
    error = OSError(errno.ENOSPC, "No space left on device")
    w.break_("search", error)
    w.window.navigator.setCurrentRow(ROW["dossiers"])
    w.qtbot.keyClicks(w.window.search, "khai sinh")
    w.told(w.window.notice.text, error)
    w.mend()
    w.notice_cleared()
    expected = w.workbench.search("khai sinh")
    assert expected is not None and expected.dossier_ids
    with w.qtbot.waitSignal(w.window.search_shown, timeout=WAIT_MS):
        w.window.apply_search()
    w.no_new_notice()
    assert w.window.dossiers.total == len(expected.dossier_ids)


def detail_read(w: World, _request: pytest.FixtureRequest) -> None:
    error = sqlite3.OperationalError("disk I/O error")
    w.break_("item_detail", error)
    w.window.select_row("document", 0)
    w.told(w.window.detail.message.text, error, "Không đọc được mục này: {reason}")
    assert w.window.detail.detail is None and w.window.detail.buttons.count() == 0  # nothing acts on a stale item
    w.mend()
    w.window.select_row("document", 1)
    w.qtbot.waitUntil(lambda: w.window.detail.detail is not None)
    w.no_new_notice()
    assert w.window.detail.detail.id == w.window.documents.row_at(1).id
    assert not w.window.detail.message.isVisible()
    buttons = [w.window.detail.buttons.itemAt(i).widget() for i in range(w.window.detail.buttons.count())]
    assert buttons and all(button.isEnabled() for button in buttons)


def write(w: World, request: pytest.FixtureRequest) -> None:
    """An action while the cache is locked by a sync: the reason in the detail pane, the buttons back."""
    w.sign_in(request.getfixturevalue("loopback").url)
    with w.workbench.cache.sessions() as session:
        dossier_id = session.scalar(
            select(Dossier.id)
            .join(Account, Account.source_id == Dossier.source_id)
            .where(Account.status == "active", Dossier.state == int(DossierState.SUBMITTED))
        )
    w.select_dossier(dossier_id)
    error = sqlite3.OperationalError("database is locked")
    w.break_("perform", error)
    button = w.button("accept")
    assert button is not None and button.isEnabled()
    button.click()
    assert not button.isEnabled()  # while it is being written
    w.told(w.window.detail.message.text, error, f"Chưa lưu được “{button.text()}”: {{reason}}")
    w.qtbot.waitUntil(lambda: (b := w.button("accept")) is not None and b.isEnabled(), timeout=WAIT_MS)
    w.mend()
    with w.qtbot.waitSignal(w.window.detail.acted, timeout=WAIT_MS):
        w.button("accept").click()
    settle(w.qtbot, w.window)
    assert "Chờ đồng bộ" in w.window.detail.body.toPlainText() and not w.window.detail.message.isVisible()


def write_refused(w: World, _request: pytest.FixtureRequest) -> None:
    """A rule refuses (no injection: a comment with no text); then the same button, with a text, works."""
    w.window.navigator.setCurrentRow(ROW["dossiers"])
    settle(w.qtbot, w.window)
    w.window.select_row("dossier", 0)
    settle(w.qtbot, w.window)
    comment = next(action for action in w.window.detail.detail.actions if action.name == "comment")
    label = w.button("comment").text()
    w.window.detail._ask = lambda _parent, _title, _label: ("   ", True)
    w.button("comment").click()
    refused = DomainError("workflow.missing_field", "“{action}” needs a {field}.", action=comment.label,
                          field=FIELD_LABELS[comment.required[0]])  # fmt: skip
    w.told(w.window.detail.message.text, refused, f"Chưa lưu được “{label}”: {{reason}}")
    w.qtbot.waitUntil(lambda: w.button("comment") is not None and w.button("comment").isEnabled())
    w.window.detail._ask = lambda _parent, _title, _label: ("Đã gọi điện cho người nộp hồ sơ", True)
    with w.qtbot.waitSignal(w.window.detail.acted, timeout=WAIT_MS):
        w.button("comment").click()
    settle(w.qtbot, w.window)
    assert "Đã gọi điện cho người nộp hồ sơ" in w.window.detail.body.toPlainText()
    assert not w.window.detail.message.isVisible()


def export(w: World, request: pytest.FixtureRequest) -> None:
    target = request.getfixturevalue("tmp_path") / "danh-sach.xlsx"
    error = OSError(errno.EACCES, "Permission denied", "/media/usb/danh-sach.xlsx")
    w.break_("all_documents", error)
    w.window.export_list(target)
    w.told(w.window.notice.text, error)
    assert not target.exists()
    w.mend()
    w.notice_cleared()
    with w.qtbot.waitSignal(w.window.exported, timeout=WAIT_MS):
        w.window.export_list(target)
    w.no_new_notice()
    assert target.stat().st_size > 0


def services(w: World, _request: pytest.FixtureRequest) -> None:
    """The background services fail to start: the status bar says why; F5 starts them again."""
    error = OSError(errno.EACCES, "Permission denied", "/home/can-bo/.local/share/keyrings")
    w.break_("start_services", error)
    w.window.start_services(interval=3600)
    w.told(w.window.connection.text, error, "Dịch vụ nền đã dừng: {reason}", among=True)
    assert w.window.services is Services.FAILED and w.window.sync_button.isEnabled()
    w.mend()
    w.window.sync_button.click()  # F5
    w.qtbot.waitUntil(lambda: w.window.services is Services.RUNNING, timeout=WAIT_MS)
    w.qtbot.waitUntil(lambda: "dừng" not in w.window.connection.text(), timeout=WAIT_MS)


def sync_report(w: World, request: pytest.FixtureRequest) -> None:
    """What the window reads after a sync report fails: told; the next sync's report shows."""
    w.sign_in(request.getfixturevalue("loopback").url)
    error = sqlite3.OperationalError("database is locked")
    w.break_("account_statuses", error)
    with w.qtbot.waitSignal(w.window.bridge.sync_finished, timeout=20_000):
        w.window.sync_now()
    w.told(w.window.notice.text, error)
    w.mend()
    w.notice_cleared()
    w.window.connection.setText("")
    with w.qtbot.waitSignal(w.window.bridge.sync_finished, timeout=20_000):
        w.window.sync_now()
    w.qtbot.waitUntil(lambda: "trực tuyến" in w.window.connection.text(), timeout=WAIT_MS)
    w.no_new_notice()


def _accounts_dialog(w: World, url: str) -> Any:
    dialog = w.window.show_accounts()
    w.qtbot.addWidget(dialog)
    settle(w.qtbot, w.window)  # the accounts listed
    dialog.url.setText(url)
    dialog.login.setText(LOGIN)
    dialog.password.setText(PASSWORD)
    return dialog


def _add_again(w: World, dialog: Any, url: str, accounts_before: int) -> None:
    dialog.url.setText(url)
    dialog.password.setText(PASSWORD)
    with w.qtbot.waitSignal(dialog.finished_call, timeout=WAIT_MS):
        dialog.add_button.click()
    assert dialog.message.text() == "Đã xong." and dialog.accounts.count() == accounts_before + 1


def sign_in_unreachable(w: World, request: pytest.FixtureRequest) -> None:
    """No injection: a server address where nothing listens."""
    with socket.socket() as probe:  # a port that was free a moment ago: connections are refused
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    dialog = _accounts_dialog(w, closed)
    before = dialog.accounts.count()
    with w.qtbot.waitSignal(dialog.finished_call, timeout=WAIT_MS):
        dialog.add_button.click()
    w.told(dialog.message.text, CentralUnreachable(closed))
    assert dialog.add_button.isEnabled() and dialog.accounts.count() == before
    _add_again(w, dialog, request.getfixturevalue("loopback").url, before)


def sign_in_file_error(w: World, request: pytest.FixtureRequest) -> None:
    """An OSError no code path expected (the organisation's CA file deleted after it was set)."""
    url = request.getfixturevalue("loopback").url
    error = OSError(errno.ENOENT, "No such file or directory", "/etc/ward-desk/ca-to-chuc.pem")
    w.break_("add_account", error)
    dialog = _accounts_dialog(w, url)
    before = dialog.accounts.count()
    with w.qtbot.waitSignal(dialog.finished_call, timeout=WAIT_MS):
        dialog.add_button.click()
        assert dialog.message.text() == "Đang xử lý…" and not dialog.add_button.isEnabled()
    w.told(dialog.message.text, error)
    assert all(b.isEnabled() for b in (dialog.add_button, dialog.sign_out_button, dialog.remove_button))
    w.mend()
    _add_again(w, dialog, url, before)


def edxml_import(w: World, request: pytest.FixtureRequest) -> None:
    w.sign_in(request.getfixturevalue("loopback").url)
    path = request.getfixturevalue("tmp_path") / "tu-usb.edxml"
    path.write_bytes((SAMPLES / "edoc_new.edxml").read_bytes().replace(b"28.22.H17", WARD.encode()))
    with w.qtbot.waitSignal(w.window.edxml_opened, timeout=WAIT_MS) as opened:
        w.window.open_edxml(path)
    dialog = opened.args[0]
    w.qtbot.addWidget(dialog)
    error = RuntimeError("upload broke")
    w.break_("import_edxml", error)
    dialog.import_button.click()
    w.told(dialog.status.text, error, "Chưa nhập được: {reason}")
    assert dialog.import_button.isEnabled()
    w.mend()
    with w.qtbot.waitSignal(dialog.imported, timeout=WAIT_MS):
        dialog.import_button.click()
    assert dialog.status.text() == "Đã đưa vào danh sách văn bản đến."


def dashboard(w: World, _request: pytest.FixtureRequest) -> None:
    import ui.dashboard

    error = sqlite3.OperationalError("database is locked")
    w.break_("documents_by_state", error, target=ui.dashboard)
    dialog = w.window.show_dashboard()
    w.qtbot.addWidget(dialog)
    w.told(w.window.notice.text, error)
    w.mend()
    w.notice_cleared()
    widget = dialog.findChild(ui.dashboard.DashboardWidget)
    with w.qtbot.waitSignal(widget.refreshed, timeout=WAIT_MS):
        widget.refresh()
    w.no_new_notice()
    assert widget.documents and widget.report.received_total > 0


KINDS: dict[str, Callable[[World, pytest.FixtureRequest], None]] = {
    "list": list_page, "count": count, "search": search, "detail": detail_read, "write": write,
    "write-refused": write_refused, "export": export, "services": services, "sync-report": sync_report,
    "sign-in-unreachable": sign_in_unreachable, "sign-in-file-error": sign_in_file_error, "edxml": edxml_import,
    "dashboard": dashboard,
}  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_a_failed_task_is_told_in_vietnamese_and_the_window_works_again(
    kind: str, world: World, request: pytest.FixtureRequest
) -> None:
    KINDS[kind](world, request)


# -- training: its own window, sandbox and service ---------------------------------------------------


@pytest.fixture
def training(qtbot: QtBot, vietnamese: QTranslator, tmp_path: Path) -> Iterator[tuple[TrainingPanel, TrainingSession]]:
    scenario = next(s for s in load_shipped_scenarios() if s.id == "incoming-document")
    session = TrainingSession(scenario, tmp_path / "training")
    try:
        window = MainWindow(session.start(), translator=vietnamese)
        qtbot.addWidget(window)
        panel = TrainingPanel(session, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        window.show()
        settle(qtbot, window)
        yield panel, session
    finally:
        session.close()


@pytest.mark.parametrize("kind", ["training-event", "training-steps"])
def test_a_failed_training_task_is_told_and_the_panel_works_again(
    kind: str, training: tuple[TrainingPanel, TrainingSession], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel, session = training
    world = World(qtbot, panel.parentWidget(), monkeypatch)  # type: ignore[arg-type]
    error = sqlite3.OperationalError("database is locked")
    if kind == "training-event":
        event = session.scenario.events[0]
        button = panel.findChild(QPushButton, f"event_{event.id}")
        world.break_("fire", error, target=session)
        button.click()
        assert not button.isEnabled() and not panel.reset_button.isEnabled()  # while the event runs
        world.told(panel.message.text, error)
        assert button.isEnabled() and panel.reset_button.isEnabled()
        world.mend()
        with qtbot.waitSignal(panel.event_done, timeout=20_000):
            button.click()
        assert panel.message.text() == "Đã phát sự kiện." and session.fired == [event.id]
    else:
        world.break_("check_steps", error, target=session)
        panel.refresh_steps()
        world.told(panel.message.text, error)
        world.mend()
        with qtbot.waitSignal(panel.steps_checked, timeout=WAIT_MS):
            panel.refresh_steps()
        assert panel.steps.count() == len(session.scenario.steps) and panel.done_steps() == []


def test_offline_the_status_says_so_and_f5_answers_at_once(world: World) -> None:
    window = world.window
    window.work_offline()
    world.qtbot.waitUntil(lambda: window.connection.text().startswith("Làm việc ngoại tuyến: mở không kèm đồng bộ"))
    window.sync_button.click()  # F5
    assert window.notice.isVisible() and window.notice.text().startswith("Máy này đang làm việc ngoại tuyến")
    assert not window.progress.isVisible()  # no spinner for a sync that cannot happen


def test_a_long_export_shows_the_busy_indicator_and_can_be_cancelled(
    world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window, qtbot = world.window, world.qtbot
    rows = world.workbench.all_documents(DocumentFilter("incoming"))
    assert len(rows) > 100
    release = threading.Event()  # the list is read once the indicator has been looked at: no race for the CPU
    monkeypatch.setattr(world.workbench, "all_documents", lambda _chosen: release.wait(10) and rows * 2000)
    target = tmp_path / "rat-dai.xlsx"
    window.export_list(target)
    qtbot.wait(BUSY_DELAY_MS // 2)
    assert not window.busy.isVisible()  # not before the delay: quick work never flickers
    qtbot.waitUntil(lambda: window.busy.isVisible() and window.cancel_button.isVisible(), timeout=WAIT_MS)
    release.set()  # half a million rows to write
    window.cancel_button.click()
    qtbot.waitUntil(lambda: window.notice.text() == "Đã dừng; chưa lưu gì.", timeout=WAIT_MS)
    settle(qtbot, window)
    assert not window.busy.isVisible() and not window.cancel_button.isVisible() and not target.exists()
