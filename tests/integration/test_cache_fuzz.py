"""A cache file damaged in many ways, each from a fixed seed: whatever the damage, Ward Desk starts with a
usable cache, says what happened in Vietnamese, keeps the damaged file aside, rescues every unsent
action SQLite can still read (and sends none it cannot trust), and resyncs from scratch; a newer
version's file and another program's database are refused untouched.

Each case starts as the app does (``Workbench.open``; ``ui.main``'s own function where a question is
asked). Damage SQLite cannot see at start is met as in the app: by the window's reads or the background
check, then the next start rebuilds. Which rows are "still readable" is said by plain sqlite3, one row
at a time, on the damaged file (``readable_rows``), not by the code under test. Every case opens the
real window offscreen.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from keyring.backends import fail
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine

import ui.confirm
from app.credentials import CredentialStore
from app.domain.errors import DomainError
from app.domain.item_lists import EVERY_DOCUMENT, EVERY_DOSSIER
from app.error_kinds import ErrorKind, kind_of
from app.local_cache import ForeignDatabaseError, NewerDatabaseError
from app.profile import Profile
from app.workbench import Workbench
from central.models import CentralBase
from kernel.clock import FixedClock
from local_db.cache_health import DAMAGE_MARK
from tests.conftest import DEMO_NOW
from tests.integration import damaged_caches as damaged
from tests.integration.damaged_caches import Damage, Snapshot
from ui import main as ui_main
from ui.cache_notices import damaged_text, recovery_text
from ui.main_window import MainWindow

VIETNAMESE_RECOVERY = "Tệp dữ liệu trên máy này bị hỏng ("
INTACT = "intact pages"  # only the header, the schema or its text is damaged: every action comes back
RANDOM = "random"  # wherever the damage falls: what SQLite still reads comes back
LATE = "found in use"  # SQLite's checks pass it: the window's reads or the background check find it
REFUSED = "refused"  # a newer version's file, another program's database


@dataclass(frozen=True)
class Case:
    name: str
    damage: Damage
    family: str = RANDOM


def _random_pages(seed: int) -> Damage:
    pick = random.Random(seed)
    return damaged.zeroed_pages(sorted(pick.sample(range(2, 140), pick.randint(1, 3))))


def _photos(path: Path) -> None:
    path.unlink()
    damaged.written(path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    damaged.written(path, "INSERT INTO photos (name) VALUES ('Tết 2026')")


def _central_service(path: Path) -> None:
    """The reference service's own SQLite database: "document", "account"… but none of the desk's tables."""
    path.unlink()
    engine = create_engine(f"sqlite:///{path}")
    CentralBase.metadata.create_all(engine)
    engine.dispose()


def _revision(value: bytes | None) -> Damage:
    def damage(path: Path) -> None:
        if value is None:
            damaged.written(path, "DELETE FROM alembic_version")
        else:
            damaged.written(path, "UPDATE alembic_version SET version_num = CAST(? AS TEXT)", (value,))

    return damage


CASES = [
    *(Case(f"few flipped bytes #{seed}", damaged.flipped(random.Random(seed).randint(1, 8), seed))
      for seed in range(1, 13)),
    *(Case(f"{count} flipped bytes #{seed}", damaged.flipped(count, seed))
      for count in (200, 1000, 5000) for seed in range(1, 5)),
    Case("zeroed header", damaged.zeroed(0, 100), INTACT),
    Case("zeroed header page", damaged.zeroed_pages([1]), INTACT),
    Case("random header #1", lambda path: path.write_bytes(random.Random(1).randbytes(100) + path.read_bytes()[100:]),
         INTACT),
    Case("random header #2", lambda path: path.write_bytes(random.Random(2).randbytes(100) + path.read_bytes()[100:]),
         INTACT),
    *(Case(f"zeroed pages #{seed}", _random_pages(seed)) for seed in range(1, 7)),
    Case("zeroed schema pages", damaged.zeroed_pages_of("sqlite_schema"), INTACT),
    Case("zeroed outbox pages", damaged.zeroed_pages_of("outbox_entry")),
    Case("zeroed account pages", damaged.zeroed_pages_of("account")),
    Case("zeroed document pages", damaged.zeroed_pages_of("document")),
    *(Case(f"truncated to {int(part * 100)} %", damaged.truncated(part))
      for part in (0.1, 0.5, 0.9, 0.99)),
    Case("outbox schema text", damaged.flipped_in_text(b"CREATE TABLE outbox_entry", 30), INTACT),
    Case("account schema text", damaged.flipped_in_text(b"CREATE TABLE account", 22), INTACT),
    Case("document schema text", damaged.flipped_in_text(b"CREATE TABLE document", 40), INTACT),
    Case("document subject not UTF-8", damaged.bad_text("document", "subject", 5), LATE),
    Case("dossier applicant not UTF-8", damaged.bad_text("dossier", "applicant_name", 3), LATE),
    Case("comment body not UTF-8", damaged.bad_text("comment", "body", 2), LATE),
    Case("outbox payload not UTF-8", damaged.bad_text("outbox_entry", "payload", 2)),
    Case("account name not UTF-8", damaged.bad_text("account", "display_name", 1)),
    Case("revision not UTF-8", _revision(b"0015_reject_par\xffms"), INTACT),
    Case("revision of a known number", _revision(b"0015_rejeXt_params"), INTACT),
    Case("revision row lost", _revision(None), INTACT),
    Case("empty file", damaged.emptied),
    Case("newer version", damaged.made_newer, REFUSED),
    Case("another program's photos", _photos, REFUSED),
    Case("the central service's database", _central_service, REFUSED),
]  # fmt: skip


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Snapshot]]:
    profile = Profile(tmp_path_factory.mktemp("base") / "profile")
    damaged.build_cache(profile, FixedClock(DEMO_NOW))
    yield profile.database_path, Snapshot.of(profile.database_path)


def start(profile: Profile) -> Workbench:
    return Workbench.open(profile, FixedClock(DEMO_NOW), CredentialStore(fail.Keyring()))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_damaged_cache_starts_rescued_and_told(
    case: Case, base: tuple[Path, Snapshot], tmp_path: Path, qtbot: QtBot, vietnamese: QTranslator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    source, originals = base
    profile = Profile(tmp_path / "profile")
    profile.create_folders()
    shutil.copyfile(source, profile.database_path)
    case.damage(profile.database_path)
    if case.family == REFUSED:
        _refused_untouched(profile, monkeypatch)
        return
    workbench = start(profile)
    if workbench.cache.recovery is None:  # not seen at start: met by the window's reads or the background check
        found = _found_in_use(workbench, profile)
        workbench.close()
        if not found:
            assert case.family == RANDOM, "this damage must be found"
            _sound(profile)  # the flips fell inside values SQLite cannot tell from data
            sound = start(profile)
            try:
                window = _window_opens(sound, qtbot, vietnamese)
                qtbot.waitUntil(lambda: window.tasks.idle, timeout=15_000)
            finally:
                sound.close()
            return
        workbench = start(profile)
    damaged_bytes = damaged.digest(workbench.cache.recovery.moved_to)  # type: ignore[union-attr]
    try:
        _rescued_all_readable(workbench, originals, tmp_path, case)
        _usable_and_resyncing(workbench, originals)
        assert recovery_text(workbench.cache.recovery).startswith(VIETNAMESE_RECOVERY)  # type: ignore[arg-type]
        _window_says_it(workbench, qtbot, vietnamese)
    finally:
        workbench.close()
    assert damaged.digest(workbench.cache.recovery.moved_to) == damaged_bytes  # type: ignore[union-attr]


def _found_in_use(workbench: Workbench, profile: Profile) -> bool:
    """Every list read as the window would, then the background check; whether damage was found (and if
    so, that the file is marked, the user told in Vietnamese, and no action sent meanwhile)."""
    try:
        for page in range(0, workbench.count_documents() + 100, 100):
            workbench.document_page(EVERY_DOCUMENT, page, 100)
        for page in range(0, workbench.count_dossiers() + 100, 100):
            workbench.dossier_page(EVERY_DOSSIER, page, 100)
    except Exception as error:  # the window tells its failure; the background check below must say why
        assert kind_of(error) is ErrorKind.CACHE_DAMAGED or isinstance(error, ValueError), error  # a damaged date
    workbench.check_cache_file()
    seen = workbench.cache.damage.first
    if seen is None:
        return False
    assert (profile.root / DAMAGE_MARK).exists()
    assert damaged_text(seen).startswith("Tệp dữ liệu trên máy này bị hỏng (")
    return True


def _sound(profile: Profile) -> None:
    """What no check finds: every table reads whole (its text UTF-8) and SQLite's pages hold together. (A
    damaged index page is not seen until a query uses that index: then SQLite says "malformed", and the
    window tells it and marks the file as any damage met in use.)"""
    connection = sqlite3.connect(profile.database_path)
    try:
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
        for table in ("document", "dossier", "comment", "outbox_entry", "account", "source", "audit_log"):
            connection.execute(f"SELECT * FROM {table}").fetchall()
    finally:
        connection.close()


def _rescued_all_readable(workbench: Workbench, originals: Snapshot, tmp_path: Path, case: Case) -> None:
    """Every unsent action SQLite still reads as written (with its item, account and system) is in the
    fresh cache under its id and mutation id; every action to be sent is exactly as written; the counts
    told add up; nothing settled comes back."""
    recovery = workbench.cache.recovery
    assert recovery is not None and recovery.moved_to.parent.parent == workbench.cache.profile.backups_dir
    readable = damaged.readable_rows(recovery.moved_to, originals, tmp_path / "reference")
    fresh = Snapshot.of(workbench.cache.profile.database_path)

    def intact(table: str, rowid: object) -> bool:
        return isinstance(rowid, int) and readable[table].get(rowid) == originals.tables[table].get(rowid) is not None

    for rowid, row in originals.unsettled().items():
        kind = row["item_kind"].decode()
        account = originals.tables["account"][row["account_id"]]
        item = originals.tables[kind][row["item_id"]]
        if intact("outbox_entry", rowid) and intact(kind, row["item_id"]) and intact("account", row["account_id"]) \
                and intact("source", account["source_id"]) and intact("source", item["source_id"]):  # fmt: skip
            rescued = fresh.tables["outbox_entry"].get(rowid)
            assert rescued is not None and rescued["mutation_id"] == row["mutation_id"], f"action {rowid} not rescued"
    for rowid, row in originals.tables["account"].items():
        if intact("account", rowid) and intact("source", row["source_id"]):
            assert fresh.tables["account"][rowid] == row
    for rowid, row in fresh.tables["outbox_entry"].items():
        if row["status"] == b"pending":
            _sent_as_written(rowid, row, fresh, originals)
    assert all(row["status"] in damaged.UNSETTLED_BYTES for row in fresh.tables["outbox_entry"].values())
    assert recovery.actions_kept + recovery.actions_held == len(fresh.tables["outbox_entry"])
    if not recovery.lost_uncertain:  # none lost unsaid (a settled action whose status was damaged counts too)
        assert recovery.actions_kept + recovery.actions_held + recovery.actions_lost >= len(originals.unsettled())
    assert recovery.accounts == len(fresh.tables["account"])
    if case.family == INTACT:
        assert (recovery.actions_kept, recovery.actions_held, recovery.actions_lost) == (
            len(originals.unsettled()), 0, 0)  # fmt: skip
    if case.name == "outbox payload not UTF-8":
        held = fresh.tables["outbox_entry"][2]
        assert (held["status"], held["reject_code"]) == (b"stranded", b"damaged_here") and recovery.actions_held == 1


SENT = ("mutation_id", "account_id", "item_kind", "item_id", "action", "base_version", "payload")


def _sent_as_written(rowid: int, row: damaged.Row, fresh: Snapshot, originals: Snapshot) -> None:
    """An action the next sync sends says exactly what the user did, to the item the user did it on."""
    original = originals.tables["outbox_entry"].get(rowid)
    assert original is not None and all(row[name] == original[name] for name in SENT), f"action {rowid} altered"
    kind = row["item_kind"].decode()
    item, was = fresh.tables[kind][row["item_id"]], originals.tables[kind][row["item_id"]]
    assert (item["source_id"], item["remote_id"]) == (was["source_id"], was["remote_id"]), f"action {rowid}'s item"


def _usable_and_resyncing(workbench: Workbench, originals: Snapshot) -> None:
    """The fresh cache reads, searches and takes a new action (on an item rescued as it was: one read wrong
    waits for the sync's copy); nothing says it is up to date, so the next sync downloads everything."""
    assert workbench.count_documents() >= 0 and workbench.search("ý kiến") is not None
    assert all(status.last_success_at is None for status in workbench.account_statuses())
    fresh = Snapshot.of(workbench.cache.profile.database_path)
    intact = [
        rowid for rowid, row in fresh.tables["document"].items() if originals.tables["document"].get(rowid) == row
    ]
    if intact:
        try:
            workbench.perform("document", intact[0], "comment", {"text": "Đã kiểm tra lại sau khi khôi phục"})
        except DomainError as error:  # its system's account could not be rescued
            assert error.code == "action.no_account"


def _window_opens(workbench: Workbench, qtbot: QtBot, vietnamese: QTranslator) -> MainWindow:
    window = MainWindow(workbench, translator=vietnamese)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window._first_rows, timeout=15_000)
    return window


