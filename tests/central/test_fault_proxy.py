"""Sync through a faulty link: dropped connections, lost answers, cut bodies, 503s and delays.

The real service on loopback (SQLite and PostgreSQL) behind ``tests.fault_proxy``; one official's
desk syncs, acts and syncs again until nothing is pending. Whatever the link did, every action is
applied exactly once, nothing is doubled, and the desk's cache ends equal to the server.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from keyring.backends import fail
from sqlalchemy import func, select

from app import desk as app_desk
from app.accounts import SourceInfo
from app.central_client import CentralTransient, CentralUnreachable
from app.credentials import CredentialStore
from app.domain.workflow import Action
from app.item_actions import ITEM_MODELS, workflow_of
from app.profile import Profile
from app.sync_engine import SyncReport
from central import models as server
from local_db.models import Comment, Document, Dossier
from tests.central.conftest import PASSWORD_A, SOAK_ENV, WARD_A, Central
from tests.central.test_sync_engine import Desk
from tests.fault_proxy import FAULTS, FaultProxy, FaultRates

# 30 % of connections meet a fault; a lost answer after the server acted is the likeliest one.
RATES = FaultRates(drop_before=0.06, drop_after=0.08, truncate=0.06, status_503=0.05, delay=0.05)
ACTIONS = 1500 if os.environ.get(SOAK_ENV) == "1" else 60  # `make soak`: thousands of faults
# Sync attempts allowed to converge: most fail at once while the link is down (the retry pause here
# is 20 ms, not the app's 5 s and more), and pages of 4 bring ~80 changes per second the link is up,
# so the bound grows with the changes the actions make.
MAX_ATTEMPTS = 200 * ACTIONS // 60
SYNC_EVERY = 2  # a sync attempt every other action, so actions also land on half-synced items
RETRY_PAUSE = 0.02  # the app's retry timer, much shortened
# Signing in is retried over 20 s or more (many outage periods): without a pause one 0.4 s outage could use up
# every attempt, refused at once, on a loaded machine (seen once in a full run beside other work).
SIGN_IN_PAUSE = 0.1
PULL_BATCH = 4  # small pages: many requests, many chances for the link to fail between two of them

PAYLOAD: dict[str, Any] = {
    "reason": "Hồ sơ thiếu bản sao giấy khai sinh",
    "assignee": "Chị Thu – Văn phòng UBND phường",
    "result": "Đã cấp giấy xác nhận",
    "text": "Đã gọi điện cho công dân",
    # 1022 reports: the competent unit of a report sent back, the answer, its publication, and a committed
    # date every progress note may carry (a late report must)
    "suggested_unit": "000.00.30.H29",
    "answer": "Ủy ban nhân dân phường đã kiểm tra, xử lý xong.",
    "publish": True,
    "committed_on": "2026-12-31",
}


NOT_RANDOM = ("comment", "edit_draft", "apologise")
SERVER_MODELS = {"document": server.Document, "dossier": server.Dossier, "feedback": server.Feedback}


class Attempts(Counter[str]):
    """Sync attempts by outcome ("ok", "offline", "busy")."""


def desk_via(central: Central, folder: Path, url: str, attempts: Attempts) -> Desk:
    """The desk as ``open_desk`` builds it, but talking to ``url``; signing in is retried too."""
    built = app_desk.Desk(Profile(folder), central.clock, CredentialStore(fail.Keyring()), pull_batch=PULL_BATCH)
    source = SourceInfo("unified", "Hệ thống dùng chung", "unified", url)
    for _ in range(MAX_ATTEMPTS):
        try:
            added = built.accounts.add_account(source, "thu.tdm", PASSWORD_A)
            break
        except (CentralUnreachable, CentralTransient):
            attempts["sign_in_retried"] += 1
            time.sleep(SIGN_IN_PAUSE)
    else:
        built.close()
        pytest.fail("could not sign in through the proxy")
    return Desk(built.cache, built.engine, built.workbench.actions, added.account_id)


def sync_once(desk: Desk, attempts: Attempts) -> SyncReport:
    report = desk.sync()
    attempts[report.problem or "ok"] += 1
    if report.problem not in (None, "offline", "busy"):  # a faulty link must never look like more than that
        pytest.fail(f"sync stopped with {report.problem}: {report.details}")
    return report


def sync_until_settled(desk: Desk, attempts: Attempts) -> None:
    """Sync until a sync succeeds with nothing left pending, like the app's retry timer would."""
    for _ in range(MAX_ATTEMPTS):
        report = sync_once(desk, attempts)
        if report.problem is None and desk.engine.accounts.pending_count(desk.account_id) == 0:
            return
        time.sleep(RETRY_PAUSE)
    pytest.fail(f"no convergence after {MAX_ATTEMPTS} sync attempts: {dict(attempts)}")


