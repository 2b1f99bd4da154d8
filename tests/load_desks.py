"""Simulated desks for load tests, over HTTP only (aiohttp), and the check of what they saw of the feed.

Each desk signs in once, then syncs as the desk's engine does (app.sync_engine): push a few actions on
its ward's items, pull the change feed page by page until nothing more, and now and then import an
edXML packet addressed to its ward. Every page it pulls is kept as (position before, position after,
the changes' kind and id), read off the cursors: the harness knows their format (central.change_feed);
a desk does not. Afterwards ``feed_problems`` compares the pages with the database's own change log:
a row inside a page's span that the page did not send was skipped, a change outside it or a span that
overlaps another was repeated. Each desk's items, known from the feed alone, must end at the versions
the database holds.

Used by tests/bench/bench_load.py (thousands of desks for a minute or more) and
tests/central/test_load_processes.py (a dozen desks, seconds).
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import uuid
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

import aiohttp

from app.domain.document_types import LETTER
from app.domain.edxml_document_writer import document_id, write_document_packet
from app.domain.edxml_packets import Attachment, DocumentPacket, Organ, Signer
from app.domain.outgoing_draft import Draft, DraftRecipient, draft_payload
from app.domain.workflow import DOSSIER, INCOMING, OUTGOING, DossierState, IncomingState, OutgoingState, Workflow
from app.sync_engine import PULL_BATCH, PUSH_BATCH
from central.change_feed import Cursor, decode_cursor

ItemKey = tuple[str, str]  # (kind, id) as the feed names an item
SENDER = "000.00.00.G22"  # Văn phòng Chính phủ: an agency not hosted by the service, as the axis brings
# What an official types for the fields an action needs; actions needing anything else are not simulated.
FIELD_VALUES = {"reason": "Thiếu giấy tờ theo quy định", "assignee": "Nguyễn Văn An", "result": "Đã giải quyết",
                "text": "Đã xem, chuyển xử lý"}  # fmt: skip
SKIPPED_ACTIONS = frozenset({"edit_draft"})  # its payload is a whole draft
DRAFT_SHARE = 0.05  # of actions: a new document for another ward, drafted at the desk
LOGIN_ATTEMPTS = 5  # a sign-in answered 429 waits as told and tries again, this many times at most
MAX_EXAMPLES = 10  # problems listed by kind; the rest are counted


# ---------------------------------------------------------------- what happened


@dataclass
class Traffic:
    """Per endpoint: each answer's time and status; requests that got no HTTP answer; mutation outcomes."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))
    failures: list[str] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)

    def record(self, endpoint: str, status: int, seconds: float) -> None:
        self.seconds[endpoint].append(seconds)
        self.statuses[endpoint][status] += 1

    def fail(self, endpoint: str, what: str) -> None:
        self.failures.append(f"{endpoint}: {what}"[:300])

    def server_errors(self) -> int:
        return sum(n for counts in self.statuses.values() for status, n in counts.items() if status >= 500)


@dataclass(frozen=True)
class Page:
    """One page of the feed as a desk got it: the log positions (after, upto] and what it sent."""

    after: int
    upto: int
    keys: tuple[ItemKey, ...]


@dataclass
class ItemView:
    version: int
    state: str | int
    direction: str | None


