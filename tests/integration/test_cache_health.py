"""A damaged cache file on a real profile: found at start (or in use, then at the next start), moved
aside, and rebuilt with its accounts and the actions the server does not have yet rescued; each of
issue 19's item 7 defects, one test each (tests/integration/test_cache_fuzz.py runs the many cases)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from keyring.backends import fail
from sqlalchemy import func, select

from app.credentials import CredentialStore
from app.domain.item_lists import DocumentFilter, DossierFilter
from app.item_actions import ITEM_MODELS
from app.local_cache import BAD_TEXT, EMPTY, UNREADABLE, ForeignDatabaseError, NewerDatabaseError
from app.profile import Profile
from app.workbench import Workbench
from local_db.cache_health import DAMAGE_MARK
from local_db.models import Account, OutboxEntry, SyncCheckpoint
from tests.conftest import FixedClock
from tests.integration import damaged_caches as damaged
from tests.integration.damaged_caches import PENDING, REFUSED, Snapshot

UNSETTLED = PENDING + REFUSED


@pytest.fixture
def filled(profile: Profile, clock: FixedClock) -> Snapshot:
    """A cache with demo items, two accounts and 21 actions the server does not have (18 unsent, 3 refused)."""
    damaged.build_cache(profile, clock)
    return Snapshot.of(profile.database_path)


def start(profile: Profile, clock: FixedClock) -> Workbench:
    return Workbench.open(profile, clock, CredentialStore(fail.Keyring()))


def _rebuilt(profile: Profile, clock: FixedClock, kind: str) -> Workbench:
    """The start after damage: a fresh cache told as rebuilt, the damaged file kept aside as it was."""
    before = damaged.digest(profile.database_path) if profile.database_path.exists() else None
    workbench = start(profile, clock)
    recovery = workbench.cache.recovery
    assert recovery is not None and recovery.kind == kind, recovery
    assert recovery.moved_to.parent.parent == profile.backups_dir
    assert before is None or damaged.digest(recovery.moved_to) == before
    with workbench.cache.sessions() as session:
        assert session.scalar(select(func.count()).select_from(SyncCheckpoint)) == 0  # a full sync follows
    return workbench


def _outbox(workbench: Workbench) -> dict[int, tuple[str, str]]:
    with workbench.cache.sessions() as session:
        return {entry.id: (entry.mutation_id, entry.status) for entry in session.scalars(select(OutboxEntry))}


def _all_rescued(workbench: Workbench, originals: Snapshot) -> None:
    """Every action the server does not have is back under its id and mutation id, as it was."""
    recovery = workbench.cache.recovery
    assert recovery is not None
    assert (recovery.accounts, recovery.actions_kept, recovery.actions_held, recovery.actions_lost) == (
        2, UNSETTLED, 0, 0)  # fmt: skip
    expected = {rowid: (row["mutation_id"].decode(), row["status"].decode())
                for rowid, row in originals.unsettled().items()}  # fmt: skip
    assert _outbox(workbench) == expected


def test_a_byte_of_the_schema_text_that_is_not_utf8_is_damage_not_a_crash(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    """Before: a UnicodeDecodeError traceback at every start, no window, the file never moved aside."""
    workbench = start(profile, clock)
    workbench.close()
    damaged.flipped_in_text(b"CREATE TABLE outbox_entry", 30)(profile.database_path)
    workbench = _rebuilt(profile, clock, UNREADABLE)
    try:
        _all_rescued(workbench, filled)  # the entry's text is put right in a copy: every row still reads
    finally:
        workbench.close()


def test_two_hundred_flipped_bytes_are_damage_not_a_crash(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    """Before: the same traceback (this seed's flips land in the schema's text, one in an error message)."""
    damaged.flipped(200, 2)(profile.database_path)
    workbench = _rebuilt(profile, clock, UNREADABLE)
    try:
        recovery = workbench.cache.recovery
        assert recovery is not None and recovery.actions_kept + recovery.actions_held > 0
    finally:
        workbench.close()


def test_five_thousand_flipped_bytes_are_damage_not_another_programs_database(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    """Before: refused as "not a Ward Desk database", the file never moved aside."""
    damaged.flipped(5000, 1)(profile.database_path)
    _rebuilt(profile, clock, UNREADABLE).close()


def test_a_zeroed_header_is_damage_and_every_unsent_action_in_it_is_rescued(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    """Before: refused as "not a Ward Desk database"; the unsent actions in it unreachable."""
    damaged.zeroed(0, 100)(profile.database_path)
    workbench = _rebuilt(profile, clock, UNREADABLE)
    try:
        _all_rescued(workbench, filled)
        [report] = filled.tables["feedback"]  # the 1022 report an action was taken on, searchable again
        assert workbench.search("lan chiem via he").feedback_ids == [report]  # type: ignore[union-attr]
    finally:
        workbench.close()


def test_a_zeroed_header_page_loses_the_schema_and_the_rows_are_found_on_their_pages(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    damaged.zeroed_pages_of("sqlite_schema")(profile.database_path)  # the first page and the schema's others
    workbench = _rebuilt(profile, clock, UNREADABLE)
    try:
        _all_rescued(workbench, filled)
        assert workbench.cache.recovery.lost_uncertain  # type: ignore[union-attr]  # no index left to count by
    finally:
        workbench.close()


def test_a_text_cell_that_is_not_utf8_lists_its_rows_tells_and_rebuilds_at_the_next_start(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    """Before: quick_check and integrity_check passed it; the list read failed and stayed empty while its
    count showed every row; nothing was marked, no rebuild ever came."""
    damaged.bad_text("document", "subject", 5)(profile.database_path)
    workbench = start(profile, clock)
    try:
        assert workbench.cache.recovery is None  # SQLite's checks pass it: it is met in use
        count = workbench.count_documents(DocumentFilter())
        rows = workbench.document_page(DocumentFilter(), 0, count + 10)
        assert len(rows) == count and any("\ufffd" in row.subject for row in rows)  # read, its bad bytes as �
        assert workbench.cache.damage.first is not None and workbench.cache.damage.first.startswith(f"{BAD_TEXT}:")
        assert (profile.root / DAMAGE_MARK).exists()  # the next start rebuilds it
    finally:
        workbench.close()
    workbench = _rebuilt(profile, clock, BAD_TEXT)
    try:
        _all_rescued(workbench, filled)
    finally:
        workbench.close()


def test_the_background_check_finds_a_text_cell_no_list_has_read(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    damaged.bad_text("comment", "body", 2)(profile.database_path)
    workbench = start(profile, clock)
    try:
        assert workbench.count_dossiers(DossierFilter()) > 0 and workbench.cache.damage.first is None
        problem = workbench.check_cache_file()
        assert problem is not None and problem.startswith(f"{BAD_TEXT}: a text cell of comment")
        assert workbench.cache.damage.first == problem and (profile.root / DAMAGE_MARK).exists()
    finally:
        workbench.close()
    _rebuilt(profile, clock, BAD_TEXT).close()


def test_an_unsent_action_whose_text_is_not_utf8_is_held_for_the_user_not_sent(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    damaged.bad_text("outbox_entry", "payload", 2)(profile.database_path)
    workbench = _rebuilt(profile, clock, BAD_TEXT)  # the start reads the unsent actions whole
    try:
        recovery = workbench.cache.recovery
        assert recovery is not None and (recovery.actions_kept, recovery.actions_held) == (UNSETTLED - 1, 1)
        with workbench.cache.sessions() as session:
            held = session.get_one(OutboxEntry, 2)
            item = session.get_one(ITEM_MODELS[held.item_kind], held.item_id)
            assert (held.status, held.reject_code) == ("stranded", "damaged_here")
            assert item.sync_state == "rejected"  # under "Needs attention"
        detail = workbench.item_detail(held.item_kind, held.item_id)
        assert detail is not None and [refusal.code for refusal in detail.rejections] == ["damaged_here"]
    finally:
        workbench.close()


def test_an_empty_file_is_told_and_kept_not_silently_replaced(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    """Before: a new cache was made in it, the accounts gone, nothing said."""
    damaged.emptied(profile.database_path)
    workbench = _rebuilt(profile, clock, EMPTY)
    try:
        recovery = workbench.cache.recovery
        assert recovery is not None and recovery.moved_to.stat().st_size == 0 and recovery.lost_uncertain
    finally:
        workbench.close()


def test_a_column_renamed_by_damage_to_the_schema_text_is_found_at_start(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    """Valid UTF-8, valid SQL, SQLite opens it: every list would then fail on "no such column"."""
    damaged.flipped_in_text(b"subject VARCHAR(500)", 6, ord("u"))(profile.database_path)
    workbench = _rebuilt(profile, clock, UNREADABLE)
    try:
        _all_rescued(workbench, filled)
    finally:
        workbench.close()


def test_a_truncated_file_is_moved_aside_with_its_readable_accounts_rescued(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    damaged.truncated(0.5)(profile.database_path)
    workbench = _rebuilt(profile, clock, "truncated")
    try:
        with workbench.cache.sessions() as session:
            logins = set(session.scalars(select(Account.login)))
        assert logins == {row["login"].decode() for row in filled.tables["account"].values()}
        assert workbench.search("khai sinh") is not None  # the fresh cache works
    finally:
        workbench.close()
    again = start(profile, clock)  # the next start is an ordinary one
    assert again.cache.recovery is None
    again.close()


def test_damage_found_by_the_background_check_rebuilds_at_the_next_start(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    workbench = start(profile, clock)
    assert workbench.check_cache_file() is None  # a sound file
    workbench.close()
    _spoil_a_page_in_the_middle(profile)
    workbench = start(profile, clock)
    problem = workbench.check_cache_file()
    workbench.close()
    assert problem is not None and (profile.root / DAMAGE_MARK).read_text(encoding="utf-8") == problem
    rebuilt = start(profile, clock)
    try:
        recovery = rebuilt.cache.recovery
        assert recovery is not None and recovery.reason == problem
        assert not (profile.root / DAMAGE_MARK).exists() and rebuilt.check_cache_file() is None
    finally:
        rebuilt.close()


def test_a_schema_revision_damaged_into_an_unknown_one_is_damage_not_a_newer_version(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    damaged.written(profile.database_path, "UPDATE alembic_version SET version_num = '0015_rejeXt_params'")
    workbench = _rebuilt(profile, clock, UNREADABLE)
    try:
        _all_rescued(workbench, filled)
    finally:
        workbench.close()


def test_a_newer_versions_file_is_refused_and_left_where_it_is_unchanged(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    damaged.made_newer(profile.database_path)
    before = damaged.digest(profile.database_path)
    with pytest.raises(NewerDatabaseError):
        start(profile, clock)
    assert damaged.digest(profile.database_path) == before and list(profile.backups_dir.iterdir()) == []


def test_the_central_services_database_is_another_programs_not_a_damaged_cache(
    profile: Profile, clock: FixedClock
) -> None:
    """It shares "document", "account"… with the cache but none of the desk's own tables."""
    from sqlalchemy import create_engine

    from central.models import CentralBase

    profile.create_folders()
    engine = create_engine(f"sqlite:///{profile.database_path}")
    CentralBase.metadata.create_all(engine)
    engine.dispose()
    before = damaged.digest(profile.database_path)
    with pytest.raises(ForeignDatabaseError):
        start(profile, clock)
    assert damaged.digest(profile.database_path) == before and list(profile.backups_dir.iterdir()) == []


