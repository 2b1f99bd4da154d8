"""The one-stop forms read from a real cache: an action taken on this desk is on its form at once,
before the service has it in the dossier's history."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest
from sqlalchemy import select

from app.domain.errors import DomainError
from app.domain.item_lists import DossierFilter
from app.domain.statuses import OutboxStatus
from app.domain.workflow import DossierState
from app.one_stop_forms import FormKind
from app.workbench import Workbench
from local_db.models import Account, OutboxEntry
from tests.demo_cache import fill_demo_cache

OFFICIAL = "Nguyễn Thị Thu (mới)"  # the demo cache's account of the new system


def in_progress(workbench: Workbench) -> int:
    fill_demo_cache(workbench, 300)
    rows = workbench.dossier_page(DossierFilter(), 0, 1000)
    return next(row.id for row in rows if row.state == DossierState.IN_PROGRESS)


def test_a_supplement_requested_offline_is_on_form_02_with_its_reason(workbench: Workbench) -> None:
    dossier_id = in_progress(workbench)
    synced = workbench.item_detail("dossier", dossier_id)
    assert synced is not None
    workbench.perform("dossier", dossier_id, "comment", {"text": "Gọi điện cho người nộp"})
    workbench.perform("dossier", dossier_id, "request_supplement", {"reason": "Bản sao sổ hộ khẩu\nLý do: thiếu"})

    detail = workbench.dossier_for_forms(dossier_id)
    assert detail is not None and detail.trail[: len(synced.trail)] == synced.trail
    [entry] = detail.trail[len(synced.trail) :]  # the comment is no step of the dossier
    assert entry["action"] == "request_supplement" and entry["state"] == int(DossierState.SUPPLEMENT_REQUESTED)
    assert entry["by"] == OFFICIAL and entry["reason"] == "Bản sao sổ hộ khẩu\nLý do: thiếu" and entry["pending"]
    assert datetime.fromisoformat(entry["at"]) == workbench.clock.now()

    page = workbench.one_stop_form(FormKind.SUPPLEMENT, dossier_id)
    assert "<b>Bản sao sổ hộ khẩu</b>" in page and "Lý do: <b>thiếu</b>" in page and OFFICIAL in page


def test_a_registration_waiting_to_sync_is_not_told_twice(workbench: Workbench) -> None:
    """The desk writes a dossier it registers with its first history entry (app.counter_intake)."""
    dossier_id = in_progress(workbench)
    synced = workbench.item_detail("dossier", dossier_id)
    assert synced is not None
    with workbench.cache.sessions.begin() as session:
        account_id = session.scalar(select(Account.id).order_by(Account.id))
        session.add(OutboxEntry(mutation_id=str(uuid.uuid4()), account_id=account_id, item_kind="dossier",
                                item_id=dossier_id, action="register", base_version=0, payload={},
                                created_at=workbench.clock.now(), status=OutboxStatus.PENDING))  # fmt: skip
    detail = workbench.dossier_for_forms(dossier_id)
    assert detail is not None and detail.trail == synced.trail


def test_a_dossier_no_longer_in_the_cache_has_no_form(workbench: Workbench) -> None:
    assert workbench.dossier_for_forms(10**9) is None
    with pytest.raises(DomainError):
        workbench.one_stop_form(FormKind.RECEIPT, 10**9)
