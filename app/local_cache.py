"""Opening a profile's local cache: the database engine, migrated, and its sessions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.profile import Profile
from local_db.database import create_database_engine, session_factory
from local_db.migrate import MigrationResult, upgrade_database


@dataclass
class LocalCache:
    profile: Profile
    engine: Engine
    sessions: sessionmaker[Session]
    migration: MigrationResult

    def close(self) -> None:
        self.engine.dispose()


def open_local_cache(profile: Profile) -> LocalCache:
    """Create the profile's folders, migrate its database (backing it up first) and open it.

    Raises local_db.migrate.NewerDatabaseError / ForeignDatabaseError without touching the file.
    """
    profile.create_folders()
    engine = create_database_engine(profile.database_path)
    try:
        migration = upgrade_database(engine, profile.database_path, profile.backups_dir)
    except Exception:
        engine.dispose()
        raise
    return LocalCache(profile, engine, session_factory(engine), migration)