def test_the_rescue_writes_no_secret_and_leaves_no_copy_behind(
    profile: Profile, clock: FixedClock, filled: Snapshot, caplog: pytest.LogCaptureFixture
) -> None:
    """Secrets live in the keyring, keyed by system and login: the rescue reads only the file's rows, and
    the repaired copy it reads them through is deleted."""
    secret = "Mật-khẩu-bí-mật-2026!"
    credentials = CredentialStore(fail.Keyring())
    credentials.save_secret("unified", "demo.tdm", secret)
    damaged.zeroed(0, 100)(profile.database_path)
    workbench = Workbench.open(profile, clock, credentials)
    try:
        recovery = workbench.cache.recovery
        assert recovery is not None
        kept = {path.name for path in recovery.moved_to.parent.iterdir()}
        assert {"ward-desk.sqlite3"} <= kept <= {"ward-desk.sqlite3", "ward-desk.sqlite3-wal", "ward-desk.sqlite3-shm"}
        assert not [path for path in profile.root.iterdir() if ".new" in path.name]  # nor the rescue's work folder
        for path in (profile.database_path, recovery.moved_to):
            assert secret.encode() not in path.read_bytes()
        assert secret not in caplog.text
        assert credentials.secret("unified", "demo.tdm") == secret  # the account signs in as before
    finally:
        workbench.close()


