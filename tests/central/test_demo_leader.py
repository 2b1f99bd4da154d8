"""The demo's official is a leader of her ward, so a demo shows a 1022 report's whole way on one desk, the
answer's approval included (a leader's act: app.domain.feedback_approval); a demo kept from before is
made one at its next start."""

from __future__ import annotations

from pathlib import Path

from app.desk import Desk
from app.profile import Profile
from kernel.clock import FixedClock
from local_db.models import Account
from sandbox.demo import DEMO_LOGIN, start_demo_central
from tests.conftest import DEMO_NOW


def test_the_demo_official_is_a_leader_even_in_a_demo_kept_from_before(tmp_path: Path) -> None:
    clock = FixedClock(DEMO_NOW)
    first = start_demo_central(tmp_path / "demo-central", clock, items=10, signatures=False)
    first.central.set_role(DEMO_LOGIN, "official")  # as a demo started before the role mattered left it
    first.stop()
    demo = start_demo_central(tmp_path / "demo-central", clock, items=10, signatures=False)
    desk = Desk(Profile(tmp_path / "desk"), clock, session_only=True)
    try:
        added = desk.accounts.add_account(demo.source, demo.login, demo.password)
        with desk.cache.sessions() as session:
            assert session.get_one(Account, added.account_id).service_role == "leader"
    finally:
        desk.close()
        demo.stop()
