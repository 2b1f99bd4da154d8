"""Items as the protocol sends them: plain JSON, dates ISO 8601, datetimes with their offset."""

from __future__ import annotations

from datetime import date, datetime
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


def item_json(item: Any) -> dict[str, Any]:
    columns = [column.key for column in inspect(type(item)).column_attrs if column.key not in _HIDDEN]
    data = {key: _plain(getattr(item, key)) for key in columns}
    data["id"] = item_key(item)
    return data


def item_key(item: Any) -> str:
    return item.code if isinstance(item, Agency) else str(item.id)
