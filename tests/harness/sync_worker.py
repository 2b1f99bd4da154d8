"""A Ward Desk client reduced to its sync loop, run as a process the kill harness can SIGKILL.

    python -m tests.harness.sync_worker --profile DIR --url URL --login L --password-env VAR [--loops N]

Opens the profile as the app does, signs the existing account in again (the password comes from the
environment variable VAR, never from the command line), then syncs until the outbox has no pending
entry and a sync reports no problem. Prints ``ready`` once signed in, then one line per sync, each
flushed at once so a parent that kills this process still sees every line written before the kill.
Exit 0 when done, 1 when ``--loops`` syncs were not enough, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from keyring.backends import fail
from sqlalchemy import select

from app.credentials import CredentialStore
from app.desk import Desk
from app.profile import Profile
from kernel.clock import SystemClock
from local_db.models import Account, Source

PULL_BATCH = 7  # small, so a pull takes many requests and a kill often lands between two of them
RETRY_PAUSE = 0.05


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="sync_worker", description=__doc__.splitlines()[0])
    parser.add_argument("--profile", required=True, type=Path)
    parser.add_argument("--url", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password-env", required=True, metavar="VAR")
    parser.add_argument("--loops", type=int, default=200)
    return parser.parse_args(argv)


def _account_id(cache, url: str, login: str) -> int:
    with cache.sessions() as session:
        query = select(Account.id).join(Source, Source.id == Account.source_id)
        found = session.scalars(query.where(Account.login == login, Source.base_url == url)).all()
    if len(found) != 1:
        raise SystemExit(f"sync_worker: {len(found)} accounts named {login!r} for {url} in this profile")
    return found[0]


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    password = os.environ.get(args.password_env)
    if not password:
        print(f"sync_worker: the environment variable {args.password_env} is not set", file=sys.stderr)
        return 2
    clock = SystemClock()
    desk = Desk(Profile(args.profile), clock, CredentialStore(fail.Keyring()), pull_batch=PULL_BATCH)
    cache, accounts, engine = desk.cache, desk.accounts, desk.engine
    try:
        account_id = _account_id(cache, args.url, args.login)
        accounts.sign_in_again(account_id, password)
        print("ready", flush=True)
        for loop in range(1, args.loops + 1):
            started = time.monotonic()
            report = engine.sync_account(account_id)
            pending = accounts.pending_count(account_id)
            print(
                f"sync {loop}: pushed={report.pushed} rejected={report.rejected} pulled={report.pulled} "
                f"requests={report.requests} problem={report.problem} pending={pending} "
                f"ms={(time.monotonic() - started) * 1000:.0f}",
                flush=True,
            )
            if report.problem is None and pending == 0:
                return 0
            time.sleep(RETRY_PAUSE)
        return 1
    finally:
        desk.close()


if __name__ == "__main__":
    sys.exit(main())
