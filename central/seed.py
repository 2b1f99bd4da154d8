"""Filling a central system: units and the directory, accounts, and demo items for a unit."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.domain.procedures import Procedure, procedure_fields
from central.agency_directory import AgencyDirectory, AgencyEntry, load_shipped_directory
from central.change_feed import record_bulk_changes
from central.demo_data import DemoGenerator, shipped_calendar
from central.demo_feedback import DemoReports
from central.demo_files import DemoFiles
from central.models import Account, Agency, Attachment, ChangeLog, Document, Dossier, Feedback, Unit
from central.models import Procedure as ProcedureRow
from central.number_registers import catch_up
from central.passwords import cost_of, hash_password


def add_unit(session: Session, code: str, name: str) -> Unit:
    unit = session.get(Unit, code) or Unit(code=code, name=name)
    unit.name = name
    session.add(unit)
    session.flush()  # accounts refer to it by code, with no relationship for the unit of work to follow
    return unit


def load_directory(session: Session, directory: AgencyDirectory) -> int:
    """The directory's agencies (visible to every account) and its current units; returns how many."""
    added = 0
    for entry in directory.agencies:
        step = directory.successions.get(entry.code)
        if session.get(Agency, entry.code) is None:
            session.add(Agency(code=entry.code, name=entry.name, valid_to=entry.valid_to,
                               successor_code=step.successor if step else None,
                               successor_from=step.valid_from if step else None))  # fmt: skip
            added += 1
        if entry.valid_to is None:
            add_unit(session, entry.code, entry.name)
    session.flush()
    codes = [a.code for a in session.scalars(select(Agency).order_by(Agency.code))]
    existing = set(session.scalars(select(ChangeLog.item_id).where(ChangeLog.kind == "agency")))
    record_bulk_changes(session, None, "agency", [code for code in codes if code not in existing])
    return added


def load_procedures(session: Session, procedures: Iterable[Procedure]) -> int:
    """The catalogue's procedures, new or changed ones written (and sent to every desk); returns how many."""
    written = []
    for procedure in procedures:
        fields = procedure_fields(procedure)
        row = session.get(ProcedureRow, procedure.code)
        if row is None:
            session.add(ProcedureRow(**fields))
        elif any(getattr(row, key) != value for key, value in fields.items()):
            for key, value in fields.items():
                setattr(row, key, value)
            row.version += 1
        else:
            continue
        written.append(procedure.code)
    session.flush()
    record_bulk_changes(session, None, "procedure", written)
    return len(written)


def add_account(
    session: Session,
    login: str,
    password: str,
    unit_code: str,
    display_name: str,
    now: datetime,
    role: str = "official",
    parallel_until: date | None = None,
) -> Account:
    password_hash = hash_password(password, cost_of(session))  # at the cost of the service the session is of
    account = Account(login=login, password_hash=password_hash, unit_code=unit_code, role=role,
                      display_name=display_name, parallel_until=parallel_until, created_at=now)  # fmt: skip
    session.add(account)
    session.flush()
    return account


def seed_demo_items(
    session: Session, unit_code: str, count: int, now: datetime, seed: int = 2025, files: int = 0
) -> dict[str, int]:
    """``count`` demo documents and dossiers for ``unit_code`` (codes and numbers stay unique); the
    newest ``files`` of them come with their PDF attachments (not a benchmark's 100,000: that would
    take minutes and gigabytes, and a desk fetches each file on its own)."""
    home = AgencyEntry(code=unit_code, name=_unit_name(session, unit_code), is_ward=True)
    generator = DemoGenerator(now, seed, home=home)
    added: list[tuple[str, int, dict[str, Any]]] = []
    rows: dict[str, list[dict[str, Any]]] = {"document": [], "dossier": []}
    for kind, row in generator.items(count):
        rows[kind].append(row)
    taken = set(session.scalars(select(Dossier.code).where(Dossier.unit_code == unit_code)))
    rows["dossier"] = [r for r in rows["dossier"] if r["code"] not in taken]
    for kind, model in (("document", Document), ("dossier", Dossier)):
        if not rows[kind]:
            continue
        ids = session.scalars(insert(model).returning(model.id, sort_by_parameter_order=True), rows[kind]).all()
        record_bulk_changes(session, unit_code, kind, [str(i) for i in ids])
        added += [(kind, item_id, row) for item_id, row in zip(ids, rows[kind], strict=True)]
    if files:
        newest = sorted(added, key=_item_day, reverse=True)[:files]
        add_demo_files(session, unit_code, DemoFiles(generator.directory, home.name, seed), newest)
    catch_up(session, unit_code)  # the generator numbers on its own: the registers go on from its numbers
    return {kind: len(items) for kind, items in rows.items()}


def seed_demo_feedback(
    session: Session, unit_code: str, count: int, now: datetime, seed: int = 1022, photos: bool = False
) -> int:
    """``count`` demo 1022 reports routed to ``unit_code`` (their own random series: the documents and
    dossiers of a seed stay the same with or without them), in the spread of situations of
    central.demo_feedback; codes already there are skipped. With ``photos``, the citizens' photos too."""
    directory = load_shipped_directory()
    home = AgencyEntry(code=unit_code, name=_unit_name(session, unit_code), is_ward=True)
    reports = DemoReports(now, seed, home, directory.wards(), shipped_calendar())
    first = (session.scalar(select(func.count()).select_from(Feedback)) or 0) + 1
    rows = [reports.report(first + number) for number in range(count)]
    taken = set(session.scalars(select(Feedback.code)))
    rows = [row for row in rows if row["code"] not in taken]
    if not rows:
        return 0
    ids = session.scalars(insert(Feedback).returning(Feedback.id, sort_by_parameter_order=True), rows).all()
    record_bulk_changes(session, unit_code, "feedback", [str(i) for i in ids])
    if photos:
        files = DemoFiles(directory, home.name, seed)
        add_demo_files(
            session, unit_code, files, [("feedback", item_id, row) for item_id, row in zip(ids, rows, strict=True)]
        )
    return len(ids)


def _item_day(item: tuple[str, int, dict[str, Any]]) -> tuple[date, int, str]:
    """When an item reached the unit (the lists show the newest first), then its id and kind: a total order."""
    kind, item_id, row = item
    day = row["received_at"].date() if kind == "dossier" else row["arrival_date"] or row["issued_on"]
    return day, item_id, kind


def add_demo_files(
    session: Session, unit_code: str, files: DemoFiles, items: Iterable[tuple[str, int, dict[str, Any]]]
) -> int:
    """The demo attachments of these items (kind, row id, columns), logged so a sync brings them; how many."""
    rows = [
        {"unit_code": unit_code, "item_kind": kind, "item_id": item_id, "file_name": demo.file_name,
         "content_type": demo.content_type, "size": len(demo.content),
         "sha256": hashlib.sha256(demo.content).hexdigest(), "content": demo.content}
        for kind, item_id, row in items
        for demo in files.for_item(kind, item_id, row)
    ]  # fmt: skip
    if not rows:
        return 0
    ids = session.scalars(insert(Attachment).returning(Attachment.id, sort_by_parameter_order=True), rows).all()
    record_bulk_changes(session, unit_code, "attachment", [str(i) for i in ids])
    return len(ids)


def _unit_name(session: Session, unit_code: str) -> str:
    unit = session.get(Unit, unit_code)
    if unit is None:
        raise ValueError(f"unknown unit {unit_code}")
    return unit.name
