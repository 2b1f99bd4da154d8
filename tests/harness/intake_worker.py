"""A Ward Desk counter reduced to taking dossiers in, run as a process a harness can SIGKILL.

    python -m tests.harness.intake_worker --profile DIR --files DIR [--count N] [--first N] [--now ISO]

Opens the profile as the app does (its account synced once, so it holds blocks of numbers), then
registers ``--count`` dossiers offline, each with the scans in ``--files`` (the citizen's papers),
through the same CounterIntake the window uses. Prints ``registered <code> <id>`` after each
register call returns — the moment the window would say it is saved — flushed at once, so a parent
that kills this process knows every dossier that must survive. Exit 0 when done.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from keyring.backends import fail

from app.counter_intake import CounterIntake, IntakeForm
from app.credentials import CredentialStore
from app.desk import Desk
from app.domain.dossier_intake import Applicant
from app.domain.procedures import DossierComponent
from app.profile import Profile
from kernel.clock import FixedClock, SystemClock

PROCEDURE = "1.001193"  # Đăng ký khai sinh
PAPERS = (DossierComponent("Tờ khai đăng ký khai sinh theo mẫu"), DossierComponent("Giấy chứng sinh"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="intake_worker", description=__doc__.splitlines()[0])
    parser.add_argument("--profile", required=True, type=Path)
    parser.add_argument("--files", required=True, type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--first", type=int, default=1, help="the number of the first citizen's name")
    parser.add_argument("--now", type=datetime.fromisoformat, help="the service's time (a test's fixed clock)")
    args = parser.parse_args(argv)
    scans = tuple(sorted(args.files.iterdir()))
    clock = FixedClock(args.now) if args.now else SystemClock()
    desk = Desk(Profile(args.profile), clock, CredentialStore(fail.Keyring()))
    try:
        intake = CounterIntake(desk.cache, desk.clock, lambda: desk.settings)
        # as the open dialog has already done: the catalogue read and the promised time shown
        procedure = next(p for p in intake.procedures() if p.code == PROCEDURE)
        intake.promised_due(procedure, desk.clock.now())
        print("ready", flush=True)
        for number in range(args.first, args.first + args.count):
            applicant = Applicant(f"Công dân quầy số {number}", id_number="079203001234")
            registered = intake.register(IntakeForm(PROCEDURE, applicant, "in_person", PAPERS, scans))
            print(f"registered {registered.code} {registered.dossier_id}", flush=True)
        return 0
    finally:
        desk.close()


if __name__ == "__main__":
    sys.exit(main())
