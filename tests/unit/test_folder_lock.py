"""One training session per folder, across programs: the operating system's file lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sandbox.training.folder_lock import FolderLock

HOLDER = """
import sys
from pathlib import Path
from sandbox.training.folder_lock import FolderLock
lock = FolderLock(Path(sys.argv[1]))
print("held" if lock.acquire() else "refused", flush=True)
sys.stdin.readline()
"""
ROOT = Path(__file__).resolve().parents[2]


def test_another_program_holding_the_folder_is_seen_and_its_end_frees_it(tmp_path: Path) -> None:
    path = tmp_path / "training" / ".lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        mine = FolderLock(path)
        assert not mine.acquire() and not mine.held
    finally:
        holder.communicate("\n", timeout=30)
    assert mine.acquire() and mine.held  # the holder ended: free again
    mine.release()


def test_in_one_program_a_second_lock_on_the_same_file_is_refused_until_the_first_lets_go(tmp_path: Path) -> None:
    first, second = FolderLock(tmp_path / ".lock"), FolderLock(tmp_path / ".lock")
    assert first.acquire() and first.acquire()  # again by the holder: still held, no error
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()
