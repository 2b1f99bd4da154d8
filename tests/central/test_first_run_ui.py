"""The first-run assistant and "Đăng nhập lại" on the real window, offscreen, in Vietnamese, against the
real service on loopback. Secrets go to a session-only store (keyring's "fail" backend: no OS keyring
is written).

A fresh profile opens the assistant; every wrong input (plain http, a closed port, an untrusted
certificate, a wrong password) is said in Vietnamese with the fields usable again and nothing saved;
the right ones add the account, and the first sync fills the lists. A signed-out account comes back
with its password alone, its waiting action kept and sent. Demo and training desks never ask.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, QTime
from PySide6.QtWidgets import QApplication, QLabel, QWizard
from pytestqt.qtbot import QtBot

from app.accounts import SourceInfo
from app.credentials import CredentialStore
from app.domain.workflow import DossierState
from app.profile import Profile
from app.workbench import Workbench
from central.server import start_in_thread
from central.sign_in_throttle import FREE_TRIES
from tests.central import test_tls, test_workbench_ui
from tests.central.conftest import PASSWORD_A, Central
from tests.central.test_sync_engine import server_dossiers
from tests.central.test_workbench_ui import click, select_remote, server_dossier, wait_synced
from tests.ui.waiting import settle
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow
from ui.sign_in_again import SignInAgainDialog
from ui.sync_bridge import SyncBridge
from ui.translation import TOO_MANY_SIGN_INS, install_translator
from ui.window_status import Services

window = test_workbench_ui.window  # the real window on a desk signed in and synced (a fixture)
https_url, organisation_ca = test_tls.https_url, test_tls.organisation_ca  # the service behind a CA nobody trusts
WAIT_MS = 20_000
NEXT, COMMIT, FINISH, BACK, CANCEL = (
    QWizard.WizardButton.NextButton,
    QWizard.WizardButton.CommitButton,
    QWizard.WizardButton.FinishButton,
    QWizard.WizardButton.BackButton,
    QWizard.WizardButton.CancelButton,
)
# The assistant talks to the client side only: one database for the service is enough here (the
# service's own tests run on SQLite and PostgreSQL).
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def fresh_window(qtbot: QtBot, central: Central, root: Path, session_only: bool = False) -> MainWindow:
    """As ui.main starts it on a profile of its own: services started, no account yet."""
    bench = Workbench.open(Profile(root), central.clock, CredentialStore(fail.Keyring()), session_only=session_only)
    # IT set the city's address for this installation (the settings' default_server_url)
    bench.save_settings(replace(bench.settings, default_server_url=central.url))
    win = MainWindow(bench, SyncBridge())
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    win.start_services(interval=3600)
    qtbot.waitUntil(lambda: win.services is Services.RUNNING, timeout=WAIT_MS)
    settle(qtbot, win)
    return win


@pytest.fixture
def new_desk(qtbot: QtBot, qapp: QApplication, central: Central, tmp_path: Path) -> Iterator[MainWindow]:
    translator = install_translator(qapp, "vi")
    win = fresh_window(qtbot, central, tmp_path / "desk")
    yield win
    win.close()
    win.workbench.close()
    if translator is not None:
        QCoreApplication.removeTranslator(translator)


def offered(qtbot: QtBot, win: MainWindow) -> FirstRunWizard:
    win.offer_first_run()
    qtbot.waitUntil(lambda: (w := win.findChild(FirstRunWizard)) is not None and w.isVisible(), timeout=WAIT_MS)
    wizard = win.findChild(FirstRunWizard)
    assert wizard is not None
    return wizard


def press(qtbot: QtBot, wizard: FirstRunWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    button.click()


def answered(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    """Until the page that asked the server has its answer: fields and buttons usable again."""
    qtbot.waitUntil(lambda: not getattr(wizard.currentPage(), "busy", False), timeout=WAIT_MS)


def no_account(win: MainWindow) -> bool:
    return win.workbench.account_statuses() == []


def test_a_new_profile_is_set_up_by_the_assistant_and_the_first_sync_fills_the_lists(
    new_desk: MainWindow, central: Central, qtbot: QtBot
) -> None:
    win = new_desk
    assert win.documents.total == 0 and win.dossiers.total == 0
    assert "Chưa có tài khoản" in win.connection.text()
    wizard = offered(qtbot, win)
    assert wizard.windowTitle() == "Thiết lập Ward Desk"
    assert [wizard.buttonText(b) for b in (NEXT, BACK, COMMIT, FINISH, CANCEL)] == [
        "Tiếp theo >", "< Quay lại", "Đăng nhập", "Hoàn tất", "Hủy"
    ]  # fmt: skip
    hint = wizard.sizeHint().expandedTo(wizard.minimumSize())
    assert wizard.minimumWidth() <= 700 and wizard.minimumHeight() <= 500 and hint.height() < 740
    page = wizard.server_page
    assert page.address.text() == central.url  # the settings' default
    assert page.system.currentText() == "Hệ thống dùng chung của Thành phố (mới)"

    press(qtbot, wizard, NEXT)
    answered(qtbot, wizard)
    assert wizard.currentPage() is wizard.sign_in_page
    sign_in = wizard.sign_in_page
    sign_in.login.setText("thu.tdm")
    sign_in.password.setText("sai-mat-khau")
    press(qtbot, wizard, COMMIT)
    answered(qtbot, wizard)
    assert sign_in.message.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert wizard.currentPage() is sign_in and sign_in.password.text() == "" and sign_in.password.isEnabled()
    assert no_account(win)  # nothing written: no half account

    sign_in.password.setText(PASSWORD_A)
    received: list[int] = []  # what the page's progress was fed, as the sync went
    wizard.progressed.connect(received.append)
    with qtbot.waitSignal(wizard.synced, timeout=WAIT_MS) as synced:
        press(qtbot, wizard, COMMIT)
    assert synced.args[0].problem is None
    assert received and received == sorted(received) and received[-1] == synced.args[0].pulled > 0
    sync = wizard.sync_page
    assert wizard.currentPage() is sync and sync.isComplete()
    assert sync.bar.value() == sync.bar.maximum() == 1
    assert sync.status.text().startswith("Xong: đã có ") and not sync.retry.isVisible()
    assert not wizard.button(BACK).isEnabled() or not wizard.button(BACK).isVisible()  # signed in: no way back
    press(qtbot, wizard, FINISH)
    assert not wizard.isVisible()

    qtbot.waitUntil(lambda: (win.documents.total or 0) > 0, timeout=WAIT_MS)  # the incoming documents
    win.navigator.setCurrentRow(2)
    qtbot.waitUntil(lambda: (win.dossiers.total or 0) > 0, timeout=WAIT_MS)  # and the dossiers
    [account] = win.workbench.account_statuses()
    assert (account.login, account.status, account.server) == ("thu.tdm", "active", central.url)
    assert win.workbench.scheduler is not None
    assert [s.account_id for s in win.workbench.scheduler.schedules()] == [account.account_id]  # syncs from now on
    qtbot.waitUntil(lambda: "Nguyễn Thị Thu: trực tuyến" in win.connection.text(), timeout=WAIT_MS)


def test_too_many_wrong_passwords_are_said_with_the_time_to_try_again(
    new_desk: MainWindow, central: Central, qtbot: QtBot
) -> None:
    """The service's 429 (central.sign_in_throttle) as a sentence with the time on this computer's
    clock from which it takes the next try; then, the wait over, the right password signs in."""
    wizard = offered(qtbot, new_desk)
    press(qtbot, wizard, NEXT)
    answered(qtbot, wizard)
    sign_in = wizard.sign_in_page
    sign_in.login.setText("thu.tdm")
    for _ in range(FREE_TRIES["login"] + 1):
        sign_in.password.setText("sai-mat-khau")
        press(qtbot, wizard, COMMIT)
        answered(qtbot, wizard)
        assert sign_in.message.text() == "Sai tên đăng nhập hoặc mật khẩu."

    sign_in.password.setText(PASSWORD_A)
    earliest = QTime.currentTime()
    press(qtbot, wizard, COMMIT)
    answered(qtbot, wizard)
    latest = QTime.currentTime()

    times = {earliest.addSecs(1 + s).toString("HH:mm:ss") for s in range(earliest.secsTo(latest) + 2)}
    said = {QCoreApplication.translate("Errors", TOO_MANY_SIGN_INS).format(time=time) for time in times}
    assert sign_in.message.text() in said, sign_in.message.text()
    assert wizard.currentPage() is sign_in and sign_in.password.text() == "" and sign_in.password.isEnabled()
    assert no_account(new_desk)
    central.clock.advance(timedelta(seconds=1))
    sign_in.password.setText(PASSWORD_A)
    with qtbot.waitSignal(wizard.synced, timeout=WAIT_MS):
        press(qtbot, wizard, COMMIT)


def test_every_wrong_address_is_said_in_vietnamese_and_can_be_corrected(
    new_desk: MainWindow,
    central: Central,
    https_url: str,
    qtbot: QtBot,
) -> None:
    win = new_desk
    wizard = offered(qtbot, win)
    page = wizard.server_page
    with socket.socket() as probe:  # a port that was free a moment ago: connections are refused
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    for typed, said in (
        ("", "Hãy nhập địa chỉ máy chủ."),
        ("http://ward-desk.hochiminhcity.gov.vn", "không an toàn"),
        ("không phải địa chỉ", "không phải là địa chỉ máy chủ"),
        (closed, f"Không kết nối được tới máy chủ {closed}."),
        (https_url, "Chứng thư số của máy chủ không được tin cậy"),
    ):
        page.address.setText(typed)
        page.changed()
        press(qtbot, wizard, NEXT)
        answered(qtbot, wizard)
        assert wizard.currentPage() is page, typed
        assert said in page.message.text(), (typed, page.message.text())
        assert page.address.isEnabled() and wizard.button(NEXT).isEnabled()
    assert no_account(win)

    page.address.setText(central.url + "/")
    page.changed()
    press(qtbot, wizard, NEXT)
    answered(qtbot, wizard)
    assert wizard.currentPage() is wizard.sign_in_page and wizard.server_url == central.url


def test_cancel_leaves_the_window_working_offline_and_the_menu_brings_the_assistant_back(
    new_desk: MainWindow, qtbot: QtBot
) -> None:
    win = new_desk
    wizard = offered(qtbot, win)
    press(qtbot, wizard, CANCEL)
    assert not wizard.isVisible() and no_account(win)
    win.navigator.setCurrentRow(2)  # the window answers as before: lists, search, status
    win.search.setText("khai sinh")
    settle(qtbot, win)
    assert win.dossiers.total == 0 and "Chưa có tài khoản" in win.connection.text()
    assert win.first_run_action.text() == "Thiết lập &ban đầu…"
    assert win.first_run_action in win.file_menu.actions()
    win.first_run_action.trigger()
    again = win.findChild(FirstRunWizard)
    assert again is not None and again.isVisible() and again.currentPage() is again.server_page


def test_demo_and_training_desks_and_a_desk_with_an_account_never_get_the_assistant(
    qtbot: QtBot, qapp: QApplication, central: Central, tmp_path: Path, vietnamese
) -> None:
    demo = fresh_window(qtbot, central, tmp_path / "demo", session_only=True)  # how demo and training build theirs
    training = fresh_window(qtbot, central, tmp_path / "training")
    training.show_banner("CHẾ ĐỘ TẬP HUẤN")
    signed_in = fresh_window(qtbot, central, tmp_path / "signed-in")
    signed_in.workbench.add_account(SourceInfo("unified", "Hệ thống", "unified", central.url), "thu.tdm", PASSWORD_A)
    try:
        for win in (demo, training, signed_in):
            win.offer_first_run()
            settle(qtbot, win)
            assert win.findChild(FirstRunWizard) is None
        fresh = fresh_window(qtbot, central, tmp_path / "fresh")  # the same start on real work does ask
        fresh.offer_first_run()
        qtbot.waitUntil(lambda: fresh.findChild(FirstRunWizard) is not None, timeout=WAIT_MS)
        fresh.close()
        fresh.workbench.close()
    finally:
        for win in (demo, training, signed_in):
            win.close()
            win.workbench.close()


def test_a_signed_out_account_signs_in_again_with_its_password_and_keeps_its_waiting_action(
    window: MainWindow, central: Central, qtbot: QtBot
) -> None:
    documents = window.workbench.count_documents()
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()  # an action taken while the service is away waits in the outbox
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    select_remote(window, qtbot, "dossiers", dossier.id)
    click(window, qtbot, "accept")
    assert window.workbench.account_statuses()[0].pending == 1
    dialog = window.show_accounts()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.accounts.count() == 1)
    dialog.accounts.setCurrentRow(0)
    assert not dialog.sign_in_again_button.isEnabled()  # signed in: nothing to sign in again
    with qtbot.waitSignal(dialog.finished_call, timeout=WAIT_MS):
        dialog.sign_out_button.click()  # the service cannot confirm it: signed out here all the same
    assert "đã đăng xuất" in dialog.accounts.item(0).text() and "1 thao tác chờ" in dialog.accounts.item(0).text()
    dialog.accounts.setCurrentRow(0)
    assert dialog.sign_in_again_button.isEnabled() and dialog.sign_in_again_button.text() == "Đăng nhập lại…"
    qtbot.waitUntil(lambda: "đã đăng xuất" in window.connection.text(), timeout=WAIT_MS)
    assert window.sign_in_again_button.isVisible()
    central.server = start_in_thread(central.service, port=port)

    asked = dialog.sign_in_again()
    assert isinstance(asked, SignInAgainDialog) and asked.isVisible()
    labels = " ".join(label.text() for label in asked.findChildren(QLabel))
    assert "Nguyễn Thị Thu (thu.tdm)" in labels and central.url in labels  # only the password is asked
    asked.password.setText("sai-mat-khau")
    asked.sign_in_button.click()
    qtbot.waitUntil(lambda: asked.sign_in_button.isEnabled(), timeout=WAIT_MS)
    assert asked.message.text() == "Sai tên đăng nhập hoặc mật khẩu." and asked.isVisible()
    assert asked.password.text() == "" and window.workbench.account_statuses()[0].status == "signed_out"
    assert window.workbench.account_statuses()[0].pending == 1
    asked.password.setText(PASSWORD_A)
    with qtbot.waitSignal(dialog.finished_call, timeout=WAIT_MS):
        asked.sign_in_button.click()
    qtbot.waitUntil(lambda: dialog.findChild(SignInAgainDialog) is None)  # closed and gone, password field too
    assert "đang đăng nhập" in dialog.accounts.item(0).text()
    wait_synced(window, qtbot)  # the waiting action went out with the account back
    assert server_dossier(central, dossier.id).state == int(DossierState.ACCEPTED)
    assert window.workbench.count_documents() == documents  # its data stayed
    qtbot.waitUntil(lambda: "trực tuyến" in window.connection.text(), timeout=WAIT_MS)
    assert not window.sign_in_again_button.isVisible()


def test_the_status_bar_offers_sign_in_again_for_a_signed_out_account(
    window: MainWindow, central: Central, qtbot: QtBot
) -> None:
    [account] = window.workbench.account_statuses()
    window.tasks.run(lambda: window.workbench.sign_out(account.account_id), lambda _none: window.refresh_status())
    qtbot.waitUntil(lambda: window.sign_in_again_button.isVisible(), timeout=WAIT_MS)
    assert window.sign_in_again_button.text() == "Đăng nhập lại…"
    assert "Nguyễn Thị Thu: đã đăng xuất" in window.connection.text()
    window.sign_in_again_button.click()
    asked = window.findChild(SignInAgainDialog)
    assert asked is not None and asked.isVisible()
    asked.password.setText(PASSWORD_A)
    with qtbot.waitSignal(asked.signed_in, timeout=WAIT_MS):
        asked.sign_in_button.click()
    qtbot.waitUntil(lambda: "Nguyễn Thị Thu: trực tuyến" in window.connection.text(), timeout=WAIT_MS)
    assert not window.sign_in_again_button.isVisible()
    assert window.workbench.account_statuses()[0].status == "active"
