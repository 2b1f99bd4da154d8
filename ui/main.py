"""Starting Ward Desk: ``ward-desk [--profile DIR] [--demo] [--language vi|en]``."""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

# isort: off
# The core (and SQLAlchemy) before PySide6: PySide's import hook reads back the source of every
# module imported after it (~300 modules here, ~40 ms of a cold start; tests/bench/bench_window.py).
from app.local_cache import ForeignDatabaseError, NewerDatabaseError
from app.logging_setup import configure_logging
from app.profile import PROFILE_ENV, Profile
from app.workbench import Workbench
from kernel.clock import SystemClock

from PySide6.QtCore import QEventLoop, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog
# isort: on

from ui.main_window import MainWindow
from ui.sync_bridge import SyncBridge
from ui.translation import DEFAULT_LANGUAGE, LANGUAGES, install_translator, user_text
from ui.window_layout import fit_to_screen

if TYPE_CHECKING:
    from sandbox.demo import DemoLauncher
    from sandbox.training import Scenario, TrainingSession

log = logging.getLogger(__name__)
DEFAULT_DEMO_ITEMS = 2000
SCREENSHOT_DELAY_MS = 800  # let the first rows paint before grabbing
SCREENSHOT_TIMEOUT_MS = 30_000


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="ward-desk", description="Ward Desk")
    parser.add_argument("--profile", help=f"profile folder (default: ${PROFILE_ENV} or the user data folder)")
    parser.add_argument(
        "--demo", action="store_true", help="start a local demo central service with demo data and sync with it"
    )
    parser.add_argument("--demo-items", type=int, default=DEFAULT_DEMO_ITEMS, help="how many demo items")
    parser.add_argument("--offline", action="store_true", help="start no background sync (work from the cache)")
    parser.add_argument("--training", action="store_true", help="training mode: a sandbox with its own service")
    parser.add_argument("--scenario", help="training scenario id (default: the first one)")
    parser.add_argument("--language", choices=LANGUAGES, help="the UI language (default: the profile's setting)")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the window once shown, then quit")
    parser.add_argument(
        "--self-check", action="store_true",
        help="check this installation (fresh temporary profile, offscreen window, keyring, services), exit 0 if ok",
    )  # fmt: skip
    return parser.parse_args(argv)


def _refuse_database(error: Exception) -> None:
    log.error("%s", error)
    title = QApplication.translate("Startup", "Ward Desk cannot open this profile")
    if isinstance(error, NewerDatabaseError):
        text = QApplication.translate(
            "Startup",
            "The database {path} was written by a newer version of Ward Desk. Install that version, "
            "or start with another profile. The file has not been changed.",
        )
    else:
        text = QApplication.translate(
            "Startup", "The file {path} is not a Ward Desk database. It has not been changed."
        )
    QMessageBox.critical(None, title, text.format(path=error.path))  # type: ignore[attr-defined]


def _open_workbench(profile: Profile, session_only: bool) -> Workbench | None:
    """The profile's workbench; None when its file is refused (told). A newer Ward Desk's file is refused;
    another program's is left where it is, and Ward Desk starts beside it if the user agrees."""
    try:
        return Workbench.open(profile, SystemClock(), session_only=session_only)  # a demo writes no keyring
    except NewerDatabaseError as error:
        _refuse_database(error)
        return None
    except ForeignDatabaseError as error:
        log.error("%s", error)
        if not _start_beside(error.path, profile.beside()):
            return None
    try:
        return Workbench.open(profile.beside(), SystemClock(), session_only=session_only)
    except (NewerDatabaseError, ForeignDatabaseError) as error:
        _refuse_database(error)
        return None


def _start_beside(path: Path, beside: Profile) -> bool:
    """Whether the user starts Ward Desk in ``beside`` while ``path`` (another program's database) stays."""
    from ui.confirm import confirm

    question = QApplication.translate(
        "Startup",
        "The file {path} is not a Ward Desk database: it belongs to another program, so Ward Desk leaves it "
        "as it is. Start Ward Desk with its own data folder {folder} instead? Your accounts are added there "
        "once; move the other program's file away to use this folder again.",
    ).format(path=path, folder=beside.root)
    title = QApplication.translate("Startup", "Ward Desk cannot open this profile")
    return confirm(None, title, question, QApplication.translate("Startup", "Start with its own folder"))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_check:
        from ui.self_check import run_self_check

        return run_self_check()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Ward Desk")
    translator = install_translator(app, args.language or DEFAULT_LANGUAGE)  # for messages before the window
    if args.training:  # its own folder, which the session owns and wipes: no real profile is opened
        try:
            return _run_training(app, args, translator)
        finally:
            if translator is not None:  # a refused start must not leave it behind in this process
                app.removeTranslator(translator)
    profile = Profile.resolve(args.profile)
    profile.create_folders()
    configure_logging(profile)
    workbench = _open_workbench(profile, session_only=args.demo)
    if workbench is None:
        if translator is not None:
            app.removeTranslator(translator)
        return 2
    profile = workbench.cache.profile  # the one beside when the user chose it
    bridge = SyncBridge()
    window = MainWindow(workbench, bridge, translator)
    language = args.language or workbench.settings.language
    if language != (args.language or DEFAULT_LANGUAGE):
        window.switch_language(language)
    if not window.restore_layout():
        fit_to_screen(window, 1440, 900)
    # Quit when this window closes, and only then: an exit() after the event loop has ended would
    # leave Qt refusing every later event loop in the process.
    app.setQuitOnLastWindowClosed(False)
    window.closing.connect(app.quit)
    window.show()
    demo = _demo(profile, workbench, args.demo_items) if args.demo else None
    if args.offline:
        window.work_offline()
    else:
        window.start_services(demo)
        if demo is None and not args.screenshot:  # a demo signs in by itself; a screenshot asks nothing
            window.offer_first_run()
    if args.screenshot:
        _screenshot_when_ready(window, bridge, args.screenshot, wait_for_sync=not args.offline)
    code = app.exec()
    window.uninstall_translator()
    workbench.close()
    if demo is not None:
        demo.stop()
    return code


