"""The one door into the reference service for code that runs it in the same process: the demo and
training sandboxes (``sandbox/``), which share a clock with the desk that "days pass" moves.

Everything goes through the service's own code: the seed, the arrival counter under its row lock,
the change log, and the operator's actions that the command line's ``send-document`` and ``act``
also use. The sandbox sees ids, plain values and dicts, never this package's ORM.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain.working_calendar import VN_TZ
from central.agency_directory import AgencyDirectory, load_shipped_directory
from central.demo_data import shipped_calendar, shipped_procedures
from central.demo_files import DemoFiles
from central.dossier_registration import service_code
from central.feedback_actions import route_report
from central.letter_signers import LETTER_SIGNATURES, LetterSigner
from central.models import Account, Document, Feedback, Unit
from central.operator_actions import ITEM_MODELS, act_as, add_document, add_dossier, deliver_document
from central.passwords import HashCost, hash_password
from central.schemas import FeedbackIn
from central.seed import (
    add_account,
    add_demo_files,
    load_directory,
    load_procedures,
    seed_demo_feedback,
    seed_demo_items,
)
from central.serialize import item_json
from central.server import RunningServer, build_service, start_in_thread
from kernel.clock import Clock

if TYPE_CHECKING:
    from central.demo_pki import DemoPki

# The sandboxes' passwords are random 128-bit tokens held in memory (sandbox.demo, sandbox.training):
# a slow hash protects a guessable password, and these are not; a light one keeps a demo's start quick.
SANDBOX_PASSWORD_COST = HashCost(2**12)


@dataclass(frozen=True)
class DemoSignatures:
    """The demo PKI as a desk sees it: the root to trust and the timestamp authority."""

    trust_anchors: Path
    timestamp_url: str
    pki: DemoPki

    def unreachable(self) -> None:
        """Answer no OCSP, CRL or timestamp request (the network is down) until ``reachable``."""
        self.pki.stop_serving()

    def reachable(self) -> None:
        self.pki.serve_again()

    def stop(self) -> None:
        self.pki.stop()


__all__ = [
    "LETTER_SIGNATURES", "AgencyDirectory", "InProcessCentral", "LetterSigner", "shipped_calendar",
    "shipped_directory", "shipped_procedures", "start_letter_pki",
]  # fmt: skip


def start_letter_pki(folder: Path, signers: Sequence[LetterSigner]) -> DemoSignatures:
    """The test PKI on loopback with a certificate for each signer (keys made once, kept in ``folder``)."""
    from central.demo_pki import DemoPki  # certomancer and pyHanko only here
    from central.demo_signatures import holder_of

    pki = DemoPki(folder, holders=tuple(holder_of(signer) for signer in signers))
    return _as_desk_sees(pki, folder)


def _as_desk_sees(pki: DemoPki, folder: Path) -> DemoSignatures:
    (folder / "root.pem").write_bytes(pki.root_pem())  # the anchor the desk trusts
    return DemoSignatures(folder / "root.pem", pki.timestamp_url, pki)


def shipped_directory() -> AgencyDirectory:
    """The directory of agencies the service ships with (for checking codes in scenario files)."""
    return load_shipped_directory()


class InProcessCentral:
    """One central system (``system``: "unified", "legacy-binhduong", …) in a SQLite file, served on
    loopback while started. Seeding methods each run in one transaction."""

    def __init__(self, system: str, database_file: Path, clock: Clock) -> None:
        self.system = system
        self.clock = clock
        self._service = build_service(system, f"sqlite:///{database_file}", clock, SANDBOX_PASSWORD_COST)
        self._server: RunningServer | None = None
        self._port = 0  # kept across stop/start, so the desk's saved address still works

    # -- seeding ---------------------------------------------------------------------------------

    def has_accounts(self) -> bool:
        with self._service.reads() as session:
            return bool(session.scalar(select(func.count()).select_from(Account)))

    def has_items(self) -> bool:
        with self._service.reads() as session:
            return bool(session.scalar(select(func.count()).select_from(Document)))

    def load_shipped_directory(self) -> AgencyDirectory:
        """The shipped directory of agencies and units, loaded; returned for looking up names."""
        directory = load_shipped_directory()
        with self._service.sessions.begin() as session:
            load_directory(session, directory)
            load_procedures(session, shipped_procedures().values())
        return directory

    def add_account(
        self, login: str, password: str, unit_code: str, display_name: str, parallel_until: date | None = None,
        role: str = "official",
    ) -> None:  # fmt: skip
        with self._service.sessions.begin() as session:
            add_account(session, login, password, unit_code, display_name, self.clock.now(), role,
                        parallel_until=parallel_until)  # fmt: skip

    def set_role(self, login: str, role: str) -> None:
        """An account's role ("official", "leader" …), as ``python -m central create-account --role`` sets it."""
        with self._service.sessions.begin() as session:
            session.execute(update(Account).where(Account.login == login).values(role=role))

    def set_every_password(self, password: str) -> None:
        """The demo's accounts get a fresh password at each start, held in memory only."""
        with self._service.sessions.begin() as session:
            session.execute(update(Account).values(password_hash=hash_password(password, SANDBOX_PASSWORD_COST)))

    def seed_demo_items(self, unit_code: str, count: int, files: int | None = None) -> dict[str, int]:
        """Demo items; the newest ``files`` of them (all by default) with their PDF attachments."""
        with self._service.sessions.begin() as session:
            return seed_demo_items(session, unit_code, count, self.clock.now(), files=count if files is None else files)

    def has_reports(self) -> bool:
        with self._service.reads() as session:
            return bool(session.scalar(select(func.count()).select_from(Feedback)))

    def seed_demo_feedback(self, unit_code: str, count: int) -> int:
        """Demo 1022 reports routed to the unit, in every situation a ward meets, with the citizens' photos."""
        with self._service.sessions.begin() as session:
            return seed_demo_feedback(session, unit_code, count, self.clock.now(), photos=True)

    def start_signatures(self, unit_code: str, folder: Path) -> DemoSignatures:
        """The demo's test PKI on loopback; the first time, the unit's newest letters come signed."""
        from asn1crypto import pem

        from central.demo_signatures import start_demo_signatures  # pyHanko and certomancer only here

        pki = start_demo_signatures(self._service.sessions, unit_code, folder)
        # the demo ward's envelopes are signed with its agency certificate; arrivals judged against the root
        chain = [pem.armor("CERTIFICATE", pki.certificate(label).dump()).decode() for label in ("thu-dau-mot", "gov")]
        self._service.envelopes.signers[unit_code] = (pki.key_file("thu-dau-mot").read_bytes(), chain)
        self._service.envelopes.anchors = (pki.certificate("root"),)
        return _as_desk_sees(pki, folder)

    def sign_letter(self, signatures: DemoSignatures, document_id: int, signer: LetterSigner) -> None:
        """The document's letter signed as ``signer`` says, before any desk has it."""
        from central.demo_signatures import sign_letter

        with self._service.sessions.begin() as session:
            sign_letter(session, signatures.pki, document_id, signer.label, signer.signature)

    def add_document(self, fields: dict[str, Any]) -> int:
        """A document with these columns and its letter as a PDF; one already registered is numbered
        from the server's counter."""
        with self._service.sessions.begin() as session:
            document = add_document(session, fields, self.clock.now())
            _attach_demo_files(session, "document", document)
            return document.id

    def add_dossier(self, fields: dict[str, Any]) -> int:
        """A dossier with these columns and its scanned papers; without a ``code`` it gets the unit's
        next one for its day."""
        with self._service.sessions.begin() as session:
            if not fields.get("code"):
                unit, day = fields["unit_code"], fields["received_at"].astimezone(VN_TZ).date()
                fields = {**fields, "code": str(service_code(session, unit, day))}
            dossier = add_dossier(session, fields)
            _attach_demo_files(session, "dossier", dossier)
            return dossier.id

    def route_feedback(self, report: dict[str, Any], routed_at: datetime | None = None) -> int:
        """A citizens' report the 1022 centre routes (``report``: the body of ``POST /v1/feedback``), due by
        the service's rule from ``routed_at`` (now by default), through the service's own routing; its id."""
        body = FeedbackIn.model_validate(report)
        with self._service.sessions.begin() as session:
            operator = _operator(session, self.clock.now())
            routed = route_report(session, operator, body, self._service.feedback_rule, routed_at or self.clock.now())
            return routed.id

    # -- live ------------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        """Where it listens (the same after a stop and a start)."""
        return f"http://127.0.0.1:{self._port}"

    def start(self) -> str:
        if self._server is None:
            self._server = start_in_thread(self._service, port=self._port)
            self._port = int(self._server.url.rsplit(":", 1)[1])
        return self.url

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._server = None

    def close(self) -> None:
        """Stop serving and let go of the database file (Windows cannot delete an open SQLite file)."""
        self.stop()
        self._service.engine.dispose()

    def deliver_document(self, unit_code: str, subject: str | None = None, urgency: str = "normal") -> int:
        """A plausible incoming document arrives now, as ``python -m central send-document`` makes one."""
        with self._service.sessions.begin() as session:
            document = deliver_document(session, unit_code, self.clock.now(), subject, urgency)
            _attach_demo_files(session, "document", document)
            return document.id

    def act_as(self, login: str, kind: str, item_id: int, action: str, fields: dict[str, Any]) -> dict[str, Any]:
        """Another official acts, as ``python -m central act`` does; returns the server's outcome."""
        return act_as(self._service.sessions, login, kind, item_id, action, fields, self.clock.now())

    def incoming_copy(self, unit_code: str, edxml_document_id: str) -> int | None:
        """The id of ``unit_code``'s copy of a document sent on the axis, once it has arrived."""
        with self._service.reads() as session:
            return session.scalar(
                select(Document.id).where(
                    Document.unit_code == unit_code, Document.direction == "incoming",
                    Document.edxml_document_id == edxml_document_id,
                )
            )  # fmt: skip

    def read_item(self, kind: str, item_id: int) -> dict[str, Any] | None:
        """The item as the service would send it in its change feed, or None."""
        with self._service.reads() as session:
            item = session.get(ITEM_MODELS[kind], item_id)
            return None if item is None else item_json(item)


def _attach_demo_files(session: Session, kind: str, item: Any) -> None:
    """The item's demo PDFs (a letter, a scanned form), logged after the item."""
    unit = session.get_one(Unit, item.unit_code)
    columns = {column.key: getattr(item, column.key) for column in item.__table__.columns}
    add_demo_files(session, unit.code, DemoFiles(load_shipped_directory(), unit.name), [(kind, item.id, columns)])


OPERATOR = ("tongdai1022", "Tổng đài 1022", "000.00.00.H29")  # the City's 1022 centre (Ủy ban nhân dân Thành phố)


def _operator(session: Session, now: datetime) -> Account:
    """The 1022 centre's account that routes reports here, made on first use (its password, random, is
    never used: the sandbox routes in process)."""
    login, name, unit = OPERATOR
    found = session.scalar(select(Account).where(Account.login == login))
    return found or add_account(session, login, secrets.token_urlsafe(16), unit, name, now, "operator")
