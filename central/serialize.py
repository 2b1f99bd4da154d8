"""Items as the protocol sends them: plain JSON, dates ISO 8601, datetimes with their offset."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import inspect

from central.models import Agency, Attachment, Comment, Document, Dossier

ITEM_MODELS: dict[str, type] = {
    "agency": Agency,
    "document": Document,
    "dossier": Dossier,
    "comment": Comment,
    "attachment": Attachment,
}
_HIDDEN = {"content"}  # attachment bytes travel through /v1/attachments only


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@cache
def _columns(model: type) -> tuple[str, ...]:
    return tuple(column.key for column in inspect(model).column_attrs if column.key not in _HIDDEN)


def item_json(item: Any) -> dict[str, Any]:
    data = {key: _plain(getattr(item, key)) for key in _columns(type(item))}
    data["id"] = item_key(item)
    return data


def item_key(item: Any) -> str:
    return item.code if isinstance(item, Agency) else str(item.id)
