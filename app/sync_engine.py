"""The one sync engine: for each account, push its outbox in order, then pull changes in batches.

Runs on a worker thread, never the UI thread. Each pulled batch is written together with its
cursor in one transaction, and each push answer together with the outbox entries it settles, so
an interruption at any point (network drop, crash, kill, power cut) resumes where it stopped:
an unanswered push is sent again under the same mutation ids and the server answers
``duplicate``, never applying it twice.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from app.accounts import AccountService, NeedsSignIn
from app.central_client import (
    CentralClient,
    CentralRejected,
    CentralTransient,
    CentralUnreachable,
    CentralUntrusted,
)
from app.collector_paused import collector_paused
from app.domain.statuses import UNSETTLED, AccountStatus, MutationOutcome, OutboxStatus, SyncState
from app.item_actions import ITEM_MODELS, reapply_pending
from app.local_cache import LocalCache
from app.pages_ahead import Fetched, Page, PagesAhead, Refetch
from app.server_items import LOCAL_MODELS, BadServerData, local_fields
from app.unified_queue import merge_key, relink, successions
from kernel.clock import Clock
from local_db.bulk_write import insert_rows, update_rows
from local_db.models import Account, Agency, Comment, Document, Dossier, OutboxEntry, Source, SyncCheckpoint
from local_db.search import indexed_together
from local_db.set_aside_indexes import put_back, set_aside

log = logging.getLogger(__name__)

PULL_BATCH = 500  # the service's largest page; a poor link makes the engine ask for less (see _PageSize)
SMALLEST_PULL_BATCH = 25
PUSH_BATCH = 50
# Pages already fetched are written in one transaction up to this many changes: each commit costs
# ~9 ms (the search index's flush and the WAL), a quarter of the time of a 500-change page.
WRITE_GROUP = 2000
# A download from no cursor into a cache holding fewer items than this sets the lists' indexes
# aside and builds them at its end: 14 µs saved per item written, 4 µs spent per item there.
BULK_BELOW = 10_000
BULK_SECONDS = 60.0  # the longest they stay aside; then they are built and the download goes on


ITEM_AND_CHILD_MODELS = {kind: model for kind, model in LOCAL_MODELS.items() if kind != "agency"}


class SyncCancelled(Exception):
    pass


@dataclass
class SyncReport:
    account_id: int
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    requests: int = 0
    refetched: bool = False
    # offline | untrusted (TLS certificate) | busy | sign_in | bad_server_data | cancelled | retired | signed_out
    problem: str | None = None
    retry_after: float | None = None  # seconds, when a busy server said so
    details: list[str] = field(default_factory=list)


Progress = Callable[[SyncReport], None]


class SyncEngine:
    def __init__(
        self,
        cache: LocalCache,
        accounts: AccountService,
        clock: Clock,
        client_for: Callable[[str], CentralClient] = CentralClient,
        pull_batch: int = PULL_BATCH,
    ) -> None:
        self.cache = cache
        self.accounts = accounts
        self.clock = clock
        self._client_for = client_for
        self.pull_batch = pull_batch
        self.page_size = _PageSize(pull_batch)

    def sync_account(
        self,
        account_id: int,
        cancel: threading.Event | None = None,
        progress: Progress | None = None,
        push: bool = True,
    ) -> SyncReport:
        report = SyncReport(account_id)
        with self.cache.sessions() as session:
            account = session.get_one(Account, account_id)
            source = session.get_one(Source, account.source_id)
            base_url, source_id, status = source.base_url or "", source.id, account.status
        if status in (
            AccountStatus.RETIRED,
            AccountStatus.SIGNED_OUT,
        ):  # its items stay readable; it no longer talks to the server
            report.problem = status
            return report
        client = self._client_for(base_url)
        run = _Run(self, client, account_id, source_id, report, cancel or threading.Event(), progress)
        with self.cache.sync_writer, collector_paused():
            try:
                if push:
                    run.push()
                run.pull()
            except CentralUntrusted as error:
                report.problem, report.details = "untrusted", [str(error)]
            except CentralUnreachable as error:
                report.problem, report.details = "offline", [str(error)]
            except CentralTransient as error:
                report.problem, report.details, report.retry_after = "busy", [str(error)], error.retry_after
            except NeedsSignIn as error:
                report.problem, report.details = "sign_in", [error.reason]
            except BadServerData as error:
                report.problem, report.details = "bad_server_data", [str(error)]
                log.warning("refused a batch from %s: %s", base_url, error)
            except SyncCancelled:
                report.problem = "cancelled"
        return report


@dataclass
class _Run:
    engine: SyncEngine
    client: CentralClient
    account_id: int
    source_id: int
    report: SyncReport
    cancel: threading.Event
    progress: Progress | None
    token: str | None = None
    # Kinds of which the cache held no row from this source when the pull began, with the remote
    # ids written of them since: only those can be in the cache already.
    started_empty: dict[str, set[str]] = field(default_factory=dict)

    # -- talking to the server, with one token renewal --------------------------------------------

    def _call(self, send: Callable[[str], Any]) -> Any:
        if self.cancel.is_set():
            raise SyncCancelled()
        self.report.requests += 1
        try:
            try:
                if self.token is None:  # looked up once per run, not per page: it costs two queries
                    self.token = self.engine.accounts.access_token(self.account_id)
                return send(self.token)
            except CentralRejected as error:
                if error.status != 401:
                    raise
            self.report.requests += 1  # an expired access token is renewed once
            self.token = self.engine.accounts.renew_access_token(self.account_id)
            return send(self.token)
        except CentralRejected as error:
            if error.status in (401, 403):  # refused or disabled account: this source stops here
                raise NeedsSignIn(self.account_id, error.code) from None
            raise

    def _tell(self) -> None:
        if self.progress is not None:
            self.progress(self.report)

    # -- push ----------------------------------------------------------------------------------------

    def push(self) -> None:
        while True:
            batch = self._pending_batch()
            if not batch:
                return
            results = self._call(lambda token, batch=batch: self.client.push(token, batch))
            settled = self._settle(results)
            self._tell()
            if settled < len(batch):  # the server asked to retry: keep order, try again later
                return

    def _pending_batch(self) -> list[dict[str, Any]]:
        with self.engine.cache.sessions() as session:
            entries = session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.account_id == self.account_id, OutboxEntry.status == OutboxStatus.PENDING)
                .order_by(OutboxEntry.id)
                .limit(PUSH_BATCH)
            ).all()
            return [self._mutation(session, entry) for entry in entries]

    @staticmethod
    def _mutation(session: Session, entry: OutboxEntry) -> dict[str, Any]:
        item = session.get(ITEM_MODELS[entry.item_kind], entry.item_id)
        return {
            "mutation_id": entry.mutation_id,
            "seq": entry.id,
            "kind": entry.item_kind,
            "item_id": item.remote_id if item is not None and item.remote_id else "0",
            "base_version": entry.base_version,
            "action": entry.action,
            "payload": entry.payload,
        }

    def _settle(self, results: list[dict[str, Any]]) -> int:
        """Record the server's answers and take its truth; returns how many were settled."""
        settled = 0
        with self.engine.cache.sessions.begin() as session:
            for result in results:
                if result.get("status") == MutationOutcome.RETRY:
                    break
                entry = session.scalar(select(OutboxEntry).where(OutboxEntry.mutation_id == result.get("mutation_id")))
                if entry is None:
                    raise BadServerData("an answer for an action this client did not send")
                self._settle_one(session, entry, result)
                settled += 1
        return settled

    def _settle_one(self, session: Session, entry: OutboxEntry, result: dict[str, Any]) -> None:
        status = (
            result.get("original_status") if result.get("status") == MutationOutcome.DUPLICATE else result.get("status")
        )
        entry.attempts += 1
        if status == MutationOutcome.APPLIED:
            entry.status = OutboxStatus.APPLIED
            self.report.pushed += 1
            self._link_created(session, entry, result.get("created"))
        elif status == MutationOutcome.REJECTED:
            entry.status = OutboxStatus.REJECTED
            entry.reject_code = str(result.get("code") or MutationOutcome.REJECTED)[:60]
            entry.reject_reason = str(result.get("message") or "")[:2000]
            self.report.rejected += 1
        else:
            raise BadServerData(f"an unknown outcome {status!r}")
        item = session.get(ITEM_MODELS[entry.item_kind], entry.item_id)
        if item is not None and isinstance(result.get("item"), dict):
            for name, value in local_fields(entry.item_kind, result["item"]).items():
                setattr(item, name, value)
        if item is not None:
            reapply_pending(session, entry.item_kind, item)

    def _link_created(self, session: Session, entry: OutboxEntry, created: Any) -> None:
        """A comment made here gets the server's id, so the pulled copy updates it, not doubles it."""
        if entry.action != "comment" or not isinstance(created, dict):
            return
        comment = session.scalar(
            select(Comment)
            .where(Comment.item_kind == entry.item_kind, Comment.item_id == entry.item_id,
                   Comment.remote_id.is_(None), Comment.body == str(entry.payload.get("text")))
            .order_by(Comment.id)
        )  # fmt: skip
        if comment is None:
            return
        remote_id = str(created.get("id"))
        pulled = session.scalar(
            select(Comment.id).where(Comment.source_id == comment.source_id, Comment.remote_id == remote_id)
        )
        if pulled is not None:  # the server's copy arrived first (the answer to the push was lost)
            session.delete(comment)
            return
        comment.remote_id = remote_id
        comment.sync_state = SyncState.SYNCED

    # -- pull ----------------------------------------------------------------------------------------

    def pull(self) -> None:
        """Pages in order, fetched ahead on another thread (the server and the link work while the
        client's disk does); what has arrived is written together, up to WRITE_GROUP changes, in
        one transaction with the last page's cursor."""
        cursor = self._cursor()
        self.started_empty = self._kinds_without_rows()
        indexes = _IndexesAside(self.engine.cache.sessions, first_download=cursor is None)
        ahead = PagesAhead(self._fetch, cursor)
        held: Fetched | None = None  # taken while grouping, but not a page: dealt with next
        try:
            while True:
                fetched = held if held is not None else ahead.take()
                held = None
                if isinstance(fetched, BaseException):
                    raise fetched
                if isinstance(fetched, Refetch):  # a fresh snapshot follows; the outbox is not touched
                    self._save_cursor(None)
                    self.report.refetched = True
                    continue
                assert fetched is not None  # take() waits for something
                changes, next_cursor, has_more = fetched
                changes = list(changes)
                while has_more and len(changes) < WRITE_GROUP:
                    more = ahead.take(wait=False)
                    if not isinstance(more, tuple):  # nothing more yet, a refetch or an error: write first
                        held = more
                        break
                    changes += more[0]
                    next_cursor, has_more = more[1], more[2]
                if self.cancel.is_set():  # fetched before the user cancelled: not written
                    raise SyncCancelled()
                indexes.before_write()
                self._apply_page(changes, next_cursor)
                indexes.after_write()
                self.report.pulled += len(changes)
                self._tell()
                if not has_more:
                    return
        finally:
            ahead.stop()
            indexes.put_back()

    def _kinds_without_rows(self) -> dict[str, set[str]]:
        """The kinds of which the cache holds no row from this source, each with an empty set for
        the remote ids this pull will write of them."""
        with self.engine.cache.sessions() as session:
            return {
                kind: set()
                for kind, model in ITEM_AND_CHILD_MODELS.items()
                if session.scalar(
                    select(model.id).where(model.source_id == self.source_id, model.remote_id.is_not(None)).limit(1)
                ) is None
            }  # fmt: skip

    def _fetch(self, cursor: str | None) -> Page | None:
        """One page of changes after ``cursor``, checked (on the fetching thread, so the checks run
        while the writer's SQLite work has let go of the GIL); None when the server can no longer
        serve the cursor."""
        size = self.engine.page_size
        limit = size.now
        try:
            page = self._call(lambda token: self.client.changes(token, cursor, limit))
        except (CentralUnreachable, CentralTransient):
            size.failed()
            raise
        except CentralRejected as error:
            if error.code != "must_refetch":
                raise
            return None
        size.succeeded()
        changes, next_cursor, has_more = _page_parts(page)
        return [_parse_change(change) for change in changes], next_cursor, has_more

    def _cursor(self) -> str | None:
        with self.engine.cache.sessions() as session:
            checkpoint = session.get(SyncCheckpoint, self.account_id)
            return None if checkpoint is None else checkpoint.cursor

    def _save_cursor(self, cursor: str | None, session: Session | None = None) -> None:
        if session is None:
            with self.engine.cache.sessions.begin() as own:
                self._save_cursor(cursor, own)
            return
        checkpoint = session.get(SyncCheckpoint, self.account_id)
        if checkpoint is None:
            checkpoint = SyncCheckpoint(account_id=self.account_id)
            session.add(checkpoint)
        checkpoint.cursor = cursor
        checkpoint.last_pull_at = self.engine.clock.now()
        checkpoint.last_success_at = checkpoint.last_pull_at

    def _apply_page(self, parsed: list[_Change | None], next_cursor: str) -> None:
        """The pages and the last one's cursor in one transaction: all of it lands, or none of it.

        Every change was checked when its page arrived; rows are written kind by kind
        (parents before their comments and attachments) by local_db.bulk_write, not the ORM:
        a first sync writes 100,000 items, and ORM unit-of-work flushes cost ~5× more.
        """
        latest: dict[str, dict[str, _Change]] = {}  # by kind and id: should a page carry an item twice
        for change in parsed:
            if change is not None:
                latest.setdefault(change[0], {})[change[1]] = change
        with self.engine.cache.sessions.begin() as session:
            for kind in ("agency", "document", "dossier", "comment", "attachment"):
                if kind in latest:
                    self._apply_kind(session, kind, list(latest[kind].values()))
            self._save_cursor(next_cursor, session)

    def _apply_kind(self, session: Session, kind: str, changes: list[_Change]) -> None:
        if kind == "agency":
            for _kind, _id, op, fields, _raw in changes:
                if op == "upsert":  # the directory keeps closed agencies: old documents still name them
                    session.merge(Agency(**fields))
            session.flush()  # documents on this page resolve their issuers' successors from here
            return
        model = LOCAL_MODELS[kind]
        existing = self._existing(session, model, [remote_id for _k, remote_id, *_ in changes])
        parents = self._parents(session, changes) if kind in ("comment", "attachment") else {}
        written = _Written()
        for _kind, remote_id, op, fields, raw in changes:
            local_id = existing.get(remote_id)
            if op == "tombstone":
                if local_id is not None:
                    written.gone.append(local_id)
                continue
            if kind in ("comment", "attachment"):
                parent = parents.get((str(raw.get("item_kind")), str(raw.get("item_id"))))
                if parent is None:
                    continue  # its document or dossier is not in this queue
                fields["item_id"] = parent
            if local_id is None:  # the checked fields become the row (a first sync makes 100,000: no copies)
                fields["source_id"], fields["remote_id"] = self.source_id, remote_id
                written.new.append(fields)
            else:
                fields["row_id"] = local_id
                written.changed.append(fields)
        if kind in self.started_empty:
            self.started_empty[kind].update(values["remote_id"] for values in written.new)
        if kind in ITEM_MODELS:
            self._write_items(session, kind, written)
        else:
            written.execute(session, model.__table__)

    def _write_items(self, session: Session, kind: str, written: _Written) -> None:
        """Documents and dossiers: pending actions replayed over the server's copies; copies of one
        document from the old and new systems linked."""
        model = ITEM_MODELS[kind]
        acted_on = self._acted_on(session, kind, [values["row_id"] for values in written.changed])
        for values in written.changed:
            if values["row_id"] not in acted_on:
                values["sync_state"] = SyncState.SYNCED
        former_keys: set[str] = set()
        if kind == "document":
            former_keys = _merge_keys_of(session, [values["row_id"] for values in written.changed] + written.gone)
            steps, today = successions(session), self.engine.clock.now().date()
            for values in written.new + written.changed:
                values["merge_key"], values["duplicate_of"] = merge_key(values, steps, today), None
        written.execute(session, model.__table__)
        for item_id in sorted(acted_on):
            reapply_pending(session, kind, session.get_one(model, item_id))
        if kind == "document":
            keys = {values["merge_key"] for values in written.new + written.changed if values["merge_key"]}
            relink(session, keys, former_keys)

    def _existing(self, session: Session, model: type, remote_ids: list[str]) -> dict[str, int]:
        """Local row ids by remote id, for the rows of this source already in the cache."""
        table = model.__table__  # type: ignore[attr-defined]
        written = self.started_empty.get(table.name)
        if written is not None:  # only what this pull has written can be there (a first sync asks nothing)
            remote_ids = [remote_id for remote_id in remote_ids if remote_id in written]
        rows: dict[str, int] = {}
        for start in range(0, len(remote_ids), 500):
            chunk = remote_ids[start : start + 500]
            query = select(table.c.remote_id, table.c.id).where(
                table.c.source_id == self.source_id, table.c.remote_id.in_(chunk)
            )
            rows.update({remote_id: local_id for remote_id, local_id in session.execute(query)})
        return rows

    @staticmethod
    def _acted_on(session: Session, kind: str, item_ids: list[int]) -> set[int]:
        """Which of these items have actions the server has not settled for good."""
        found: set[int] = set()
        for start in range(0, len(item_ids), 500):
            found |= set(
                session.scalars(
                    select(OutboxEntry.item_id).where(
                        OutboxEntry.item_kind == kind,
                        OutboxEntry.item_id.in_(item_ids[start : start + 500]),
                        OutboxEntry.status.in_(UNSETTLED),
                    )
                )
            )
        return found

    def _parents(self, session: Session, changes: list[_Change]) -> dict[tuple[str, str], int]:
        wanted: dict[str, set[str]] = {}
        for _kind, _id, op, _fields, raw in changes:
            if op == "upsert":
                parent_kind = str(raw.get("item_kind"))
                if parent_kind not in ITEM_MODELS:
                    raise BadServerData("a comment or attachment without a valid item kind")
                wanted.setdefault(parent_kind, set()).add(str(raw.get("item_id")))
        found: dict[tuple[str, str], int] = {}
        for parent_kind, remote_ids in wanted.items():
            for remote_id, local_id in self._existing(session, ITEM_MODELS[parent_kind], list(remote_ids)).items():
                found[(parent_kind, remote_id)] = local_id
        return found


