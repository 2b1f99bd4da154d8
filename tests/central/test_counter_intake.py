"""Intake at the counter against the real service on loopback: the catalogue and blocks of dossier
numbers arrive by sync, and desks register offline for days without ever sharing a code."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.counter_intake import CounterIntake, IntakeForm
from app.domain.dossier_intake import Applicant
from app.domain.errors import DomainError
from app.domain.procedures import DossierComponent
from app.settings import Settings
from central import models as server
from central.seed import add_account
from central.server import start_in_thread
from kernel.clock import VN_TZ
from local_db.models import Attachment, CodeBlock, Dossier, OutboxEntry, Procedure
from tests.central.conftest import WARD_A, Central
from tests.central.test_sync_engine import Desk, open_desk

SECOND_PASSWORD = "Mật-khẩu-Hoa-2026!"


@pytest.fixture
def desk(central: Central, tmp_path: Path) -> Iterator[Desk]:
    opened = open_desk(central, tmp_path / "desk")
    yield opened
    opened.cache.close()


def intake_of(desk: Desk, central: Central) -> CounterIntake:
    return CounterIntake(desk.cache, central.clock, Settings)


def form(applicant: str = "Nguyễn Văn An", files: tuple[Path, ...] = ()) -> IntakeForm:
    papers = (DossierComponent("Tờ khai đăng ký khai sinh theo mẫu"), DossierComponent("Giấy chứng sinh"))
    person = Applicant(applicant, id_number="079203001234", phone="0903 123 456", address="12 Lê Lợi")
    return IntakeForm("1.001193", person, "in_person", papers, files)


def server_codes(central: Central) -> list[str]:
    with central.service.sessions() as session:
        registered = select(server.Dossier.code).where(server.Dossier.history[0]["action"].as_string() == "register")
        return list(session.scalars(registered))


def test_a_first_sync_brings_the_catalogue_and_a_block_of_numbers_then_costs_one_request(
    desk: Desk, central: Central
) -> None:
    assert desk.sync().problem is None
    assert desk.count(Procedure) == 33
    with desk.cache.sessions() as session:
        blocks = session.scalars(select(CodeBlock)).all()
    assert [(b.first_seq, b.last_seq, b.valid_from, b.valid_to - b.valid_from) for b in blocks] == [
        (1, 100, central.clock.now().date(), timedelta(days=30))
    ]
    again = desk.sync()
    assert (again.problem, again.requests) == (None, 1)
    names = [p.name for p in intake_of(desk, central).procedures()]
    assert "Đăng ký khai sinh" in names and "Chứng thực bản sao từ bản chính giấy tờ, văn bản" in names


def test_a_dossier_registered_offline_keeps_its_code_and_files_once_the_service_has_it(
    desk: Desk, central: Central, tmp_path: Path
) -> None:
    desk.sync()
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    scan = tmp_path / "giay-chung-sinh.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the birth certificate\n")
    registered = intake_of(desk, central).register(form(files=(scan,)))
    day = central.clock.now().strftime("%y%m%d")
    assert registered.code == f"{WARD_A}-{day}-0001"
    assert registered.due_at > registered.received_at
    with desk.cache.sessions() as session:
        dossier = session.get_one(Dossier, registered.dossier_id)
        assert (dossier.sync_state, dossier.remote_id, dossier.state) == ("pending", None, 2)
        attachment = session.scalars(select(Attachment).where(Attachment.item_id == dossier.id)).one()
        assert (desk.cache.profile.attachments_dir / attachment.local_path).read_bytes() == scan.read_bytes()
        assert session.scalars(select(OutboxEntry.action)).all() == ["register"]
    with desk.cache.sessions() as session:  # acted on before the service has it: waits for its server id
        local_id = session.scalars(select(Dossier.id).where(Dossier.code == registered.code)).one()
    desk.actions.perform("dossier", local_id, "comment", {"text": "Công dân hẹn đến nhận lúc 10 giờ"})
    assert desk.sync().problem == "offline"

    central.server = start_in_thread(central.service, port=port)
    back = desk.sync()
    assert (back.problem, back.pushed, back.rejected) == (None, 2, 0)
    with desk.cache.sessions() as session:
        dossiers = session.scalars(select(Dossier).where(Dossier.code == registered.code)).all()
    assert len(dossiers) == 1 and dossiers[0].remote_id is not None and dossiers[0].sync_state == "synced"
    with central.service.sessions() as session:
        stored = session.scalars(select(server.Dossier).where(server.Dossier.code == registered.code)).one()
    assert (stored.applicant_name, stored.applicant_id_number, stored.due_at) == (
        "Nguyễn Văn An",
        "079203001234",
        registered.due_at,
    )
    assert [part["name"] for part in stored.received_components] == ["Tờ khai đăng ký khai sinh theo mẫu",
                                                                      "Giấy chứng sinh"]  # fmt: skip
    with central.service.sessions() as session:
        comment = session.scalars(select(server.Comment).where(server.Comment.item_id == stored.id)).one()
    assert comment.body == "Công dân hẹn đến nhận lúc 10 giờ"


def test_two_desks_offline_for_two_days_register_a_hundred_dossiers_with_distinct_codes(
    central: Central, tmp_path: Path
) -> None:
    with central.service.sessions.begin() as session:
        add_account(session, "hoa.tdm", SECOND_PASSWORD, WARD_A, "Lê Thị Hoa", central.clock.now())
    first = open_desk(central, tmp_path / "desk-1")
    second = open_desk(central, tmp_path / "desk-2", "hoa.tdm", SECOND_PASSWORD)
    assert first.sync().problem is None and second.sync().problem is None
    port = int(central.url.rsplit(":", 1)[1])
    central.server.stop()
    start = central.clock.now()
    printed: dict[str, str] = {}  # code → applicant, as each receipt was printed
    for day in range(2):
        for turn in range(25):
            for number, counter in enumerate((first, second)):
                applicant = f"Công dân {day}-{turn}-{number}"
                printed[intake_of(counter, central).register(form(applicant)).code] = applicant
                central.clock.advance(timedelta(minutes=7))
        central.clock.advance(timedelta(days=1) - timedelta(minutes=7 * 50))
    assert len(printed) == 100
    assert {code.split("-")[1] for code in printed} == {
        (start + timedelta(days=d)).strftime("%y%m%d") for d in range(2)
    }

    central.server = start_in_thread(central.service, port=port)
    for counter in (first, second, first):  # the first desk's last sync pulls the second desk's dossiers
        report = counter.sync()
        assert report.problem is None and report.rejected == 0
    assert sorted(server_codes(central)) == sorted(printed)
    with central.service.sessions() as session:
        stored = dict(session.execute(select(server.Dossier.code, server.Dossier.applicant_name)
                                      .where(server.Dossier.code.in_(list(printed)))).all())  # fmt: skip
    assert stored == printed  # none renumbered after its receipt was printed
    with first.cache.sessions() as session:
        local = session.scalar(select(func.count()).select_from(Dossier).where(Dossier.code.in_(list(printed))))
    assert local == 100
    first.cache.close()
    second.cache.close()


def test_the_service_refuses_a_code_outside_the_desk_s_blocks_or_used_twice(desk: Desk, central: Central) -> None:
    desk.sync()
    registered = intake_of(desk, central).register(form())
    with desk.cache.sessions.begin() as session:  # a forged copy: same code, another mutation
        entry = session.scalars(select(OutboxEntry)).one()
        session.add(OutboxEntry(mutation_id="0b7a2f8e-0000-4000-8000-000000000001", account_id=entry.account_id,
                                item_kind="dossier", item_id=entry.item_id, action="register", base_version=0,
                                payload={**entry.payload, "applicant_name": "Người khác"},
                                created_at=entry.created_at, status="pending"))  # fmt: skip
        outside = {**entry.payload, "code": registered.code[:-4] + "0500"}
        session.add(OutboxEntry(mutation_id="0b7a2f8e-0000-4000-8000-000000000002", account_id=entry.account_id,
                                item_kind="dossier", item_id=entry.item_id, action="register", base_version=0,
                                payload=outside, created_at=entry.created_at, status="pending"))  # fmt: skip
    report = desk.sync()
    assert (report.pushed, report.rejected) == (1, 2)
    codes = [e.reject_code for e in desk.outbox()]
    assert codes == [None, "dossier_code.taken", "dossier_code.not_granted"]
    assert server_codes(central) == [registered.code]


def test_intake_refuses_bad_input_and_writes_nothing(desk: Desk, central: Central, tmp_path: Path) -> None:
    intake = intake_of(desk, central)
    readable = tmp_path / "to-khai.pdf"
    readable.write_bytes(b"%PDF-1.4 a declaration")
    with pytest.raises(DomainError) as no_account_yet:  # before any sync: no numbers, no catalogue
        intake.register(form())
    assert no_account_yet.value.code == "intake.no_procedure"
    desk.sync()
    bad_id = IntakeForm("1.001193", Applicant("Trần B", id_number="12345"), "in_person", form().components)
    wrong_year = Applicant("Trần B", id_number="079203001234", born_on=datetime(1990, 1, 1).date())
    cases = [
        (bad_id, "applicant.bad_id"),
        (IntakeForm("1.001193", wrong_year, "in_person", form().components), "applicant.id_birth_year"),
        (IntakeForm("1.001193", Applicant("  "), "in_person", form().components), "applicant.no_name"),
        (IntakeForm("1.001193", Applicant("Trần B"), "in_person", ()), "intake.no_papers"),
        (IntakeForm("9.999999", Applicant("Trần B"), "in_person", form().components), "intake.no_procedure"),
        (form(files=(Path("/no/such/scan.pdf"),)), "intake.file_unreadable"),
        (form(files=(readable, Path("/no/such/scan.pdf"))), "intake.file_unreadable"),  # the first copied in
    ]
    for bad, code in cases:
        with pytest.raises(DomainError) as refused:
            intake.register(bad)
        assert refused.value.code == code
    assert desk.count(OutboxEntry) == 0
    assert list((desk.cache.profile.attachments_dir / "intake").glob("*")) == []  # no copy left behind
    assert central.clock.now().astimezone(VN_TZ).date() == central.clock.now().date()


def test_copies_no_row_names_are_set_aside_and_forgotten_after_a_month(
    desk: Desk, central: Central, tmp_path: Path
) -> None:
    desk.sync()
    attachments = desk.cache.profile.attachments_dir
    (attachments / "intake" / "a-folder-someone-made").mkdir(parents=True)  # never stops an intake
    (attachments / "intake" / "1a2b3c4d5e6f-ban-quet.pdf").write_bytes(b"a copy a killed intake left")
    (attachments / "intake-unclaimed").mkdir()
    old = attachments / "intake-unclaimed" / "old.pdf"
    old.write_bytes(b"unclaimed for two months")
    two_months_ago = time.time() - 60 * 86400
    os.utime(old, (two_months_ago, two_months_ago))
    scan = tmp_path / "giay-chung-sinh.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    intake_of(desk, central).register(form(files=(scan,)))
    with desk.cache.sessions() as session:
        kept = session.scalars(select(Attachment.local_path)).one()
    assert sorted(path.name for path in (attachments / "intake").iterdir()) == sorted(
        ["a-folder-someone-made", kept.split("/")[-1]]
    )
    assert [path.name for path in (attachments / "intake-unclaimed").iterdir()] == ["1a2b3c4d5e6f-ban-quet.pdf"]
