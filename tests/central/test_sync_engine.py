"""The client's sync engine against the real service on loopback (SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from sqlalchemy import event, func, select, text, update
from sqlalchemy.exc import OperationalError

from app import desk as app_desk
from app import list_indexes_aside
from app.accounts import SourceInfo
from app.central_client import CentralClient, CentralUnreachable
from app.credentials import CredentialStore
from app.domain.workflow import DossierState
from app.item_actions import ItemActions
from app.local_cache import LocalCache
from app.profile import Profile
from app.pulled_rows import PulledRows
from app.sync_engine import SyncEngine, SyncReport
from central import models as server
from central.change_feed import compact, record_change
from central.seed import add_account
from central.server import start_in_thread
from local_db import set_aside_indexes
from local_db.models import Comment, Document, Dossier, OutboxEntry, SyncCheckpoint
from local_db.search import SearchHit, search_items
from local_db.set_aside_indexes import LIST_INDEXES, set_aside
from tests.central.conftest import PASSWORD_A, WARD_A, Central
from tests.conftest import DEMO_NOW


@dataclass
class Desk:
    """One official's Ward Desk: a real profile, its account, the sync engine and the actions."""

    cache: LocalCache
    engine: SyncEngine
    actions: ItemActions
    account_id: int

    def sync(self, **kwargs: Any) -> SyncReport:
        return self.engine.sync_account(self.account_id, **kwargs)

    def local(self, kind: str, remote_id: int | str) -> Dossier | Document:
        model = Dossier if kind == "dossier" else Document
        with self.cache.sessions() as session:
            return session.scalars(select(model).where(model.remote_id == str(remote_id))).one()

    def act(self, kind: str, remote_id: int | str, action: str, **payload: Any) -> str:
        return self.actions.perform(kind, self.local(kind, remote_id).id, action, payload)

    def outbox(self) -> list[OutboxEntry]:
        with self.cache.sessions() as session:
            return list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.id)))

    def count(self, model: type) -> int:
        with self.cache.sessions() as session:
            return session.scalar(select(func.count()).select_from(model)) or 0


def open_desk(central: Central, folder: Path, login: str = "thu.tdm", password: str = PASSWORD_A) -> Desk:
    built = app_desk.Desk(Profile(folder), central.clock, CredentialStore(fail.Keyring()), pull_batch=25)
    source = SourceInfo("unified", "Hệ thống dùng chung", "unified", central.url)
    added = built.accounts.add_account(source, login, password)
    return Desk(built.cache, built.engine, built.workbench.actions, added.account_id)


@pytest.fixture
def desk(central: Central, tmp_path: Path):
    opened = open_desk(central, tmp_path / "desk")
    yield opened
    opened.cache.close()


def server_dossiers(central: Central, state: DossierState) -> list[server.Dossier]:
    with central.service.sessions() as session:
        query = select(server.Dossier).where(server.Dossier.unit_code == WARD_A, server.Dossier.state == int(state))
        return list(session.scalars(query.order_by(server.Dossier.id)))


def server_count(central: Central, model: type) -> int:
    with central.service.sessions() as session:
        return session.scalar(select(func.count()).select_from(model).where(model.unit_code == WARD_A)) or 0


def test_first_sync_brings_the_ward_s_queue_and_then_costs_one_request(desk: Desk, central: Central) -> None:
    report = desk.sync()
    assert report.problem is None
    assert desk.count(Document) == server_count(central, server.Document)
    assert desk.count(Dossier) == server_count(central, server.Dossier)
    again = desk.sync()
    assert (again.problem, again.requests, again.pulled, again.pushed) == (None, 1, 0, 0)


