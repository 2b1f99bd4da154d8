"""1022 reports searched like documents and dossiers, on a real SQLite file through the FTS5 index that
migration 0019 builds: without diacritics, by prefix, kept up to date by a sync's writes."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from app.local_cache import open_local_cache
from app.profile import Profile
from app.pulled_rows import PulledRows
from app.workbench import Workbench
from local_db.database import create_database_engine
from local_db.migrate import MIGRATIONS_DIR, upgrade_database
from local_db.models import Feedback
from local_db.search import indexed_together
from tests.conftest import FixedClock
from tests.integration.helpers import (
    add_source,
    document_row,
    feedback_row,
    insert_documents,
    insert_reports,
)
from tests.unit.test_vietnamese_text import ALL_LETTERS


def reports_found(workbench: Workbench, typed: str) -> list[int]:
    found = workbench.search(typed)
    assert found is not None
    return found.feedback_ids


def index_entries(workbench: Workbench) -> int:
    with workbench.cache.sessions() as session:
        return session.scalar(text("SELECT count(*) FROM feedback_search_index"))


def test_typing_without_diacritics_finds_a_report_with_every_vietnamese_letter(workbench: Workbench) -> None:
    """One report per letter (đ included), its content a word made of that letter in both cases."""
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        insert_reports(connection, [
            feedback_row(source, f"1022-{index}", f"Phản ánh {letter}x{letter.upper()}k")
            for index, (letter, _) in enumerate(ALL_LETTERS)
        ])  # fmt: skip
    for index, (letter, plain) in enumerate(ALL_LETTERS):
        expected = {i + 1 for i, (_, other) in enumerate(ALL_LETTERS) if other == plain}
        assert set(reports_found(workbench, f"{plain}x{plain}k")) == expected, letter
        assert index + 1 in reports_found(workbench, f"{letter.upper()}x{letter}k"), letter  # typed with marks too


@pytest.fixture
def reports(workbench: Workbench) -> Workbench:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        insert_reports(connection, [
            feedback_row(source, "1022-2026-000123", "Đèn đường hư hỏng, khu phố tối đen nhiều ngày.",
                         category="Hạ tầng đô thị", address="Đường Điện Biên Phủ, phường Gia Định"),
            feedback_row(source, "1022-2026-000124", "Lấn chiếm vỉa hè trước chợ.", reporter_name="Trần Thị Ánh",
                         contact_hidden=False),
            feedback_row(source, "1022-2026-000125", "Rác thải tồn đọng ở hẻm 12.", reporter_name=None,
                         address="Hẻm 12 Nguyễn Trãi, phường Bến Thành"),
        ])  # fmt: skip
        insert_documents(connection, [document_row(source, "doc-1", "Kế hoạch sửa chữa đèn đường năm 2026")])
    return workbench


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("den duong hu hong", [1]),  # đ in the content
        ("DEN DUONG", [1]),
        ("dien bien phu", [1]),  # Đ in the address
        ("gia dinh", [1]),
        ("ha tang", [1]),  # the category
        ("1022-2026-000124", [2]),  # the code, whole
        ("000125", [3]),  # …or its number
        ("tran thi anh", [2]),  # the reporter, shown to this account
        ("anh", [2]),  # a prefix, as the user types
        ("hem 12 nguyen trai", [3]),
        ("trat tu do thi", [2, 3]),  # the category of the other two
        ("không có gì", []),
    ],
)
def test_a_report_is_found_by_its_code_category_address_content_and_reporter(
    reports: Workbench, typed: str, expected: list[int]
) -> None:
    assert sorted(reports_found(reports, typed)) == expected


def test_a_search_answers_documents_and_reports_apart(reports: Workbench) -> None:
    found = reports.search("den duong")
    assert found is not None
    assert (found.document_ids, found.dossier_ids, found.feedback_ids) == ([1], [], [1])


def test_a_hidden_reporter_is_not_searchable(reports: Workbench) -> None:
    """The name is indexed only as stored: NULL while the service hides the contact from this account."""
    with reports.cache.engine.begin() as connection:
        connection.execute(Feedback.__table__.update().where(Feedback.id == 2).values(
            reporter_name=None, contact_hidden=True))  # fmt: skip
    assert reports_found(reports, "tran thi anh") == []
    assert reports_found(reports, "lan chiem") == [2]


def test_short_words_list_the_newest_reports_first_and_longer_ones_rank(reports: Workbench) -> None:
    """As for documents and dossiers: up to three letters the newest first, from four the best match."""
    with reports.cache.engine.begin() as connection:
        insert_reports(connection, [
            feedback_row(1, "1022-2026-000126", "Nước thải, nước thải và nước thải tràn ra hẻm"),
            feedback_row(1, "1022-2026-000127", "Khói thải từ xưởng gỗ quanh hẻm 12 Nguyễn Trãi, phường Bến Thành, "
                                                "nhiều tháng nay không ai xử lý, người dân rất bức xúc"),
        ])  # fmt: skip
    assert reports_found(reports, "hem") == [5, 4, 3]
    assert reports_found(reports, "thai") == [4, 3, 5]  # three times in 4; 3 is shorter than 5


# -- what a sync writes ---------------------------------------------------------------------------------


def pulled(workbench: Workbench, source: int, changes: list[tuple[str, str, dict[str, Any]]], first: bool) -> None:
    """Write a page of report changes (remote id, op, fields) through the sync's own writer, in one
    transaction as the engine does; ``first``: a first download (no report of this source yet)."""
    rows = PulledRows(source, workbench.clock, {"feedback": set()} if first else {})
    page = [("feedback", remote_id, op, fields, {}) for remote_id, op, fields in changes]
    with workbench.cache.sessions.begin() as session:
        rows.write_kind(session, "feedback", page)


def sent(code: str, content: str, **fields: Any) -> dict[str, Any]:
    """A report's fields as the sync's checks hand them to the writer (no source, no remote id)."""
    row = feedback_row(0, code, content, **fields)
    del row["source_id"], row["remote_id"]
    return row


def test_a_page_of_reports_a_sync_writes_is_indexed_by_one_statement(workbench: Workbench) -> None:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
    page = [(f"r-{n}", "upsert", sent(f"1022-2026-{n:06}", f"Cây xanh đổ ngã số {n}")) for n in range(40)]
    indexing: list[str] = []

    def seen(_connection: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if "feedback_search_index" in statement:
            indexing.append(statement)

    event.listen(workbench.cache.engine, "before_cursor_execute", seen)
    try:
        pulled(workbench, source, page, first=True)
    finally:
        event.remove(workbench.cache.engine, "before_cursor_execute", seen)
    assert len(indexing) == 1 and indexing[0].startswith("INSERT INTO feedback_search_index(rowid, body) SELECT")
    assert sorted(reports_found(workbench, "cay xanh do nga")) == list(range(1, 41))
    assert reports_found(workbench, "so 17") == [18]
    assert index_entries(workbench) == 40  # each once: no trigger indexed them too
    with workbench.cache.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM search_indexing")) == 0  # the flag never commits


def test_reports_indexed_together_are_indexed_as_a_trigger_indexes_them(workbench: Workbench) -> None:
    """The same report, once by the insert trigger (migration 0019's text), once by indexed_together (the
    module's): the index holds the same text for both."""
    report = {"code": "1022-2026-000400", "content": "Nước ngập đường Đinh Tiên Hoàng", "reporter_name": "Đào Duy Anh"}
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
        insert_reports(connection, [feedback_row(source, remote_id="one", **report)])
    with workbench.cache.sessions.begin() as session, indexed_together(session, "feedback"):
        session.execute(Feedback.__table__.insert(), [feedback_row(source, remote_id="two", **report)])
    assert sorted(reports_found(workbench, "nuoc ngap duong dinh dao duy anh")) == [1, 2]
    with workbench.cache.sessions() as session:
        bodies = session.execute(text("SELECT rowid, body FROM feedback_search_index ORDER BY rowid")).all()
    assert [rowid for rowid, _ in bodies] == [1, 2] and bodies[0].body == bodies[1].body
    assert "Dinh" in bodies[0].body and "đ" not in bodies[0].body.lower()  # đ made d in SQL, the marks by FTS5


def test_a_report_a_sync_changes_is_found_by_its_new_text_only(workbench: Workbench) -> None:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
    pulled(workbench, source, [("r-1", "upsert", sent("1022-2026-000200", "Ổ gà trên đường Võ Văn Kiệt"))], True)
    assert reports_found(workbench, "o ga vo van kiet") == [1]
    changed = sent("1022-2026-000200", "Ổ gà đã được vá; còn đọng nước", version=2,
                   address="Đường Đồng Khởi", reporter_name="Lê Văn Đạt", contact_hidden=False)  # fmt: skip
    pulled(workbench, source, [("r-1", "upsert", changed)], first=False)
    assert reports_found(workbench, "vo van kiet") == []
    assert reports_found(workbench, "dong khoi") == [1]
    assert reports_found(workbench, "dong nuoc") == [1]
    assert reports_found(workbench, "le van dat") == [1]  # the contact came with an assignment
    hidden = {**changed, "version": 3, "reporter_name": None, "contact_hidden": True}
    pulled(workbench, source, [("r-1", "upsert", hidden)], first=False)
    assert reports_found(workbench, "le van dat") == []  # …and went with it
    assert index_entries(workbench) == 1


def test_a_report_the_sync_removes_is_no_longer_found(workbench: Workbench) -> None:
    with workbench.cache.engine.begin() as connection:
        source = add_source(connection)
    page = [("r-1", "upsert", sent("1022-A", "Tiếng ồn karaoke ban đêm")), ("r-2", "upsert", sent("1022-B", "Ồn"))]
    pulled(workbench, source, page, first=True)
    pulled(workbench, source, [("r-1", "tombstone", {})], first=False)
    assert reports_found(workbench, "karaoke") == []
    assert reports_found(workbench, "on") == [2]
    assert index_entries(workbench) == 1


# -- a cache from before the index ----------------------------------------------------------------------


def test_reports_cached_before_the_index_existed_become_searchable(profile: Profile, clock: FixedClock) -> None:
    profile.create_folders()
    engine = create_database_engine(profile.database_path)
    try:
        upgrade_database(engine, profile.database_path, profile.backups_dir, target="0018_meetings")
        with engine.begin() as connection:
            source = add_source(connection)
            insert_reports(connection, [
                feedback_row(source, "1022-2026-000300", "Đổ trộm xà bần ven kênh", reporter_name="Đỗ Thị Hường"),
                feedback_row(source, "1022-2026-000301", "Quán ăn lấn chiếm lòng đường"),
            ])  # fmt: skip
    finally:
        engine.dispose()
    workbench = Workbench.open(profile, clock)
    try:
        assert workbench.cache.migration.from_revision == "0018_meetings"
        assert reports_found(workbench, "do trom xa ban") == [1]
        assert reports_found(workbench, "do thi huong") == [1]
        assert reports_found(workbench, "lan chiem long duong") == [2]
        with workbench.cache.sessions.begin() as session:  # and the triggers keep it up to date from now on
            session.get_one(Feedback, 2).content = "Quán ăn đã dọn vào trong"
        assert reports_found(workbench, "lan chiem") == []
        assert reports_found(workbench, "don vao trong") == [2]
    finally:
        workbench.close()


def test_the_report_index_folds_and_prefixes_as_the_item_index_does(profile: Profile) -> None:
    cache = open_local_cache(profile)
    try:
        with cache.engine.connect() as connection:
            wanted = "SELECT name, sql FROM sqlite_master WHERE name IN ('search_index', 'feedback_search_index')"
            created = dict(connection.exec_driver_sql(wanted).all())
    finally:
        cache.close()
    options = {name: sql.split("USING", 1)[1] for name, sql in created.items()}
    assert options["feedback_search_index"] == options["search_index"]


def test_the_downgrade_leaves_no_report_index_behind(profile: Profile) -> None:
    from alembic import command
    from alembic.config import Config

    open_local_cache(profile).close()
    engine = create_database_engine(profile.database_path)
    try:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0018_meetings")
        with engine.connect() as connection:
            left = connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE name LIKE 'feedback_search%'").all()
            assert left == []
            assert connection.scalar(select(func.count()).select_from(Feedback)) == 0  # the reports' table stays
    finally:
        engine.dispose()