def _run_training(app: QApplication, args: argparse.Namespace, translator: QTranslator | None) -> int:
    """A sandbox: its own profile and service, seeded from a scenario (asked for when not given); a new
    window after each reset and each change of scenario. Cancelling the choice starts nothing: 0."""
    from sandbox.training import ScenarioError, TrainingError, TrainingSession, default_training_root
    from ui.training_run import TrainingRun

    try:
        scenario = _chosen_scenario(args.scenario)
        if scenario is None:
            return 0
        session = TrainingSession(scenario, Path(args.profile) if args.profile else default_training_root())
        first = _started(session)
        if first is None:
            return 0
    except (ScenarioError, TrainingError) as error:
        log.error("training mode cannot start: %s", error)
        title = QApplication.translate("Startup", "Training mode cannot start")
        QMessageBox.warning(None, title, user_text(error))
        return 2
    run = TrainingRun(session, translator)
    app.setQuitOnLastWindowClosed(False)
    run.finished.connect(app.quit)
    run.open_window(first)
    configure_logging(session.profile)
    if args.screenshot:
        _screenshot_when_ready(run.window, run.bridge, args.screenshot, wait_for_sync=True)  # type: ignore[arg-type]
    code = app.exec()
    run.close()
    return code


def _started(session: TrainingSession) -> Workbench | None:
    """The first start (services seeded from the scenario, the first time test keys made: seconds) on a
    thread, with a progress window so the trainer sees it working. Cancel waits for the start to end
    (services cannot be stopped half-started), then closes it: None. A failed start raises its error."""
    outcome: dict[str, Any] = {}

    def start() -> None:
        try:
            outcome["workbench"] = session.start()
        except BaseException as error:  # handed to the UI thread, raised there
            outcome["error"] = error

    worker = threading.Thread(target=start, daemon=True, name="training-start")
    progress = _starting_progress()
    waiting = QEventLoop()
    poll = QTimer(interval=50)
    poll.timeout.connect(lambda: worker.is_alive() or waiting.quit())
    worker.start()
    poll.start()
    waiting.exec()
    poll.stop()
    cancelled = progress.property("stopping") is True or progress.wasCanceled()
    progress.close()
    progress.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    if cancelled:
        session.close()
        return None
    return outcome["workbench"]


def _starting_progress() -> QProgressDialog:
    translate = QApplication.translate
    progress = QProgressDialog(translate("Startup", "Preparing the training environment…"),
                               translate("Startup", "Cancel"), 0, 0)  # fmt: skip
    progress.setObjectName("trainingStarting")
    progress.setWindowTitle(translate("Startup", "Training mode"))
    progress.setAutoClose(False)
    progress.setMinimumDuration(0)

    def stopping() -> None:  # shown until the start ends: then it closes and nothing opens
        progress.setProperty("stopping", True)
        progress.setLabelText(translate("Startup", "Stopping…"))
        progress.setCancelButton(None)
        progress.show()

    progress.canceled.connect(stopping)
    progress.show()
    return progress


def _demo(profile: Profile, workbench: Workbench, items: int) -> DemoLauncher:
    from sandbox.demo import DemoLauncher  # the service's code only when a demo runs

    return DemoLauncher(profile.root / "demo-central", workbench.clock, items)


def _chosen_scenario(scenario_id: str | None) -> Scenario | None:
    """The scenario asked for, else the trainer's choice (None: cancelled); an unknown id is a
    TrainingError naming the known ones. A file that does not load keeps none of the others from starting."""
    from sandbox.training import Scenario, TrainingError, scan_scenarios

    if scenario_id is None:
        from ui.scenario_chooser import choose_scenario

        return choose_scenario()
    found = scan_scenarios()
    for broken in (entry for entry in found if not isinstance(entry, Scenario)):
        log.warning("a scenario file does not load: %s", broken)
    scenarios = {entry.id: entry for entry in found if isinstance(entry, Scenario)}
    if scenario_id not in scenarios:
        known = ", ".join(scenarios)
        raise TrainingError(
            f"Không có kịch bản tập huấn “{scenario_id}”. Các kịch bản có sẵn: {known}.",
            f"There is no training scenario “{scenario_id}”. The scenarios are: {known}.",
        )
    return scenarios[scenario_id]


def _screenshot_when_ready(window: MainWindow, bridge: SyncBridge, path: Path, wait_for_sync: bool) -> None:
    """After the first sync has painted its rows (or a time limit), save the window and quit."""
    done = {"saved": False}

    def save() -> None:
        if not done["saved"]:
            done["saved"] = True
            QTimer.singleShot(SCREENSHOT_DELAY_MS, lambda: _save_screenshot(window, path))

    if wait_for_sync:
        bridge.sync_finished.connect(lambda _report: save())
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, save)
    else:
        save()


def _save_screenshot(window: MainWindow, path: Path) -> None:
    window.grab().save(str(path))
    window.close()
