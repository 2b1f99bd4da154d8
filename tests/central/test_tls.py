"""TLS: certificates are verified by default, and an organisation's own CA can be trusted instead.

The real service serves HTTPS on loopback with a certificate signed by a throwaway CA made here.
"""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from keyring.backends import fail
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.accounts import SourceInfo
from app.central_client import CentralCaMissing, CentralClient, CentralUntrusted
from app.credentials import CredentialStore
from app.profile import Profile
from app.settings import is_ca_bundle
from app.workbench import Workbench
from central.server import start_in_thread
from tests.central.conftest import PASSWORD_A, Central
from tests.ui.waiting import WAIT_MS
from ui.main_window import MainWindow
from ui.settings_dialog import SettingsDialog
from ui.sign_in_again import sign_in_problem
from ui.sync_bridge import SyncBridge
from ui.translation import install_translator


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


@pytest.fixture
def organisation_ca(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(CA bundle, server certificate, server key) for 127.0.0.1, signed by a CA of our own."""
    now = datetime.datetime.now(datetime.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder().subject_name(_name("Sở TT&TT thử nghiệm")).issuer_name(_name("Sở TT&TT thử nghiệm"))
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    bundle, chain, private = tmp_path / "to-chuc-ca.pem", tmp_path / "server.pem", tmp_path / "server.key"
    bundle.write_bytes(_pem(ca))
    chain.write_bytes(_pem(leaf))
    private.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return bundle, chain, private


@pytest.fixture
def https_url(central: Central, organisation_ca: tuple[Path, Path, Path]):  # type: ignore[no-untyped-def]
    _bundle, chain, private = organisation_ca
    server = start_in_thread(central.service, tls=(chain, private))
    yield server.url
    server.stop()


def test_a_certificate_from_an_unknown_authority_is_refused(https_url: str) -> None:
    assert https_url.startswith("https://")
    with pytest.raises(CentralUntrusted, match="certificate verify failed"):
        CentralClient(https_url).health()


def test_the_organisations_authority_can_be_trusted(https_url: str, organisation_ca: tuple[Path, Path, Path]) -> None:
    bundle = organisation_ca[0]
    assert CentralClient(https_url, ca_bundle=str(bundle)).health()["status"] == "ok"


def test_a_sync_with_an_untrusted_server_says_so_and_the_setting_fixes_it(
    central: Central, https_url: str, organisation_ca: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    workbench = Workbench.open(Profile(tmp_path / "desk"), central.clock, CredentialStore(fail.Keyring()))
    desk = workbench.desk
    try:
        source = SourceInfo("unified", "Hệ thống dùng chung", "unified", https_url)
        with pytest.raises(CentralUntrusted):  # signing in checks the certificate too
            workbench.add_account(source, "thu.tdm", PASSWORD_A)
        workbench.save_settings(replace(workbench.settings, ca_bundle=str(organisation_ca[0])))
        workbench.add_account(source, "thu.tdm", PASSWORD_A)
        [account_id] = workbench.active_account_ids()
        assert desk.engine.sync_account(account_id).problem is None
        assert workbench.count_documents() > 0

        workbench.save_settings(replace(workbench.settings, ca_bundle=""))  # the usual public authorities only
        report = desk.engine.sync_account(account_id)
        assert (report.problem, report.details) == ("untrusted", ["certificate verify failed"])
    finally:
        workbench.close()


def test_only_a_pem_file_of_certificates_is_taken_as_an_authority(
    tmp_path: Path, organisation_ca: tuple[Path, Path, Path]
) -> None:
    bundle, _chain, private = organisation_ca
    (tmp_path / "notes.txt").write_text("không phải chứng thư số", encoding="utf-8")
    assert is_ca_bundle(str(bundle))
    assert not is_ca_bundle(str(private))
    assert not is_ca_bundle(str(tmp_path / "notes.txt"))
    assert not is_ca_bundle(str(tmp_path / "missing.pem"))


@pytest.fixture
def deleted_ca(
    central: Central, https_url: str, organisation_ca: tuple[Path, Path, Path], tmp_path: Path
) -> Iterator[tuple[Workbench, int, Path]]:
    """A desk that signed in with the organisation's CA set in Settings; then the file was deleted."""
    bundle = organisation_ca[0]
    workbench = Workbench.open(Profile(tmp_path / "desk"), central.clock, CredentialStore(fail.Keyring()))
    workbench.save_settings(replace(workbench.settings, ca_bundle=str(bundle)))
    workbench.add_account(SourceInfo("unified", "Hệ thống dùng chung", "unified", https_url), "thu.tdm", PASSWORD_A)
    [account_id] = workbench.active_account_ids()
    bundle.unlink()
    yield workbench, account_id, bundle
    workbench.close()


def test_a_deleted_ca_file_stops_a_sync_with_its_name_not_an_oserror(deleted_ca: tuple[Workbench, int, Path]) -> None:
    """Issue 19, item 10: requests raised a bare OSError for it, out of the sync."""
    workbench, account_id, bundle = deleted_ca
    report = workbench.desk.engine.sync_account(account_id)
    assert (report.problem, report.details) == ("ca_missing", [str(bundle)])


def test_signing_in_with_a_deleted_ca_file_says_which_file_and_what_to_do(
    deleted_ca: tuple[Workbench, int, Path], qapp: QApplication
) -> None:
    workbench, account_id, bundle = deleted_ca
    install_translator(qapp, "en")
    with pytest.raises(CentralCaMissing) as refused:
        workbench.sign_in_again(account_id, PASSWORD_A)
    said = sign_in_problem(refused.value, "https://127.0.0.1")
    assert str(bundle) in said and "File → Settings…" in said and "Error" not in said


def test_the_window_says_the_ca_file_is_missing(
    deleted_ca: tuple[Workbench, int, Path], qtbot: QtBot, qapp: QApplication
) -> None:
    workbench, _account_id, bundle = deleted_ca
    install_translator(qapp, "en")
    bridge = SyncBridge()
    window = MainWindow(workbench, bridge)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(bridge.sync_finished, timeout=20_000):
        window.start_services(interval=3600)
    qtbot.waitUntil(lambda: str(bundle) in window.connection.text(), timeout=WAIT_MS)
    assert "certificate authority file set in Settings is missing" in window.connection.text()
    window.close()


def test_the_settings_dialog_flags_a_missing_file_as_it_opens(
    deleted_ca: tuple[Workbench, int, Path], qtbot: QtBot, qapp: QApplication
) -> None:
    workbench, _account_id, bundle = deleted_ca
    install_translator(qapp, "en")
    dialog = SettingsDialog(workbench.settings, None, workbench)
    qtbot.addWidget(dialog)
    assert str(bundle) in dialog.error.text() and "does not exist" in dialog.error.text()
    dialog.accept()
    assert dialog.result_settings is None and str(bundle) in dialog.error.text()
    dialog.ca_bundle.clear()  # the usual public authorities
    dialog.accept()
    assert dialog.result_settings is not None and dialog.result_settings.ca_bundle == ""