@dataclass
class SimulatedDesk:
    login: str
    unit: str
    number: int  # the desk's index: its edXML packets are numbered apart from every other desk's
    cursor: str
    items: dict[ItemKey, ItemView]
    rng: random.Random
    token: str = ""
    pages: list[Page] = field(default_factory=list)
    packets: int = 0
    mutations: int = 0
    neighbours: tuple[str, ...] = ()  # other wards its drafts go to

    def see(self, change: Mapping[str, Any]) -> None:
        """A change from the feed (and only from it: the check relies on it) updates the desk's items."""
        key = (change["kind"], change["id"])
        if key[0] not in ("document", "dossier"):
            return
        if change["op"] == "tombstone":
            self.items.pop(key, None)
            return
        item = change["item"]
        self.items[key] = ItemView(change["version"], item["state"], item.get("direction"))

    def next_mutation(self) -> dict[str, Any] | None:
        """An action an official could take on one of the ward's items, or a new outgoing document for
        another ward (which that ward's desks then register and handle, answering back), as the desk
        would send it."""
        if self.neighbours and self.rng.random() < DRAFT_SHARE:
            return self._mutation("document", "0", 0, "draft", self._draft())
        if not self.items:
            return None
        key = self.rng.choice(list(self.items))
        view = self.items[key]
        workflow, state = _workflow(key[0], view)
        actions = [a for a in workflow.allowed_actions(state)
                   if a.name not in SKIPPED_ACTIONS and set(a.required) <= FIELD_VALUES.keys()]  # fmt: skip
        action = self.rng.choice(actions)
        return self._mutation(*key, view.version, action.name, {name: FIELD_VALUES[name] for name in action.required})

    def _mutation(self, kind: str, item_id: str, version: int, action: str, payload: dict[str, Any]) -> dict:
        self.mutations += 1
        return {"mutation_id": self._uuid(), "seq": self.mutations, "kind": kind, "item_id": item_id,
                "base_version": version, "action": action, "payload": payload}  # fmt: skip

    def _draft(self) -> dict[str, Any]:
        to = self.rng.choice(self.neighbours)
        draft = Draft(doc_type=LETTER.code, subject=f"V/v phối hợp xử lý hồ sơ, lần {self.mutations}", content="",
                      signer_name="Trần Văn Bình", signer_position="Chủ tịch",
                      recipients=(DraftRecipient(to, f"Ủy ban nhân dân {to}"),))  # fmt: skip
        return {**draft_payload(draft), "draft_key": self._uuid()}

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def _workflow(kind: str, view: ItemView) -> tuple[Workflow, Enum]:
    if kind == "dossier":
        return DOSSIER, DossierState(int(view.state))
    if view.direction == "outgoing":
        return OUTGOING, OutgoingState(view.state)
    return INCOMING, IncomingState(view.state)


def position(cursor: str) -> int:
    """The change log position a following cursor stands at (never a snapshot's: desks start synced)."""
    decoded = decode_cursor(cursor)
    assert decoded.snapshot_kind is None, "a simulated desk follows the log; it never takes a snapshot"
    return decoded.seq


def cursor_at(epoch: int, seq: int) -> str:
    """The cursor of a desk that has synced up to ``seq``."""
    return Cursor(epoch, seq).encode()


# ---------------------------------------------------------------- edXML packets


def edxml_packet(unit: str, number: int, today: date) -> bytes:
    """A small decision (one PDF) from an agency outside the service, for ``unit``: new each ``number``."""
    packet = DocumentPacket(
        sender=Organ(SENDER, "Văn phòng Chính phủ"), recipients=(Organ(unit, f"Đơn vị {unit}"),),
        document_id=document_id(SENDER, today, f"{number}/QĐ-VPCP"), code_number=str(number),
        code_notation="QĐ-VPCP", place="Hà Nội", promulgation_date=today, type_code="3", type_name="Quyết định",
        subject=f"Quyết định số {number} về việc triển khai", content="",
        signer=Signer("KT. BỘ TRƯỞNG", "Thứ trưởng", "Lê Văn Đức"), due_date=None, priority=0, steering_type="",
        to_places=(), responds_to=(), trace=(), business_doc_type=0, business_document_id="",
        attachments=(Attachment("qd.pdf", "application/pdf", "", "cid:1", b"%PDF-1.4 load test\n%%EOF\n"),),
        has_signature=False, problems=(),
    )  # fmt: skip
    return write_document_packet(packet)


# ---------------------------------------------------------------- talking to the service


class DeskClient:
    """One HTTP client for all desks (as many connections as ``http`` allows); times every answer."""

    def __init__(self, url: str, http: aiohttp.ClientSession, traffic: Traffic) -> None:
        self.url = url
        self.http = http
        self.traffic = traffic

    async def call(
        self, endpoint: str, method: str, path: str, token: str = "", **kwargs: Any
    ) -> tuple[int, Any, Mapping[str, str]]:
        """Status (0: no HTTP answer), JSON body and headers."""
        headers = dict(kwargs.pop("headers", {})) | ({"Authorization": f"Bearer {token}"} if token else {})
        started = time.perf_counter()
        try:
            async with self.http.request(method, self.url + path, headers=headers, **kwargs) as response:
                body = await response.read()
                status, answer_headers = response.status, response.headers
        except (TimeoutError, aiohttp.ClientError) as error:
            self.traffic.fail(endpoint, f"{type(error).__name__}: {error}")
            return 0, None, {}
        self.traffic.record(endpoint, status, time.perf_counter() - started)
        try:
            return status, json.loads(body) if body else None, answer_headers
        except ValueError:
            self.traffic.fail(endpoint, f"{status}, not JSON: {body[:100]!r}")
            return status, None, answer_headers

    def unexpected(self, endpoint: str, status: int, body: Any) -> None:
        if status:  # no answer at all was counted already
            self.traffic.fail(endpoint, f"{status}: {json.dumps(body, ensure_ascii=False)[:200]}")


