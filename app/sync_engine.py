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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.accounts import AccountService, NeedsSignIn
from app.attachment_uploads import FileNotSendable, link_sent, send_file, waiting_files
from app.central_client import (
    CentralCaMissing,
    CentralClient,
    CentralNotEncrypted,
    CentralNotReached,
    CentralRejected,
    CentralTransient,
    CentralUnreachable,
    CentralUntrusted,
)
from app.collector_paused import collector_paused
from app.desk_numbers import desk_id, needs_more, store_blocks
from app.domain.invitations import looks_like_meeting_letter
from app.domain.statuses import AccountStatus, MutationOutcome, OutboxStatus, SyncState
from app.item_actions import ITEM_MODELS, reapply_pending
from app.list_indexes_aside import ListIndexesAside
from app.local_cache import LocalCache
from app.meetings import absorb_letters
from app.pages_ahead import Fetched, Page, PagesAhead, Refetch
from app.pull_page_size import PageSize
from app.pulled_changes import Change, page_parts, parse_change
from app.pulled_rows import PulledRows
from app.server_items import CODE_KEYED_KINDS, LOCAL_MODELS, BadServerData, local_fields
from kernel.clock import VN_TZ, Clock
from local_db.database import take_write_lock
from local_db.models import Account, Attachment, Comment, Official, OutboxEntry, Source, SyncCheckpoint

log = logging.getLogger(__name__)

NUMBERS_CHECK_SECONDS = 600  # how often a desk counts the dossier numbers it has left
OFFICIALS_CHECK_SECONDS = 3600  # how often a desk asks for its unit's officials

PULL_BATCH = 500  # the service's largest page; a poor link makes the engine ask for less (see PageSize)
PUSH_BATCH = 50
CREATING = ("register", "draft")  # actions that create their item on the service (a dossier, a draft)
# Pages already fetched are written in one transaction up to this many changes: each commit costs
# ~9 ms (the search index's flush and the WAL), a quarter of the time of a 500-change page.
WRITE_GROUP = 2000
MEETING_LETTERS_DAYS = 90  # letters issued within this many days are read for meetings (app.meetings)


ITEM_AND_CHILD_MODELS = {kind: model for kind, model in LOCAL_MODELS.items() if kind not in CODE_KEYED_KINDS}


class SyncCancelled(Exception):
    pass


@dataclass
class SyncReport:
    account_id: int
    pushed: int = 0
    rejected: int = 0
    uploaded: int = 0  # files taken in here that reached the service
    unsendable: list[str] = field(default_factory=list)  # names of files whose local copy cannot be sent
    pulled: int = 0
    requests: int = 0
    refetched: bool = False
    # offline | untrusted (TLS certificate) | ca_missing (the CA file set in Settings is gone) | not_encrypted
    # (plain http to a host Settings do not allow) | busy | sign_in | bad_server_data | cancelled | retired
    # | signed_out
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
        self.page_size = PageSize(pull_batch)
        self.numbers_refused: dict[int, date] = {}  # account → the day the service granted no more numbers
        self.numbers_checked: dict[int, float] = {}  # account → when its numbers were last counted (monotonic)
        self.officials_fetched: dict[int, float] = {}  # account → when its unit's officials were last asked for

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
            # dossiers are registered in the city's unified system only: old systems grant no numbers
            numbers_for = account.unit_code if source.kind == "unified" else None
        if status in (
            AccountStatus.RETIRED,
            AccountStatus.SIGNED_OUT,
        ):  # its items stay readable; it no longer talks to the server
            report.problem = status
            return report
        client = self._client_for(base_url)
        run = _Run(self, client, account_id, source_id, report, cancel or threading.Event(), progress, numbers_for)
        with self.cache.sync_writer:
            try:
                with collector_paused():
                    if push:
                        run.push()
                    run.pull()
                    run.top_up_numbers()
                    run.refresh_officials()
                if push:  # after the pull: a slow scan never holds the queue back (and the collector runs)
                    run.send_files()
                    if report.uploaded:  # a document that waited for its files goes out now
                        run.push()
            except CentralCaMissing as error:
                report.problem, report.details = "ca_missing", [error.path]
            except CentralNotEncrypted as error:
                report.problem, report.details = "not_encrypted", [error.address]
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


def _files_unsent(session: Session, kind: str, item_id: int) -> bool:
    """Whether files taken in here for the item have not all reached the service yet."""
    unsent = select(Attachment.id).where(
        Attachment.item_kind == kind, Attachment.item_id == item_id,
        Attachment.upload_key.is_not(None), Attachment.remote_id.is_(None),
    )  # fmt: skip
    return session.scalar(unsent) is not None


