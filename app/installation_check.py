"""The checks of ``ward-desk --self-check`` that need no widgets: versions, the keyring, a fresh
profile migrated to the current schema.

ui/self_check.py adds the Qt ones (translation, modules, the window synced from the demo service on
loopback) and prints the report.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.profile import Profile
from app.workbench import Workbench
from kernel.clock import SystemClock


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def guarded(name: str, check: Callable[[], str]) -> CheckResult:
    """Run one check; one that breaks is a failed check, reported with the others."""
    try:
        return CheckResult(name, True, check())
    except Exception as error:
        return CheckResult(name, False, f"{type(error).__name__}: {error}")


def versions() -> str:
    import PySide6
    import sqlalchemy

    frozen = "built program" if getattr(sys, "frozen", False) else "from source"
    return (
        f"{frozen}, Python {platform.python_version()}, PySide6 {PySide6.__version__}, "
        f"SQLAlchemy {sqlalchemy.__version__}, {platform.system()} {platform.machine()}"
    )


def keyring_backend() -> str:
    from app.credentials import CredentialStore, KeyringState

    store = CredentialStore()
    if store.last_state is KeyringState.UNAVAILABLE:
        raise RuntimeError(
            f"no secure keyring found (backend: {store.backend_name}); passwords would last one session only"
        )
    return f"secure backend {store.backend_name}"


def fresh_workbench(folder: Path) -> tuple[Workbench, str]:
    """A new profile in ``folder``, migrated to the current schema, its secrets for this session only;
    the caller closes the workbench. Returns it with the schema revision reached."""
    from local_db.migrate import HEAD_REVISION

    workbench = Workbench.open(Profile(folder), SystemClock(), session_only=True)
    revision = workbench.cache.migration.to_revision
    if revision != HEAD_REVISION:
        workbench.close()
        raise RuntimeError(f"migrated to {revision}, expected {HEAD_REVISION}")
    return workbench, revision
