"""The operator's command line of a central system: ``python -m central --help``.

Trainers run it on a laptop for a room of trainees: set up the database, add wards and accounts,
make a document arrive or another official act while everyone watches, and serve the API.
Bad input answers one line on stderr and exit code 2; a refused action or a database failure
exit code 1. Passwords come from a hidden prompt or standard input and are never printed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from platformdirs import user_data_path
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from app.domain.agency_code import validate_agency_code
from app.domain.errors import DomainError
from app.domain.feedback_deadline import DAY_KINDS, DEFAULT_FEEDBACK_RULE, LONGEST_ANSWER_DAYS
from central import cli_commands
from central.cli_commands import IN_MEMORY, PROG, CliError
from central.demo_data import DEMO_UNIT_NAME
from central.operator_actions import NotFound
from central.server import DATABASE_ENV, DEFAULT_PORTS, SYSTEMS

DEBUG_ENV = "WARD_DESK_CENTRAL_DEBUG"
URGENCIES = ("normal", "urgent", "very_urgent", "flash")
MAX_LOGIN, MAX_NAME, MAX_UNIT_NAME, MAX_SUBJECT = 200, 200, 300, 500
MAX_WORKERS = 64
URL_HINT = "e.g. sqlite:///central.sqlite3 or postgresql://USER:PASSWORD@HOST/NAME"

DESCRIPTION = """\
Run and prepare a Ward Desk central system: the city's unified system or a former province's.
Put the common options (--system, --database) before the command."""

EPILOG = f"""\
a training room, step by step:
  {PROG} init --demo-items 300
  {PROG} create-account thu.tdm --unit 000.00.57.H29 --name "Nguyễn Thị Thu"
  {PROG} create-account lan.tdm --unit 000.00.57.H29 --name "Trần Thị Lan"
  {PROG} serve --host 0.0.0.0
  {PROG} send-document --unit 000.00.57.H29 --urgency flash
  {PROG} act --as lan.tdm --kind document --item 12 --action register

