"""The one settings object of a profile: a small JSON file, written atomically, with a version.

Never holds a secret. A file written by a newer version keeps the keys this version does not
know, so going back and forth between versions loses nothing.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from app.domain.errors import DomainError
from app.domain.procedures import parse_cutoff
from app.server_address import checked_server_address

log = logging.getLogger(__name__)

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
    # 1022 reports: how many working days before its due time a report is listed as due ("đến hạn").
    # The answer time itself is the routing service's rule, sent with each report (app.domain.feedback_deadline).
    feedback_due_soon_days: int = 1
    # How long before a meeting the tray reminds of it (app.meetings); 0: no reminders.
    meeting_reminder_minutes: int = 30

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


@dataclass(frozen=True)
class SetAside:
    """A settings file start-up could not take as it was: kept next to settings.json under a name with
    the time (``kept_at``); the window tells the user. ``fields``: the settings whose values were refused
    (each now its default, the others kept); empty when the whole file was unusable (every setting is its
    default: not JSON, not an object, too large)."""

    kept_at: Path
    fields: tuple[str, ...] = ()


class OpenedSettings(NamedTuple):
    settings: Settings
    extra: dict[str, Any]  # keys this version does not know, kept for saving back
    set_aside: SetAside | None  # what was wrong with the file, if anything


def load_settings(profile_root: Path) -> tuple[Settings, dict[str, Any]]:
    """The settings, and any keys this version does not know (kept for saving back)."""
    return open_settings(profile_root)[:2]


def open_settings(profile_root: Path, now: datetime | None = None) -> OpenedSettings:
    """The settings as at start-up: a file that is not usable is moved aside whole and the defaults are
    used; values that are not usable are each replaced by their default, the file as it was copied aside
    and the mended one written back, so the next start finds a good file. ``now`` names the copy."""
    path = profile_root / FILE_NAME
    data = _read(path)
    if data is _ABSENT:
        return OpenedSettings(Settings(), {}, None)
    if not isinstance(data, dict):  # garbage, or valid JSON of another shape: nothing in it can be used
        kept_at = _set_aside(path, now, move=True)
        log.warning("the settings file could not be used; moved to %s, starting with the defaults", kept_at)
        return OpenedSettings(Settings(), {}, SetAside(kept_at))
    extra = {key: value for key, value in data.items() if key not in _CHECKS and key != "version"}
    values = {key: _CHECKS[key](value) for key, value in data.items() if key in _CHECKS}
    refused = tuple(key for key, value in values.items() if value is _WRONG)
    settings = Settings(**{key: value for key, value in values.items() if value is not _WRONG})
    if _wrong_server_url(settings):
        settings, refused = (
            replace(settings, default_server_url=Settings.default_server_url),
            (*refused, "default_server_url"),
        )
    if not refused:
        return OpenedSettings(settings, extra, None)
    kept_at = _set_aside(path, now, move=False)
    log.warning("settings with values that cannot be used, now their defaults: %s; the file was copied to %s",
                ", ".join(refused), kept_at)  # fmt: skip
    try:
        save_settings(profile_root, settings, extra)
    except OSError:
        log.warning("the mended settings could not be written back", exc_info=True)
    return OpenedSettings(settings, extra, SetAside(kept_at, refused))


MAX_FILE_BYTES = 1_000_000  # settings are a few kilobytes: anything near this is not a settings file
_ABSENT = object()  # no settings file: the defaults, nothing to say
_UNUSABLE = object()  # a file that is not JSON (or too large, or nested past what the parser takes)


def _read(path: Path) -> Any:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return _UNUSABLE
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _ABSENT
    except (OSError, ValueError, RecursionError):  # RecursionError: "[[[[…" nested a hundred thousand deep
        return _UNUSABLE


def _set_aside(path: Path, now: datetime | None, move: bool) -> Path:
    """Keep the file as it was next to it, named with the time (as the cache's backups are); where it
    is now kept."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}-set-aside-{stamp}.json")
    copies = 1
    while target.exists():  # twice within a second (or a test's fixed clock): never over an earlier copy
        copies += 1
        target = path.with_name(f"{path.stem}-set-aside-{stamp}-{copies}.json")
    try:
        if move:
            os.replace(path, target)
        else:
            shutil.copy2(path, target)
    except OSError:  # a read-only profile: the file stays where it is, and is named as such
        log.warning("the settings file could not be set aside", exc_info=True)
        return path
    return target


