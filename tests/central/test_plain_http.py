"""Plain http:// (issue 19, item 9): refused for a server off this computer unless the organisation names
the host in settings.json (``insecure_http_hosts``), and then the window warns for as long as an account
there is in use.

The real service, reached by this machine's own name: not "localhost" nor a loopback address to the
desk's check, so it stands for a server elsewhere on the network, yet nothing leaves the machine.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.accounts import SourceInfo
from app.central_client import CentralNotEncrypted
from app.credentials import CredentialStore
from app.domain.errors import DomainError
from app.domain.statuses import OutboxStatus
from app.domain.workflow import DossierState
from app.profile import Profile
from app.server_address import is_loopback
from app.workbench import Workbench
from central.server import start_in_thread
from local_db.models import Dossier, OutboxEntry
from tests.central.conftest import PASSWORD_A, Central
from tests.central.test_sync_engine import server_dossiers
from tests.central.test_workbench_ui import server_dossier
from tests.ui.waiting import WAIT_MS
from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge
from ui.translation import install_translator, user_text


@pytest.fixture
def named_url(central: Central) -> Iterator[tuple[str, str]]:
    """(host name, http:// address) of the real service, served on the address this machine's name has."""
    name = socket.gethostname().lower()
    assert not is_loopback(name), f"this machine is named {name!r}: the test needs a name that is not loopback"
    server = start_in_thread(central.service, host=socket.gethostbyname(name))
    yield name, server.url.replace(server.url.split("://")[1].split(":")[0], name, 1)
    server.stop()


@pytest.fixture
def desk(central: Central, tmp_path: Path) -> Iterator[Workbench]:
    workbench = Workbench.open(Profile(tmp_path / "desk"), central.clock, CredentialStore(fail.Keyring()))
    yield workbench
    workbench.close()


def source(url: str) -> SourceInfo:
    return SourceInfo("unified", "Hệ thống dùng chung", "unified", url)


def test_plain_http_to_a_host_is_refused_unless_the_organisation_names_it(
    desk: Workbench, named_url: tuple[str, str]
) -> None:
    name, url = named_url
    for refused in (lambda: desk.check_server(url), lambda: desk.add_account(source(url), "thu.tdm", PASSWORD_A)):
        with pytest.raises(DomainError) as said:
            refused()
        assert said.value.code == "address_not_secure"
    desk.save_settings(replace(desk.settings, insecure_http_hosts=("other.example.vn",)))  # another host
    with pytest.raises(DomainError, match="not secure"):
        desk.add_account(source(url), "thu.tdm", PASSWORD_A)
    assert desk.active_account_ids() == []

    desk.save_settings(replace(desk.settings, insecure_http_hosts=("other.example.vn", name.upper())))
    assert desk.check_server(url) == url
    desk.add_account(source(url), "thu.tdm", PASSWORD_A)
    [account_id] = desk.active_account_ids()
    assert desk.desk.engine.sync_account(account_id).problem is None and desk.count_documents() > 0


def test_an_account_on_a_host_no_longer_allowed_sends_nothing(desk: Workbench, named_url: tuple[str, str]) -> None:
    name, url = named_url
    desk.save_settings(replace(desk.settings, insecure_http_hosts=(name,)))
    desk.add_account(source(url), "thu.tdm", PASSWORD_A)
    [account_id] = desk.active_account_ids()
    desk.save_settings(replace(desk.settings, insecure_http_hosts=()))  # IT took the host off the list
    report = desk.desk.engine.sync_account(account_id)
    assert (report.problem, report.details) == ("not_encrypted", [url])
    with pytest.raises(CentralNotEncrypted) as refused:
        desk.central_client(url).sign_in("thu.tdm", PASSWORD_A)
    assert url in user_text(refused.value) and "https://" in user_text(refused.value)


def test_the_window_warns_while_an_account_on_an_allowed_http_host_is_in_use(
    desk: Workbench, named_url: tuple[str, str], qtbot: QtBot, qapp: QApplication
) -> None:
    name, url = named_url
    install_translator(qapp, "en")
    desk.save_settings(replace(desk.settings, insecure_http_hosts=(name,)))
    desk.add_account(source(url), "thu.tdm", PASSWORD_A)
    bridge = SyncBridge()
    window = MainWindow(desk, bridge)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(bridge.sync_finished, timeout=20_000):
        window.start_services(interval=3600)
    qtbot.waitUntil(lambda: "online" in window.connection.text(), timeout=WAIT_MS)  # in use: it has synced
    assert window.unencrypted.isVisible() and window.statusBar().isAncestorOf(window.unencrypted)
    assert window.unencrypted.text() == f"Unencrypted connection to {name}"
    assert "password" in window.unencrypted.toolTip()
    window.close()


def test_no_warning_for_this_computer(desk: Workbench, central: Central, qtbot: QtBot, qapp: QApplication) -> None:
    install_translator(qapp, "en")
    desk.add_account(source(central.url), "thu.tdm", PASSWORD_A)  # http://127.0.0.1: nothing crosses a network
    bridge = SyncBridge()
    window = MainWindow(desk, bridge)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(bridge.sync_finished, timeout=20_000):
        window.start_services(interval=3600)
    qtbot.waitUntil(lambda: "online" in window.connection.text(), timeout=WAIT_MS)
    assert not window.unencrypted.isVisible()
    window.close()


def test_an_action_not_sent_for_want_of_encryption_can_still_be_undone(
    desk: Workbench, named_url: tuple[str, str], central: Central
) -> None:
    """Nothing left this computer: as after a connection never made, the action stays the user's to take back."""
    name, url = named_url
    desk.save_settings(replace(desk.settings, insecure_http_hosts=(name,)))
    desk.add_account(source(url), "thu.tdm", PASSWORD_A)
    [account_id] = desk.active_account_ids()
    assert desk.desk.engine.sync_account(account_id).problem is None
    remote = server_dossiers(central, DossierState.SUBMITTED)[0]
    with desk.cache.sessions() as session:
        local_id = session.scalars(select(Dossier.id).where(Dossier.remote_id == str(remote.id))).one()
    desk.actions.perform("dossier", local_id, "accept", {})
    desk.save_settings(replace(desk.settings, insecure_http_hosts=()))
    assert desk.desk.engine.sync_account(account_id).problem == "not_encrypted"
    with desk.cache.sessions() as session:
        [entry] = session.scalars(select(OutboxEntry).where(OutboxEntry.status == OutboxStatus.PENDING)).all()
    assert entry.sent_at is None
    desk.actions.undo(entry.id)
    assert server_dossier(central, remote.id).state == int(DossierState.SUBMITTED)
