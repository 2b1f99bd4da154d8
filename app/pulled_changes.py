"""Checking a page of changes as the central service sends it, before anything is written.

Apart from the engine because it runs on the fetching thread (app.pages_ahead), not the writer's:
a page that is not what the protocol says raises BadServerData, and each change becomes a checked
:data:`Change` that the writer (app.pulled_rows) turns into rows.
"""

from __future__ import annotations

from typing import Any

from app.server_items import LOCAL_MODELS, BadServerData, local_fields

Change = tuple[str, str, str, dict[str, Any], dict[str, Any]]  # kind, remote id, op, fields, raw item


def parse_change(change: Any) -> Change | None:
    """Check one change; None for a kind this version does not know (a newer server may send them)."""
    if not isinstance(change, dict) or not isinstance(change.get("id"), str):
        raise BadServerData("a change without an id")
    kind, op = change.get("kind"), change.get("op")
    if kind not in LOCAL_MODELS:
        return None
    if op == "tombstone":
        return kind, change["id"], op, {}, {}
    if op != "upsert":
        raise BadServerData(f"an unknown operation {op!r}")
    raw = change.get("item")
    return kind, change["id"], op, local_fields(kind, raw), raw if isinstance(raw, dict) else {}


def page_parts(page: Any) -> tuple[list[Any], str, bool]:
    if not isinstance(page, dict):
        raise BadServerData("a page that is not an object")
    changes, cursor, has_more = page.get("changes"), page.get("next_cursor"), page.get("has_more")
    if not isinstance(changes, list) or not isinstance(cursor, str) or not isinstance(has_more, bool):
        raise BadServerData("a page without changes, cursor or has_more")
    return changes, cursor, has_more