def _window_says_it(workbench: Workbench, qtbot: QtBot, vietnamese: QTranslator) -> None:
    window = _window_opens(workbench, qtbot, vietnamese)
    assert window.cache_notice.isVisible()
    assert window.cache_notice.text() == recovery_text(workbench.cache.recovery)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.tasks.idle, timeout=15_000)


def _refused_untouched(profile: Profile, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused before anything is written, said in Vietnamese; another program's file stays where it is
    and Ward Desk starts in a folder of its own beside it once the user agrees."""
    before = damaged.digest(profile.database_path)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text: said.append(text))
    monkeypatch.setattr(ui.confirm, "confirm", lambda _parent, _title, question, _go: said.append(question) or True)
    with pytest.raises((NewerDatabaseError, ForeignDatabaseError)) as refused:
        start(profile)
    workbench = ui_main._open_workbench(profile, session_only=True)
    assert damaged.digest(profile.database_path) == before and list(profile.backups_dir.iterdir()) == []
    assert len(said) == 1 and str(profile.database_path) in said[0]
    if isinstance(refused.value, NewerDatabaseError):
        assert workbench is None and "phiên bản Ward Desk mới hơn" in said[0]
        return
    assert "không phải là cơ sở dữ liệu của Ward Desk" in said[0] and str(profile.beside().root) in said[0]
    assert workbench is not None and workbench.cache.profile == profile.beside()
    try:
        assert workbench.count_documents() == 0 and workbench.cache.recovery is None
    finally:
        workbench.close()
