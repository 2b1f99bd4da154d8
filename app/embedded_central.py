"""A central service started by the app itself on loopback: for the demo (`make run`) and training.

It keeps its own SQLite file in the profile folder, so the demo remembers what was done in it,
and never touches a real system. The demo accounts get a fresh random password at every start,
held in memory only; the app signs in with it into a session-only credential store, so the demo
writes nothing to the OS keyring and no secret to any file.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update

from app.accounts import SourceInfo
from central.agency_directory import load_shipped_directory
from central.models import Account, Document
from central.passwords import hash_password
from central.seed import add_account, load_directory, seed_demo_items
from central.server import RunningServer, build_service, start_in_thread
from kernel.clock import Clock

DEMO_UNIT = "000.00.57.H29"  # Phường Thủ Dầu Một
DEMO_LOGIN = "thu.tdm"
DEMO_NAME = "Nguyễn Thị Thu"
DEMO_SOURCE = "demo-unified"  # never "unified": a demo must not share a real system's keyring entries


@dataclass
class EmbeddedCentral:
    server: RunningServer
    source: SourceInfo
    login: str
    password: str

    def stop(self) -> None:
        self.server.stop()


def start_demo_central(folder: Path, clock: Clock, items: int) -> EmbeddedCentral:
    folder.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(16)
    service = build_service("unified", f"sqlite:///{folder / 'central-unified.sqlite3'}", clock)
    with service.sessions.begin() as session:
        if session.scalar(select(func.count()).select_from(Account)) == 0:
            load_directory(session, load_shipped_directory())
            add_account(session, DEMO_LOGIN, password, DEMO_UNIT, DEMO_NAME, clock.now())
        session.execute(update(Account).values(password_hash=hash_password(password)))
        if session.scalar(select(func.count()).select_from(Document)) == 0:
            seed_demo_items(session, DEMO_UNIT, items, clock.now())
    server = start_in_thread(service)
    source = SourceInfo(DEMO_SOURCE, "Hệ thống dùng chung Thành phố (demo)", "unified", server.url)
    return EmbeddedCentral(server, source, DEMO_LOGIN, password)