class _IndexesAside:
    """A first download into an almost empty cache writes faster without the lists' indexes
    (local_db.set_aside_indexes): they are set aside before its first write and put back when the
    pull ends, however it ends, or after BULK_SECONDS, so that on a slow link the lists soon read
    indexes again. Anything left aside (by a killed process) is put back first."""

    def __init__(self, sessions: sessionmaker[Session], first_download: bool) -> None:
        self.sessions = sessions
        put_back(sessions)
        self.wanted = first_download and self._few_items()
        self.since: float | None = None

    def _few_items(self) -> bool:
        with self.sessions() as session:
            items = session.scalar(select(func.count(Document.id))) + session.scalar(select(func.count(Dossier.id)))
        return items < BULK_BELOW

    def before_write(self) -> None:
        if self.wanted and self.since is None:
            with self.sessions.begin() as session:
                set_aside(session)
            self.since = time.monotonic()

    def after_write(self) -> None:
        if self.since is not None and time.monotonic() - self.since > BULK_SECONDS:
            self.put_back()

    def put_back(self) -> None:
        if self.since is None:
            return
        self.wanted, self.since = False, None
        put_back(self.sessions)


class _PageSize:
    """How many changes to ask for: halved when a page is lost (a link that drops every few
    seconds still gets small pages through), doubled back after each page that arrives."""

    def __init__(self, largest: int) -> None:
        self.largest = largest
        self.now = largest

    def failed(self) -> None:
        self.now = max(min(SMALLEST_PULL_BATCH, self.largest), self.now // 2)

    def succeeded(self) -> None:
        self.now = min(self.largest, self.now * 2)


@dataclass
class _Written:
    """One kind's rows of a page, as column values ready for executemany."""

    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)  # with "row_id", the local id
    gone: list[int] = field(default_factory=list)

    def execute(self, session: Session, table: Table) -> None:
        connection = session.connection()
        for start in range(0, len(self.gone), 500):
            session.execute(delete(table).where(table.c.id.in_(self.gone[start : start + 500])))
        if self.new and table.name in ITEM_MODELS:
            with indexed_together(session, table.name):
                insert_rows(connection, table, self.new)
        elif self.new:
            insert_rows(connection, table, self.new)
        update_rows(connection, table, self.changed)


