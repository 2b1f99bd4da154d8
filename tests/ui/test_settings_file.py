"""A settings file start-up cannot take as it was (issue 19, item 8): Ward Desk still opens its window,
with the defaults for what could not be used, the file kept aside next to settings.json, and a notice
that says so. Each start goes the real way, through ``ui.main.main`` on a fresh profile."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app.settings import FILE_NAME, load_settings, open_settings
from ui import main as ui_main
from ui.main_window import MainWindow

NESTED = {"language": {"a": {"b": [[[[{}]]]]}}, "window_layout": {"geometry": {"x": [1, {"y": None}]}}}
SHAPES = {
    "list": ("[]", ()),
    "deeply-nested": ("[" * 100_000 + "]" * 100_000, ()),
    "wrong-types": (json.dumps({"extra_days_off": 5, "sync_interval_minutes": "5", "language": "en"}),
                    ("extra_days_off", "sync_interval_minutes")),
    "nested-garbage": (json.dumps(NESTED), ("language", "window_layout")),
    "huge-numbers": (json.dumps({"sync_interval_minutes": 10**40, "pdf_viewer_size": [10**12, 10**12],
                                 "attachment_budget_mb": -1}),
                     ("sync_interval_minutes", "pdf_viewer_size", "attachment_budget_mb")),
}  # fmt: skip


@pytest.mark.parametrize("shape", SHAPES)
def test_a_window_opens_with_a_notice_and_the_file_aside(
    shape: str, tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    text, refused = SHAPES[shape]
    root = tmp_path / "p"
    root.mkdir()
    (root / FILE_NAME).write_text(text, encoding="utf-8")
    seen: dict[str, object] = {}
    save = ui_main._save_screenshot

    def look_then_save(window: MainWindow, path: Path) -> None:
        try:
            notice = window.settings_notice
            seen["notice"], seen["text"] = notice.isVisible(), notice.text()
        finally:  # the window closes whatever was seen: main() returns
            save(window, path)

    monkeypatch.setattr(ui_main, "_save_screenshot", look_then_save)
    code = ui_main.main(
        ["--profile", str(root), "--offline", "--language", "en", "--screenshot", str(tmp_path / "s.png")]
    )
    assert code == 0 and (tmp_path / "s.png").is_file()
    [kept] = root.glob("settings-set-aside-*.json")
    assert kept.read_text(encoding="utf-8") == text  # as it was
    assert seen["notice"] is True and str(kept) in str(seen["text"])
    if refused:
        assert "their defaults apply: " + ", ".join(refused) in str(seen["text"])
        assert json.loads((root / FILE_NAME).read_text(encoding="utf-8"))  # mended, in its place
        assert load_settings(root)[0].language == ("en" if shape == "wrong-types" else "vi")
    else:
        assert "started with the default settings" in str(seen["text"])
    assert open_settings(root).set_aside is None  # the next start has nothing more to say