@dataclass
class _Run:
    engine: SyncEngine
    client: CentralClient
    account_id: int
    source_id: int
    report: SyncReport
    cancel: threading.Event
    progress: Progress | None
    numbers_for: str | None  # the unit whose dossier numbers this desk holds, if any
    token: str | None = None

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
            self.token = self.engine.accounts.renew_access_token(self.account_id, stale=self.token)
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
            batch, marked = self._pending_batch()
            if not batch:
                return
            if self.engine.cache.damage.first is not None:  # its actions wait for the rescue at the next start,
                self._unmark(marked)  # which sends only those that still read as they were written
                return
            try:
                results = self._call(lambda token, batch=batch: self.client.push(token, batch))
            except (CentralNotReached, SyncCancelled):
                self._unmark(marked)  # the request never left: they can still be undone
                raise
            settled = self._settle(results)
            self._tell()
            if settled < len(batch):  # the server asked to retry: keep order, try again later
                return

    def _pending_batch(self) -> tuple[list[dict[str, Any]], list[int]]:
        """The next actions to send, each marked sent before the request leaves: from then on the
        server may apply it, so the user can no longer undo it here (app.action_undo takes the same lock).
        Returns the batch and the entries marked by this call (not those a lost answer left marked)."""
        with self.engine.cache.sessions.begin() as session:
            take_write_lock(session)
            entries = session.scalars(
                select(OutboxEntry)
                .where(OutboxEntry.account_id == self.account_id, OutboxEntry.status == OutboxStatus.PENDING)
                .order_by(OutboxEntry.id)
                .limit(PUSH_BATCH)
            ).all()
            batch: list[dict[str, Any]] = []
            marked: list[int] = []
            registering: set[int] = set()
            for entry in entries:
                mutation = self._mutation(session, entry)
                if entry.action in CREATING:
                    registering.add((entry.item_kind, entry.item_id))
                elif mutation["item_id"] == "0" and (entry.item_kind, entry.item_id) in registering:
                    break  # an action on an item created in this batch waits for the id the server gives it
                elif entry.action in ("sign", "send") and _files_unsent(session, entry.item_kind, entry.item_id):
                    break  # signed with its signed copy, sent with its files: it waits until they are there
                batch.append(mutation)
                if entry.sent_at is None:
                    entry.sent_at = self.engine.clock.now()
                    marked.append(entry.id)
            return batch, marked

    def _unmark(self, entry_ids: list[int]) -> None:
        with self.engine.cache.sessions.begin() as session:
            take_write_lock(session)
            session.execute(update(OutboxEntry).where(OutboxEntry.id.in_(entry_ids)).values(sent_at=None))

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
            take_write_lock(session)
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
            entry.reject_params = _kept_params(result.get("params"))
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
        """A comment, dossier or draft made here gets the server's id, so the pulled copy updates it, not doubles it."""
        if not isinstance(created, dict):
            return
        if entry.action in CREATING:
            item = session.get(ITEM_MODELS[entry.item_kind], entry.item_id)
            if item is not None and item.remote_id is None:
                item.remote_id = str(created.get("id"))[:100]
            return
        if entry.action != "comment":
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

    # -- files taken in here -----------------------------------------------------------------------

    def send_files(self) -> None:
        for waiting in waiting_files(self.engine.cache, self.account_id):
            try:
                remote_id = send_file(self.client, self._call, waiting)
            except (FileNotSendable, CentralRejected) as error:  # told, tried again next time, the rest goes on
                self.report.unsendable.append(waiting.file_name)
                log.warning("a file taken in cannot be sent: %s", error)
                continue
            with self.engine.cache.sessions.begin() as session:
                link_sent(session, waiting.attachment_id, remote_id)
            self.report.uploaded += 1
            self._tell()

    # -- dossier numbers for intake ---------------------------------------------------------------

    def top_up_numbers(self) -> None:
        """Ask for a block of dossier numbers only when few are left (most syncs send no request).
        The desk's blocks are listed first: a grant whose answer was lost is found there."""
        unit = self.numbers_for
        if unit is None:
            return
        today = self.engine.clock.now().astimezone(VN_TZ).date()
        if self.engine.numbers_refused.get(self.account_id) == today:  # asked once today already: no more
            return
        checked = self.engine.numbers_checked.get(self.account_id)
        if checked is not None and time.monotonic() - checked < NUMBERS_CHECK_SECONDS:
            return  # counting costs ~5 ms on a busy unit: not at every sync, a desk never uses 40 numbers that fast
        self.engine.numbers_checked[self.account_id] = time.monotonic()
        with self.engine.cache.sessions.begin() as session:
            if not needs_more(session, self.source_id, unit, today):
                return
            desk = desk_id(session)
        try:
            held = self._call(lambda token: self.client.code_blocks(token, desk))
            with self.engine.cache.sessions.begin() as session:
                store_blocks(session, self.source_id, unit, held)
                if not needs_more(session, self.source_id, unit, today):
                    return
            granted = self._call(lambda token: self.client.grant_code_block(token, desk))
        except CentralRejected as error:  # the desk holds enough, or a service without numbers to grant
            log.info("no block of dossier numbers granted: %s", error.code)
            self.engine.numbers_refused[self.account_id] = today
            return
        except (CentralUnreachable, CentralTransient) as error:  # what was pushed and pulled stands; next time
            log.info("blocks of dossier numbers not topped up: %s", error)
            return
        with self.engine.cache.sessions.begin() as session:
            store_blocks(session, self.source_id, unit, [granted])

    # -- the unit's officials, for assigning work ------------------------------------------------------

    def refresh_officials(self) -> None:
        """The unit's officials, asked for at most hourly (they change rarely); kept for offline use."""
        if self.numbers_for is None:  # the city's unified system only: old systems have no such list
            return
        fetched = self.engine.officials_fetched.get(self.account_id)
        if fetched is not None and time.monotonic() - fetched < OFFICIALS_CHECK_SECONDS:
            return
        try:
            names = self._call(self.client.officials)
        except (CentralRejected, CentralUnreachable, CentralTransient) as error:  # the last list stays
            log.info("the unit's officials were not refreshed: %s", error)
            return
        self.engine.officials_fetched[self.account_id] = time.monotonic()
        with self.engine.cache.sessions.begin() as session:
            session.execute(delete(Official).where(Official.source_id == self.source_id))
            session.add_all(Official(source_id=self.source_id, name=name) for name in names)

    # -- pull ----------------------------------------------------------------------------------------

    def pull(self) -> None:
        """Pages in order, fetched ahead on another thread (the server and the link work while the
        client's disk does); what has arrived is written together, up to WRITE_GROUP changes, in
        one transaction with the last page's cursor."""
        cursor = self._cursor()
        rows = PulledRows(self.source_id, self.engine.clock, self._kinds_without_rows())
        indexes = ListIndexesAside(self.engine.cache.sessions, first_download=cursor is None)
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
                self._apply_page(changes, next_cursor, rows)
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
        changes, next_cursor, has_more = page_parts(page)
        return [parse_change(change) for change in changes], next_cursor, has_more

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

    def _apply_page(self, parsed: list[Change | None], next_cursor: str, rows: PulledRows) -> None:
        """The pages and the last one's cursor in one transaction: all of it lands, or none of it.

        Every change was checked when its page arrived; rows are written kind by kind
        (parents before their comments and attachments) by app.pulled_rows.
        """
        latest: dict[str, dict[str, Change]] = {}  # by kind and id: should a page carry an item twice
        for change in parsed:
            if change is not None:
                latest.setdefault(change[0], {})[change[1]] = change
        with self.engine.cache.sessions.begin() as session:
            if latest:  # the actions taken meanwhile are seen, and replayed over these rows
                take_write_lock(session)
            for kind in ("agency", "procedure", "document", "dossier", "feedback", "comment", "attachment"):
                if kind in latest:
                    rows.write_kind(session, kind, list(latest[kind].values()))
            now = self.engine.clock.now()
            letters = _meeting_letters(latest.get("document", {}).values(), now.astimezone(VN_TZ).date())
            absorb_letters(session, self.source_id, letters, now)
            self._save_cursor(next_cursor, session)


def _meeting_letters(changes: Iterable[Change], today: date) -> list[str]:
    """The remote ids of pulled documents that may invite to, change or cancel a meeting (app.meetings).
    Letters issued long ago are left out: their meetings are over (a first sync of a ward's years of
    documents would read thousands of them, ~0.3 ms each)."""
    oldest = today - timedelta(days=MEETING_LETTERS_DAYS)
    return [
        remote_id
        for _kind, remote_id, op, fields, _raw in changes
        if op == "upsert"
        and (fields.get("issued_on") is None or fields["issued_on"] >= oldest)
        and looks_like_meeting_letter(
            fields.get("doc_type") or "", fields.get("notation"), fields.get("subject") or "", fields.get("content")
        )
    ]


def _kept_params(params: Any) -> dict[str, str]:
    """The values of a refusal's reason, as text and bounded (the service's protocol: a few short labels)."""
    if not isinstance(params, dict):
        return {}
    return {str(key)[:40]: str(value)[:500] for key, value in list(params.items())[:20]}
