"""The commands of the operator's command line (``central.cli`` parses the arguments; each command
here gets them and answers with an exit status: 0 done, 1 refused or a database failure, 2 bad input
by raising ``CliError``)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.domain.feedback_deadline import FeedbackRule
from app.domain.statuses import MutationOutcome
from app.domain.workflow import DossierState
from app.domain.working_calendar import VN_TZ
from central.agency_directory import AgencyDirectory, load_shipped_directory
from central.api import CentralService, create_app
from central.change_feed import compact as compact_log
from central.change_feed import log_size
from central.demo_data import DEMO_UNIT_NAME, shipped_procedures
from central.models import Account, Agency, Attachment, ChangeCounter, Comment, Document, Dossier, Feedback, Token, Unit
from central.operator_actions import account_of, act_as, deliver_document, unit_of
from central.password_policy import WeakPassword, check_new_password
from central.passwords import hash_password
from central.seed import add_account, add_unit, load_directory, load_procedures, seed_demo_feedback, seed_demo_items
from central.serialize import ITEM_MODELS
from central.server import DEFAULT_PORTS, WorkerSettings, build_service, serve_forever, serve_in_processes

PROG = "python -m central"
IN_MEMORY = "sqlite://"


class CliError(Exception):
    """Bad input or an impossible request: one line on stderr and exit code 2."""


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


@contextmanager
def _opened(args: argparse.Namespace) -> Iterator[CentralService]:
    service = build_service(args.system, args.database_url)
    try:
        yield service
    finally:
        service.engine.dispose()


# -- look-ups ---------------------------------------------------------------------------------


def _count_of(session: Session, model: type, *conditions: Any) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0


# -- passwords --------------------------------------------------------------------------------


def _read_password(from_stdin: bool, login: str) -> str:
    """The new password of ``login``, as the one password policy allows (central.password_policy)."""
    password = _password_from_stdin() if from_stdin else _password_from_prompt()
    if not password:
        raise CliError("the password is empty; nothing was changed")
    try:
        check_new_password(password, login)
    except WeakPassword as weak:
        raise CliError(f"{weak.en[0].lower()}{weak.en[1:].rstrip('.')}; nothing was changed") from None
    return password


def _password_from_stdin() -> str:
    line = sys.stdin.readline()
    if not line:
        raise CliError("--password-stdin: standard input is empty; give the password as one line")
    return line.rstrip("\r\n")


def _password_from_prompt() -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error", getpass.GetPassWarning)  # never fall back to an echoing prompt
        try:
            first = getpass.getpass("Password: ")
            second = getpass.getpass("Password again: ")
        except getpass.GetPassWarning:
            raise CliError("no terminal to ask for the password hidden; use --password-stdin") from None
        except EOFError:
            raise CliError("no password given; nothing was changed") from None
    if first != second:
        raise CliError("the two passwords differ; nothing was changed")
    return first


# -- commands ---------------------------------------------------------------------------------


def serve(args: argparse.Namespace) -> int:
    port = args.port or DEFAULT_PORTS[args.system]
    if args.workers > 1 and make_url(args.database_url).get_backend_name() != "postgresql":
        raise CliError(f"--workers {args.workers} needs a PostgreSQL database (--database postgresql://…); "
                       "a SQLite file is served by one process")  # fmt: skip
    feedback_rule = FeedbackRule(args.feedback_days, args.feedback_day_kind)
    with _opened(args) as service:  # creates or updates the schema, before any worker starts
        service.feedback_rule = feedback_rule
        with service.sessions() as session:
            if not _count_of(session, Unit):
                print(f"note: no units yet; run “{PROG} init” first", file=sys.stderr)
        processes = f" in {args.workers} worker processes" if args.workers > 1 else ""
        print(
            f"Ward Desk central service ({args.system}) on http://{args.host}:{port}{processes}, "
            f"database {_shown(args.database_url)}. Stop with Ctrl+C.",
            flush=True,
        )
        if args.workers == 1:
            serve_forever(service, args.host, port)
            return 0
    serve_in_processes(WorkerSettings(args.system, args.database_url, feedback_rule), args.host, port, args.workers)
    return 0


def init(args: argparse.Namespace) -> int:
    if args.demo_unit and not args.demo_items:
        raise CliError("--demo-unit is used only together with --demo-items N")
    directory = load_shipped_directory()
    with _opened(args) as service, service.sessions.begin() as session:
        added = load_directory(session, directory)
        procedures = load_procedures(session, shipped_procedures().values())
        agencies, units = _count_of(session, Agency), _count_of(session, Unit)
        lines = [f"Directory: {added} agencies added ({agencies} in total), {units} units; "
                 f"{procedures} procedures of the catalogue written."]  # fmt: skip
        if args.demo_items:
            unit_code = args.demo_unit or _demo_unit_code(directory)
            lines.append(_seed(session, unit_code, args.demo_items, service.clock.now()))
    print(f"Database {_shown(args.database_url)} ready ({args.system}).", *lines, sep="\n")
    return 0


def _demo_unit_code(directory: AgencyDirectory) -> str:
    code = next((entry.code for entry in directory.agencies if entry.name == DEMO_UNIT_NAME), None)
    if code is None:
        raise CliError(f"the shipped directory has no “{DEMO_UNIT_NAME}”; choose one with --demo-unit")
    return code


def _seed(session: Session, unit_code: str, count: int, now: datetime) -> str:
    unit = unit_of(session, unit_code)
    has_items = _count_of(session, Document, Document.unit_code == unit.code) or _count_of(
        session, Dossier, Dossier.unit_code == unit.code
    )
    if has_items:
        return f"Demo items: {unit.code} ({unit.name}) already has items; none added."
    added = seed_demo_items(session, unit.code, count, now)
    reports = seed_demo_feedback(session, unit.code, max(1, count // 10), now)
    added_items = f"{added['document']} documents, {added['dossier']} dossiers and {reports} 1022 reports"
    return f"Demo items: {added_items} added for {unit.code} ({unit.name})."


def create_unit(args: argparse.Namespace) -> int:
    with _opened(args) as service, service.sessions.begin() as session:
        existing = session.get(Unit, args.code)
        old_name = existing.name if existing else None
        add_unit(session, args.code, args.name)
    if old_name is None:
        print(f"Unit {args.code} created: {args.name}.")
    elif old_name == args.name:
        print(f"Unit {args.code} already exists: {args.name}.")
    else:
        print(f"Unit {args.code} renamed: {old_name} → {args.name}.")
    return 0


def _check_new_account(session: Session, login: str, unit_code: str) -> Unit:
    unit = unit_of(session, unit_code)
    if session.scalar(select(Account.id).where(Account.login == login)) is not None:
        raise CliError(f"the login “{login}” is already taken; nothing was changed")
    return unit


def create_account(args: argparse.Namespace) -> int:
    with _opened(args) as service:
        with service.sessions() as session:  # refuse before asking for a password
            _check_new_account(session, args.login, args.unit)
        password = _read_password(args.password_stdin, args.login)
        try:
            with service.sessions.begin() as session:
                unit = _check_new_account(session, args.login, args.unit)
                add_account(
                    session,
                    args.login,
                    password,
                    unit.code,
                    args.name,
                    service.clock.now(),
                    args.role,
                    args.parallel_until,
                )
        except IntegrityError:  # created by someone else a moment ago
            raise CliError(f"the login “{args.login}” is already taken; nothing was changed") from None
    parallel = f", usable until {args.parallel_until.isoformat()}" if args.parallel_until else ""
    print(f"Account {args.login} created: {args.name}, {args.role} of {unit.code} ({unit.name}){parallel}.")
    return 0


def set_password(args: argparse.Namespace) -> int:
    with _opened(args) as service:
        with service.sessions() as session:  # refuse before asking for a password
            account_of(session, args.login)
        password_hash = hash_password(_read_password(args.password_stdin, args.login), service.password_cost)
        now = service.clock.now()
        with service.sessions.begin() as session:  # hashed before: the write lock is not held meanwhile
            account = account_of(session, args.login)
            account.password_hash = password_hash
            ended = session.execute(
                update(Token)
                .where(Token.account_id == account.id, Token.revoked_at.is_(None), Token.expires_at > now)
                .values(revoked_at=now)
            ).rowcount
    print(f"Password of {args.login} changed; {ended} active sign-in tokens ended.")
    return 0


def send_document(args: argparse.Namespace) -> int:
    with _opened(args) as service, service.sessions.begin() as session:
        document = deliver_document(session, args.unit, service.clock.now(), args.subject, args.urgency)
        unit = unit_of(session, args.unit)
    print(document.id)
    print(
        f"Document {document.id} arrived for {unit.code} ({unit.name}): {document.number}/{document.notation} "
        f"of {document.issuing_agency_name}, {document.urgency}: {document.subject}",
        file=sys.stderr,
    )
    return 0


def act(args: argparse.Namespace) -> int:
    with _opened(args) as service:
        with service.sessions() as session:
            kind, item = _act_target(session, args)
            item_id = item.id
        outcome = act_as(
            service.sessions, args.as_login, kind, item_id, args.action, dict(args.field), service.clock.now()
        )
    print(_outcome_line(kind, item_id, outcome))
    return 0 if outcome["status"] == MutationOutcome.APPLIED else 1


def _act_target(session: Session, args: argparse.Namespace) -> tuple[str, Document | Dossier | Feedback]:
    if args.dossier_code is not None:
        if args.kind == "document":
            raise CliError("--dossier-code names a dossier; leave out --kind document")
        dossier = session.scalar(select(Dossier).where(Dossier.code == args.dossier_code.strip()))
        if dossier is None:
            raise CliError(f"no dossier with the code “{args.dossier_code}”")
        return "dossier", dossier
    if args.kind is None:
        raise CliError("--item needs --kind dossier, document or feedback")
    item = session.get(ITEM_MODELS[args.kind], args.item)
    if item is None:
        raise CliError(f"no {args.kind} with the id {args.item}")
    return args.kind, item


def _outcome_line(kind: str, item_id: int, outcome: dict[str, Any]) -> str:
    status = outcome["status"]
    if status == MutationOutcome.APPLIED:
        state = outcome["item"]["state"]
        shown = DossierState(state).name.lower() if kind == "dossier" else state
        created = f"; {outcome['created']['kind']} {outcome['created']['id']} added" if outcome.get("created") else ""
        return f"applied: {kind} {item_id} is now version {outcome['version']}, state {shown}{created}"
    message = str(outcome.get("message") or "")
    with suppress(KeyError, IndexError, ValueError):
        message = message.format(**outcome.get("params", {}))
    return f"{status} {outcome.get('code', '')}: {message}".rstrip(": ")


def disable_account(args: argparse.Namespace) -> int:
    with _opened(args) as service, service.sessions.begin() as session:
        account = account_of(session, args.login)
        start = datetime.combine(args.on, time(0), tzinfo=VN_TZ) if args.on else service.clock.now()
        last_day = start.astimezone(VN_TZ).date() - timedelta(days=1)
        account.disabled_at = start
        if account.parallel_until is None or account.parallel_until > last_day:
            account.parallel_until = last_day
        final_day = account.parallel_until
    shown = start.astimezone(VN_TZ).strftime("%Y-%m-%d %H:%M")
    print(f"Account {args.login} disabled from {shown} (Vietnam time); its last day is {final_day.isoformat()}.")
    return 0


def stats(args: argparse.Namespace) -> int:
    with _opened(args) as service, service.sessions() as session:
        rows = _stats_rows(session, service.clock.now())
    print(_table(rows))
    return 0


def _stats_rows(session: Session, now: datetime) -> list[tuple[str, int]]:
    disabled = _count_of(session, Account, Account.disabled_at.is_not(None), Account.disabled_at <= now)
    counter = session.get_one(ChangeCounter, 1)
    return [
        ("Units", _count_of(session, Unit)),
        ("Agencies", _count_of(session, Agency)),
        ("Accounts, active", _count_of(session, Account) - disabled),
        ("Accounts, disabled", disabled),
        ("Documents", _count_of(session, Document)),
        ("Dossiers", _count_of(session, Dossier)),
        ("1022 reports", _count_of(session, Feedback)),
        ("Comments", _count_of(session, Comment)),
        ("Attachments", _count_of(session, Attachment)),
        ("Change log rows", log_size(session)),
        ("Change counter", counter.value),
        ("Change log horizon", counter.horizon),
    ]


def _table(rows: list[tuple[str, int]]) -> str:
    label_width = max(len(label) for label, _ in rows)
    value_width = max(len(str(value)) for _, value in rows)
    return "\n".join(f"{label:<{label_width}}  {value:>{value_width}}" for label, value in rows)


def compact(args: argparse.Namespace) -> int:
    with _opened(args) as service, service.sessions.begin() as session:
        before = log_size(session)
        horizon = compact_log(session, args.keep)
        after = log_size(session)
    print(
        f"Change log compacted: horizon {horizon}; {after} of {before} rows kept. "
        "Clients whose position is older will download a fresh snapshot."
    )
    return 0


def openapi_text(system: str = "unified") -> str:
    """The API description exactly as ``openapi`` prints it."""
    service = build_service(system, IN_MEMORY)
    try:
        description = create_app(service).openapi()
    finally:
        service.engine.dispose()
    return json.dumps(description, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def openapi(args: argparse.Namespace) -> int:
    text = openapi_text(args.system)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        raise CliError(f"cannot write {args.output}: {error.strerror}") from None
    print(f"OpenAPI description written to {args.output}.", file=sys.stderr)
    return 0
