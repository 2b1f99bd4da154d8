"""Opening a profile's local cache: the database engine, migrated, and its sessions."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.profile import Profile

# What a damaged file's Recovery.kind can be, for the window's words (the reason itself goes to the log).
from local_db.cache_health import CHECK_FAILED as CHECK_FAILED
from local_db.cache_health import TRUNCATED as TRUNCATED
from local_db.cache_health import Recovery, damage_at_start, move_aside, restore
from local_db.database import create_database_engine, session_factory

# Why a profile is refused (a newer Ward Desk's file, or not ours): the window says so to the user and
# knows these through the cache's module, never local_db itself.
from local_db.migrate import ForeignDatabaseError as ForeignDatabaseError
from local_db.migrate import MigrationResult, upgrade_database
from local_db.migrate import NewerDatabaseError as NewerDatabaseError
from local_db.set_aside_indexes import put_back

log = logging.getLogger(__name__)


@dataclass
class LocalCache:
    profile: Profile
    engine: Engine
    sessions: sessionmaker[Session]
    migration: MigrationResult
    recovery: Recovery | None = None  # set when a damaged file was moved aside and a fresh one made
    # One sync writes at a time, whichever engine runs it: the lock belongs to the file, not to an engine.
    sync_writer: threading.Lock = field(default_factory=threading.Lock)

    def close(self) -> None:
        self.engine.dispose()


def open_local_cache(profile: Profile, now: datetime | None = None) -> LocalCache:
    """Create the profile's folders, migrate its database (backing it up first) and open it, with
    any list indexes a stopped first download left aside built again.

    Raises local_db.migrate.NewerDatabaseError / ForeignDatabaseError without touching the file.
    A damaged file is moved into backups/ and a fresh cache made, with the accounts read back from
    it: the next sync fills it again (``LocalCache.recovery`` says what happened).
    """
    profile.create_folders()
    reason = damage_at_start(profile.database_path, profile.root)
    if reason is None:
        return _open(profile)
    moved_to, salvage = move_aside(profile.database_path, profile.backups_dir, profile.root, now or datetime.now())
    log.warning("the cache was damaged (%s); moved to %s, rebuilding", reason, moved_to)
    cache = _open(profile)
    with cache.sessions.begin() as session:
        accounts = restore(session, salvage)
    cache.recovery = Recovery(reason, moved_to, accounts, salvage.unsent_actions)
    return cache


def _open(profile: Profile) -> LocalCache:
    engine = create_database_engine(profile.database_path)
    try:
        migration = upgrade_database(engine, profile.database_path, profile.backups_dir)
    except Exception:
        engine.dispose()
        raise
    sessions = session_factory(engine)
    if put_back(sessions):  # a first download was stopped mid-way (a kill, a power cut)
        log.info("built the list indexes a first download had set aside")
    return LocalCache(profile, engine, sessions, migration)
