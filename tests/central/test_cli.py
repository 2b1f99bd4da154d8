"""The operator's command line (``python -m central``), run in-process against real databases."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.domain.feedback_deadline import FeedbackRule
from app.domain.working_calendar import VN_TZ
from central import cli, cli_commands, server
from central.agency_directory import load_shipped_directory
from central.change_feed import log_size
from central.demo_data import shipped_procedures
from central.models import Account, Agency, ChangeCounter, Document, Dossier, Feedback, Unit
from central.passwords import STRONG, verify_password
from central.server import WorkerSettings, build_service, start_in_thread
from tests.central.conftest import TEST_PASSWORD_COST, WARD_A, WARD_B, ApiClient

PASSWORD = "Mật-khẩu-Lớp-học-2026!"
OTHER_PASSWORD = "Mat-khau-Sai-Gon-2026?"
NEW_PASSWORD = "Đổi-mật-khẩu-2027#"
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user data folder or an operator's environment; hash passwords at the
    tests' light cost (the strong default has a test of its own)."""
    monkeypatch.setattr(cli, "user_data_path", lambda name: tmp_path / "user-data" / name)
    monkeypatch.setattr(cli_commands, "build_service", partial(build_service, password_cost=TEST_PASSWORD_COST))
    monkeypatch.delenv(cli.DATABASE_ENV, raising=False)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    def call(url: str | None, *argv: str, stdin: str | None = None) -> Result:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = cli.main([*(["--database", url] if url else []), *argv])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return call


@contextmanager
def database(url: str) -> Iterator[Session]:
    service = build_service("unified", url, password_cost=TEST_PASSWORD_COST)
    try:
        with service.sessions.begin() as session:
            yield session
    finally:
        service.engine.dispose()


@contextmanager
def serving(url: str) -> Iterator[str]:
    service = build_service("unified", url, password_cost=TEST_PASSWORD_COST)
    server = start_in_thread(service)
    try:
        yield server.url
    finally:
        server.stop()
        service.engine.dispose()


def count(url: str, model: type, *conditions: Any) -> int:
    with database(url) as session:
        return session.scalar(select(func.count()).select_from(model).where(*conditions))


def one_line_error(result: Result) -> str:
    assert result.code == 2, result
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.endswith("\n"), result.err
    assert "Traceback" not in result.err
    return result.err


def create_account(run: Run, url: str, login: str, unit: str, name: str, password: str, *extra: str) -> Result:
    result = run(
        url, "create-account", login, "--unit", unit, "--name", name, *extra, "--password-stdin", stdin=password + "\n"
    )
    assert result.code == 0, result
    return result


def login(base: str, login_name: str, password: str) -> ApiClient:
    client = ApiClient(base)
    response = client.login(login_name, password)
    assert response.status_code == 200, response.text
    return client


def pull(client: ApiClient, cursor: str | None) -> tuple[list[dict[str, Any]], str]:
    return client.all_changes(cursor=cursor)


def document_ids(changes: list[dict[str, Any]]) -> set[str]:
    return {change["id"] for change in changes if change["kind"] == "document"}


def send_document(run: Run, url: str, unit: str, *extra: str) -> int:
    result = run(url, "send-document", "--unit", unit, *extra)
    assert result.code == 0, result
    assert result.out.strip().isdigit(), result.out
    return int(result.out)


# -- init ---------------------------------------------------------------------------------------


def snapshot(url: str) -> dict[str, int]:
    with database(url) as session:
        counts = {
            model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in (Agency, Unit, Account, Document, Dossier, Feedback)
        }
        return {**counts, "log": log_size(session), "counter": session.get_one(ChangeCounter, 1).value}


