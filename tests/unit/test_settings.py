import json
from pathlib import Path

from app.settings import FILE_NAME, SETTINGS_VERSION, Settings, load_settings, save_settings


def test_defaults_when_there_is_no_file(tmp_path: Path) -> None:
    settings, extra = load_settings(tmp_path)
    assert settings == Settings() and extra == {}
    assert settings.language == "vi"


def test_saved_settings_come_back_with_their_version(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(language="en", sync_interval_minutes=15, extra_days_off=("2026-02-13",)))
    data = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert data["version"] == SETTINGS_VERSION
    settings, _ = load_settings(tmp_path)
    assert (settings.language, settings.sync_interval_minutes, settings.extra_days_off) == ("en", 15, ("2026-02-13",))
    assert [p.name for p in tmp_path.iterdir()] == [FILE_NAME]  # no temporary file left behind


def test_keys_of_a_newer_version_are_kept_when_saving(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text(json.dumps({"version": 9, "language": "en", "dark_mode": True}))
    settings, extra = load_settings(tmp_path)
    assert settings.language == "en" and extra == {"dark_mode": True}
    save_settings(tmp_path, settings, extra)
    assert json.loads((tmp_path / FILE_NAME).read_text())["dark_mode"] is True


def test_a_broken_file_is_set_aside_and_defaults_are_used(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("{not json")
    settings, _ = load_settings(tmp_path)
    assert settings == Settings()
    assert (tmp_path / "settings.broken.json").read_text() == "{not json"


def test_a_value_of_the_wrong_shape_falls_back_to_defaults(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text(json.dumps({"language": "vi", "sync_interval_minutes": 5, "bogus": 1,
                                                   "extra_days_off": ["2026-09-01"]}))  # fmt: skip
    settings, extra = load_settings(tmp_path)
    assert settings.extra_days_off == ("2026-09-01",) and extra == {"bogus": 1}


def test_what_the_windows_remember_comes_back(tmp_path: Path) -> None:
    save_settings(tmp_path, Settings(last_folder="/home/an/Tài liệu", pdf_viewer_size=(800, 640)))
    settings, _ = load_settings(tmp_path)
    assert (settings.last_folder, settings.pdf_viewer_size) == ("/home/an/Tài liệu", (800, 640))


def test_a_window_size_of_the_wrong_shape_is_forgotten(tmp_path: Path) -> None:
    for bogus in ([800], [800, "640"], [-1, 640], "800x640", [800.5, 640]):
        (tmp_path / FILE_NAME).write_text(json.dumps({"pdf_viewer_size": bogus, "language": "en"}))
        settings, _ = load_settings(tmp_path)
        assert (settings.pdf_viewer_size, settings.language) == ((0, 0), "en"), bogus


def test_json_of_another_shape_is_set_aside_like_garbage(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("[]", encoding="utf-8")
    assert load_settings(tmp_path) == (Settings(), {})
    assert (tmp_path / "settings.broken.json").read_text(encoding="utf-8") == "[]"


def test_each_value_of_the_wrong_type_falls_back_alone(tmp_path: Path) -> None:
    """A hand-edited file: the bad values take their defaults, the good ones stay (issue 19, item 8)."""
    data = {
        "language": "en", "extra_days_off": 5, "makeup_working_days": ["2026-12-26"], "last_folder": 5,
        "default_server_url": None, "sync_interval_minutes": True, "attachment_budget_mb": 10,
        "window_layout": ["geometry"], "signature_anchors": ["a.pem"],
    }  # fmt: skip
    (tmp_path / FILE_NAME).write_text(json.dumps(data), encoding="utf-8")
    settings, _extra = load_settings(tmp_path)
    default = Settings()
    assert (settings.language, settings.makeup_working_days, settings.attachment_budget_mb) == (
        "en", ("2026-12-26",), 10,
    )  # fmt: skip
    assert (settings.extra_days_off, settings.last_folder, settings.default_server_url) == (
        default.extra_days_off, default.last_folder, default.default_server_url,
    )  # fmt: skip
    assert settings.sync_interval_minutes == default.sync_interval_minutes  # true is not a number of minutes
    assert settings.window_layout == {} and settings.signature_anchors == ""