def test_actions_taken_offline_sync_when_the_service_comes_back(desk: Desk, central: Central) -> None:
    desk.sync()
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    submitted = server_dossiers(central, DossierState.SUBMITTED)[0]
    working = server_dossiers(central, DossierState.IN_PROGRESS)[0]
    desk.act("dossier", submitted.id, "accept")
    desk.act("dossier", working.id, "request_supplement", reason="Thiếu bản sao giấy chứng sinh")
    desk.act("dossier", working.id, "comment", text="Đã gọi điện cho công dân")
    assert desk.local("dossier", working.id).state == int(DossierState.SUPPLEMENT_REQUESTED)
    offline = desk.sync()
    assert offline.problem == "offline"
    assert [e.status for e in desk.outbox()] == ["pending"] * 3

    central.server = start_in_thread(central.service, port=port)
    back = desk.sync()
    assert back.problem is None and back.pushed == 3
    assert [e.status for e in desk.outbox()] == ["applied"] * 3
    with central.service.sessions() as session:
        assert session.get_one(server.Dossier, submitted.id).state == int(DossierState.ACCEPTED)
        assert session.get_one(server.Dossier, working.id).state == int(DossierState.SUPPLEMENT_REQUESTED)
        assert session.scalar(select(func.count()).select_from(server.Comment)) == 1
    assert desk.local("dossier", working.id).sync_state == "synced"
    assert desk.count(Comment) == 1  # the pulled comment updated the local one, it did not double it


def test_two_officials_on_one_dossier_end_with_one_truth_and_a_visible_rejection(
    desk: Desk, central: Central, tmp_path: Path
) -> None:
    with central.service.sessions.begin() as session:
        add_account(session, "hoa.tdm", "Mk-Hoa-2026", WARD_A, "Lê Thị Hoa", DEMO_NOW)
    other = open_desk(central, tmp_path / "other", "hoa.tdm", "Mk-Hoa-2026")
    try:
        desk.sync()
        other.sync()
        dossier = server_dossiers(central, DossierState.PROCESSED)[0]
        desk.act("dossier", dossier.id, "return_result")
        other.act("dossier", dossier.id, "return_result")
        assert desk.sync().pushed == 1
        late = other.sync()
        assert late.rejected == 1
        [entry] = other.outbox()
        assert entry.status == "rejected" and entry.reject_code == "workflow.illegal_action"
        loser = other.local("dossier", dossier.id)
        assert loser.state == int(DossierState.RETURNED) and loser.sync_state == "rejected"
        winner = desk.local("dossier", dossier.id)
        assert winner.state == loser.state and winner.version == loser.version
    finally:
        other.cache.close()


def test_a_rejected_action_does_not_block_the_ones_behind_it(desk: Desk, central: Central) -> None:
    desk.sync()
    first, second = server_dossiers(central, DossierState.SUBMITTED)[:2]
    desk.act("dossier", first.id, "accept")
    desk.act("dossier", second.id, "accept")
    with central.service.sessions.begin() as session:  # a colleague refused the first one meanwhile
        session.execute(update(server.Dossier).where(server.Dossier.id == first.id).values(state=3))
    report = desk.sync()
    assert (report.pushed, report.rejected) == (1, 1)
    assert [e.status for e in desk.outbox()] == ["rejected", "applied"]
    assert desk.local("dossier", first.id).state == int(DossierState.NOT_ACCEPTED)


def test_must_refetch_downloads_again_and_keeps_the_outbox(desk: Desk, central: Central) -> None:
    desk.sync()
    dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    desk.act("dossier", dossier.id, "accept")
    colleague = server_dossiers(central, DossierState.ACCEPTED)[0]
    with central.service.sessions.begin() as session:  # a colleague's change, then the log is compacted
        changed = session.get_one(server.Dossier, colleague.id)
        changed.state, changed.version = int(DossierState.IN_PROGRESS), changed.version + 1
        record_change(session, WARD_A, "dossier", changed)
    with central.service.sessions.begin() as session:
        compact(session, keep_last=0)
    report = desk.sync(push=False)
    assert report.problem is None and report.refetched
    assert [e.status for e in desk.outbox()] == ["pending"]
    local = desk.local("dossier", dossier.id)
    assert local.state == int(DossierState.ACCEPTED) and local.sync_state == "pending"  # still shown as acted
    assert desk.local("dossier", colleague.id).state == int(DossierState.IN_PROGRESS)
    assert desk.sync().pushed == 1