async def sign_in(client: DeskClient, desk: SimulatedDesk, password: str) -> bool:
    """Once per desk; a 429 (a login throttle) is waited out as its Retry-After says."""
    for _ in range(LOGIN_ATTEMPTS):
        body_in = {"login": desk.login, "password": password}
        status, body, headers = await client.call("login", "POST", "/v1/auth/token", json=body_in)
        if status == 200:
            desk.token = body["access_token"]
            return True
        if status != 429:
            client.unexpected("login", status, body)
            return False
        await asyncio.sleep(float(headers.get("Retry-After", "1")))
    client.unexpected("login", 429, "still throttled")
    return False


async def pull(client: DeskClient, desk: SimulatedDesk) -> bool:
    """Every page from the desk's cursor on, as the sync engine asks for them."""
    while True:
        params = {"cursor": desk.cursor, "limit": PULL_BATCH}
        status, page, _ = await client.call("changes", "GET", "/v1/changes", desk.token, params=params)
        if status != 200:
            client.unexpected("changes", status, page)
            return False
        changes = page["changes"]
        desk.pages.append(Page(position(desk.cursor), position(page["next_cursor"]),
                               tuple((c["kind"], c["id"]) for c in changes)))  # fmt: skip
        for change in changes:
            desk.see(change)
        desk.cursor = page["next_cursor"]
        if not page["has_more"]:
            return True


async def push(client: DeskClient, desk: SimulatedDesk, count: int) -> None:
    mutations = [m for m in (desk.next_mutation() for _ in range(min(count, PUSH_BATCH))) if m is not None]
    if not mutations:
        return
    status, body, _ = await client.call("mutations", "POST", "/v1/mutations", desk.token, json={"mutations": mutations})
    if status != 200:
        client.unexpected("mutations", status, body)
        return
    client.traffic.outcomes.update(result["status"] for result in body["results"])


async def ingest(client: DeskClient, desk: SimulatedDesk, today: date) -> None:
    desk.packets += 1
    data = edxml_packet(desk.unit, desk.number * 10_000 + desk.packets, today)
    headers = {"Content-Type": "application/xml"}
    status, body, _ = await client.call("edxml", "POST", "/v1/edxml", desk.token, data=data, headers=headers)
    if status != 200:
        client.unexpected("edxml", status, body)


# ---------------------------------------------------------------- a desk's working day, compressed


@dataclass(frozen=True)
class Workload:
    """What each desk does per sync: push actions (share of syncs, up to ``actions`` at once), import
    an edXML packet (share of syncs), then pull. ``think``: mean seconds between syncs (0: none).
    A desk stops after ``syncs`` syncs or ``seconds`` after the start, whichever comes first."""

    act_share: float
    actions: int
    edxml_share: float
    think: float
    syncs: int | None = None
    seconds: float | None = None


async def desk_day(client: DeskClient, desk: SimulatedDesk, work: Workload, today: date, started: float) -> None:
    """``started``: time.monotonic() when the load began."""
    stop_at = started + work.seconds if work.seconds is not None else float("inf")

    async def pause(seconds: float) -> None:  # never past the end
        await asyncio.sleep(max(0.0, min(seconds, stop_at - time.monotonic())))

    if work.think:
        await pause(desk.rng.uniform(0, work.think))  # desks come online spread over a sync interval
    done = 0
    while (work.syncs is None or done < work.syncs) and time.monotonic() < stop_at:
        if desk.rng.random() < work.act_share:
            await push(client, desk, desk.rng.randint(1, work.actions))
        if desk.rng.random() < work.edxml_share:
            await ingest(client, desk, today)
        await pull(client, desk)
        done += 1
        if work.think:
            await pause(desk.rng.expovariate(1 / work.think))


async def gather_bounded(coroutines: Iterable[Any], at_once: int) -> None:
    """Run the coroutines, at most ``at_once`` at a time (sign-ins: each costs the service a scrypt)."""
    gate = asyncio.Semaphore(at_once)

    async def gated(coroutine: Any) -> None:
        async with gate:
            await coroutine

    await asyncio.gather(*(gated(c) for c in coroutines))


