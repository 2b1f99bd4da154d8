"""The filter row narrows the lists by system, state, urgency, assignee and deadline range."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from app.domain.item_lists import DocumentFilter, Narrowing
from app.workbench import Workbench
from tests.ui.waiting import load_all, settle
from ui.main_window import NAVIGATION, MainWindow

ROW = {key: row for row, (key, *_rest) in enumerate(NAVIGATION)}


def choose(combo, key: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(key))


def test_the_old_system_alone(window: MainWindow, workbench: Workbench, qtbot: QtBot) -> None:
    before = window.documents.total
    choose(window.filters.system, "legacy")
    rows = load_all(qtbot, window, window.documents)
    assert rows and all(row.source_kind == "legacy" for row in rows)
    expected = workbench.count_documents(DocumentFilter("incoming", narrowing=Narrowing(source_kind="legacy")))
    assert len(rows) == expected < before
    assert window.filters.system.currentText() == "Hệ thống cũ"


def test_urgency_and_state(window: MainWindow, qtbot: QtBot) -> None:
    choose(window.filters.urgency, "urgent")
    assert all(row.urgency == "urgent" for row in load_all(qtbot, window, window.documents))
    choose(window.filters.urgency, None)
    choose(window.filters.state, "registered")
    rows = load_all(qtbot, window, window.documents)
    assert rows and all(row.state == "registered" for row in rows)
    assert window.filters.state.currentText() == "Đã vào sổ"


def test_urgency_is_a_documents_filter_only(window: MainWindow, qtbot: QtBot) -> None:
    """A dossier or a 1022 report has no urgency: the filter waits there, and an urgency chosen among the
    documents does not empty their list."""
    window.navigator.setCurrentRow(ROW["incoming"])
    settle(qtbot, window)
    choose(window.filters.urgency, "flash")
    settle(qtbot, window)
    for key, model in (("dossiers", window.dossiers), ("feedback", window.reports)):
        window.navigator.setCurrentRow(ROW[key])
        settle(qtbot, window)
        assert not window.filters.urgency.isEnabled() and window.filters.narrowing().urgency is None
        assert model.total == model.count_rows(model.current_filter()), key
        assert model.total > 0 or key == "feedback"  # this cache holds no report


def test_assignee_and_deadline_range(window: MainWindow, workbench: Workbench, qtbot: QtBot) -> None:
    from local_db.models import Document

    with workbench.cache.sessions() as session:
        assignees = {d.id: d.assignee for d in session.query(Document).filter(Document.assignee.is_not(None))}
    named = next(
        row for row in load_all(qtbot, window, window.documents) if row.due_on is not None and row.id in assignees
    )
    assignee = assignees[named.id]
    window.filters.assignee.setText(assignee.split()[-1].lower())
    assert named.id in [row.id for row in load_all(qtbot, window, window.documents)]
    window.filters.assignee.clear()
    start = named.due_on - timedelta(days=1)
    window.filters.due_from.setDate(QDate(start.year, start.month, start.day))
    window.filters.due_to.setDate(QDate(named.due_on.year, named.due_on.month, named.due_on.day))
    rows = load_all(qtbot, window, window.documents)
    assert named.id in [row.id for row in rows]
    assert all(start <= row.due_on <= named.due_on for row in rows)