def pick_items(desk: Desk, rng: random.Random, per_kind: int) -> list[tuple[str, int, str]]:
    """(kind, local id, remote id) of items that can still move: some documents, dossiers and 1022 reports."""
    picked: list[tuple[str, int, str]] = []
    with desk.cache.sessions() as session:
        for kind, model in ITEM_MODELS.items():
            movable = [
                (kind, item.id, str(item.remote_id))
                for item in session.scalars(select(model).order_by(model.id))
                if [action for action in _allowed(item) if action.name != "comment"]
            ]
            picked += rng.sample(movable, per_kind)
    return picked


def _allowed(item: Document | Dossier) -> list[Action]:
    workflow, state = workflow_of(item)
    return workflow.allowed_actions(state)


def act_at_random(desk: Desk, rng: random.Random, kind: str, local_id: int, serial: int) -> str:
    """One legal action on the item as the desk shows it now: mostly a state change, else a comment."""
    with desk.cache.sessions() as session:
        item = session.get_one(ITEM_MODELS[kind], local_id)
        (workflow, state), source_id = workflow_of(item), item.source_id
    # edit_draft takes a whole draft and apologise a time after the due time, not a plain field: their own
    # tests have them. Only what the desk offers its official (a 1022 answer's approval is a leader's).
    offered = desk.actions.offered(kind, source_id, workflow.allowed_actions(state))
    moves = [action for action in offered if action.name not in NOT_RANDOM]
    action = rng.choice(moves) if moves and rng.random() < 0.7 else workflow.action("comment")
    payload = {field: PAYLOAD.get(field, "") for field in action.required}
    if action.name == "record_progress":
        payload["committed_on"] = PAYLOAD["committed_on"]
    if action.name == "comment":
        payload["text"] = f"{PAYLOAD['text']} (lần {serial})"  # distinct texts: each comment is its own
    desk.actions.perform(kind, local_id, action.name, payload)
    return action.name


def server_items(central: Central, model: type) -> dict[str, Any]:
    with central.service.sessions() as session:
        rows = session.scalars(select(model).where(model.unit_code == WARD_A))
        return {str(row.id): (row.state, row.version) for row in rows}


def local_items(desk: Desk, model: type) -> dict[str, Any]:
    with desk.cache.sessions() as session:
        return {str(row.remote_id): (row.state, row.version) for row in session.scalars(select(model))}


