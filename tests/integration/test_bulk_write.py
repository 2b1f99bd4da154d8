"""The sync's bulk write path on a real cache file: rows land with their defaults, and rows indexed
together at the end of a block are found by the search like rows a trigger indexed."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.dialects import sqlite

from app.workbench import Workbench
from local_db.bulk_write import ROWS_PER_STATEMENT, bind_processor_for, insert_rows
from local_db.models import Document, Dossier
from local_db.search import indexed_together
from tests.integration.helpers import add_source, document_row, dossier_row, insert_documents


def test_rows_written_in_bulk_take_their_defaults(workbench: Workbench) -> None:
    with workbench.cache.sessions.begin() as session:
        source = add_source(session.connection())
        row = document_row(source, "bulk-1", "Công văn về việc tổ chức Hội nghị")
        for left_out in ("trail", "recipients", "sync_state", "urgency"):
            row.pop(left_out)
        insert_rows(session.connection(), Document.__table__, [row])
    with workbench.cache.sessions() as session:
        stored = session.scalars(select(Document)).one()
        assert (stored.trail, stored.recipients, stored.sync_state, stored.urgency) == ([], [], "synced", "normal")
        assert stored.updated_at == row["updated_at"] and stored.issued_on == row["issued_on"]


@pytest.mark.parametrize("count", [1, ROWS_PER_STATEMENT, 2 * ROWS_PER_STATEMENT + 7])
def test_rows_written_several_to_a_statement_land_each_as_given_in_order(workbench: Workbench, count: int) -> None:
    """Whole statements of ROWS_PER_STATEMENT rows, the rest one by one, and rows leaving out a
    field in a group of their own: each lands once, with its own values."""
    with workbench.cache.sessions.begin() as session:
        source = add_source(session.connection())
        rows = [
            document_row(source, f"bulk-{i}", f"Văn bản {i}", number=str(i), urgency="urgent") for i in range(count)
        ]
        for row in rows[::3]:
            row.pop("urgency")
        insert_rows(session.connection(), Document.__table__, rows)
    with workbench.cache.sessions() as session:
        stored = session.execute(select(Document.remote_id, Document.subject, Document.number, Document.urgency)).all()
    expected = [(row["remote_id"], row["subject"], row["number"], row.get("urgency", "normal")) for row in rows]
    assert sorted(stored) == sorted(expected)


def test_rows_indexed_together_are_found_like_rows_a_trigger_indexed(workbench: Workbench) -> None:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        insert_documents(connection, [document_row(source, "one-by-one", "Kế hoạch phòng chống dịch sốt xuất huyết")])
    with workbench.cache.sessions.begin() as session:
        with indexed_together(session, "document"):
            insert_rows(
                session.connection(),
                Document.__table__,
                [document_row(source, f"bulk-{n}", f"Hướng dẫn đăng ký khai sinh đợt {n}") for n in range(3)],
            )
        with indexed_together(session, "dossier"):
            rows = [dossier_row(source, "000.00.30.H29-261125-0001", "Nguyễn Thị Hằng", "Đăng ký khai sinh")]
            insert_rows(session.connection(), Dossier.__table__, rows)
    with workbench.cache.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM search_indexing")) == 0  # the flag never commits
        entries = session.scalar(text("SELECT count(*) FROM search_index"))
        items = session.scalar(select(func.count()).select_from(Document))
        assert entries == items + 1  # each document and the dossier once: no trigger indexed them twice
    found = workbench.search("dang ky khai sinh")
    assert found is not None and len(found.document_ids) == 3 and len(found.dossier_ids) == 1
    by_trigger = workbench.search("sot xuat huyet")
    assert by_trigger is not None and len(by_trigger.document_ids) == 1


def test_a_failed_block_leaves_neither_rows_nor_index_entries(workbench: Workbench) -> None:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
    try:
        with workbench.cache.sessions.begin() as session, indexed_together(session, "document"):
            insert_rows(session.connection(), Document.__table__, [document_row(source, "x", "Thông báo")])
            raise RuntimeError("the page is refused half way")
    except RuntimeError:
        pass
    with workbench.cache.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM search_index")) == 0
        assert session.scalar(text("SELECT count(*) FROM search_indexing")) == 0
        assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_the_fast_date_and_time_text_is_the_text_sqlalchemy_writes() -> None:
    dialect = sqlite.dialect()
    vietnam = timezone(timedelta(hours=7))
    cases = {
        Document.__table__.c.updated_at.type: [
            datetime(2026, 11, 25, 10, 0, tzinfo=UTC),
            datetime(2026, 11, 25, 6, 30, 15, 123456, tzinfo=vietnam),
            datetime(5, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
            None,
        ],
        Document.__table__.c.issued_on.type: [date(2026, 11, 25), date(5, 1, 2), None],
    }
    for column_type, values in cases.items():
        sqlalchemy_writes = column_type.dialect_impl(dialect).bind_processor(dialect)
        fast = bind_processor_for(column_type, dialect)
        assert fast is not None and fast is not sqlalchemy_writes
        assert [fast(value) for value in values] == [sqlalchemy_writes(value) for value in values]
    fast_utc = bind_processor_for(Document.__table__.c.updated_at.type, dialect)
    assert fast_utc is not None
    with pytest.raises(ValueError, match="naive"):  # as UtcDateTime refuses them
        fast_utc(datetime(2026, 11, 25, 10, 0))
