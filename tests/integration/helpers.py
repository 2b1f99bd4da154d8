"""Rows for real-database tests, with only the fields a test cares about to fill in."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, insert

from local_db.models import Document, Dossier, Feedback, Source

NOW = datetime(2026, 11, 25, 2, 30, tzinfo=UTC)


def add_source(connection: Connection, code: str = "unified") -> int:
    result = connection.execute(insert(Source).values(code=code, name=code, kind="unified"))
    return int(result.inserted_primary_key[0])


def document_row(source_id: int, remote_id: str, subject: str, **fields: Any) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "remote_id": remote_id,
        "version": 1,
        "direction": "incoming",
        "number": "12",
        "notation": "UBND-VP",
        "doc_type": "",
        "issuing_agency_code": "000.00.00.H29",
        "issuing_agency_name": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
        "issued_on": date(2026, 11, 20),
        "subject": subject,
        "urgency": "normal",
        "confidentiality": "normal",
        "recipients": [],
        "state": "received",
        "trail": [],
        "sync_state": "synced",
        "updated_at": NOW,
        **fields,
    }


def dossier_row(source_id: int, code: str, applicant: str, procedure: str, **fields: Any) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "remote_id": code,
        "version": 1,
        "code": code,
        "procedure_code": "1.001193",
        "procedure_name": procedure,
        "unit_code": "000.00.30.H29",
        "applicant_name": applicant,
        "channel": "online",
        "received_at": NOW,
        "statutory_amount": 1,
        "statutory_unit": "days",
        "due_at": NOW,
        "state": 1,
        "history": [],
        "sync_state": "synced",
        "updated_at": NOW,
        **fields,
    }


def insert_documents(connection: Connection, rows: list[dict[str, Any]]) -> None:
    connection.execute(insert(Document), rows)


def insert_dossiers(connection: Connection, rows: list[dict[str, Any]]) -> None:
    connection.execute(insert(Dossier), rows)


def feedback_row(source_id: int, code: str, content: str, **fields: Any) -> dict[str, Any]:
    """A 1022 report routed to the ward, its reporter's contact hidden (as the service sends it to most)."""
    return {
        "source_id": source_id,
        "remote_id": code,
        "version": 1,
        "unit_code": "000.00.30.H29",
        "code": code,
        "channel": "hotline",
        "category": "Trật tự đô thị",
        "address": "Đường Lê Lợi, phường Bến Thành",
        "content": content,
        "anonymous": False,
        "reporter_name": None,
        "contact_hidden": True,
        "received_at": NOW,
        "routed_at": NOW,
        "due_at": NOW,
        "answer_days": 10,
        "answer_day_kind": "working",
        "state": "routed",
        "history": [],
        "sync_state": "synced",
        "updated_at": NOW,
        **fields,
    }


def insert_reports(connection: Connection, rows: list[dict[str, Any]]) -> None:
    connection.execute(insert(Feedback), rows)
