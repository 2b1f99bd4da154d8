"""``ward-desk --self-check``: does this installation have everything it needs? Exit 0 when it does.

Meant for a freshly built program (CI runs it on the one-folder build) and for an IT department
checking a ward PC. It opens a fresh profile in a temporary folder (the user's own profile is not
touched), migrates it, renders the main window offscreen with a few demo rows and the one-stop
forms of a dossier (their templates are files the build must carry), loads the
Vietnamese translation and the Qt modules the app loads later (PDF, charts, printing), starts the
training central service on loopback and asks it for its health, renders the printed registers'
templates, and reports which keyring backend it found. It reads and writes no keyring entry. It signs
a blank PDF with a throwaway key and checks it, and names the token's PKCS#11 module it found.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.installation_check import fresh_workbench, guarded, keyring_backend, signatures, versions

if TYPE_CHECKING:
    from app.workbench import Workbench
    from ui.main_window import MainWindow

SELF_CHECK_ITEMS = 30  # demo rows to render: enough to fill the first screen


def run_self_check(out: Callable[[str], None] = print) -> int:
    """Run every check, print one line each, and return the exit status (0: all passed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no display needed
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp(prefix="ward-desk-self-check-"))
    try:
        results = [
            guarded("versions", versions),
            guarded("translation", _translation),
            guarded("qt_modules", _qt_modules),
            guarded("printed forms", _printed_forms),
            guarded("keyring", keyring_backend),
            guarded("signatures", signatures),
            guarded("profile, sync and window", lambda: _profile_sync_and_window(app, folder)),
        ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for result in results:
        out(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}")
    passed = all(result.ok for result in results)
    out("self-check passed" if passed else "self-check FAILED")
    return 0 if passed else 1


def _translation() -> str:
    from PySide6.QtCore import QCoreApplication

    from ui.translation import install_translator

    translator = install_translator(QCoreApplication.instance(), "vi")  # type: ignore[arg-type]
    if translator is None:
        raise RuntimeError("resources/i18n/ui_vi.qm, ward_desk_vi.qm or qtbase_vi.qm is missing or unreadable")
    sample = QCoreApplication.translate("DashboardWidget", "Incoming documents")
    # Qt's own strings: our catalogue, Qt has no Vietnamese (names, not literals: lupdate must not take
    # this string into the app's catalogue)
    context, source = "QPlatformTheme", "Cancel"
    button = QCoreApplication.translate(context, source)
    QCoreApplication.instance().removeTranslator(translator)  # type: ignore[union-attr]
    if sample == "Incoming documents" or button == source:
        raise RuntimeError("the Vietnamese translation loaded but does not translate")
    return f"Vietnamese loaded ({sample}, {button})"


def _qt_modules() -> str:
    from PySide6 import QtCharts, QtPdf, QtPdfWidgets, QtPrintSupport  # noqa: F401 (loaded, not used)
    from PySide6.QtGui import QGuiApplication

    from ui.icons import NAMES, icon

    missing = [name for name in NAMES if icon(name).isNull()]
    if missing:
        raise RuntimeError(f"the icon font gives no icon for {', '.join(missing)}")
    return (f"QtPdf, QtPdfWidgets, QtCharts, QtPrintSupport; {len(NAMES)} icons; "
            f"platform plugin {QGuiApplication.platformName()}")  # fmt: skip


def _printed_forms() -> str:
    """The registers' and reports' templates are found (resources/forms, bundled) and Jinja2 renders them."""
    from datetime import date, datetime

    from app.domain.working_calendar import VN_TZ
    from app.dossier_register import TEMPLATE, register_html
    from app.procedure_report import TEMPLATE as REPORT_TEMPLATE
    from app.procedure_report import report_html
    from app.reports import DossierMonthReport, ProcedureMonthReport

    now = datetime.now(VN_TZ)
    register = register_html([], "Ủy ban nhân dân phường", (now.date(), now.date()), now)
    month = date(now.year, now.month, 1)
    report = report_html(ProcedureMonthReport(month, now, [], DossierMonthReport(month, now)), "")
    if "SỔ THEO DÕI HỒ SƠ" not in register or "Tổng cộng" not in report:
        raise RuntimeError("a printed form rendered without its text")
    return f"{TEMPLATE}, {REPORT_TEMPLATE}"


def _until_settled(app: object, window: MainWindow, limit_seconds: float = 20.0) -> None:
    """Run the event loop until the window's first reads have answered (they run on its task pool)."""
    deadline = time.monotonic() + limit_seconds
    app.processEvents()  # type: ignore[attr-defined]
    while not window.tasks.idle and time.monotonic() < deadline:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)
    app.processEvents()  # type: ignore[attr-defined]


def _profile_sync_and_window(app: object, folder: Path) -> str:
    """A fresh profile syncs its first rows from the demo service on loopback (the built program's
    server, HTTP and sync code all run), then the main window renders them."""
    from sandbox.demo import start_demo_central
    from ui.main_window import MainWindow

    workbench, revision = fresh_workbench(folder / "profile")
    try:
        demo = start_demo_central(folder / "central", workbench.clock, SELF_CHECK_ITEMS)
        try:
            workbench.add_account(demo.source, demo.login, demo.password)
            reports = [workbench.desk.engine.sync_account(account) for account in workbench.active_account_ids()]
        finally:
            demo.stop()
        problems = [report.problem for report in reports if report.problem is not None]
        if problems:
            raise RuntimeError(f"the first sync failed: {', '.join(problems)}")
        forms = _one_stop_forms(workbench)
        window = MainWindow(workbench)
        window.resize(1280, 760)
        window.show()
        _until_settled(app, window)
        image = window.grab().toImage()
        rows = window.documents.rowCount()
        window.close()
        window.deleteLater()
        if image.isNull() or image.width() == 0:
            raise RuntimeError("the main window did not render")
        if rows == 0:
            raise RuntimeError("the main window shows no rows")
    finally:
        workbench.close()
    return (
        f"fresh profile migrated to {revision}, synced from the demo service on loopback; "
        f"main window rendered {image.width()}×{image.height()}, {rows} rows; {forms} one-stop forms made"
    )


def _one_stop_forms(workbench: Workbench) -> int:
    """Every one-stop form renders from a synced dossier: the program carries its templates and jinja2."""
    from app.domain.item_lists import DossierFilter
    from app.one_stop_forms import FormKind, form_html

    rows = workbench.dossier_page(DossierFilter(), 0, 1)
    detail = workbench.dossier_for_forms(rows[0].id) if rows else None
    if detail is None:
        raise RuntimeError("no dossier synced to make a one-stop form of")
    # form 04 needs a new appointment: given here, so every template is rendered
    detail = replace(detail, fields=detail.fields | {"extended_due_at": workbench.clock.now()})
    for kind in FormKind:
        form_html(kind, detail, workbench.unit_name(), workbench.clock.now())
    return len(FormKind)
