"""Bringing a profile's database to the current schema, safely.

Before any migration the database is copied aside (SQLite's online backup, so a half-written
copy is impossible); a database stamped by a newer Ward Desk is refused before anything is
written, since a downgrade would lose what that version stored.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DatabaseError

from local_db.database import enable_write_ahead_log

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision, known without loading Alembic: a cache already there opens without it.
# tests/integration/test_migrations.py checks that it is the migrations' real head.
HEAD_REVISION = "0018_meetings"

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


class NewerDatabaseError(RuntimeError):
    """The database was written by a newer version of Ward Desk."""

    def __init__(self, path: Path, revision: str) -> None:
        self.path = path
        self.revision = revision
        super().__init__(
            f"The database {path} was written by a newer version of Ward Desk (schema {revision}). "
            "Install the newer version, or choose another profile; this file has not been changed."
        )


class ForeignDatabaseError(RuntimeError):
    """The file is an SQLite database, but not one Ward Desk made."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is not a Ward Desk database; it has not been changed.")


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def _alembic_config() -> Config:
    from alembic.config import Config  # loaded only when a migration has to run

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _is_known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    return any(known.revision == revision for known in script.walk_revisions())


def backup_database(database: Path, backups_dir: Path, label: str) -> Path:
    """Copy ``database`` into ``backups_dir`` with the online backup API and return the copy."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"{database.stem}-{label}-{stamp}.sqlite3"
    source_db = sqlite3.connect(database)
    try:
        target_db = sqlite3.connect(target)
        try:
            source_db.backup(target_db)
        finally:
            target_db.close()
    finally:
        source_db.close()
    return target


def upgrade_database(engine: Engine, database: Path, backups_dir: Path, target: str = "head") -> MigrationResult:
    """Migrate to ``target``; refuses a newer or foreign database, backs up an existing one first."""
    try:
        before = current_revision(engine)
    except DatabaseError as error:  # not an SQLite file at all (or one too damaged to read)
        raise ForeignDatabaseError(database) from error
    if target == "head" and before == HEAD_REVISION:  # the usual start: up to date, Alembic stays unloaded
        enable_write_ahead_log(engine)
        return MigrationResult(before, before, None)
    if before is not None and not _is_known(before):
        raise NewerDatabaseError(database, before)
    if before is None and inspect(engine).get_table_names():
        raise ForeignDatabaseError(database)
    enable_write_ahead_log(engine)
    wanted = head_revision() if target == "head" else target
    if before == wanted:
        return MigrationResult(before, wanted, None)
    backup = None
    if before is not None:
        backup = backup_database(database, backups_dir, f"before-{wanted}")
        log.info("database backed up to %s before migrating %s → %s", backup, before, wanted)
    from alembic import command

    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, wanted)
    return MigrationResult(before, wanted, backup)