def _spoil_a_page_in_the_middle(profile: Profile) -> None:
    """Overwrite the header of an index page near the end of the file, as a bad disk sector might."""
    connection = sqlite3.connect(profile.database_path)
    try:
        pages = connection.execute("SELECT max(pageno) FROM dbstat WHERE name LIKE 'ix_%'").fetchone()[0]
    finally:
        connection.close()
    with profile.database_path.open("r+b") as handle:
        handle.seek((pages - 1) * 4096)
        handle.write(b"\xff" * 64)


def test_the_rescue_knows_every_kind_of_item_an_action_acts_on() -> None:
    """An action on a kind the rescue did not know would be counted lost with its item."""
    from local_db.cache_rescue import ITEM_KINDS

    assert set(ITEM_KINDS) == set(ITEM_MODELS) and all(ITEM_MODELS[kind].__tablename__ == kind for kind in ITEM_KINDS)


def test_a_profile_folder_whose_name_has_a_hash_is_rescued_and_checked_as_any_other(
    tmp_path: Path, clock: FixedClock
) -> None:
    """Before: the file opened read-only by URI took "#2/…" for the URI's fragment: the rescue read the schema
    of an empty file it made as "Phòng " beside the folder (nothing rescued), the background check looked
    at that file too (the damage never found)."""
    profile = Profile(tmp_path / "Phòng #2")
    damaged.build_cache(profile, clock)
    originals = Snapshot.of(profile.database_path)
    damaged.bad_text("comment", "body", 2)(profile.database_path)
    workbench = start(profile, clock)
    try:
        problem = workbench.check_cache_file()
        assert problem is not None and problem.startswith(f"{BAD_TEXT}: a text cell of comment")
    finally:
        workbench.close()
    workbench = _rebuilt(profile, clock, BAD_TEXT)
    try:
        _all_rescued(workbench, originals)
    finally:
        workbench.close()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["Phòng #2"]


