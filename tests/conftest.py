"""Shared fixtures: a fresh real profile (SQLite file in a temporary folder) per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

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
    assert translator is not None, "resources/i18n/ward_desk_vi.qm is missing: run `make translations`"
    yield translator
    QCoreApplication.removeTranslator(translator)