def sync_act_and_converge(central: Central, proxy: FaultProxy, folder: Path) -> tuple[Attempts, int]:
    """Sign in and sync, act with syncs in between, sync until settled; then check that nothing was
    lost, doubled or left different from the server. Returns the sync attempts and the comments made."""
    attempts = Attempts()
    rng = random.Random(7)
    desk = desk_via(central, folder, proxy.url, attempts)
    try:
        sync_until_settled(desk, attempts)
        items = pick_items(desk, rng, per_kind=6)
        initial = {kind: server_items(central, model) for kind, model in SERVER_MODELS.items()}
        done: Counter[tuple[str, str]] = Counter()
        comments = 0
        for serial in range(1, ACTIONS + 1):
            kind, local_id, remote_id = rng.choice(items)
            comments += act_at_random(desk, rng, kind, local_id, serial) == "comment"
            done[kind, remote_id] += 1
            if serial % SYNC_EVERY == 0:
                sync_once(desk, attempts)
        sync_until_settled(desk, attempts)

        outbox = desk.outbox()
        assert len(outbox) == ACTIONS
        assert Counter(entry.status for entry in outbox) == {"applied": ACTIONS}
        with central.service.sessions() as session:
            recorded = Counter(session.scalars(select(server.MutationRecord.mutation_id)))
            server_comments = session.scalar(
                select(func.count()).select_from(server.Comment).where(server.Comment.unit_code == WARD_A)
            )
        assert recorded == Counter(entry.mutation_id for entry in outbox)  # one record per action, no other
        assert server_comments == comments
        assert desk.count(Comment) == comments  # a pulled comment updated the local one, never doubled it
        assert all(c.sync_state == "synced" and c.remote_id for c in _local_comments(desk))

        final = {kind: server_items(central, model) for kind, model in SERVER_MODELS.items()}
        for (kind, remote_id), count in done.items():  # every action applied once: one version step each
            assert final[kind][remote_id][1] == initial[kind][remote_id][1] + count, (kind, remote_id)
        for kind, model in ITEM_MODELS.items():  # state and version of every item, and their number
            assert local_items(desk, model) == final[kind], kind
        with desk.cache.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    finally:
        desk.cache.close()
    return attempts, comments


def _local_comments(desk: Desk) -> list[Comment]:
    with desk.cache.sessions() as session:
        return list(session.scalars(select(Comment)))


def test_a_faulty_link_never_doubles_or_loses_an_action_and_the_sync_converges(
    central: Central, tmp_path: Path
) -> None:
    with FaultProxy(central.url, RATES, seed=20261125) as proxy:
        # beside the dice, the case that matters most, for sure: pushes applied and their answers lost or cut
        proxy.force("POST /v1/mutations", "drop_after", None, "truncate", "drop_after")
        attempts, comments = sync_act_and_converge(central, proxy, tmp_path / "desk")
    print(f"\nfaulty link: {proxy.summary()} | sync attempts: {dict(attempts)} | actions={ACTIONS} comments={comments}")
    assert all(proxy.counters[fault] >= 1 for fault in FAULTS), proxy.summary()  # not vacuous
    assert proxy.by_request["drop_after", "POST /v1/mutations"] >= 2, dict(proxy.by_request)


def test_a_link_that_drops_every_few_seconds_still_converges(central: Central, tmp_path: Path) -> None:
    slow = FaultRates(delay=0.5)  # slow answers, so some are in flight when the link drops
    with FaultProxy(central.url, slow, seed=7, max_delay=0.2, outage_period=1.5, outage_length=0.4) as proxy:
        attempts, comments = sync_act_and_converge(central, proxy, tmp_path / "desk")
    print(f"\ndropping link: {proxy.summary()} | sync attempts: {dict(attempts)} | actions={ACTIONS} c={comments}")
    assert proxy.counters["outages"] >= 3, proxy.summary()
    assert proxy.counters["link_down"] + proxy.counters["cut_in_flight"] >= 3, proxy.summary()


def test_a_lost_answer_to_a_token_renewal_does_not_force_a_new_sign_in(central: Central, tmp_path: Path) -> None:
    """A refresh token works once, but the renewal whose answer was lost is retried with the same
    renewal key: the service takes it as that retry, not as a copied token, and the desk syncs on."""
    with FaultProxy(central.url, FaultRates(), seed=1) as proxy:
        attempts = Attempts()
        desk = desk_via(central, tmp_path / "desk", proxy.url, attempts)
        try:
            sync_until_settled(desk, attempts)
            central.clock.advance(timedelta(minutes=20))  # the access token has expired: the next sync renews it
            proxy.force("POST /v1/auth/refresh", "drop_after")  # the server rotated the pair, the desk never heard
            assert desk.sync().problem == "offline"
            again = desk.sync()  # the same renewal again, with the same key: a retry, not a reuse
            assert again.problem is None, again.details
            with central.service.sessions() as session:  # the pair whose answer was lost no longer works
                live = select(func.count()).where(server.Token.kind == "refresh", server.Token.revoked_at.is_(None),
                                                  server.Token.rotated_at.is_(None))  # fmt: skip
                assert session.scalar(live) == 1
        finally:
            desk.cache.close()