def test_init_loads_the_directory_and_demo_items_once(run: Run, sqlite_url: str) -> None:
    directory = load_shipped_directory()
    current = sum(1 for entry in directory.agencies if entry.valid_to is None)
    first = run(sqlite_url, "init", "--demo-items", "30")
    assert first.code == 0, first
    after_first = snapshot(sqlite_url)
    assert after_first["Agency"] == len(directory.agencies) == 72
    assert after_first["Unit"] == current
    assert after_first["Document"] + after_first["Dossier"] == 30
    procedures = len(shipped_procedures())
    assert after_first["Feedback"] == 3  # a tenth as many 1022 reports
    assert after_first["log"] == after_first["counter"] == 72 + procedures + 30 + 3
    assert count(sqlite_url, Document, Document.unit_code != WARD_A) == 0
    assert count(sqlite_url, Dossier, Dossier.unit_code != WARD_A) == 0
    assert f"Directory: 72 agencies added (72 in total), {current} units; {procedures} procedures" in first.out
    documents, dossiers = after_first["Document"], after_first["Dossier"]
    added = f"{documents} documents, {dossiers} dossiers and 3 1022 reports added for {WARD_A} ("
    assert added in first.out

    second = run(sqlite_url, "init", "--demo-items", "30")
    assert second.code == 0, second
    assert snapshot(sqlite_url) == after_first
    assert f"Directory: 0 agencies added (72 in total), {current} units; 0 procedures" in second.out
    assert f"Demo items: {WARD_A} (Ủy ban nhân dân Phường Thủ Dầu Một) already has items; none added.\n" in second.out


