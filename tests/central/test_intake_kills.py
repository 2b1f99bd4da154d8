"""Kills inside intake: a counter process registering dossiers with scans offline is SIGKILLed at
random points (copying a scan, inside the transaction, between two dossiers), many times. After each
kill the cache is sound, every dossier the counter said was saved is there whole (its outbox entry,
audit entry and files matching their SHA-256), no half-written dossier is left, and files a killed
intake had copied are removed by the next one. Then one sync brings every dossier and file to the
service exactly once, with the code its receipt shows."""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from app.counter_intake import INTAKE_FOLDER
from app.profile import Profile
from central import models as server
from tests.central.conftest import Central
from tests.central.test_kill_harness import ROOT, _worker
from tests.central.test_sync_engine import open_desk

ROUNDS = 14
SCAN_SIZES = (1_500_000, 2_500_000)  # large enough that some kills land while a scan is being copied


def _intake_worker(
    central: Central, profile: Path, files: Path, first: int, count: int = 1000
) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.harness.intake_worker", "--profile", str(profile), "--files", str(files),
               "--first", str(first), "--count", str(count), "--now", central.clock.now().isoformat()]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _calibrate(central: Central, profile: Path, files: Path, saved: dict[str, int]) -> float:
    """How long one intake takes on this machine (the longest of three): kills are spread over it."""
    worker = _intake_worker(central, profile, files, first=1, count=3)
    assert worker.stdout is not None
    lines = [(time.monotonic(), line) for line in worker.stdout if line.startswith(("ready", "registered "))]
    _out, err = worker.communicate(timeout=60)
    assert worker.returncode == 0 and len(lines) == 4, err
    saved.update(_saved("".join(line for _, line in lines)))
    moments = [moment for moment, _ in lines]
    return max(later - earlier for earlier, later in itertools.pairwise(moments))


def _saved(out: str) -> dict[str, int]:
    """Codes the counter reported saved, with their dossier ids."""
    found = {}
    for line in out.splitlines():
        if line.startswith("registered "):
            _, code, dossier_id = line.split()
            found[code] = int(dossier_id)
    return found


def _check_cache(profile: Path, saved: dict[str, int], digests: dict[str, str]) -> tuple[int, int]:
    """The invariants after a kill; (dossiers taken in, intake files on disk)."""
    folder = Profile(profile).root / "attachments"
    connection = sqlite3.connect(Profile(profile).database_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        dossiers = dict(connection.execute("SELECT code, id FROM dossier WHERE remote_id IS NULL").fetchall())
        for code, dossier_id in saved.items():
            assert dossiers.get(code) == dossier_id, f"{code} was reported saved and is not in the cache"
        for dossier_id in dossiers.values():
            entries = connection.execute(
                "SELECT action FROM outbox_entry WHERE item_kind = 'dossier' AND item_id = ?", (dossier_id,)
            ).fetchall()
            audits = connection.execute(
                "SELECT count(*) FROM audit_log WHERE item_kind = 'dossier' AND item_id = ?", (dossier_id,)
            ).fetchone()[0]
            files = connection.execute(
                "SELECT file_name, size, sha256, local_path FROM attachment"
                " WHERE item_kind = 'dossier' AND item_id = ?",
                (dossier_id,),
            ).fetchall()
            assert entries == [("register",)] and audits == 1, (dossier_id, entries, audits)
            assert sorted((name, sha) for name, _size, sha, _path in files) == sorted(digests.items())
            for _name, size, sha, path in files:
                content = (folder / path).read_bytes()
                assert len(content) == size and hashlib.sha256(content).hexdigest() == sha
        orphans = connection.execute(
            "SELECT count(*) FROM attachment a LEFT JOIN dossier d ON d.id = a.item_id "
            "WHERE a.item_kind = 'dossier' AND d.id IS NULL"
        ).fetchone()[0]
        assert orphans == 0
    finally:
        connection.close()
    on_disk = len(list((folder / INTAKE_FOLDER).glob("*"))) if (folder / INTAKE_FOLDER).is_dir() else 0
    return len(dossiers), on_disk


def test_kills_inside_intake_lose_no_saved_dossier_and_leave_none_half_written(
    central: Central, tmp_path: Path
) -> None:
    rng = random.Random(20261203)
    profile, files = tmp_path / "desk", tmp_path / "scans"
    files.mkdir()
    for index, size in enumerate(SCAN_SIZES):
        (files / f"ban-quet-{index + 1}.pdf").write_bytes(b"%PDF-1.4\n" + rng.randbytes(size))
    digests = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in files.iterdir()}
    desk = open_desk(central, profile)
    assert desk.sync().problem is None  # the catalogue and a block of numbers; then offline
    desk.cache.close()

    saved: dict[str, int] = {}
    one_intake = _calibrate(central, profile, files, saved)
    log, leftovers = [], 0
    for round_index in range(ROUNDS):
        worker = _intake_worker(central, profile, files, first=1 + 100 * (round_index + 1))
        assert worker.stdout is not None and worker.stdout.readline().strip() == "ready"
        finished = [worker.stdout.readline() for _ in range(rng.randint(0, 2))]  # a few intakes, then kill
        time.sleep(rng.uniform(0, 1.2 * one_intake))  # inside the next one
        os.kill(worker.pid, signal.SIGKILL)
        out, err = worker.communicate(timeout=30)
        assert worker.returncode == -signal.SIGKILL, err
        saved.update(_saved("".join(finished) + out))
        taken_in, on_disk = _check_cache(profile, saved, digests)
        leftovers += on_disk - taken_in * len(SCAN_SIZES)  # copies of the killed intake, removed next round
        log.append(f"round {round_index}: saved {len(saved)}, in cache {taken_in}, files {on_disk}")
    # not vacuous: with kills spread over one intake's time, some land between a copy and its transaction
    assert leftovers > 0, "\n".join(log)

    final = _intake_worker(central, profile, files, first=10_000, count=1)  # it removes what kills left
    out, err = final.communicate(timeout=60)
    assert final.returncode == 0, err
    saved.update(_saved(out))
    taken_in, on_disk = _check_cache(profile, saved, digests)
    assert on_disk == taken_in * len(SCAN_SIZES)  # no copy left that no row names

    sync = _worker(central, profile)  # the sync worker of the kill harness pushes and sends everything
    out, err = sync.communicate(timeout=300)
    assert sync.returncode == 0, f"{out}\n{err}"
    with sqlite3.connect(Profile(profile).database_path) as connection:
        outcomes = connection.execute("SELECT status, count(*) FROM outbox_entry GROUP BY status").fetchall()
    connection.close()
    assert outcomes == [("applied", taken_in)], outcomes  # saved, and killed after the commit before saying so
    with central.service.sessions() as session:
        codes = set(session.scalars(select(server.Dossier.code).where(server.Dossier.code.in_(list(saved)))))
        stored = session.scalar(
            select(func.count())
            .select_from(server.Attachment)
            .join(server.Dossier, server.Dossier.id == server.Attachment.item_id)
            .where(server.Attachment.item_kind == "dossier", server.Dossier.code.in_(list(saved)))
        )
    assert codes == set(saved)  # each dossier reported saved reached the service with its code
    assert stored == len(saved) * len(SCAN_SIZES)  # and each of its scans, once
    print(f"\nintake kills: rounds={ROUNDS} one intake={one_intake * 1000:.0f} ms saved={len(saved)} "
          f"copies left by kills={leftovers}")  # fmt: skip
