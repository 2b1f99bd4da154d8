"""How a pull's checked changes become rows of the local cache, kind by kind.

Apart from the engine because it is the mapping from changes to rows (new, changed, gone; comments
and attachments to their parents; pending actions replayed; documents linked across systems), while
the engine decides what is written when and in which transaction: every method here writes inside
the session the engine gives it. Rows go through local_db.bulk_write, not the ORM: a first sync
writes 100,000 items, and ORM unit-of-work flushes cost ~5× more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, delete, select, update
from sqlalchemy.orm import Session

from app.domain.statuses import UNSETTLED, SyncState
from app.item_actions import ITEM_MODELS, reapply_pending
from app.pulled_changes import Change
from app.server_items import CODE_KEYED_KINDS, LOCAL_MODELS, BadServerData
from app.unified_queue import merge_key, relink, successions
from kernel.clock import Clock
from local_db.bulk_write import insert_rows, update_rows
from local_db.models import Document, Dossier, OutboxEntry
from local_db.search import SEARCHED_KINDS, indexed_together

# Items this desk creates, and the field their pulled copies carry that names the local row.
MADE_HERE: dict[str, tuple[type[Document] | type[Dossier], str]] = {
    "dossier": (Dossier, "code"),
    "document": (Document, "draft_key"),
}


@dataclass
class PulledRows:
    """Writes one pull's changes into its source's rows; knowing which kinds started empty, a first
    sync asks the cache nothing about rows that cannot be there yet."""

    source_id: int
    clock: Clock
    # Kinds of which the cache held no row from this source when the pull began, with the remote
    # ids written of them since: only those can be in the cache already.
    started_empty: dict[str, set[str]]

    def write_kind(self, session: Session, kind: str, changes: list[Change]) -> None:
        """Write one kind's changes of a page (the latest of each item) into its table."""
        if kind in CODE_KEYED_KINDS:
            model = LOCAL_MODELS[kind]
            for _kind, _id, op, fields, _raw in changes:
                if op == "upsert":  # the directory keeps closed agencies: old documents still name them
                    session.merge(model(**fields))
            session.flush()  # documents on this page resolve their issuers' successors from here
            return
        model = LOCAL_MODELS[kind]
        existing = self._existing(session, model, [remote_id for _k, remote_id, *_ in changes])
        if kind in MADE_HERE:
            existing.update(self._registered_here(session, kind, changes, existing))
        parents = self._parents(session, changes) if kind in ("comment", "attachment") else {}
        written = _Written()
        for _kind, remote_id, op, fields, raw in changes:
            local_id = existing.get(remote_id)
            if op == "tombstone":
                if local_id is not None:
                    written.gone.append(local_id)
                continue
            if kind in ("comment", "attachment"):
                parent = parents.get((str(raw.get("item_kind")), str(raw.get("item_id"))))
                if parent is None:
                    continue  # its document or dossier is not in this queue
                fields["item_id"] = parent
            if local_id is None:  # the checked fields become the row (a first sync makes 100,000: no copies)
                fields["source_id"], fields["remote_id"] = self.source_id, remote_id
                written.new.append(fields)
            else:
                fields["row_id"] = local_id
                written.changed.append(fields)
        if kind in self.started_empty:
            self.started_empty[kind].update(values["remote_id"] for values in written.new)
        if kind in ITEM_MODELS:
            self._write_items(session, kind, written)
        else:
            written.execute(session, model.__table__)

    def _write_items(self, session: Session, kind: str, written: _Written) -> None:
        """Documents and dossiers: pending actions replayed over the server's copies; copies of one
        document from the old and new systems linked."""
        model = ITEM_MODELS[kind]
        acted_on = self._acted_on(session, kind, [values["row_id"] for values in written.changed])
        for values in written.changed:
            if values["row_id"] not in acted_on:
                values["sync_state"] = SyncState.SYNCED
        former_keys: set[str] = set()
        if kind == "document":
            former_keys = _merge_keys_of(session, [values["row_id"] for values in written.changed] + written.gone)
            steps, today = successions(session), self.clock.now().date()
            for values in written.new + written.changed:
                values["merge_key"], values["duplicate_of"] = merge_key(values, steps, today), None
        written.execute(session, model.__table__)
        for item_id in sorted(acted_on):
            reapply_pending(session, kind, session.get_one(model, item_id))
        if kind == "document":
            keys = {values["merge_key"] for values in written.new + written.changed if values["merge_key"]}
            relink(session, keys, former_keys)

    def _existing(self, session: Session, model: type, remote_ids: list[str]) -> dict[str, int]:
        """Local row ids by remote id, for the rows of this source already in the cache."""
        table = model.__table__  # type: ignore[attr-defined]
        written = self.started_empty.get(table.name)
        if written is not None:  # only what this pull has written can be there (a first sync asks nothing)
            remote_ids = [remote_id for remote_id in remote_ids if remote_id in written]
        rows: dict[str, int] = {}
        for start in range(0, len(remote_ids), 500):
            chunk = remote_ids[start : start + 500]
            query = select(table.c.remote_id, table.c.id).where(
                table.c.source_id == self.source_id, table.c.remote_id.in_(chunk)
            )
            rows.update({remote_id: local_id for remote_id, local_id in session.execute(query)})
        return rows

    def _registered_here(
        self, session: Session, kind: str, changes: list[Change], existing: dict[str, int]
    ) -> dict[str, int]:
        """Dossiers registered and drafts written at this desk whose push answer was lost: their pulled
        copies carry the code (the draft key) this desk gave them, and take over the local row instead
        of doubling it."""
        if kind in self.started_empty:  # a first download: nothing can have been made here
            return {}
        model, key = MADE_HERE[kind]
        column = getattr(model, key)
        unlinked = dict(
            session.execute(
                select(column, model.id).where(
                    model.source_id == self.source_id, model.remote_id.is_(None), column.is_not(None)
                )
            ).all()
        )
        if not unlinked:
            return {}
        found = {}
        for _kind, remote_id, op, fields, _raw in changes:
            local_id = unlinked.get(fields.get(key)) if op == "upsert" and remote_id not in existing else None
            if local_id is not None:
                session.execute(update(model).where(model.id == local_id).values(remote_id=remote_id))
                found[remote_id] = local_id
        return found

    @staticmethod
    def _acted_on(session: Session, kind: str, item_ids: list[int]) -> set[int]:
        """Which of these items have actions the server has not settled for good."""
        found: set[int] = set()
        for start in range(0, len(item_ids), 500):
            found |= set(
                session.scalars(
                    select(OutboxEntry.item_id).where(
                        OutboxEntry.item_kind == kind,
                        OutboxEntry.item_id.in_(item_ids[start : start + 500]),
                        OutboxEntry.status.in_(UNSETTLED),
                    )
                )
            )
        return found

    def _parents(self, session: Session, changes: list[Change]) -> dict[tuple[str, str], int]:
        wanted: dict[str, set[str]] = {}
        for _kind, _id, op, _fields, raw in changes:
            if op == "upsert":
                parent_kind = str(raw.get("item_kind"))
                if parent_kind not in ITEM_MODELS:
                    raise BadServerData("a comment or attachment without a valid item kind")
                wanted.setdefault(parent_kind, set()).add(str(raw.get("item_id")))
        found: dict[tuple[str, str], int] = {}
        for parent_kind, remote_ids in wanted.items():
            for remote_id, local_id in self._existing(session, ITEM_MODELS[parent_kind], list(remote_ids)).items():
                found[(parent_kind, remote_id)] = local_id
        return found


@dataclass
class _Written:
    """One kind's rows of a page, as column values ready for executemany."""

    new: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)  # with "row_id", the local id
    gone: list[int] = field(default_factory=list)

    def execute(self, session: Session, table: Table) -> None:
        connection = session.connection()
        for start in range(0, len(self.gone), 500):
            session.execute(delete(table).where(table.c.id.in_(self.gone[start : start + 500])))
        if self.new and table.name in SEARCHED_KINDS:
            with indexed_together(session, table.name):
                insert_rows(connection, table, self.new)
        elif self.new:
            insert_rows(connection, table, self.new)
        update_rows(connection, table, self.changed)


def _merge_keys_of(session: Session, document_ids: list[int]) -> set[str]:
    keys: set[str] = set()
    for start in range(0, len(document_ids), 500):
        chunk = document_ids[start : start + 500]
        keys |= {key for key in session.scalars(select(Document.merge_key).where(Document.id.in_(chunk))) if key}
    return keys