def test_items_changed_during_a_first_download_come_again_and_update_their_rows(
    desk: Desk, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first download looks up no local rows: the cache held none of this source. What the log
    sends again after the snapshot (changed meanwhile) was written by this pull and is updated once.
    The change is made as soon as the service has served the page with the item (pages are fetched
    ahead of the writer, so the desk's own progress would come too late on a busy machine)."""
    first_dossier = server_dossiers(central, DossierState.SUBMITTED)[0]
    changed: list[int] = []
    served = CentralClient.changes

    def change_once_served(client: CentralClient, *args: Any, **kwargs: Any) -> dict[str, Any]:
        page = served(client, *args, **kwargs)
        ids = {str(change.get("id")) for change in page.get("changes", []) if change.get("kind") == "dossier"}
        if not changed and str(first_dossier.id) in ids:
            with central.service.sessions.begin() as session:
                row = session.get_one(server.Dossier, first_dossier.id)
                row.applicant_name, row.version = "Nguyễn Văn Đổi", row.version + 1
                record_change(session, WARD_A, "dossier", row)
                changed.append(row.version)
        return page

    monkeypatch.setattr(CentralClient, "changes", change_once_served)
    report = desk.sync()
    assert report.problem is None and changed
    assert desk.count(Dossier) == server_count(central, server.Dossier)
    local = desk.local("dossier", first_dossier.id)
    assert (local.applicant_name, local.version) == ("Nguyễn Văn Đổi", changed[0])
    with desk.cache.sessions() as session:  # and the search index holds the new text, once
        hits = search_items(session, "nguyen van doi")
    assert hits.count(SearchHit("dossier", local.id)) == 1


def test_bad_data_from_the_server_changes_nothing(desk: Desk, central: Central) -> None:
    desk.sync()
    with desk.cache.sessions() as session:
        cursor = session.get_one(SyncCheckpoint, desk.account_id).cursor
    with central.service.sessions.begin() as session:
        document = session.scalars(select(server.Document).where(server.Document.unit_code == WARD_A)).first()
        document.urgency, document.version = "siêu khẩn", document.version + 1
        record_change(session, WARD_A, "document", document)
    before = desk.local("document", document.id).urgency
    report = desk.sync()
    assert report.problem == "bad_server_data" and "urgency" in report.details[0]
    with desk.cache.sessions() as session:
        assert session.get_one(SyncCheckpoint, desk.account_id).cursor == cursor
    assert desk.local("document", document.id).urgency == before


def test_an_expired_token_is_renewed_once_and_a_disabled_account_stops(desk: Desk, central: Central) -> None:
    desk.sync()
    central.clock.advance(timedelta(minutes=20))
    assert desk.sync().problem is None
    with central.service.sessions.begin() as session:
        session.execute(update(server.Account).where(server.Account.login == "thu.tdm").values(disabled_at=DEMO_NOW))
    stopped = desk.sync()
    assert stopped.problem == "sign_in" and stopped.details == ["account_disabled"]


def test_a_pull_looks_its_token_up_once_and_renews_it_when_it_expires_midway(desk: Desk, central: Central) -> None:
    """The token is the run's, not looked up per page (two queries each); one that expires between
    pages is renewed once and the pull goes on."""
    looked_up: list[int] = []
    real_lookup = desk.engine.accounts.access_token
    desk.engine.accounts.access_token = lambda account_id: looked_up.append(account_id) or real_lookup(account_id)
    renewed: list[int] = []
    real_renewal = desk.engine.accounts.renew_access_token
    desk.engine.accounts.renew_access_token = lambda account_id, stale=None: (
        renewed.append(account_id) or real_renewal(account_id, stale)
    )
    pages_written: list[int] = []

    def expire_after_the_first_page(report: SyncReport) -> None:
        pages_written.append(report.pulled)
        if len(pages_written) == 1:
            central.clock.advance(timedelta(minutes=20))  # past the access token's lifetime

    report = desk.sync(progress=expire_after_the_first_page)
    assert report.problem is None
    assert looked_up == [desk.account_id] and renewed == [desk.account_id]
    assert len(pages_written) > 2
    assert desk.count(Document) == server_count(central, server.Document)
    assert desk.count(Dossier) == server_count(central, server.Dossier)
    assert desk.sync().requests == 1  # and the renewed token serves the next run


def test_transactions_committing_out_of_order_are_not_skipped_by_a_paginated_pull(desk: Desk, central: Central) -> None:
    """T1 takes a sequence number and stalls; T2 must not commit a later one before T1 does,
    or a pull in between would move its cursor past T1's change and never see it. (A transaction
    takes its number as its last step, just before its commit: T1 stalls right there.)"""
    desk.sync()
    first, second = server_dossiers(central, DossierState.IN_PROGRESS)[:2]
    release_first = threading.Event()
    first_logged = threading.Event()
    second_done = threading.Event()

    def stall(_session: object) -> None:  # after the log rows are written, before the commit
        first_logged.set()
        assert release_first.wait(10)

    def change(dossier_id: int, stalls: bool) -> None:
        with central.service.sessions.begin() as session:
            row = session.get_one(server.Dossier, dossier_id)
            row.history, row.version = [*row.history, {"action": "note"}], row.version + 1
            record_change(session, WARD_A, "dossier", row)
            if stalls:  # runs after the change feed's own before_commit step, which takes the number
                event.listen(session, "before_commit", stall)

    t1 = threading.Thread(target=change, args=(first.id, True))
    t2 = threading.Thread(target=lambda: (change(second.id, False), second_done.set()))
    t1.start()
    assert first_logged.wait(10)
    t2.start()
    assert not second_done.wait(0.5)  # T2 queues behind T1's counter lock instead of committing first
    middle = desk.sync()  # a pull while T1 is still open sees neither change
    assert middle.problem is None and middle.pulled == 0
    release_first.set()
    t1.join(10)
    t2.join(10)
    assert second_done.is_set()
    after = desk.sync()
    assert after.pulled == 2
    assert desk.local("dossier", first.id).version == first.version + 1
    assert desk.local("dossier", second.id).version == second.version + 1


def test_a_sync_can_be_cancelled_and_resumes_later(desk: Desk, central: Central) -> None:
    import threading

    cancel = threading.Event()
    seen: list[int] = []

    def progress(report: SyncReport) -> None:
        seen.append(report.pulled)
        cancel.set()  # the user pressed cancel after the first page

    stopped = desk.sync(cancel=cancel, progress=progress)
    assert stopped.problem == "cancelled" and len(seen) == 1  # the pages fetched before the cancel, written in one go
    assert desk.count(Dossier) + desk.count(Document) < server_count(central, server.Dossier) + server_count(
        central, server.Document
    )
    resumed = desk.sync()
    assert resumed.problem is None
    assert desk.count(Document) == server_count(central, server.Document)


def list_indexes(desk: Desk) -> set[str]:
    with desk.cache.sessions() as session:
        return set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'index'"))) & set(LIST_INDEXES)


def test_a_first_download_writes_without_the_list_indexes_and_builds_them_at_its_end(desk: Desk) -> None:
    during: list[set[str]] = []
    report = desk.sync(progress=lambda _report: during.append(list_indexes(desk)))
    assert report.problem is None and during
    assert all(names == set() for names in during)
    assert list_indexes(desk) == set(LIST_INDEXES)


def test_a_download_that_stops_midway_builds_its_list_indexes_back(desk: Desk) -> None:
    import threading

    cancel = threading.Event()
    stopped = desk.sync(cancel=cancel, progress=lambda _report: cancel.set())
    assert stopped.problem == "cancelled"
    assert list_indexes(desk) == set(LIST_INDEXES)


def test_a_download_into_a_filled_cache_keeps_its_list_indexes(
    desk: Desk, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.sync()
    monkeypatch.setattr(list_indexes_aside, "BULK_BELOW", desk.count(Document) + desk.count(Dossier))
    with desk.cache.sessions.begin() as session:  # as after "must refetch": a download from no cursor
        session.execute(update(SyncCheckpoint).values(cursor=None))
    during: list[set[str]] = []
    assert desk.sync(progress=lambda _report: during.append(list_indexes(desk))).problem is None
    assert during and all(names == set(LIST_INDEXES) for names in during)


def test_a_long_download_builds_its_list_indexes_back_after_bulk_seconds(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_indexes_aside, "BULK_SECONDS", 0.0)
    calls: list[str] = []
    monkeypatch.setattr(list_indexes_aside, "set_aside", lambda session: calls.append("aside") or set_aside(session))
    during: list[set[str]] = []
    assert desk.sync(progress=lambda _report: during.append(list_indexes(desk))).problem is None
    assert calls == ["aside"]  # once, before the first write; after it they are back for good
    assert len(during) > 1 and all(names == set(LIST_INDEXES) for names in during)


def test_indexes_that_cannot_be_built_yet_do_not_spoil_the_sync_and_come_back_at_the_next(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full = [True]
    build = set_aside_indexes._build

    def build_unless_full(session: Any, create_sql: str) -> None:
        if disk_full[0]:
            raise OperationalError("CREATE INDEX", {}, sqlite3.OperationalError("database or disk is full"))
        build(session, create_sql)

    monkeypatch.setattr(set_aside_indexes, "_build", build_unless_full)
    assert desk.sync().problem is None  # the items and the cursor are written; only the indexes wait
    assert list_indexes(desk) == set()
    disk_full[0] = False
    assert desk.sync().problem is None
    assert list_indexes(desk) == set(LIST_INDEXES)


class AnswerLost(CentralClient):
    """The real client, but the answer to the first push never arrives (the server did apply it)."""

    lost = 0

    def push(self, access_token: str, mutations: list[dict[str, Any]]) -> list[dict[str, Any]]:
        results = super().push(access_token, mutations)
        if AnswerLost.lost == 0:
            AnswerLost.lost += 1
            raise CentralUnreachable("connection dropped before the answer")
        return results


def test_a_comment_pulled_before_its_lost_push_answer_is_kept_once(desk: Desk, central: Central) -> None:
    desk.sync()
    dossier = server_dossiers(central, DossierState.IN_PROGRESS)[0]
    desk.act("dossier", dossier.id, "comment", text="Trả lời bị mất trên đường về")
    AnswerLost.lost = 0
    lossy = SyncEngine(desk.cache, desk.engine.accounts, central.clock, client_for=AnswerLost)
    assert lossy.sync_account(desk.account_id).problem == "offline"  # applied on the server, unknown here
    assert desk.sync(push=False).problem is None  # the pull brings the server's copy first
    assert desk.count(Comment) == 2
    final = desk.sync()
    assert final.problem is None
    with desk.cache.sessions() as session:
        comments = session.scalars(select(Comment)).all()
    assert len(comments) == 1 and comments[0].remote_id is not None
    assert [e.status for e in desk.outbox()] == ["applied"]


def test_an_action_taken_while_a_pull_writes_is_never_written_over(
    desk: Desk, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The official acts on an item just as a pull is writing the server's copy of it: the pull either
    sees the action (and replays it) or the action waits for the pull and is taken on the new copy."""
    desk.sync()
    with central.service.sessions.begin() as session:  # the item changes on the service: the next pull brings it
        document = session.scalars(select(server.Document).where(
            server.Document.unit_code == WARD_A, server.Document.state == "received")).first()  # fmt: skip
        assert document is not None
        document.subject += " (đính chính)"
        document.version += 1
        record_change(session, WARD_A, "document", document)
        remote_id = str(document.id)
    local_id = desk.local("document", remote_id).id
    acting: list[threading.Thread] = []
    original = PulledRows._acted_on

    def acted_on_then_an_action(session: Any, kind: str, item_ids: list[int]) -> set[int]:
        found = original(session, kind, item_ids)
        if kind == "document" and local_id in item_ids and not acting:  # the pull has read what is acted on
            thread = threading.Thread(target=desk.actions.perform, args=("document", local_id, "register"))
            acting.append(thread)
            thread.start()
            thread.join(0.5)  # without the pull's write lock, the action would be committed by now
        return found

    monkeypatch.setattr(PulledRows, "_acted_on", staticmethod(acted_on_then_an_action))
    assert desk.sync(push=False).problem is None
    acting[0].join(10)
    with desk.cache.sessions() as session:
        row = session.get_one(Document, local_id)
        assert (row.state, row.sync_state) == ("registered", "pending")  # the action stands over the new copy
        assert row.subject.endswith("(đính chính)")  # and the pull's copy is there
