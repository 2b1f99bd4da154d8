"""Upgrading real cache files, and refusing the ones this version must not touch."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.local_cache import open_local_cache
from app.profile import Profile
from local_db.migrate import ForeignDatabaseError, NewerDatabaseError, head_revision

OLD_CACHE = Path(__file__).parents[1] / "data" / "cache-0001.sqlite3"
TABLES = (
    "source", "account", "agency", "document", "dossier", "comment", "attachment", "outbox_entry",
    "sync_checkpoint", "audit_log",
)  # fmt: skip


def columns_of(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as connection:
        return {table: [row[1] for row in connection.execute(f"PRAGMA table_info({table})")] for table in TABLES}


def dump(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table; with ``columns``, only those (later revisions add columns)."""
    columns = columns or columns_of(path)
    connection = sqlite3.connect(path)
    try:
        return {
            table: sorted(connection.execute(f"SELECT {', '.join(columns[table])} FROM {table}").fetchall())
            for table in TABLES
        }
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def old_profile(profile: Profile) -> Profile:
    profile.create_folders()
    shutil.copyfile(OLD_CACHE, profile.database_path)
    return profile


def test_upgrading_a_first_revision_cache_loses_nothing(old_profile: Profile) -> None:
    old_columns = columns_of(old_profile.database_path)
    before = dump(old_profile.database_path)
    assert sum(len(rows) for rows in before.values()) == 14  # the fixture really holds data

    cache = open_local_cache(old_profile)
    try:
        assert cache.migration.from_revision == "0001_initial"
        assert cache.migration.to_revision == head_revision()
        with cache.engine.connect() as connection:
            revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            journal = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        assert revision == head_revision()
        assert journal == "wal"
    finally:
        cache.close()
    assert dump(old_profile.database_path, old_columns) == before


# SQLAlchemy cannot reflect an expression index (ix_document_any_order, migration 0007) and says so;
# the model leaves it out too, and test_lists_of_both_directions_read_their_index checks it instead.
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_the_models_match_what_the_migrations_build(profile: Profile) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from local_db.models import Base

    cache = open_local_cache(profile)
    try:
        with cache.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        cache.close()
    assert [d for d in differences if "search_index" not in str(d)] == []


def test_the_old_cache_is_backed_up_before_migrating(old_profile: Profile) -> None:
    original = dump(old_profile.database_path)
    open_local_cache(old_profile).close()
    backups = list(old_profile.backups_dir.iterdir())
    assert len(backups) == 1
    assert backups[0].name.startswith(f"ward-desk-before-{head_revision()}-")
    assert dump(backups[0]) == original
    with sqlite3.connect(backups[0]) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001_initial",)]


def test_items_cached_before_search_existed_become_searchable(old_profile: Profile) -> None:
    from app.workbench import Workbench
    from kernel.clock import SystemClock

    bench = Workbench.open(old_profile, SystemClock())
    try:
        assert bench.search("lien thong").document_ids == [1]
        assert bench.search("ban giao ho so luu tru").document_ids == [2]
        assert bench.search("anh khai sinh").dossier_ids == [1]
    finally:
        bench.close()


def test_accounts_cached_before_the_service_role_was_kept_do_not_know_it_yet(old_profile: Profile) -> None:
    """0020: NULL until the account's next sign-in or token renewal says (app.accounts); not "official",
    which would hide a leader's approval of 1022 answers until then."""
    open_local_cache(old_profile).close()
    with sqlite3.connect(old_profile.database_path) as connection:
        rows = connection.execute("SELECT login, role, service_role FROM account ORDER BY id").fetchall()
    assert rows == [("thu.nt", "new", None), ("thu.nt@bd", "old", None)]


def test_an_up_to_date_cache_is_not_backed_up_again(old_profile: Profile) -> None:
    open_local_cache(old_profile).close()
    second = open_local_cache(old_profile)
    second.close()
    assert second.migration.backup is None
    assert len(list(old_profile.backups_dir.iterdir())) == 1


def test_a_new_profile_gets_the_current_schema_without_a_backup(profile: Profile) -> None:
    cache = open_local_cache(profile)
    cache.close()
    assert cache.migration.from_revision is None
    assert cache.migration.backup is None
    assert dump(profile.database_path)["document"] == []


def test_a_cache_from_a_newer_version_is_refused_and_left_unchanged(old_profile: Profile) -> None:
    with sqlite3.connect(old_profile.database_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    fingerprint = digest(old_profile.database_path)

    with pytest.raises(NewerDatabaseError) as raised:
        open_local_cache(old_profile)

    assert "newer version" in str(raised.value)
    assert raised.value.revision == "0099_from_the_future"
    assert digest(old_profile.database_path) == fingerprint
    assert list(old_profile.backups_dir.iterdir()) == []


def test_an_sqlite_file_that_is_not_ours_is_refused_and_left_unchanged(profile: Profile) -> None:
    profile.create_folders()
    with sqlite3.connect(profile.database_path) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO photos (name) VALUES ('Tết 2026')")
    fingerprint = digest(profile.database_path)
    with pytest.raises(ForeignDatabaseError):
        open_local_cache(profile)
    assert digest(profile.database_path) == fingerprint


def test_a_file_that_is_not_a_database_at_all_is_kept_aside_unchanged(profile: Profile) -> None:
    """Not SQLite's header: at the cache's own path that is damage (a zeroed or overwritten start), not
    another program's database (an SQLite file without the desk's tables): kept aside as it was, a fresh
    cache made (tests/integration/test_cache_health.py rescues what such a file still holds)."""
    profile.create_folders()
    profile.database_path.write_bytes(b"this is a spreadsheet, not a database" * 200)
    fingerprint = digest(profile.database_path)
    cache = open_local_cache(profile)
    cache.close()
    assert cache.recovery is not None and cache.recovery.kind == "unreadable"
    assert digest(cache.recovery.moved_to) == fingerprint
    assert dump(profile.database_path)["document"] == []


def test_the_known_head_is_the_migrations_head() -> None:
    from local_db.migrate import HEAD_REVISION

    assert head_revision() == HEAD_REVISION


def test_lists_of_both_directions_read_their_index(profile: Profile) -> None:
    """Overdue and urgent: newest first from an index, not a sort of every open document; due today
    finds its few documents by their due date."""
    from datetime import date

    from sqlalchemy import select

    from app.domain.item_lists import DocumentFilter
    from local_db.models import Document, Source
    from local_db.queries import _DOCUMENT_COLUMNS, _document_conditions, _document_order

    cache = open_local_cache(profile)
    try:
        for view, index in (("overdue", "ix_document_any_order"), ("urgent", "ix_document_any_order"),
                            ("due_today", "ix_document_due_on")):  # fmt: skip
            chosen = DocumentFilter(None, view=view, today=date(2026, 11, 25))
            query = (
                select(*_DOCUMENT_COLUMNS).join(Source, Source.id == Document.source_id)
                .where(*_document_conditions(chosen)).order_by(*_document_order(None)).limit(201)
            )  # fmt: skip
            sql = str(query.compile(cache.engine, compile_kwargs={"literal_binds": True}))
            with cache.engine.connect() as connection:
                plan = " ".join(str(row) for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
            assert index in plan, (view, plan)
            assert "TEMP B-TREE" not in plan or view == "due_today", (view, plan)
    finally:
        cache.close()