database: --database URL, else ${DATABASE_ENV}, else one SQLite file per system
in the user's data folder. A postgresql:// URL uses the psycopg driver.
exit status: 0 done, 1 action refused or database failure, 2 bad input.
Run "{PROG} COMMAND --help" for the options of a command."""


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line (not the whole usage block), exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


# -- argument types (their errors become one-line usage errors) -------------------------------


def _text(limit: int) -> Callable[[str], str]:
    def parse(value: str) -> str:
        text = value.strip()
        if not text:
            raise argparse.ArgumentTypeError("must not be empty")
        if len(text) > limit:
            raise argparse.ArgumentTypeError(f"has {len(text)} characters; at most {limit} are allowed")
        return text

    return parse


def _feedback_days(value: str) -> int:
    days = int(value) if value.isascii() and value.isdigit() else 0
    if not 1 <= days <= LONGEST_ANSWER_DAYS:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {LONGEST_ANSWER_DAYS}")
    return days


def _login(value: str) -> str:
    login = _text(MAX_LOGIN)(value)
    if any(character.isspace() for character in login):
        raise argparse.ArgumentTypeError(f"“{login}” contains a space; a login is one word, e.g. thu.tdm")
    return login


def _agency_code(value: str) -> str:
    try:
        validate_agency_code(value)
    except DomainError as error:
        raise argparse.ArgumentTypeError(error.english()) from None
    return value


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}” is not a date; write YYYY-MM-DD, e.g. 2026-12-31") from None


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"“{value}” is not a whole number (0 or more)")
    return int(value)


def _item_id(value: str) -> int:
    if not value.isdigit() or int(value) == 0:
        raise argparse.ArgumentTypeError(f"“{value}” is not an item id (a positive whole number)")
    return int(value)


def _workers(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"“{value}” is not a number of worker processes (1 to {MAX_WORKERS})")
    return int(value)


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"“{value}” is not a port number (1 to 65535)")
    return int(value)


def _field(value: str) -> tuple[str, str]:
    key, sep, text = value.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"“{value}” is not key=value, e.g. reason=Thiếu giấy tờ")
    return key.strip(), text


# -- the parser -------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--system",
        choices=SYSTEMS,
        default="unified",
        help="which central system: the city's unified one or a former province's (default: unified)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help=f"SQLAlchemy database URL, {URL_HINT} (default: ${DATABASE_ENV}, "
        f"else {_default_folder() / '<system>.sqlite3'})",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", dest="command", required=True)
    for add in (
        _add_serve,
        _add_init,
        _add_create_unit,
        _add_create_account,
        _add_set_password,
        _add_send_document,
        _add_act,
        _add_disable_account,
        _add_stats,
        _add_compact,
        _add_openapi,
    ):
        add(commands)
    return parser


def _command(commands: Any, name: str, summary: str, description: str = "", **defaults: Any) -> argparse.ArgumentParser:
    command = commands.add_parser(
        name, help=summary, description=description or summary, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    command.set_defaults(needs_database=True, **defaults)
    return command


def _add_serve(commands: Any) -> None:
    command = _command(commands, "serve", "serve the HTTP API until Ctrl+C", run=cli_commands.serve)
    command.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this laptop only; "
        "0.0.0.0 lets trainees' laptops connect over the room's network)",
    )
    ports = ", ".join(f"{system} {port}" for system, port in DEFAULT_PORTS.items())
    command.add_argument("--port", type=_port, help=f"TCP port (default by system: {ports})")
    command.add_argument(
        "--feedback-days",
        type=_feedback_days,
        default=DEFAULT_FEEDBACK_RULE.answer_days,
        metavar="N",
        help=f"days a unit has to answer a 1022 report (default {DEFAULT_FEEDBACK_RULE.answer_days}; unconfirmed)",
    )
    command.add_argument(
        "--feedback-day-kind",
        choices=DAY_KINDS,
        default=DEFAULT_FEEDBACK_RULE.day_kind,
        help=f"count those days as working or calendar days (default {DEFAULT_FEEDBACK_RULE.day_kind})",
    )
    command.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help="serve from N processes on one port (default: 1); more than 1 needs a PostgreSQL database",
    )


def _add_init(commands: Any) -> None:
    description = (
        "Create the tables, load the shipped directory (units and agencies) and optionally demo items.\n"
        "Safe to run again: the directory is not duplicated and demo items are only added\n"
        "to a unit that has no documents or dossiers yet."
    )
    command = _command(
        commands, "init", "create the database and load the directory", description, run=cli_commands.init
    )
    command.add_argument(
        "--demo-items",
        type=_count,
        default=0,
        metavar="N",
        help="add N demo documents and dossiers for the demo unit (default: none)",
    )
    command.add_argument("--demo-unit", metavar="CODE", help=f"unit for the demo items (default: {DEMO_UNIT_NAME})")


def _add_create_unit(commands: Any) -> None:
    command = _command(commands, "create-unit", "add a unit (or rename one)", run=cli_commands.create_unit)
    command.add_argument("code", type=_agency_code, metavar="CODE", help="identification code, e.g. 000.00.57.H29")
    command.add_argument(
        "name", type=_text(MAX_UNIT_NAME), metavar="NAME", help='e.g. "Ủy ban nhân dân Phường Thủ Dầu Một"'
    )


def _add_create_account(commands: Any) -> None:
    description = (
        "Add an official's account. The password is asked twice (hidden), or read as one line\n"
        "from standard input with --password-stdin; it is never printed."
    )
    command = _command(
        commands, "create-account", "add an official's account", description, run=cli_commands.create_account
    )
    command.add_argument("login", type=_login, metavar="LOGIN", help="the login name, e.g. thu.tdm")
    command.add_argument("--unit", required=True, metavar="CODE", help="the unit the official works for")
    command.add_argument("--name", required=True, type=_text(MAX_NAME), help='display name, e.g. "Nguyễn Thị Thu"')
    command.add_argument(
        "--role",
        choices=("official", "leader", "axis", "operator"),
        default="official",
        help="official (default); leader (approves 1022 answers, sees every reporter's contact); axis for the "
        "national document axis' importer; operator for the 1022 centre that routes citizens' reports",
    )
    command.add_argument(
        "--parallel-until",
        type=_day,
        metavar="YYYY-MM-DD",
        help="last day of an old account still used in parallel with the new one",
    )
    _password_option(command)


def _password_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password as one line from standard input instead of asking",
    )


def _add_set_password(commands: Any) -> None:
    description = "Change an account's password; its current sign-ins end, so its devices must sign in again."
    command = _command(
        commands, "set-password", "change an account's password", description, run=cli_commands.set_password
    )
    command.add_argument("login", type=_login, metavar="LOGIN")
    _password_option(command)


def _add_send_document(commands: Any) -> None:
    description = (
        "Make a new incoming document arrive now for a unit, from a city department, as the national\n"
        "document axis would deliver it (state: received). Prints the new document's id."
    )
    command = _command(
        commands, "send-document", "make an incoming document arrive now", description, run=cli_commands.send_document
    )
    command.add_argument("--unit", required=True, metavar="CODE", help="the receiving unit")
    command.add_argument("--subject", type=_text(MAX_SUBJECT), help="the subject (default: a plausible one)")
    command.add_argument("--urgency", choices=URGENCIES, default="normal", help="(default: normal)")


def _add_act(commands: Any) -> None:
    description = (
        "Act on an item as another official, e.g. to show trainees a conflict: the action is checked\n"
        'and applied exactly as if that official had synced it. Prints "applied", or "rejected"\n'
        "and the reason (exit status 1).\n\n"
        "actions: documents register (the service gives the arrival number), refuse, submit, assign, forward,\n"
        "start, mark_done, submit_for_signature, sign, issue, send, recall, comment; dossiers accept,\n"
        "refuse, start_processing, request_supplement, supplement_received, record_result,\n"
        "return_result, stop_processing, comment. Reasons, assignees, results go in --field."
    )
    command = _command(commands, "act", "act on an item as another official", description, run=cli_commands.act)
    command.add_argument(
        "--as", dest="as_login", required=True, type=_login, metavar="LOGIN", help="the official who acts"
    )
    command.add_argument("--kind", choices=("dossier", "document", "feedback"),
                         help="the item's kind (with --item); feedback: a 1022 report")  # fmt: skip
    which = command.add_mutually_exclusive_group(required=True)
    which.add_argument("--item", type=_item_id, metavar="ID", help="the item's id (with --kind)")
    which.add_argument("--dossier-code", metavar="CODE", help="a dossier's code, instead of --kind and --item")
    command.add_argument("--action", required=True, help="the action's name, e.g. register or accept")
    command.add_argument(
        "--field",
        type=_field,
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help='a value the action needs, e.g. reason="Thiếu giấy tờ" (repeatable)',
    )


def _add_disable_account(commands: Any) -> None:
    description = (
        "Stop an account from signing in, from the start (00:00 Vietnam time) of a day or from now.\n"
        "Its parallel-use period then ends the day before, at the latest."
    )
    command = _command(
        commands, "disable-account", "stop an account from signing in", description, run=cli_commands.disable_account
    )
    command.add_argument("login", type=_login, metavar="LOGIN")
    command.add_argument(
        "--on", type=_day, metavar="YYYY-MM-DD", help="the first day it no longer works (default: now)"
    )


def _add_stats(commands: Any) -> None:
    _command(commands, "stats", "count units, accounts, items and change-log rows", run=cli_commands.stats)


def _add_compact(commands: Any) -> None:
    description = (
        "Drop all but the last N rows of the change log. Clients whose position is older then\n"
        "download a fresh snapshot instead of the changes."
    )
    command = _command(commands, "compact", "shorten the change log", description, run=cli_commands.compact)
    command.add_argument("--keep", type=_count, required=True, metavar="N", help="how many recent rows to keep")


def _add_openapi(commands: Any) -> None:
    description = "Print the API's OpenAPI description as JSON (needs no database; --database is ignored)."
    command = _command(
        commands, "openapi", "print the API description (OpenAPI JSON)", description, run=cli_commands.openapi
    )
    command.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output")
    command.set_defaults(needs_database=False)


# -- running ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, or a usage error already reported in one line
        return done.code if isinstance(done.code, int) else 0
    try:
        args.database_url = _database_url(args) if args.needs_database else IN_MEMORY
        return args.run(args)
    except (CliError, NotFound) as error:
        return _fail(str(error), 2)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except ImportError as error:  # the URL names a driver that is not installed
        return _fail(f"cannot load the database driver ({error}); for PostgreSQL: pip install 'ward-desk[postgres]'", 2)
    except SQLAlchemyError as error:
        return _fail(_scrub(f"database error: {_first_line(error)}", args), 1)
    except Exception as error:
        if os.environ.get(DEBUG_ENV):
            raise
        message = f"unexpected {type(error).__name__}: {_first_line(error)} (set {DEBUG_ENV}=1 to see where)"
        return _fail(_scrub(message, args), 1)


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def _first_line(error: BaseException) -> str:
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__


def _scrub(text: str, args: argparse.Namespace) -> str:
    """Messages never show the database password, even when a driver quotes the URL."""
    url = getattr(args, "database_url", None)
    password = make_url(url).password if url else None
    return text.replace(str(password), "***") if password else text


def _database_url(args: argparse.Namespace) -> str:
    url = args.database or os.environ.get(DATABASE_ENV) or _default_url(args.system)
    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except NoSuchModuleError:
        raise CliError(f"--database: unknown kind of database “{parsed.drivername}”; {URL_HINT}") from None
    except ArgumentError:
        raise CliError(f"--database: not a database URL; {URL_HINT}") from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _default_folder() -> Path:
    return user_data_path("WardDesk") / "central"


def _default_url(system: str) -> str:
    folder = _default_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CliError(f"cannot create the data folder {folder}: {error.strerror}") from None
    return f"sqlite:///{(folder / f'{system}.sqlite3').as_posix()}"
