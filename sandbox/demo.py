"""A central service started by the app itself on loopback: for the demo (``make run``) and the
self-check.

It keeps its own SQLite file in the profile folder, so the demo remembers what was done in it,
and never touches a real system. The demo accounts get a fresh random password at every start,
held in memory only; the desk signs in with it into its session-only credential store, so the demo
writes nothing to the OS keyring and no secret to any file. The desk gets the demo items the way
it gets real ones: by syncing.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from app.accounts import SourceInfo
from central.in_process import DemoSignatures, InProcessCentral
from kernel.clock import Clock

DEMO_UNIT = "000.00.57.H29"  # Phường Thủ Dầu Một
DEMO_LOGIN = "thu.tdm"
DEMO_NAME = "Nguyễn Thị Thu"
# A leader: in a small ward the vice-chairwoman handles the 1022 reports herself, so the demo shows their
# whole way on one desk, the answer's approval too (a leader's act: app.domain.feedback_approval).
DEMO_ROLE = "leader"
DEMO_SOURCE = "demo-unified"  # never "unified": a demo must not share a real system's keyring entries
# The newest items come with their PDFs (letters, scanned forms). Not all 2,000: the desk fetches each
# file on its own and tells the window of its first sync only once they are here (~7 ms a file).
DEMO_FILE_ITEMS = 150
# 1022 reports routed to the demo ward: a couple of months' worth, in every situation its queue shows
# (central.demo_feedback): some routed in the last hours, some due soon, overdue, answered, sent back.
DEMO_REPORTS = 40


@dataclass
class DemoCentral:
    central: InProcessCentral
    source: SourceInfo
    login: str
    password: str
    signatures: DemoSignatures | None = None  # the demo PKI: its root to trust, its timestamp authority

    def stop(self) -> None:
        if self.signatures is not None:
            self.signatures.stop()
        self.central.close()


def start_demo_central(folder: Path, clock: Clock, items: int, signatures: bool = True) -> DemoCentral:
    """Seeded on its first start (the directory, the demo account, ``items`` items and the 1022 reports),
    then served; with ``signatures``, the demo PKI too, and its newest letters signed."""
    folder.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(16)
    central = InProcessCentral("unified", folder / "central-unified.sqlite3", clock)
    try:
        if not central.has_accounts():
            central.load_shipped_directory()
            central.add_account(DEMO_LOGIN, password, DEMO_UNIT, DEMO_NAME, role=DEMO_ROLE)
        else:  # a demo kept from before the role mattered: made a leader too
            central.set_role(DEMO_LOGIN, DEMO_ROLE)
        central.set_every_password(password)
        if not central.has_items():
            central.seed_demo_items(DEMO_UNIT, items, DEMO_FILE_ITEMS)
        if not central.has_reports():  # a demo made before the queue existed gets them too
            central.seed_demo_feedback(DEMO_UNIT, DEMO_REPORTS)
        signed = central.start_signatures(DEMO_UNIT, folder / "pki") if signatures else None
        url = central.start()
    except Exception:
        central.close()
        raise
    source = SourceInfo(DEMO_SOURCE, "Hệ thống dùng chung Thành phố (demo)", "unified", url)
    return DemoCentral(central, source, DEMO_LOGIN, password, signed)


class DemoLauncher:
    """The window's demo: the service is started on first ask (from a worker: seeding takes a moment)
    and kept for the session; asking again, as a retried start does, gives the same one."""

    def __init__(self, folder: Path, clock: Clock, items: int) -> None:
        self.folder, self.clock, self.items = folder, clock, items
        self._central: DemoCentral | None = None
        self._lock = threading.Lock()

    def start(self) -> DemoCentral:
        with self._lock:
            if self._central is None:
                self._central = start_demo_central(self.folder, self.clock, self.items)
            return self._central

    def stop(self) -> None:
        with self._lock:
            if self._central is not None:
                self._central.stop()
                self._central = None
