"""A damaged cache file on a real profile: detected, moved aside, rebuilt with the accounts kept."""

from __future__ import annotations

import os
import uuid

from sqlalchemy import func, insert, select

from app.profile import Profile
from app.workbench import Workbench
from local_db.cache_health import DAMAGE_MARK
from local_db.models import Account, Document, OutboxEntry, Source, SyncCheckpoint
from tests.conftest import FixedClock
from tests.demo_cache import fill_demo_cache
from tests.integration.helpers import NOW

PENDING = 3


def _fill(profile: Profile, clock: FixedClock) -> None:
    """Items, an account with its checkpoint, and actions that have not reached the server."""
    workbench = Workbench.open(profile, clock)
    fill_demo_cache(workbench, 400)
    with workbench.cache.sessions.begin() as session:
        source = session.scalar(insert(Source).values(code="unified-x", name="Hệ thống", kind="unified",
                                                      base_url="https://dvc.example").returning(Source.id))  # fmt: skip
        account = session.scalar(
            insert(Account)
            .values(source_id=source, login="thu.tdm", display_name="Nguyễn Thị Thu", unit_code="000.00.57.H29",
                    role="new", status="active", created_at=NOW)
            .returning(Account.id)
        )  # fmt: skip
        session.add(SyncCheckpoint(account_id=account, cursor="abc", last_pull_at=NOW, last_success_at=NOW))
        for n in range(PENDING):
            session.add(OutboxEntry(mutation_id=str(uuid.uuid4()), account_id=account, item_kind="document",
                                    item_id=n + 1, action="comment", base_version=1, payload={"text": "x"},
                                    created_at=NOW))  # fmt: skip
    workbench.close()


def _counts(workbench: Workbench) -> tuple[int, int, int, int]:
    with workbench.cache.sessions() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Document, Account, SyncCheckpoint, OutboxEntry)
        )


def test_a_truncated_file_is_moved_aside_and_the_cache_rebuilt_with_its_accounts(
    profile: Profile, clock: FixedClock
) -> None:
    _fill(profile, clock)
    size = profile.database_path.stat().st_size
    with profile.database_path.open("r+b") as handle:
        handle.truncate(size // 2)  # a copy cut short
    workbench = Workbench.open(profile, clock)
    try:
        recovery = workbench.cache.recovery
        assert recovery is not None and recovery.reason.startswith("truncated:")
        assert recovery.moved_to.parent.parent == profile.backups_dir and recovery.moved_to.exists()
        assert recovery.moved_to.stat().st_size == size // 2  # kept as it was, for IT
        documents, accounts, checkpoints, outbox = _counts(workbench)
        assert (documents, checkpoints, outbox) == (0, 0, 0)  # a full sync refills it
        assert accounts == recovery.accounts  # those whose pages were still readable (here: none)
        assert workbench.search("khai sinh") is not None  # the fresh cache works
    finally:
        workbench.close()
    again = Workbench.open(profile, clock)  # the next start is an ordinary one
    assert again.cache.recovery is None
    again.close()


def test_damage_found_by_the_background_check_rebuilds_at_the_next_start(profile: Profile, clock: FixedClock) -> None:
    _fill(profile, clock)
    workbench = Workbench.open(profile, clock)
    assert workbench.check_cache_file() is None  # a sound file
    accounts_before = _counts(workbench)[1]
    workbench.close()
    _spoil_a_page_in_the_middle(profile)
    workbench = Workbench.open(profile, clock)
    problem = workbench.check_cache_file()
    workbench.close()
    assert problem is not None and (profile.root / DAMAGE_MARK).read_text(encoding="utf-8") == problem

    rebuilt = Workbench.open(profile, clock)
    try:
        recovery = rebuilt.cache.recovery
        assert recovery is not None and recovery.reason == problem
        assert (recovery.accounts, recovery.unsent_actions) == (accounts_before, PENDING)  # told, with the count
        assert _counts(rebuilt) == (0, accounts_before, 0, 0)
        with rebuilt.cache.sessions() as session:
            account = session.scalars(select(Account).where(Account.login == "thu.tdm")).one()
            assert (account.display_name, account.created_at) == ("Nguyễn Thị Thu", NOW)
        assert not (profile.root / DAMAGE_MARK).exists()
        assert rebuilt.check_cache_file() is None
    finally:
        rebuilt.close()


def _spoil_a_page_in_the_middle(profile: Profile) -> None:
    """Overwrite the header of an index page near the end of the file, as a bad disk sector might."""
    with profile.database_path.open("r+b") as handle:
        page_size = int.from_bytes(handle.read(18)[16:18], "big")
        pages = os.path.getsize(profile.database_path) // page_size
        handle.seek((pages - 3) * page_size)
        handle.write(b"\xff" * 64)
        handle.flush()
        os.fsync(handle.fileno())