def _left_in_the_wal(profile: Profile, clock: FixedClock) -> tuple[list[str], Snapshot]:
    """Three comments recorded by a session killed before it closed the cache: their mutation ids (in the
    WAL, not in the file), and every row as SQLite reads the pair (the file and its WAL)."""
    recorded = damaged.recorded_then_killed(profile, clock, 3)
    wal = profile.database_path.with_name(profile.database_path.name + "-wal").read_bytes()
    in_file = profile.database_path.read_bytes()
    assert all(mutation_id.encode() in wal and mutation_id.encode() not in in_file for mutation_id in recorded)
    return recorded, Snapshot.of(profile.database_path)


def _every_action_back(workbench: Workbench, originals: Snapshot, recorded: list[str]) -> None:
    recovery = workbench.cache.recovery
    assert recovery is not None
    expected = {rowid: (row["mutation_id"].decode(), row["status"].decode())
                for rowid, row in originals.unsettled().items()}  # fmt: skip
    assert set(recorded) <= {mutation_id for mutation_id, _ in expected.values()}
    assert _outbox(workbench) == expected
    assert (recovery.accounts, recovery.actions_kept, recovery.actions_lost) == (2, UNSETTLED + len(recorded), 0)


def test_actions_committed_only_to_the_wal_are_rescued_when_the_header_is_zeroed(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    """The last session was killed (its actions not yet checkpointed into the file), then the file's header
    was lost: the header is rebuilt on a copy beside a copy of the WAL, which SQLite replays (its committed
    frames only). The damaged file is moved aside with its WAL, none of it left beside the fresh cache."""
    recorded, originals = _left_in_the_wal(profile, clock)
    wal = profile.database_path.with_name(profile.database_path.name + "-wal")
    wal_before, wal_header = damaged.digest(wal), wal.read_bytes()[:32]  # its salts: this WAL's own
    damaged.zeroed(0, 100)(profile.database_path)
    workbench = _rebuilt(profile, clock, UNREADABLE)
    try:
        _every_action_back(workbench, originals, recorded)
        moved_to = workbench.cache.recovery.moved_to  # type: ignore[union-attr]
        assert damaged.digest(moved_to.with_name(wal.name)) == wal_before  # moved as it was, with its file
        assert not wal.exists() or wal.read_bytes()[:32] != wal_header  # beside the fresh cache: its own WAL
    finally:
        workbench.close()


def test_actions_committed_only_to_the_wal_are_rescued_when_the_schema_pages_are_lost(
    profile: Profile, clock: FixedClock, filled: Snapshot
) -> None:
    """SQLite cannot read the tables (the file's first page and the schema's others zeroed): the rows are
    looked for on the pages, those of the WAL's committed frames too."""
    recorded, originals = _left_in_the_wal(profile, clock)
    alone = profile.root / "schema-pages.sqlite3"  # the file without its WAL: SQLite would checkpoint into it
    alone.write_bytes(profile.database_path.read_bytes())
    connection = sqlite3.connect(alone)
    try:
        pages = [row[0] for row in connection.execute("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'")]
    finally:
        connection.close()
    alone.unlink()
    damaged.zeroed_pages(pages)(profile.database_path)
    workbench = _rebuilt(profile, clock, UNREADABLE)
    try:
        _every_action_back(workbench, originals, recorded)
    finally:
        workbench.close()