def test_init_demo_items_for_another_unit_and_refusals(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init", "--demo-items", "10", "--demo-unit", WARD_B).code == 0
    assert count(sqlite_url, Document, Document.unit_code == WARD_B) + count(sqlite_url, Dossier) == 10
    assert "000.00.99.H29" in one_line_error(
        run(sqlite_url, "init", "--demo-items", "5", "--demo-unit", "000.00.99.H29")
    )
    assert count(sqlite_url, Dossier, Dossier.unit_code == "000.00.99.H29") == 0
    assert "--demo-items" in one_line_error(run(sqlite_url, "init", "--demo-unit", WARD_A))
    assert "whole number" in one_line_error(run(sqlite_url, "init", "--demo-items", "-3"))


# -- accounts, documents, the API ---------------------------------------------------------------


def test_accounts_and_a_live_document_reach_only_their_unit(run: Run, database_url: str, tmp_path: Path) -> None:
    outputs: list[Result] = [run(database_url, "init")]
    assert outputs[0].code == 0, outputs[0]
    outputs.append(create_account(run, database_url, "thu.tdm", WARD_A, "Nguyễn Thị Thu", PASSWORD))
    assert outputs[-1].out == (
        f"Account thu.tdm created: Nguyễn Thị Thu, official of {WARD_A} (Ủy ban nhân dân Phường Thủ Dầu Một).\n"
    )
    outputs.append(create_account(run, database_url, "lan.saigon", WARD_B, "Trần Thị Lan", OTHER_PASSWORD))
    with serving(database_url) as base:
        ward_a, ward_b = login(base, "thu.tdm", PASSWORD), login(base, "lan.saigon", OTHER_PASSWORD)
        assert ward_a.tokens["account"] == {
            "login": "thu.tdm",
            "display_name": "Nguyễn Thị Thu",
            "unit_code": WARD_A,
            "role": "official",
            "parallel_until": None,
        }
        assert ward_b.login("thu.tdm", OTHER_PASSWORD).status_code == 401
        first_a, cursor_a = pull(ward_a, None)
        first_b, cursor_b = pull(ward_b, None)
        assert document_ids(first_a) == document_ids(first_b) == set()

        sent = run(
            database_url, "send-document", "--unit", WARD_A, "--subject", "V/v tập huấn Ward Desk", "--urgency", "flash"
        )
        outputs.append(sent)
        assert sent.code == 0, sent
        doc_id = sent.out.strip()
        assert sent.out == f"{doc_id}\n" and doc_id.isdigit()
        other_id = str(send_document(run, database_url, WARD_B))

        changes_a, _ = pull(ward_a, cursor_a)
        changes_b, _ = pull(ward_b, cursor_b)
    assert document_ids(changes_a) == {doc_id}
    assert document_ids(changes_b) == {other_id}
    item = next(change["item"] for change in changes_a if change["id"] == doc_id)
    assert (item["state"], item["direction"], item["urgency"]) == ("received", "incoming", "flash")
    assert item["subject"] == "V/v tập huấn Ward Desk"
    assert item["unit_code"] == WARD_A and item["arrival_number"] is None
    assert item["issued_on"] == datetime.now(VN_TZ).date().isoformat()
    assert item["issuing_agency_name"].startswith("Sở ") and item["number"].isdigit()
    assert item["notation"].startswith("S") and item["notation"].endswith("-VP")
    with database(database_url) as session:
        issuer = session.get(Agency, item["issuing_agency_code"])
        assert issuer is not None and issuer.name == item["issuing_agency_name"] and issuer.valid_to is None
    assert f"Document {doc_id} arrived for {WARD_A}" in sent.err

    for result in outputs:
        for secret in (PASSWORD, OTHER_PASSWORD):
            assert secret not in result.out and secret not in result.err
    if database_url.startswith("sqlite"):
        stored = b"".join(path.read_bytes() for path in tmp_path.glob("central.sqlite3*"))
        assert b"scrypt$" in stored  # the hashes are there: this is the right file
        for secret in (PASSWORD, OTHER_PASSWORD):
            assert secret.encode() not in stored


def test_duplicate_login_changes_nothing(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init").code == 0
    create_account(run, sqlite_url, "thu.tdm", WARD_A, "Nguyễn Thị Thu", PASSWORD)
    with database(sqlite_url) as session:
        before = session.scalar(select(Account.password_hash).where(Account.login == "thu.tdm"))
    again = run(
        sqlite_url,
        "create-account",
        "thu.tdm",
        "--unit",
        WARD_B,
        "--name",
        "Người khác",
        "--password-stdin",
        stdin=OTHER_PASSWORD + "\n",
    )
    assert (
        one_line_error(again) == "python -m central: error: the login “thu.tdm” is already taken; nothing was changed\n"
    )
    with database(sqlite_url) as session:
        accounts = session.scalars(select(Account)).all()
        assert [(a.login, a.display_name, a.unit_code, a.password_hash) for a in accounts] == [
            ("thu.tdm", "Nguyễn Thị Thu", WARD_A, before)
        ]
        assert verify_password(PASSWORD, accounts[0].password_hash)


def test_account_input_errors_are_one_line_and_write_nothing(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init").code == 0
    unknown = run(
        sqlite_url,
        "create-account",
        "a.b",
        "--unit",
        "000.00.99.H29",
        "--name",
        "A",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert "unknown unit “000.00.99.H29”" in one_line_error(unknown)
    missing = one_line_error(run(sqlite_url, "create-account", "a.b", "--unit", WARD_A))
    assert "the following arguments are required: --name" in missing
    assert "is not a date" in one_line_error(
        run(sqlite_url, "create-account", "a.b", "--unit", WARD_A, "--name", "A", "--parallel-until", "2026-13-01")
    )
    assert "contains a space" in one_line_error(
        run(sqlite_url, "create-account", "a b", "--unit", WARD_A, "--name", "A")
    )
    empty = run(sqlite_url, "create-account", "a.b", "--unit", WARD_A, "--name", "A", "--password-stdin", stdin="\n")
    assert "the password is empty" in one_line_error(empty)
    none = run(sqlite_url, "create-account", "a.b", "--unit", WARD_A, "--name", "A", "--password-stdin", stdin="")
    assert "standard input is empty" in one_line_error(none)
    assert count(sqlite_url, Account) == 0


def test_prompted_password_must_be_typed_twice_alike(
    run: Run, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(sqlite_url, "init").code == 0
    answers = iter(["một-mật-khẩu", "mật-khẩu-khác", PASSWORD, PASSWORD])
    prompts: list[str] = []
    monkeypatch.setattr(cli_commands.getpass, "getpass", lambda prompt: prompts.append(prompt) or next(answers))
    args = ("create-account", "thu.tdm", "--unit", WARD_A, "--name", "Nguyễn Thị Thu", "--parallel-until", "2026-12-31")
    assert "the two passwords differ" in one_line_error(run(sqlite_url, *args))
    assert count(sqlite_url, Account) == 0
    created = run(sqlite_url, *args)
    assert created.code == 0, created
    assert created.out.endswith(", usable until 2026-12-31.\n")
    assert prompts == ["Password: ", "Password again: "] * 2
    with database(sqlite_url) as session:
        account = session.scalar(select(Account))
        assert verify_password(PASSWORD, account.password_hash)
        assert account.parallel_until == date(2026, 12, 31)

    def no_terminal(prompt: str) -> str:
        warnings.warn("Can not control echo on the terminal.", cli_commands.getpass.GetPassWarning, stacklevel=2)
        return "echoed"

    monkeypatch.setattr(cli_commands.getpass, "getpass", no_terminal)
    refused = one_line_error(run(sqlite_url, "create-account", "x.y", "--unit", WARD_A, "--name", "X"))
    assert "use --password-stdin" in refused
    assert count(sqlite_url, Account) == 1


def test_set_password_replaces_the_old_one_and_ends_sign_ins(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init").code == 0
    create_account(run, sqlite_url, "thu.tdm", WARD_A, "Nguyễn Thị Thu", PASSWORD)
    with serving(sqlite_url) as base:
        before = login(base, "thu.tdm", PASSWORD)
        changed = run(sqlite_url, "set-password", "thu.tdm", "--password-stdin", stdin=NEW_PASSWORD + "\r\n")
        assert changed.code == 0, changed
        assert changed.out == "Password of thu.tdm changed; 2 active sign-in tokens ended.\n"
        assert NEW_PASSWORD not in changed.out + changed.err
        assert before.get("/v1/me").status_code == 401
        assert ApiClient(base).login("thu.tdm", PASSWORD).status_code == 401
        login(base, "thu.tdm", NEW_PASSWORD)
    unknown = run(sqlite_url, "set-password", "nobody", "--password-stdin", stdin=NEW_PASSWORD + "\n")
    assert one_line_error(unknown) == "python -m central: error: no account with the login “nobody”\n"


@pytest.mark.parametrize(
    ("password", "said"),
    [
        ("x", "the new password must have at least 12 characters; nothing was changed"),
        ("Ngắn-2026", "the new password must have at least 12 characters; nothing was changed"),
        ("9" * 20, "the new password may not repeat one character; nothing was changed"),
        ("nguyen.thi.thu", "the new password may not be the login name; nothing was changed"),
        ("b" * 1001, "the new password may have at most 1000 characters; nothing was changed"),
    ],
)
def test_a_password_the_policy_refuses_is_one_line_and_writes_nothing(
    run: Run, sqlite_url: str, password: str, said: str
) -> None:
    """The one policy of central.password_policy, as the API's password change applies it."""
    assert run(sqlite_url, "init").code == 0
    create = ("create-account", "nguyen.thi.thu", "--unit", WARD_A, "--name", "Nguyễn Thị Thu", "--password-stdin")
    assert said in one_line_error(run(sqlite_url, *create, stdin=password + "\n"))
    assert count(sqlite_url, Account) == 0
    create_account(run, sqlite_url, "nguyen.thi.thu", WARD_A, "Nguyễn Thị Thu", PASSWORD)
    changed = run(sqlite_url, "set-password", "nguyen.thi.thu", "--password-stdin", stdin=password + "\n")
    assert said in one_line_error(changed)
    with database(sqlite_url) as session:
        assert verify_password(PASSWORD, session.scalar(select(Account.password_hash)))


def test_the_command_line_hashes_at_the_strong_cost(run: Run, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_commands, "build_service", build_service)  # as shipped, not the tests' light cost
    assert run(sqlite_url, "init").code == 0
    create_account(run, sqlite_url, "thu.tdm", WARD_A, "Nguyễn Thị Thu", PASSWORD)
    with database(sqlite_url) as session:
        assert session.scalar(select(Account.password_hash)).startswith(f"scrypt${STRONG.n}$8$1$")


# -- acting as another official -------------------------------------------------------------------


def test_act_applies_once_then_the_same_action_is_rejected(run: Run, database_url: str) -> None:
    assert run(database_url, "init").code == 0
    create_account(run, database_url, "lan.tdm", WARD_A, "Trần Thị Lan", PASSWORD)
    create_account(run, database_url, "hoa.saigon", WARD_B, "Lê Thị Hoa", OTHER_PASSWORD)
    doc_id = send_document(run, database_url, WARD_A)
    register = (
        "act",
        "--as",
        "lan.tdm",
        "--kind",
        "document",
        "--item",
        str(doc_id),
        "--action",
        "register",
        "--field",
        "arrival_number=1",
    )
    applied = run(database_url, *register)
    assert (applied.code, applied.err) == (0, "")
    assert applied.out == f"applied: document {doc_id} is now version 2, state registered\n"
    rejected = run(database_url, *register)
    assert rejected.code == 1
    assert rejected.out == (
        "rejected workflow.illegal_action: “Register” is not possible while the item is “Registered”.\n"
    )
    with database(database_url) as session:
        document = session.get_one(Document, doc_id)
        assert (document.state, document.version, document.arrival_number) == ("registered", 2, 1)
        assert document.trail[-1]["by"] == "Trần Thị Lan"
    elsewhere = run(
        database_url, "act", "--as", "hoa.saigon", "--kind", "document", "--item", str(doc_id), "--action", "submit"
    )
    assert (elsewhere.code, elsewhere.out) == (1, "rejected not_found: No such item in your unit's queue.\n")


def test_act_on_a_dossier_by_its_code(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init", "--demo-items", "40").code == 0
    create_account(run, sqlite_url, "lan.tdm", WARD_A, "Trần Thị Lan", PASSWORD)
    with database(sqlite_url) as session:
        dossier = session.scalars(select(Dossier).order_by(Dossier.id)).first()
        session.execute(update(Dossier).where(Dossier.id == dossier.id).values(state=1))
    accept = ("act", "--as", "lan.tdm", "--dossier-code", dossier.code, "--action", "accept")
    assert run(sqlite_url, *accept).out == f"applied: dossier {dossier.id} is now version 2, state accepted\n"
    again = run(sqlite_url, *accept)
    assert again.code == 1 and again.out.startswith("rejected workflow.illegal_action: ")
    refuse = run(
        sqlite_url,
        "act",
        "--as",
        "lan.tdm",
        "--kind",
        "dossier",
        "--item",
        str(dossier.id),
        "--action",
        "start_processing",
    )
    assert refuse.out == f"applied: dossier {dossier.id} is now version 3, state in_progress\n"
    missing = run(
        sqlite_url,
        "act",
        "--as",
        "lan.tdm",
        "--kind",
        "dossier",
        "--item",
        str(dossier.id),
        "--action",
        "request_supplement",
    )
    assert (missing.code, missing.out) == (
        1,
        "rejected workflow.missing_field: “Request a supplement” needs a reason.\n",
    )


def test_act_input_errors(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init").code == 0
    create_account(run, sqlite_url, "lan.tdm", WARD_A, "Trần Thị Lan", PASSWORD)
    base = ("act", "--as", "lan.tdm", "--action", "register")
    assert "--item needs --kind" in one_line_error(run(sqlite_url, *base, "--item", "1"))
    assert "one of the arguments --item --dossier-code is required" in one_line_error(run(sqlite_url, *base))
    assert "no document with the id 99" in one_line_error(run(sqlite_url, *base, "--kind", "document", "--item", "99"))
    assert "no dossier with the code “X”" in one_line_error(run(sqlite_url, *base, "--dossier-code", "X"))
    doc_id = str(send_document(run, sqlite_url, WARD_A))
    nobody = ("act", "--as", "nobody", "--kind", "document", "--item", doc_id, "--action", "register")
    assert "no account with the login “nobody”" in one_line_error(run(sqlite_url, *nobody))
    bad_field = run(sqlite_url, *base, "--kind", "document", "--item", doc_id, "--field", "arrival_number")
    assert "is not key=value" in one_line_error(bad_field)


# -- disabling, units, stats, compaction ------------------------------------------------------------


def test_disable_account_blocks_sign_in(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init").code == 0
    create_account(run, sqlite_url, "thu.tdm", WARD_A, "Nguyễn Thị Thu", PASSWORD)
    create_account(
        run, sqlite_url, "thu.later", WARD_A, "Nguyễn Thị Thu (cũ)", PASSWORD, "--parallel-until", "2031-01-01"
    )
    create_account(
        run, sqlite_url, "thu.early", WARD_A, "Nguyễn Thị Thu (cũ)", PASSWORD, "--parallel-until", "2026-01-10"
    )
    with serving(sqlite_url) as base:
        login(base, "thu.tdm", PASSWORD)
        now_result = run(sqlite_url, "disable-account", "thu.tdm")
        later = run(sqlite_url, "disable-account", "thu.later", "--on", "2030-03-15")
        early = run(sqlite_url, "disable-account", "thu.early", "--on", "2030-03-15")
        refused = ApiClient(base).login("thu.tdm", PASSWORD)
        assert refused.status_code == 403 and refused.json()["code"] == "account_disabled"
        login(base, "thu.later", PASSWORD)  # disabled only from 2030
    with database(sqlite_url) as session:
        accounts = {a.login: a for a in session.scalars(select(Account))}
    disabled_day = accounts["thu.tdm"].disabled_at.astimezone(VN_TZ).date()
    assert abs(datetime.now(VN_TZ) - accounts["thu.tdm"].disabled_at) < timedelta(minutes=1)
    assert accounts["thu.tdm"].parallel_until == disabled_day - timedelta(days=1)
    assert now_result.out.endswith(f"its last day is {disabled_day - timedelta(days=1)}.\n")
    assert accounts["thu.later"].disabled_at == datetime(2030, 3, 15, tzinfo=VN_TZ)
    assert accounts["thu.later"].parallel_until == date(2030, 3, 14)
    assert later.out == "Account thu.later disabled from 2030-03-15 00:00 (Vietnam time); its last day is 2030-03-14.\n"
    assert accounts["thu.early"].parallel_until == date(2026, 1, 10)
    assert early.out.endswith("its last day is 2026-01-10.\n")
    assert "no account" in one_line_error(run(sqlite_url, "disable-account", "nobody"))


def test_create_unit_checks_the_code(run: Run, sqlite_url: str) -> None:
    assert one_line_error(run(sqlite_url, "create-unit", "57.H29", "Phường Thử")) == (
        "python -m central create-unit: error: argument CODE: “57.H29” is not in the form 000.00.00.H29. "
        "(see python -m central create-unit --help)\n"
    )
    lower = one_line_error(run(sqlite_url, "create-unit", "000.00.99.h29", "Phường Thử"))
    assert "may hold only digits, capital letters and dots" in lower
    assert "must not be empty" in one_line_error(run(sqlite_url, "create-unit", "000.00.99.H29", "  "))
    assert count(sqlite_url, Unit) == 0
    created = run(sqlite_url, "create-unit", "000.00.99.H29", "Phường Thử Nghiệm")
    assert (created.code, created.out) == (0, "Unit 000.00.99.H29 created: Phường Thử Nghiệm.\n")
    renamed = run(sqlite_url, "create-unit", "000.00.99.H29", "Phường Tập Huấn")
    assert renamed.out == "Unit 000.00.99.H29 renamed: Phường Thử Nghiệm → Phường Tập Huấn.\n"
    with database(sqlite_url) as session:
        assert [(u.code, u.name) for u in session.scalars(select(Unit))] == [("000.00.99.H29", "Phường Tập Huấn")]
    create_account(run, sqlite_url, "tap.huan", "000.00.99.H29", "Học viên", PASSWORD)


def test_send_document_to_an_unknown_unit(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init").code == 0
    assert "unknown unit “000.00.99.H29”" in one_line_error(run(sqlite_url, "send-document", "--unit", "000.00.99.H29"))
    assert "invalid choice" in one_line_error(run(sqlite_url, "send-document", "--unit", WARD_A, "--urgency", "asap"))
    assert count(sqlite_url, Document) == 0


def test_stats_is_an_aligned_table_of_exact_counts(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init", "--demo-items", "20").code == 0
    create_account(run, sqlite_url, "thu.tdm", WARD_A, "Nguyễn Thị Thu", PASSWORD)
    create_account(run, sqlite_url, "cu.tdm", WARD_A, "Tài khoản cũ", PASSWORD)
    assert run(sqlite_url, "disable-account", "cu.tdm").code == 0
    doc_id = send_document(run, sqlite_url, WARD_A)
    comment = (
        "act",
        "--as",
        "thu.tdm",
        "--kind",
        "document",
        "--item",
        str(doc_id),
        "--action",
        "comment",
        "--field",
        "text=Đã xem",
    )
    assert run(sqlite_url, *comment).out.endswith("; comment 1 added\n")
    result = run(sqlite_url, "stats")
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert len({len(line) for line in lines}) == 1  # values right-aligned in one column
    table = {line.rsplit(maxsplit=1)[0]: int(line.rsplit(maxsplit=1)[1]) for line in lines}
    expected = snapshot(sqlite_url)
    assert table == {
        "Units": expected["Unit"],
        "Agencies": 72,
        "Accounts, active": 1,
        "Accounts, disabled": 1,
        "Documents": expected["Document"],
        "Dossiers": expected["Dossier"],
        "1022 reports": expected["Feedback"],
        "Comments": 1,
        "Attachments": 0,
        "Change log rows": expected["log"],
        "Change counter": expected["counter"],
        "Change log horizon": 0,
    }
    # directory, catalogue, demo items and reports, the document, its comment
    assert expected["counter"] == 72 + len(shipped_procedures()) + 20 + expected["Feedback"] + 1 + 2


def test_compact_keeps_the_last_rows(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init", "--demo-items", "10").code == 0
    before = snapshot(sqlite_url)
    result = run(sqlite_url, "compact", "--keep", "5")
    horizon = before["counter"] - 5
    assert result.out.startswith(f"Change log compacted: horizon {horizon}; 5 of {before['log']} rows kept.")
    assert snapshot(sqlite_url)["log"] == 5
    wider = run(sqlite_url, "compact", "--keep", "50")  # the horizon never moves back
    assert wider.out.startswith(f"Change log compacted: horizon {horizon}; 5 of 5 rows kept.")
    assert "required: --keep" in one_line_error(run(sqlite_url, "compact"))


# -- serving, databases, openapi, help ---------------------------------------------------------------


def test_serve_uses_the_system_port(run: Run, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str, int]] = []
    monkeypatch.setattr(
        cli_commands, "serve_forever", lambda service, host, port: calls.append((service.system, host, port))
    )
    result = run(sqlite_url, "--system", "legacy-brvt", "serve")
    assert result.code == 0, result
    assert calls == [("legacy-brvt", "127.0.0.1", 8702)]
    assert "on http://127.0.0.1:8702" in result.out
    assert "no units yet" in result.err
    assert run(sqlite_url, "serve", "--host", "0.0.0.0", "--port", "9000").code == 0
    assert calls[-1] == ("unified", "0.0.0.0", 9000)
    assert "not a port number" in one_line_error(run(sqlite_url, "serve", "--port", "0"))


def test_several_worker_processes_need_postgresql(run: Run, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SQLite file is served by one process; --workers N runs on PostgreSQL only
    (tests/central/test_load_processes.py runs two real workers on it)."""
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(cli_commands, "serve_in_processes", lambda *arguments: calls.append(arguments))
    monkeypatch.setattr(cli_commands, "serve_forever", lambda *arguments: calls.append(arguments))
    refused = one_line_error(run(sqlite_url, "serve", "--workers", "2"))
    assert "--workers 2 needs a PostgreSQL database" in refused
    assert "not a number of worker processes" in one_line_error(run(sqlite_url, "serve", "--workers", "0"))
    assert "not a number of worker processes" in one_line_error(run(sqlite_url, "serve", "--workers", "two"))
    assert calls == []
    assert run(sqlite_url, "serve", "--workers", "1").code == 0
    assert [type(arguments[0]).__name__ for arguments in calls] == ["CentralService"]  # one process, as before


def test_each_worker_process_gets_the_operators_choices(
    run: Run, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The options of ``serve`` reach every worker: they start apart and read them from the environment."""
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(cli_commands, "serve_in_processes", lambda *arguments: calls.append(arguments))
    served = run(postgres_url, "--system", "legacy-brvt", "serve", "--workers", "3", "--feedback-days", "7",
                 "--feedback-day-kind", "calendar")  # fmt: skip
    assert served.code == 0 and "in 3 worker processes" in served.out, served
    chosen = WorkerSettings("legacy-brvt", postgres_url, FeedbackRule(7, "calendar"))
    assert calls == [(chosen, "127.0.0.1", 8702, 3)]
    for name in (server.DATABASE_ENV, server.WORKER_ENV):
        monkeypatch.setenv(name, "")  # put back after the test
    chosen.pass_to_workers()
    service = server.worker_app().state.service
    try:
        assert (service.system, service.feedback_rule) == ("legacy-brvt", FeedbackRule(7, "calendar"))
        assert service.engine.url.render_as_string(hide_password=False) == postgres_url
    finally:
        service.engine.dispose()


def test_database_errors_never_show_the_password(run: Run) -> None:
    failed = run("postgresql://trainer:S3cret-pw@127.0.0.1:1/wd", "stats")
    assert failed.code == 1 and failed.out == ""
    assert failed.err.startswith("python -m central: error: database error: ") and failed.err.count("\n") == 1
    assert "S3cret-pw" not in failed.err and "Traceback" not in failed.err
    assert "not a database URL" in one_line_error(run("nonsense", "stats"))
    assert "unknown kind of database “foo”" in one_line_error(run("foo://x", "stats"))


def test_default_database_location(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(None, "--system", "legacy-binhduong", "create-unit", "000.00.99.H29", "Phường Thử").code == 0
    assert (tmp_path / "user-data" / "WardDesk" / "central" / "legacy-binhduong.sqlite3").is_file()
    chosen = tmp_path / "chosen.sqlite3"
    monkeypatch.setenv(cli.DATABASE_ENV, f"sqlite:///{chosen}")
    result = run(None, "stats")
    assert result.code == 0 and result.out.startswith("Units  ")
    assert chosen.is_file() and not (tmp_path / "user-data" / "WardDesk" / "central" / "unified.sqlite3").exists()


def test_openapi_needs_no_database(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cli.DATABASE_ENV, f"sqlite:///{tmp_path / 'never.sqlite3'}")
    printed = run(None, "openapi")
    assert (printed.code, printed.err) == (0, "")
    description = json.loads(printed.out)
    assert printed.out == json.dumps(description, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "get" in description["paths"]["/v1/changes"]
    assert description["info"]["title"] == "Ward Desk central service (unified)"
    output = tmp_path / "openapi.json"
    written = run(None, "openapi", "--output", str(output))
    assert (written.code, written.out) == (0, "")
    assert output.read_bytes() == printed.out.encode("utf-8")
    assert not (tmp_path / "never.sqlite3").exists() and not (tmp_path / "user-data").exists()
    unwritable = run(None, "openapi", "--output", str(tmp_path / "missing" / "openapi.json"))
    assert "cannot write" in one_line_error(unwritable)


def test_help_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "central", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m central ")
    for command in (
        "serve",
        "init",
        "create-unit",
        "create-account",
        "set-password",
        "send-document",
        "act",
        "disable-account",
        "stats",
        "compact",
        "openapi",
    ):
        assert f"\n    {command} " in result.stdout
    assert result.stderr == ""


def test_no_command_is_a_usage_error(run: Run) -> None:
    assert "required: COMMAND" in one_line_error(run(None))
    assert "invalid choice" in one_line_error(run(None, "--system", "hanoi", "stats"))


def test_act_on_a_1022_report(run: Run, sqlite_url: str) -> None:
    assert run(sqlite_url, "init", "--demo-items", "40").code == 0
    with database(sqlite_url) as session:
        report = session.scalars(select(Feedback).where(Feedback.state == "routed").order_by(Feedback.id)).first()
        assert report is not None
        unit = report.unit_code
    create_account(run, sqlite_url, "lan.tdm", unit, "Trần Thị Lan", PASSWORD)
    accept = ("act", "--as", "lan.tdm", "--kind", "feedback", "--item", str(report.id), "--action", "accept")
    assert run(sqlite_url, *accept).out == f"applied: feedback {report.id} is now version 2, state accepted\n"
