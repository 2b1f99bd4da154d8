"""``ward-desk --self-check`` in its own process, as CI runs it on the built program."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def self_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui", "--self-check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def test_with_a_secret_service_every_check_passes(keyring_env: dict[str, str]) -> None:
    result = self_check({**os.environ, **keyring_env, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("ok   keyring: secure backend SecretService") for line in lines), result.stdout
    assert any(
        line.startswith("ok   profile, sync and window: fresh profile migrated")
        and "synced from the demo service" in line
        and line.endswith("; 6 one-stop forms made")
        for line in lines
    ), result.stdout
    assert "ok   printed forms: mau-07-so-theo-doi.html, bao-cao-thang-theo-thu-tuc.html" in lines, result.stdout
    assert lines[-1] == "self-check passed"


def test_without_a_secure_keyring_it_fails_and_says_why(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key != "DBUS_SESSION_BUS_ADDRESS"}
    env |= {"HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={tmp_path / 'no-bus'}"
    result = self_check(env)
    assert result.returncode == 1
    assert "FAIL keyring: RuntimeError: no secure keyring found" in result.stdout
    assert result.stdout.splitlines()[-1] == "self-check FAILED"
