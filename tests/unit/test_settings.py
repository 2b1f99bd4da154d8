import json
from datetime import datetime
from pathlib import Path

import pytest

from app.settings import (
    _CHECKS,
    FILE_NAME,
    SETTINGS_VERSION,
    SetAside,
    Settings,
    load_settings,
    open_settings,
    save_settings,
)

NOW = datetime(2026, 11, 25, 9, 30)


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


def test_a_broken_file_is_set_aside_with_the_time_and_defaults_are_used(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("{not json")
    settings, extra, set_aside = open_settings(tmp_path, NOW)
    assert (settings, extra) == (Settings(), {})
    assert set_aside == SetAside(tmp_path / "settings-set-aside-20261125-093000.json")
    assert set_aside.kept_at.read_text() == "{not json" and not (tmp_path / FILE_NAME).exists()
    (tmp_path / FILE_NAME).write_text("[]")  # again within the same second: the first copy stays
    assert open_settings(tmp_path, NOW).set_aside == SetAside(tmp_path / "settings-set-aside-20261125-093000-2.json")
    assert set_aside.kept_at.read_text() == "{not json"


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


@pytest.mark.parametrize(
    "text",
    [
        "[]", "null", '"settings"', "5", '[{"language": "en"}]',
        "[" * 100_000 + "]" * 100_000,  # nested past what the parser takes: a RecursionError, not a ValueError
        '{"sync_interval_minutes": ' + "9" * 5_000 + "}",  # past Python's digits for an int
        '{"language": "en", "last_folder": "' + "x" * 1_100_000 + '"}',  # no settings file is a megabyte
        "\ufeff{}", "\x00\xff\xfe",
    ],
    ids=["list", "null", "string", "number", "list-of-object", "deep", "long-number", "huge-file", "bom", "binary"],
)  # fmt: skip
def test_a_file_of_another_shape_is_set_aside_like_garbage(tmp_path: Path, text: str) -> None:
    (tmp_path / FILE_NAME).write_text(text, encoding="utf-8")
    opened = open_settings(tmp_path, NOW)
    assert (opened.settings, opened.extra) == (Settings(), {})
    assert opened.set_aside is not None and opened.set_aside.fields == ()
    assert opened.set_aside.kept_at.read_text(encoding="utf-8") == text


def test_each_value_of_the_wrong_type_falls_back_alone(tmp_path: Path) -> None:
    """A hand-edited file: the bad values take their defaults, the good ones stay (issue 19, item 8)."""
    data = {
        "language": "en", "extra_days_off": 5, "makeup_working_days": ["2026-12-26"], "last_folder": 5,
        "default_server_url": None, "sync_interval_minutes": True, "attachment_budget_mb": 100,
        "window_layout": ["geometry"], "signature_anchors": ["a.pem"],
    }  # fmt: skip
    (tmp_path / FILE_NAME).write_text(json.dumps(data), encoding="utf-8")
    settings, _extra = load_settings(tmp_path)
    default = Settings()
    assert (settings.language, settings.makeup_working_days, settings.attachment_budget_mb) == (
        "en", ("2026-12-26",), 100,
    )  # fmt: skip
    assert (settings.extra_days_off, settings.last_folder, settings.default_server_url) == (
        default.extra_days_off, default.last_folder, default.default_server_url,
    )  # fmt: skip
    assert settings.sync_interval_minutes == default.sync_interval_minutes  # true is not a number of minutes
    assert settings.window_layout == {} and settings.signature_anchors == ""


@pytest.mark.parametrize(
    ("values", "refused"),
    [
        ({"extra_days_off": 5}, ["extra_days_off"]),
        ({"extra_days_off": ["13/02/2026"], "makeup_working_days": ["2026-02-30"]},  # not ISO; no such day
         ["extra_days_off", "makeup_working_days"]),
        ({"extra_days_off": ["2026-W07-5"]}, ["extra_days_off"]),  # ISO, but a week date
        ({"language": {"a": {"b": [[[[]]]]}}, "window_layout": {"geometry": {"x": [1]}}},
         ["language", "window_layout"]),  # nested garbage
        ({"sync_interval_minutes": 10**30, "attachment_budget_mb": 10**30, "pdf_viewer_size": [10**12, 10**12]},
         ["sync_interval_minutes", "attachment_budget_mb", "pdf_viewer_size"]),  # huge numbers
        ({"sync_interval_minutes": -5, "attachment_budget_mb": 0}, ["sync_interval_minutes", "attachment_budget_mb"]),
        ({"sync_interval_minutes": 1e999, "attachment_budget_mb": 4096.0}, ["sync_interval_minutes",
                                                                            "attachment_budget_mb"]),
        ({"language": "fr", "afternoon_cutoff": "25:99"}, ["language", "afternoon_cutoff"]),
        ({"afternoon_cutoff": "08:00"}, ["afternoon_cutoff"]),  # not an afternoon
        ({"ca_bundle": "ca\u0000.pem", "timestamp_url": "ftp://tsa"}, ["ca_bundle", "timestamp_url"]),
        ({"insecure_http_hosts": ["*"]}, ["insecure_http_hosts"]),  # IT names each host
        ({"insecure_http_hosts": ["http://may-chu.local:8080"]}, ["insecure_http_hosts"]),
        ({"default_server_url": "http://may-chu.phuong.local"}, ["default_server_url"]),  # not allowed
        ({"pdf_viewer_size": [False, False]}, ["pdf_viewer_size"]),
    ],
)  # fmt: skip
def test_values_that_cannot_be_used_are_named_and_the_file_is_copied_aside_and_mended(
    tmp_path: Path, values: dict, refused: list[str]
) -> None:
    original = json.dumps({"language": "en", "bogus": [1], **values})
    (tmp_path / FILE_NAME).write_text(original, encoding="utf-8")
    settings, extra, set_aside = open_settings(tmp_path, NOW)
    assert set_aside is not None and sorted(set_aside.fields) == sorted(refused)
    assert set_aside.kept_at == tmp_path / "settings-set-aside-20261125-093000.json"
    assert set_aside.kept_at.read_text(encoding="utf-8") == original
    default = Settings()
    assert all(getattr(settings, name) == getattr(default, name) for name in refused)
    assert extra == {"bogus": [1]} and (settings.language == "en" or "language" in refused)
    again = open_settings(tmp_path, NOW)  # the mended file: nothing more to say at the next start
    assert again == (settings, extra, None)


def test_settings_as_the_desk_writes_them_open_without_a_word(tmp_path: Path) -> None:
    for settings in (
        Settings(),
        Settings(
            language="en", sync_interval_minutes=240, attachment_budget_mb=50, afternoon_cutoff="16:30",
            extra_days_off=("2026-02-13",), makeup_working_days=("2026-02-07",), ca_bundle="C:\\CA\\so.pem",
            timestamp_url="http://tsa.ca.gov.vn", window_layout={"geometry": "AdnQywADAAA="}, last_folder="/tmp",
            pdf_viewer_size=(800, 640), default_server_url="http://may-chu-cu.phuong.local",
            insecure_http_hosts=("may-chu-cu.phuong.local", "10.0.0.5"),
        ),
    ):  # fmt: skip
        save_settings(tmp_path, settings)
        assert open_settings(tmp_path, NOW) == (settings, {}, None)


def test_every_setting_has_its_check() -> None:
    assert set(_CHECKS) == {name for name in Settings.__dataclass_fields__}


def test_allowed_hosts_are_kept_in_lower_case() -> None:
    assert _CHECKS["insecure_http_hosts"](["May-Chu.Local", "[FE80::1]", " 10.0.0.5 "]) == (
        "may-chu.local", "fe80::1", "10.0.0.5",
    )  # fmt: skip
