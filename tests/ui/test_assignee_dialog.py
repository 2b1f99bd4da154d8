"""The assignment picker: the unit's officials found by typing without diacritics, Enter takes the best
match, a name not on the list may be typed in full, and Enter never adds a line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.assignee_dialog import AssigneeDialog

OFFICIALS = ["Lê Văn Đức", "Nguyễn Thị Thu", "Trần Văn Bình", "Trần Thị Mai"]


def test_typing_without_diacritics_finds_the_official_and_enter_takes_it(qtbot: QtBot) -> None:
    dialog = AssigneeDialog("Phân công", OFFICIALS)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.search, "tran binh")
    assert [dialog.matches.item(row).text() for row in range(dialog.matches.count())] == ["Trần Văn Bình"]
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.result() == AssigneeDialog.DialogCode.Accepted
    assert dialog.chosen() == "Trần Văn Bình"


def test_a_longer_name_is_never_taken_for_a_shorter_one(qtbot: QtBot) -> None:
    dialog = AssigneeDialog("Phân công", [*OFFICIALS, "Nguyễn Văn Anh"])
    qtbot.addWidget(dialog)
    dialog.search.setText("Nguyễn Văn An")
    assert [dialog.matches.item(row).text() for row in range(dialog.matches.count())] == ["Nguyễn Văn Anh"]
    assert dialog.chosen() == "Nguyễn Văn An"  # as typed: An is not Anh
    dialog.search.setText("nguyen van anh")
    assert dialog.chosen() == "Nguyễn Văn Anh"


def test_a_name_not_on_the_list_is_taken_as_typed(qtbot: QtBot) -> None:
    dialog = AssigneeDialog("Phân công", OFFICIALS)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "Bo phan mot cua")
    assert dialog.matches.count() == 0
    assert dialog.chosen() == "Bo phan mot cua"


def test_with_nothing_typed_nobody_is_chosen_until_one_is_picked(qtbot: QtBot) -> None:
    dialog = AssigneeDialog("Phân công", OFFICIALS)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.matches.count() == 4 and dialog.chosen() == ""
    dialog.search.setFocus()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.matches, Qt.Key.Key_Down)
    assert dialog.chosen() == "Lê Văn Đức"  # the first, as the arrow reached the list