# -- what each setting accepts: a value of another type or outside its range is _WRONG ------------------

_WRONG = object()
SYNC_INTERVAL_MINUTES = (1, 240)  # the settings dialog offers the same ranges
ATTACHMENT_BUDGET_MB = (50, 200_000)
MEETING_REMINDER_MINUTES = (0, 1440)
PDF_VIEWER_SIZE = (1, 20_000)  # pixels: more is no screen (and past the int Qt takes, would not open)
FEEDBACK_DUE_SOON_DAYS = (0, 10)
MAX_DATES = 2_000  # days off and make-up days: a few a year
MAX_TEXT = 4_096  # a path, a URL, a label
MAX_LAYOUT = 100_000  # one window state, encoded
_HOST = re.compile(r"(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")


def _text(value: Any) -> Any:
    return value if isinstance(value, str) and len(value) <= MAX_TEXT and "\x00" not in value else _WRONG


def _one_of(*allowed: str) -> Callable[[Any], Any]:
    return lambda value: value if value in allowed and isinstance(value, str) else _WRONG


def _whole_number(low: int, high: int) -> Callable[[Any], Any]:
    return lambda value: value if type(value) is int and low <= value <= high else _WRONG  # True is no number


def _cutoff(value: Any) -> Any:
    try:
        parse_cutoff(value)
    except DomainError:
        return _WRONG
    return value


def _dates(value: Any) -> Any:
    """ISO dates (YYYY-MM-DD), as the settings dialog writes them."""
    if not isinstance(value, list) or len(value) > MAX_DATES:
        return _WRONG
    try:
        if all(isinstance(text, str) and date.fromisoformat(text).isoformat() == text for text in value):
            return tuple(value)
    except ValueError:  # not a date at all
        pass
    return _WRONG


def _layout(value: Any) -> Any:
    good = isinstance(value, dict) and all(isinstance(text, str) and len(text) <= MAX_LAYOUT for text in value.values())
    return dict(value) if good and len(value) <= 100 else _WRONG


def _size(value: Any) -> Any:
    """A window size as saved: a JSON list of two whole numbers of pixels, or [0, 0]: none kept yet."""
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        return _WRONG
    low, high = PDF_VIEWER_SIZE
    return (value[0], value[1]) if value == [0, 0] or all(low <= v <= high for v in value) else _WRONG


def _timestamp_url(value: Any) -> Any:
    if _text(value) is _WRONG or not (value == "" or value.startswith(("http://", "https://"))):
        return _WRONG
    return value


def _hosts(value: Any) -> Any:
    """Host names or IP addresses, in lower case; any entry that is neither (a URL, a port, "*") refuses
    the whole list: IT names each host plain http:// may go to."""
    if not isinstance(value, list) or len(value) > 100 or not all(isinstance(host, str) for host in value):
        return _WRONG
    hosts = tuple(host.strip().lower().removeprefix("[").removesuffix("]") for host in value)
    return hosts if all(_HOST.fullmatch(host) or _is_ip(host) for host in hosts) else _WRONG


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _wrong_server_url(settings: Settings) -> bool:
    """Checked once the allowed hosts are known; "" is no address to prefill."""
    if not settings.default_server_url:
        return False
    try:
        checked_server_address(settings.default_server_url, settings.insecure_http_hosts)
    except DomainError:
        return True
    return False


_CHECKS: dict[str, Callable[[Any], Any]] = {
    "language": _one_of("vi", "en"),
    "sync_interval_minutes": _whole_number(*SYNC_INTERVAL_MINUTES),
    "attachment_budget_mb": _whole_number(*ATTACHMENT_BUDGET_MB),
    "afternoon_cutoff": _cutoff,
    "extra_days_off": _dates,
    "makeup_working_days": _dates,
    "ca_bundle": _text,
    "signature_anchors": _text,
    "pkcs11_module": _text,
    "pkcs11_token": _text,
    "timestamp_url": _timestamp_url,
    "window_layout": _layout,
    "last_folder": _text,
    "pdf_viewer_size": _size,
    "default_server_url": _text,
    "insecure_http_hosts": _hosts,
    "feedback_due_soon_days": _whole_number(*FEEDBACK_DUE_SOON_DAYS),
    "meeting_reminder_minutes": _whole_number(*MEETING_REMINDER_MINUTES),
}


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
