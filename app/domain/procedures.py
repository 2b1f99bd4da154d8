"""Administrative procedures as the unit's catalogue lists them (pure Python).

A procedure gives its statutory time, its fee, the components of a complete dossier and two rules
of the clock: whether a dossier received after the afternoon cut-off counts from the next working
day, and whether the time restarts or resumes once a requested supplement is received. The
catalogue travels as JSON (the central service's table, the cache's copy, the shipped demo file);
:func:`procedure_from_fields` checks such a mapping and refuses anything it cannot use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any, Literal

from app.domain.dossier_deadline import StatutoryTime
from app.domain.errors import DomainError, tr_noop

SupplementClock = Literal["restart", "resume"]
PROCEDURE_CATALOGUE_RESOURCE = "data/ward_procedures.json"


@dataclass(frozen=True)
class DossierComponent:
    """One paper of a complete dossier, with how many originals and copies the citizen brings."""

    name: str
    originals: int = 1
    copies: int = 0


@dataclass(frozen=True)
class Procedure:
    code: str  # the national portal's code, e.g. "1.000894"
    name: str
    field: str  # civil status, residence, certification, land, social protection, …
    statutory: StatutoryTime
    fee: int  # VND; 0 when free
    has_cutoff: bool  # a dossier received after the afternoon cut-off counts from the next working day
    cutoff: time | None  # the procedure's own cut-off; None: the office's (Settings)
    components: tuple[DossierComponent, ...]
    supplement_clock: SupplementClock = "restart"

    def effective_cutoff(self, office_cutoff: time | None) -> time | None:
        """The cut-off that applies to this procedure at an office whose cut-off is ``office_cutoff``."""
        if not self.has_cutoff:
            return None
        return self.cutoff or office_cutoff


def parse_cutoff(text: object) -> time:
    """A Vietnam wall-clock time "HH:MM" between 11:00 and 17:30 (the afternoon of a working day)."""
    try:
        parsed = time.fromisoformat(text) if isinstance(text, str) and len(text) == 5 else None
    except ValueError:
        parsed = None
    if parsed is None or not time(11, 0) <= parsed <= time(17, 30):
        raise DomainError(
            "procedure.bad_cutoff",
            tr_noop("The afternoon cut-off must be a time between 11:00 and 17:30, such as 15:00; got “{value}”."),
            value=str(text)[:20],
        )
    return parsed


def procedure_from_fields(fields: Mapping[str, Any]) -> Procedure:
    """Check one catalogue entry (JSON-shaped) and build its Procedure; DomainError if unusable."""
    code = _text(fields, "code", 40)
    components = fields.get("components")
    if not isinstance(components, list) or not components:
        raise _bad(code, tr_noop("Procedure {code} lists no components of the dossier."))
    cutoff_text = fields.get("cutoff")
    clock = fields.get("supplement_clock") or "restart"
    if clock not in ("restart", "resume"):
        raise _bad(code, tr_noop("Procedure {code}: the supplement clock must be “restart” or “resume”."))
    fee = fields.get("fee", 0)
    if type(fee) is not int or fee < 0:
        raise _bad(code, tr_noop("Procedure {code}: the fee must be a whole number of đồng."))
    has_cutoff = fields.get("has_cutoff", cutoff_text is not None)
    if type(has_cutoff) is not bool:
        raise _bad(code, tr_noop("Procedure {code}: the cut-off rule must be yes or no."))
    # the statutory time and the cut-off raise their own messages
    statutory = StatutoryTime(fields.get("statutory_amount"), fields.get("statutory_unit", "days"))  # type: ignore[arg-type]
    cutoff = None if cutoff_text is None else parse_cutoff(cutoff_text)
    return Procedure(
        code=code,
        name=_text(fields, "name", 300),
        field=_text(fields, "field", 100),
        statutory=statutory,
        fee=fee,
        has_cutoff=has_cutoff,
        cutoff=cutoff,
        components=tuple(_component(code, entry) for entry in components),
        supplement_clock=clock,
    )


def procedure_fields(procedure: Procedure) -> dict[str, Any]:
    """The JSON shape of a procedure (the inverse of procedure_from_fields)."""
    return {
        "code": procedure.code,
        "name": procedure.name,
        "field": procedure.field,
        "statutory_amount": procedure.statutory.amount,
        "statutory_unit": procedure.statutory.unit,
        "fee": procedure.fee,
        "has_cutoff": procedure.has_cutoff,
        "cutoff": procedure.cutoff.strftime("%H:%M") if procedure.cutoff else None,
        "supplement_clock": procedure.supplement_clock,
        "components": [
            {"name": part.name, "originals": part.originals, "copies": part.copies} for part in procedure.components
        ],
    }


def _component(code: str, entry: object) -> DossierComponent:
    if not isinstance(entry, Mapping):
        raise _bad(code, tr_noop("Procedure {code}: a component of the dossier is not readable."))
    originals, copies = entry.get("originals", 1), entry.get("copies", 0)
    numbers = type(originals) is int and type(copies) is int and 0 <= originals <= 20 and 0 <= copies <= 20
    if not numbers or originals + copies == 0:
        raise _bad(
            code,
            tr_noop("Procedure {code}: a component must ask for 0–20 originals and copies, and at least one paper."),
        )
    return DossierComponent(_text(entry, "name", 500), originals, copies)


def _text(fields: Mapping[str, Any], key: str, longest: int) -> str:
    value = fields.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > longest:
        message = tr_noop("Procedure {code}: the {key} is missing or too long.")
        raise _bad(str(fields.get("code", "?"))[:40], message, key=key)
    return value.strip()


def _bad(code: str, message: str, **params: Any) -> DomainError:
    return DomainError("procedure.invalid", message, code=code, **params)
