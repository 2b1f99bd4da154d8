"""Bringing a profile's database to the current schema, safely.

Before any migration the database is copied aside (SQLite's online backup, so a half-written
copy is impossible); a database stamped by a newer Ward Desk is refused before anything is
written, since a downgrade would lose what that version stored; so is another program's database.
A file that is ours but damaged is told apart from both (``DamagedDatabaseError``): the caller
moves it aside and rescues what it holds.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DatabaseError

from local_db.database import enable_write_ahead_log, is_damage

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision, known without loading Alembic: a cache already there opens without it.
# tests/integration/test_migrations.py checks that it is the migrations' real head.
HEAD_REVISION = "0020_official_role"
# Tables only a Ward Desk cache has (the central service's database shares "document", "account"…).
DESK_TABLES = frozenset({"alembic_version", "outbox_entry", "sync_checkpoint", "desk_identity", "set_aside_index"})
REVISION_NUMBER = re.compile(r"(\d{4})_")

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
    """The file is an SQLite database that SQLite reads whole, but not one Ward Desk made."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} is not a Ward Desk database; it has not been changed.")


class DamagedDatabaseError(RuntimeError):
    """The file is (or was) a Ward Desk cache, but damaged: SQLite cannot read it, or not all of it."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path} is damaged: {reason}")


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


def _is_newer(revision: str) -> bool:
    """Numbered past our head: a newer Ward Desk's. An unknown revision of a number we know is damage."""
    number = REVISION_NUMBER.match(revision)
    head = REVISION_NUMBER.match(HEAD_REVISION)
    assert head is not None
    return number is not None and int(number.group(1)) > int(head.group(1))


def upgrade_database(engine: Engine, database: Path, backups_dir: Path, target: str = "head") -> MigrationResult:
    """Migrate to ``target``; refuses a newer or foreign database, backs up an existing one first.
    DamagedDatabaseError: the file is damaged (nothing was written to it)."""
    try:
        before = current_revision(engine)
    except (DatabaseError, UnicodeDecodeError) as error:
        if is_damage(error):  # not an SQLite file any more, or its schema damaged
            raise DamagedDatabaseError(database, f"unreadable: {error}") from error
        raise
    if target == "head" and before == HEAD_REVISION:  # the usual start: up to date, Alembic stays unloaded
        enable_write_ahead_log(engine)
        return MigrationResult(before, before, None)
    if before is not None and not _is_known(before):
        if _is_newer(before):
            raise NewerDatabaseError(database, before)
        raise DamagedDatabaseError(database, f"unreadable: the schema revision reads {before!r}")
    tables = set(inspect(engine).get_table_names())
    if before is None and tables:
        if tables & DESK_TABLES:  # ours, its revision's row lost
            raise DamagedDatabaseError(database, "unreadable: the schema revision is missing")
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