def _merge_keys_of(session: Session, document_ids: list[int]) -> set[str]:
    keys: set[str] = set()
    for start in range(0, len(document_ids), 500):
        chunk = document_ids[start : start + 500]
        keys |= {key for key in session.scalars(select(Document.merge_key).where(Document.id.in_(chunk))) if key}
    return keys


_Change = tuple[str, str, str, dict[str, Any], dict[str, Any]]  # kind, remote id, op, fields, raw item


def _parse_change(change: Any) -> _Change | None:
    """Check one change; None for a kind this version does not know (a newer server may send them)."""
    if not isinstance(change, dict) or not isinstance(change.get("id"), str):
        raise BadServerData("a change without an id")
    kind, op = change.get("kind"), change.get("op")
    if kind not in LOCAL_MODELS:
        return None
    if op == "tombstone":
        return kind, change["id"], op, {}, {}
    if op != "upsert":
        raise BadServerData(f"an unknown operation {op!r}")
    raw = change.get("item")
    return kind, change["id"], op, local_fields(kind, raw), raw if isinstance(raw, dict) else {}


def _page_parts(page: Any) -> tuple[list[Any], str, bool]:
    if not isinstance(page, dict):
        raise BadServerData("a page that is not an object")
    changes, cursor, has_more = page.get("changes"), page.get("next_cursor"), page.get("has_more")
    if not isinstance(changes, list) or not isinstance(cursor, str) or not isinstance(has_more, bool):
        raise BadServerData("a page without changes, cursor or has_more")
    return changes, cursor, has_more
