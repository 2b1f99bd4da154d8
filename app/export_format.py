"""How values look in the files made for people outside the app (Excel lists, printed forms): dates as
dd/MM/yyyy in Vietnam time, coded values as their labels in the user's language, which systems a
document came through; and how a file is written so a crash never leaves half of it.

No Qt here: labels are English sources marked with ``tr_noop``; callers pass ``translate`` (the UI
passes ``ui.translation.domain_text``) to get them in the user's language.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from app.domain.item_lists import DocumentRow
from app.domain.labels import SOURCE_KIND_LABELS
from app.domain.workflow import DossierState, FeedbackState, IncomingState, OutgoingState
from app.domain.working_calendar import as_vn_time

Translate = Callable[[str], str]
Period = tuple[date, date]  # first and last day, both included (Vietnam dates)

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"


def same_text(text: str) -> str:
    """The default ``translate``: the English source as it is."""
    return text


def format_date(value: date | None) -> str:
    return "" if value is None else value.strftime(DATE_FORMAT)


def format_datetime(value: datetime | None) -> str:
    return "" if value is None else as_vn_time(value).strftime(DATETIME_FORMAT)


def replace_atomically(path: str | os.PathLike[str], write: Callable[[Path], None]) -> None:
    """Let ``write`` fill a temporary file next to ``path``, then swap it in.

    A crash or a full disk leaves the old file (or none), never half an export. The temporary
    file is created private (0600) and stays so: exports hold citizens' personal data.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def label(labels: Mapping[Any, str], key: Any, translate: Translate) -> str:
    """A coded value's label; an unknown code from a newer server is shown as it is."""
    return translate(labels[key]) if key in labels else str(key)


def document_state(row: DocumentRow) -> Enum | str:
    states: type[Enum] = IncomingState if row.direction == "incoming" else OutgoingState
    try:
        return states(row.state)
    except ValueError:
        return row.state


def dossier_state(value: int) -> Enum | int:
    try:
        return DossierState(value)
    except ValueError:
        return value


def feedback_state(value: str) -> Enum | str:
    try:
        return FeedbackState(value)
    except ValueError:
        return value


def systems_of(row: DocumentRow, translate: Translate) -> str:
    kinds = (row.source_kind, *row.copy_source_kinds)
    return " + ".join(label(SOURCE_KIND_LABELS, kind, translate) for kind in kinds)
