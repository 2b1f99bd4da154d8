"""One row per real document in the unified queue, whichever systems it arrived through.

Copies are the same document when their issuing agency (old codes mapped to their successors),
number/notation and issue date agree. The copy from the city's unified system is the one shown
and acted on; a copy only the old system has stays its own row until the new one arrives.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.domain.agency_code import Succession, parse_agency_code, resolve_successor
from app.domain.errors import DomainError
from app.domain.vietnamese_text import fold
from local_db.models import Agency, Document, Source


def successions(session: Session) -> dict[str, Succession]:
    rows = session.execute(
        select(Agency.code, Agency.successor_code, Agency.successor_from).where(Agency.successor_code.is_not(None))
    )
    return {code: Succession(code, successor, since) for code, successor, since in rows if since is not None}


def merge_key(document: Mapping[str, Any], steps: dict[str, Succession], today: date) -> str | None:
    """The key copies of one document share; ``document`` holds a document's columns by name."""
    number, notation = document.get("number"), document.get("notation")
    issued_on, issuer_code = document.get("issued_on"), document.get("issuing_agency_code")
    if not (number and notation and issued_on and issuer_code):
        return None
    code = _issuer_code(issuer_code)
    if code is None:
        return None
    issuer = resolve_successor(code, steps, today)
    folded = fold(f"{number}/{notation}").replace(" ", "")
    return f"{issuer}|{folded}|{issued_on.isoformat()}"


@lru_cache(maxsize=4096)
def _issuer_code(raw: str) -> str | None:
    """The canonical code, None if it is not one; cached: a pull meets the same few hundred issuers
    across 100,000 documents."""
    try:
        return parse_agency_code(raw).code
    except DomainError:
        return None


def relink(session: Session, keys: set[str], former_keys: set[str]) -> None:
    """Decide who is shown, after documents took the merge ``keys`` and left ``former_keys``.

    Most keys have one copy, whose ``duplicate_of`` the writer has cleared already: only keys held
    by several copies now, and the keys copies just left (someone may still point at them), are
    looked at.
    """
    shared: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = sorted(keys)[start : start + 500]
        shared |= set(
            session.scalars(
                select(Document.merge_key)
                .where(Document.merge_key.in_(chunk))
                .group_by(Document.merge_key)
                .having(func.count() > 1)
            )
        )
    if shared | former_keys:
        _link_copies(session, shared | former_keys)


def _link_copies(session: Session, keys: set[str]) -> None:
    """For each key, the new system's copy (else the oldest) is shown; the others point at it."""
    new_system_first = case((Source.kind == "unified", 0), else_=1)
    shown: dict[str, int] = {}
    for start in range(0, len(keys), 500):
        chunk = sorted(keys)[start : start + 500]
        copies = session.scalars(
            select(Document)
            .join(Source, Source.id == Document.source_id)
            .where(Document.merge_key.in_(chunk))
            .order_by(Document.merge_key, new_system_first, Document.id)
        ).all()
        for copy in copies:
            first = shown.setdefault(copy.merge_key or "", copy.id)
            copy.duplicate_of = None if first == copy.id else first