# ---------------------------------------------------------------- checking the feed


@dataclass(frozen=True)
class LogRow:
    seq: int
    unit_code: str | None
    kind: str
    item_id: str


@dataclass
class FeedCheck:
    """Problems by kind (a few examples each) and how many pages and rows were checked."""

    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    counts: Counter[str] = field(default_factory=Counter)
    pages: int = 0
    rows: int = 0

    def problem(self, kind: str, text: str) -> None:
        self.counts[kind] += 1
        if len(self.examples[kind]) < MAX_EXAMPLES:
            self.examples[kind].append(text)

    def ok(self) -> bool:
        return not self.counts

    def summary(self) -> str:
        if self.ok():
            return f"no skipped, repeated or stale rows ({self.pages} pages, {self.rows} rows checked)"
        lines = [f"{kind}: {n}, e.g. {'; '.join(self.examples[kind][:3])}" for kind, n in self.counts.items()]
        return "\n".join(lines)


class ChangeLogIndex:
    """The database's change log as each unit sees it (its own rows and the shared ones), by position."""

    def __init__(self, rows: Iterable[LogRow]) -> None:
        shared: list[LogRow] = []
        own: dict[str, list[LogRow]] = defaultdict(list)
        for row in rows:
            (shared if row.unit_code is None else own[row.unit_code]).append(row)
        self._shared = shared
        self._own = own
        self._visible: dict[str, tuple[list[int], list[ItemKey]]] = {}

    def visible(self, unit: str) -> tuple[list[int], list[ItemKey]]:
        if unit not in self._visible:
            rows = sorted(self._shared + self._own.get(unit, []), key=lambda row: row.seq)
            self._visible[unit] = ([row.seq for row in rows], [(row.kind, row.item_id) for row in rows])
        return self._visible[unit]


def check_pages(check: FeedCheck, name: str, unit: str, pages: list[Page], log: ChangeLogIndex) -> None:
    """Pages must tile the desk's span of the log, each sending exactly the items of its rows."""
    seqs, keys = log.visible(unit)
    for previous, page in zip([None, *pages], pages, strict=False):
        check.pages += 1
        if previous is not None and page.after != previous.upto:
            check.problem("repeated", f"{name}: a page from {page.after} after one up to {previous.upto}")
        if page.upto < page.after:
            check.problem("repeated", f"{name}: a page went back from {page.after} to {page.upto}")
        start, end = bisect_right(seqs, page.after), bisect_right(seqs, page.upto)
        check.rows += max(0, end - start)
        expected, sent = set(keys[start:end]), set(page.keys)
        if len(sent) != len(page.keys):
            check.problem("repeated", f"{name}: one item twice in the page ({page.after}, {page.upto}]")
        for kind, item_id in sorted(expected - sent):
            check.problem("skipped", f"{name}: {kind} {item_id} changed in ({page.after}, {page.upto}], not sent")
        for kind, item_id in sorted(sent - expected):
            check.problem("repeated", f"{name}: {kind} {item_id} sent in ({page.after}, {page.upto}], no row there")
    if pages and bisect_right(seqs, pages[-1].upto) != len(seqs):
        check.problem("skipped", f"{name}: rows after its last position {pages[-1].upto} never reached it")


def check_items(check: FeedCheck, name: str, seen: Mapping[ItemKey, ItemView], held: Mapping[ItemKey, int]) -> None:
    """What the feed told the desk must be what the database holds, item for item."""
    for key in sorted(seen.keys() | held.keys()):
        have, want = seen.get(key), held.get(key)
        if have is None or want is None or have.version != want:
            got = "nothing" if have is None else f"version {have.version}"
            check.problem("stale", f"{name}: {key[0]} {key[1]} is at {got}, the database has {want}")


def feed_problems(
    desks: Iterable[SimulatedDesk], log: ChangeLogIndex, held: Mapping[str, Mapping[ItemKey, int]]
) -> FeedCheck:
    """Every desk's pages against the log; its items against ``held`` (unit → item → version)."""
    check = FeedCheck()
    for desk in desks:
        check_pages(check, desk.login, desk.unit, desk.pages, log)
        check_items(check, desk.login, desk.items, held.get(desk.unit, {}))
    return check
