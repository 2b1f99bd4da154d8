"""Shared fixtures: a fresh real profile (SQLite file in a temporary folder) per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from keyring.backends import fail
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.credentials import CredentialStore
from app.domain.working_calendar import VN_TZ
from app.profile import Profile
from app.workbench import Workbench
from kernel.clock import FixedClock
from ui.translation import install_translator

if TYPE_CHECKING:
    from central.demo_pki import DemoPki
    from tests.soft_token import SoftToken

# Wednesday 25/11/2026, 09:30 in Hồ Chí Minh City: a working morning.
DEMO_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=VN_TZ)


@pytest.fixture
def profile(tmp_path: Path) -> Profile:
    return Profile(tmp_path / "profile")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(DEMO_NOW)


@pytest.fixture
def workbench(profile: Profile, clock: FixedClock) -> Iterator[Workbench]:
    bench = Workbench.open(profile, clock, CredentialStore(fail.Keyring()))  # no OS keyring: secrets in memory
    yield bench
    bench.close()


@pytest.fixture
def vietnamese(qapp: QApplication) -> Iterator[QTranslator]:
    """The UI in Vietnamese, as officials use it."""
    translator = install_translator(qapp, "vi")
    assert translator is not None, "resources/i18n/ui_vi.qm or a catalogue it needs is missing: run `make translations`"
    yield translator
    QCoreApplication.removeTranslator(translator)


# -- digital signatures: a test PKI on loopback (certomancer) and SoftHSM2 tokens, once per run --------


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoPki]:
    from central.demo_pki import DemoPki

    service = DemoPki(tmp_path_factory.mktemp("pki"))
    yield service
    service.stop()


@pytest.fixture(scope="session")
def tokens(pki: DemoPki, tmp_path_factory: pytest.TempPathFactory) -> dict[str, SoftToken]:
    """One token per holder of the test PKI, labelled like the holder, with the issuing CA's certificate."""
    from central.demo_pki import HOLDERS
    from tests.soft_token import make_tokens, prepare_softhsm, softhsm_module

    if softhsm_module() is None or shutil.which("softhsm2-util") is None:
        if os.environ.get("CI"):
            pytest.fail("SoftHSM2 is missing on CI (Debian package softhsm2)")
        pytest.skip("SoftHSM2 is not installed (Debian package softhsm2)")
    prepare_softhsm(tmp_path_factory.mktemp("softhsm"))
    holders = {holder.label: (pki.key_file(holder.label), pki.certificate(holder.label)) for holder in HOLDERS}
    return make_tokens(holders, chain=(pki.certificate("gov"),))


@pytest.fixture(scope="session")
def anchors(pki: DemoPki) -> tuple[Any, ...]:
    from app.trust_anchors import load_trust_anchors

    return load_trust_anchors(pki.root_pem())


@pytest.fixture
def root_pem_file(pki: DemoPki, tmp_path: Path) -> Path:
    path = tmp_path / "root.pem"
    path.write_bytes(pki.root_pem())
    return path
