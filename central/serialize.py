"""Items as the protocol sends them: plain JSON, dates ISO 8601, datetimes with their offset."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import inspect

from central.models import Agency, Attachment, Comment, Document, Dossier, Feedback, Procedure

ITEM_MODELS: dict[str, type] = {
    "agency": Agency,
    "procedure": Procedure,
    "document": Document,
    "dossier": Dossier,
    "feedback": Feedback,
    "comment": Comment,
    "attachment": Attachment,
}
_HIDDEN: dict[type, set[str]] = {Attachment: {"content"}}  # its bytes travel through /v1/attachments only
CODE_KEYED = (Agency, Procedure)  # shared by every unit and keyed by their code, not a row id


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@cache
def _columns(model: type) -> tuple[str, ...]:
    hidden = _HIDDEN.get(model, set())
    return tuple(column.key for column in inspect(model).column_attrs if column.key not in hidden)


def item_json(item: Any) -> dict[str, Any]:
    data = {key: _plain(getattr(item, key)) for key in _columns(type(item))}
    data["id"] = item_key(item)
    return data


def item_key(item: Any) -> str:
    return item.code if isinstance(item, CODE_KEYED) else str(item.id)


@cache
def _row_layout(model: type) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    """The columns item_json sends, and their keys."""
    hidden = _HIDDEN.get(model, set())
    attrs = [attr for attr in inspect(model).column_attrs if attr.key not in hidden]
    return tuple(attr.columns[0] for attr in attrs), tuple(attr.key for attr in attrs)


def item_columns(model: type) -> tuple[Any, ...]:
    """What to select for items_json: a snapshot reads rows, not ORM objects (~3× faster)."""
    return _row_layout(model)[0]


def items_json(model: type, rows: Any) -> list[dict[str, Any]]:
    """item_json for rows selected with item_columns(model), in the same order. Dates and
    datetimes stay objects: the change feed's encoder (kernel.json_codec) writes them as
    item_json does, in a fraction of the time."""
    keys = _row_layout(model)[1]
    id_key = "code" if model in CODE_KEYED else "id"
    items = []
    for row in rows:
        data = dict(zip(keys, row, strict=True))
        data["id"] = str(data[id_key])
        items.append(data)
    return items
