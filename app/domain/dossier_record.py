"""A dossier with everything the one-stop register (form 07, sổ theo dõi hồ sơ) writes about it:
the applicant's address and phone, and when it went to processing and when its result went back,
which only its history says. Plain values, shared by the cache's query and the register."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain.workflow import DossierState


@dataclass(frozen=True)
class DossierRecord:
    id: int
    code: str
    procedure_code: str
    procedure_name: str
    applicant_name: str
    applicant_address: str
    applicant_phone: str
    channel: str
    received_at: datetime
    due_at: datetime
    finished_at: datetime | None  # the result recorded, the refusal or the stop
    state: int
    started_at: datetime | None = None  # moved to processing (chuyển xử lý)
    returned_at: datetime | None = None  # the result handed back to the applicant


def first_event(history: Iterable[Mapping[str, Any]], action: str, state: DossierState) -> datetime | None:
    """When the history first shows ``action`` (or, from older servers that write only the new state,
    ``state``); None when it does not, or its time cannot be read."""
    for entry in history:
        if entry.get("action") == action or (entry.get("action") is None and entry.get("state") == int(state)):
            return _moment(entry.get("at"))
    return None


def _moment(text: Any) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None  # a naive time is no time in Vietnam or anywhere


def record_of(fields: Mapping[str, Any], history: Iterable[Mapping[str, Any]]) -> DossierRecord:
    """A record from a dossier's stored columns (``fields``: the dataclass's names but the two times)."""
    entries = list(history)
    return DossierRecord(
        **fields,
        started_at=first_event(entries, "start_processing", DossierState.IN_PROGRESS),
        returned_at=first_event(entries, "return_result", DossierState.RETURNED),
    )
