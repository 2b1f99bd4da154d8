"""Opening a profile's local cache: the database engine, migrated, and its sessions; a damaged file
rebuilt with what it still holds rescued."""

from __future__ import annotations

import logging
import os
import shutil
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from app.profile import Profile

# What a damaged file's Recovery.kind can be, for the window's words (the reason itself goes to the log).
from local_db.cache_health import BAD_TEXT as BAD_TEXT
from local_db.cache_health import CHECK_FAILED as CHECK_FAILED
from local_db.cache_health import EMPTY as EMPTY
from local_db.cache_health import TRUNCATED as TRUNCATED
from local_db.cache_health import UNREADABLE as UNREADABLE
from local_db.cache_health import Recovery as Recovery
from local_db.cache_health import damage_at_open, damage_at_start, mark_damaged, move_aside
from local_db.cache_health import damage_kind as damage_kind
from local_db.database import DamageSeen, create_database_engine, is_damage, session_factory

# Why a profile is refused (a newer Ward Desk's file, or not ours): the window says so to the user and
# knows these through the cache's module, never local_db itself.
from local_db.migrate import DamagedDatabaseError, MigrationResult, upgrade_database
from local_db.migrate import ForeignDatabaseError as ForeignDatabaseError
from local_db.migrate import NewerDatabaseError as NewerDatabaseError
from local_db.set_aside_indexes import put_back

if TYPE_CHECKING:  # the rescue's code loads only when a damaged file is found
    from local_db.cache_rescue import Rescued

log = logging.getLogger(__name__)
NEW_SUFFIX = ".new"  # a cache being made whole (new, or rebuilt from a damaged one) before it takes the name


@dataclass
class LocalCache:
    profile: Profile
    engine: Engine
    sessions: sessionmaker[Session]
    migration: MigrationResult
    recovery: Recovery | None = None  # set when a damaged file was moved aside and a fresh one made
    # One sync writes at a time, whichever engine runs it: the lock belongs to the file, not to an engine.
    sync_writer: threading.Lock = field(default_factory=threading.Lock)
    # Damage met in use (text that is not UTF-8, a corrupt page): the file is marked to be rebuilt at the
    # next start, the window says so, and no action is sent from it meanwhile.
    damage: DamageSeen = field(default_factory=DamageSeen)

    def close(self) -> None:
        self.engine.dispose()


def open_local_cache(profile: Profile, now: datetime | None = None) -> LocalCache:
    """Create the profile's folders, migrate its database (backing it up first) and open it, with
    any list indexes a stopped first download left aside built again.

    Raises NewerDatabaseError / ForeignDatabaseError without touching the file. A damaged file is moved
    into backups/ and a fresh cache made, with what can be read of it rescued (the accounts, the actions
    the server does not have yet): the next sync fills it again (``LocalCache.recovery`` says what happened).
    """
    profile.create_folders()
    reason = damage_at_start(profile.database_path, profile.root)
    if reason is None:
        try:
            return _open(profile)
        except DamagedDatabaseError as error:
            reason = error.reason
    log.warning("the cache file is damaged (%s): rebuilding it", reason)
    return _rebuilt(profile, reason, now or datetime.now().astimezone())


def _open(profile: Profile) -> LocalCache:
    """The profile's cache (made whole under another name first when there is none). DamagedDatabaseError:
    the file is damaged; nothing was written to it."""
    path = profile.database_path
    made: MigrationResult | None = None
    if not path.exists():
        made = _make_whole(profile, _new_path(path))
        os.replace(_new_path(path), path)
    damage = DamageSeen()
    engine = create_database_engine(path, damage)
    try:
        migration = upgrade_database(engine, path, profile.backups_dir)
        sessions = session_factory(engine)
        problem = damage_at_open(engine, damage)
        if problem is not None:
            raise DamagedDatabaseError(path, problem)
        if put_back(sessions):  # a first download was stopped mid-way (a kill, a power cut)
            log.info("built the list indexes a first download had set aside")
    except (DatabaseError, UnicodeDecodeError) as error:
        engine.dispose()
        if is_damage(error):
            raise DamagedDatabaseError(path, f"unreadable: {error}") from error
        raise
    except Exception:
        engine.dispose()
        raise
    damage.listen(lambda reason: mark_damaged(profile.root, reason))
    return LocalCache(profile, engine, sessions, made or migration, damage=damage)


def _rebuilt(profile: Profile, reason: str, now: datetime) -> LocalCache:
    """A fresh cache in place of the damaged one, with what it holds rescued: made whole under another
    name, then the damaged file moved aside and the fresh one renamed into its place (a cut before that
    finds the damaged file where it was, and starts again)."""
    path = profile.database_path
    fresh = _new_path(path)
    _make_whole(profile, fresh)
    found = _rescued(fresh, path, now)
    moved_to = move_aside(path, profile.backups_dir, profile.root, now)
    os.replace(fresh, path)
    cache = _open(profile)
    cache.recovery = Recovery(reason, moved_to, found.accounts, found.actions_kept, found.actions_held,
                              found.actions_lost, found.lost_uncertain)  # fmt: skip
    return cache


def _make_whole(profile: Profile, path: Path) -> MigrationResult:
    """A new cache at ``path`` with the current schema, in one file (no WAL beside it, WAL again when it
    is opened as the cache): ready to be renamed into place."""
    for ending in ("", "-wal", "-shm", "-journal"):  # what a cut left of an earlier try
        path.with_name(path.name + ending).unlink(missing_ok=True)
    engine = create_database_engine(path)
    try:
        migration = upgrade_database(engine, path, profile.backups_dir)
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=DELETE")
    finally:
        engine.dispose()
    return migration


def _rescued(fresh: Path, damaged: Path, now: datetime) -> Rescued:
    """What ``damaged`` still holds, in the new cache at ``fresh``; nothing (and the loss told) when it is
    empty or reading it fails in a way not foreseen: the cache then starts empty, as without the rescue."""
    from local_db.cache_rescue import Rescued, rescue

    nothing = Rescued(accounts=0, actions_kept=0, actions_held=0, actions_lost=0, lost_uncertain=True)
    if damaged.stat().st_size == 0:  # it holds nothing, and cannot say what it held
        return nothing
    work = fresh.with_name(fresh.name + ".rescue")
    engine = create_database_engine(fresh)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # savepoints nest in it: all rescued, or none
            return rescue(damaged, connection, fresh, work, now)
    except Exception:
        log.exception("nothing could be rescued from the damaged cache file")
        return nothing
    finally:
        engine.dispose()
        shutil.rmtree(work, ignore_errors=True)


def _new_path(path: Path) -> Path:
    return path.with_name(path.name + NEW_SUFFIX)
