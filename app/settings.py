"""The one settings object of a profile: a small JSON file, written atomically, with a version.

Never holds a secret. A file written by a newer version keeps the keys this version does not
know, so going back and forth between versions loses nothing.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import MISSING, Field, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

SETTINGS_VERSION = 1
FILE_NAME = "settings.json"


@dataclass
class Settings:
    language: str = "vi"
    sync_interval_minutes: int = 5
    attachment_budget_mb: int = 2048
    afternoon_cutoff: str = "15:00"
    extra_days_off: tuple[str, ...] = ()
    makeup_working_days: tuple[str, ...] = ()
    # A PEM file of the certificate authorities an organisation signs its servers with; "" trusts
    # the usual public ones. TLS certificates are verified either way.
    ca_bundle: str = ""
    # Digital signatures: the roots the organisation trusts for signed documents (a PEM file), the
    # token vendor's PKCS#11 module (a DLL on Windows, a .so elsewhere), and the timestamp authority.
    signature_anchors: str = ""
    pkcs11_module: str = ""
    pkcs11_token: str = ""  # the token's label when several are plugged in; "" takes the first
    timestamp_url: str = ""
    # Where the official left the main window: its geometry, dividers and column widths, as Qt's own
    # encoded states (base64) by name. Never a secret.
    window_layout: dict[str, str] = field(default_factory=dict)
    # What the windows remember between sessions: the folder of the last file opened or saved (file
    # dialogs start there; "" is the user's Documents folder) and the PDF viewer's size ((0, 0): none yet).
    last_folder: str = ""
    pdf_viewer_size: tuple[int, int] = (0, 0)
    # The city's unified system, prefilled in the first-run assistant. The README and docs name no
    # production address; this is the placeholder a deployment's IT staff replaces (an installer can
    # ship a settings.json with theirs). Only https:// is accepted for a server off this computer.
    default_server_url: str = "https://ward-desk.hochiminhcity.gov.vn"
    # The hosts the organisation allows plain http:// to (a server not yet given a certificate), set by
    # IT in this file: no dialog offers it. The window warns whenever an account on one is in use.
    insecure_http_hosts: tuple[str, ...] = ()

    @property
    def attachment_budget_bytes(self) -> int:
        return self.attachment_budget_mb * 1024 * 1024


def is_ca_bundle(path: str) -> bool:
    """Whether ``path`` is a readable PEM file holding at least one certificate."""
    try:
        with open(path, "rb") as handle:
            return b"-----BEGIN CERTIFICATE-----" in handle.read(5_000_000)
    except OSError:
        return False


def load_settings(profile_root: Path) -> tuple[Settings, dict[str, Any]]:
    """The settings, and any keys this version does not know (kept for saving back)."""
    path = profile_root / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), {}
    except (OSError, ValueError):
        broken = path.with_suffix(".broken.json")
        os.replace(path, broken)  # keep it for the curious, start from defaults
        return Settings(), {}
    if not isinstance(data, dict):  # valid JSON of another shape: as unreadable as garbage
        os.replace(path, path.with_suffix(".broken.json"))
        return Settings(), {}
    known = {f.name: f for f in fields(Settings)}
    values = {key: _checked(known[key], value) for key, value in data.items() if key in known}
    values = {key: value for key, value in values.items() if value is not _WRONG}
    extra = {key: value for key, value in data.items() if key not in known and key != "version"}
    return Settings(**values), extra


_WRONG = object()  # a value of the wrong type: the field keeps its default


def _checked(field: Field[Any], value: Any) -> Any:
    """``value`` as the field holds it, or _WRONG when it is not of the field's kind (a hand-edited
    file: each bad value falls back to its default, the others are kept)."""
    default = field.default_factory() if field.default is MISSING else field.default  # type: ignore[misc]
    if field.name == "window_layout":
        if not isinstance(value, dict):
            return _WRONG
        return {str(key): text for key, text in value.items() if isinstance(text, str)}
    if field.name == "pdf_viewer_size":
        return _size(value)
    if isinstance(default, tuple):  # lists of dates
        return tuple(value) if isinstance(value, list) and all(isinstance(v, str) for v in value) else _WRONG
    if isinstance(default, bool | str):
        return value if type(value) is type(default) else _WRONG
    if isinstance(default, int):
        return value if type(value) is int else _WRONG
    return value


def _size(value: Any) -> tuple[int, int]:
    """A window size as saved (a JSON list of two integers); (0, 0), "none", for anything else."""
    if isinstance(value, list) and len(value) == 2 and all(type(v) is int and v > 0 for v in value):
        return (value[0], value[1])
    return (0, 0)


def save_settings(profile_root: Path, settings: Settings, extra: dict[str, Any] | None = None) -> None:
    """Write to a temporary file in the same folder, then replace: a crash leaves old or new, never half."""
    data = {**(extra or {}), **asdict(settings), "version": SETTINGS_VERSION}
    profile_root.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=profile_root, prefix=".settings-", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, profile_root / FILE_NAME)
