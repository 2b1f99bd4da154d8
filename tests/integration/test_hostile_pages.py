"""Property: a page of changes with anything wrong in it is refused whole, and nothing of it is stored.

Hypothesis builds a sound page of documents, dossiers and comments, then spoils one change in one
way (a wrong type, a missing or empty required field, a naive datetime, an overlong text, an
unknown code or operation, a change that is not an object). The real SyncEngine writes into a real
cache file; only the HTTP answer is played by a stand-in client (the service itself is tested over
loopback elsewhere), so each of the hundreds of examples costs milliseconds.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from keyring.backends import fail
from sqlalchemy import func, insert, select

from app.central_client import CentralClient
from app.credentials import CredentialStore
from app.desk import Desk
from app.local_cache import LocalCache
from app.profile import Profile
from app.sync_engine import SyncEngine
from local_db.models import Account, Comment, Document, Dossier, Source, SyncCheckpoint
from tests.conftest import FixedClock

NOW = datetime(2026, 11, 25, 2, 30, tzinfo=UTC)
SOURCE, LOGIN = "unified", "thu.tdm"


def document(n: int) -> dict[str, Any]:
    return {
        "id": str(n), "version": 1, "direction": "incoming", "number": str(n), "notation": "UBND-VP",
        "doc_type": "CV", "issuing_agency_code": "000.00.00.H29", "issuing_agency_name": "UBND Thành phố",
        "issued_on": "2026-11-20", "subject": f"Công văn số {n} về đăng ký khai sinh", "urgency": "normal",
        "confidentiality": "normal", "recipients": ["000.00.57.H29"], "state": "received", "trail": [],
        "arrival_date": None, "arrival_number": None, "due_on": None, "assignee": None,
        "updated_at": "2026-11-25T09:30:00+07:00",
    }  # fmt: skip


def dossier(n: int) -> dict[str, Any]:
    return {
        "id": str(n), "version": 1, "code": f"000.00.57.H29-261125-{n:04d}", "procedure_code": "1.001193",
        "procedure_name": "Đăng ký khai sinh", "unit_code": "000.00.57.H29", "applicant_name": "Nguyễn Thị Hằng",
        "channel": "online", "received_at": "2026-11-25T08:00:00+07:00", "statutory_amount": 1,
        "statutory_unit": "days", "due_at": "2026-11-26T17:00:00+07:00", "state": 1, "history": [],
        "updated_at": "2026-11-25T09:30:00+07:00",
    }  # fmt: skip


def comment(n: int, document_id: int) -> dict[str, Any]:
    return {"id": str(n), "item_kind": "document", "item_id": str(document_id), "author": "Trần Lan",
            "body": "Đề nghị xử lý", "created_at": "2026-11-25T09:31:00+07:00"}  # fmt: skip


def upsert(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    return {"kind": kind, "id": item["id"], "version": item.get("version", 1), "op": "upsert", "item": item}


def sound_page(size: int) -> list[dict[str, Any]]:
    changes = [upsert("document", document(n)) for n in range(1, size + 1)]
    changes += [upsert("dossier", dossier(n)) for n in range(1, size + 1)]
    changes += [upsert("comment", comment(n, n)) for n in range(1, size + 1)]
    return changes


# Ways to spoil one field: (the field's kind, a value it must refuse).
WRONG_FOR_TEXT = st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.lists(st.text(max_size=3)),
                           st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))  # fmt: skip
WRONG_FOR_NUMBER = st.one_of(st.text(max_size=10), st.floats(allow_nan=False), st.booleans(), st.lists(st.integers()))
WRONG_FOR_WHEN = st.one_of(
    st.sampled_from(["2026-11-25T09:30:00", "hôm qua", "", "2026-13-45T00:00:00+07:00", "25/11/2026"]),
    st.integers(), st.booleans(),
)  # fmt: skip
WRONG_FOR_DAY = st.one_of(st.sampled_from(["20/11/2026", "2026-02-30", "", "mai"]), st.integers(), st.booleans())
WRONG_FOR_LIST = st.one_of(st.text(max_size=5), st.integers(), st.booleans())
FIELDS: dict[str, dict[str, st.SearchStrategy[Any]]] = {
    "document": {
        "subject": WRONG_FOR_TEXT,
        "direction": st.sampled_from(["sideways", "", "INCOMING"]),
        "urgency": st.sampled_from(["hoa toc", "urgent!", ""]),
        "state": st.sampled_from(["lost", "", "done?"]),
        "version": WRONG_FOR_NUMBER,
        "issued_on": WRONG_FOR_DAY,
        "updated_at": WRONG_FOR_WHEN,
        "trail": WRONG_FOR_LIST,
        "number": st.just("9" * 31),
        "issuing_agency_name": st.just(None),
    },
    "dossier": {
        "code": WRONG_FOR_TEXT,
        "state": st.one_of(st.integers(min_value=11), st.integers(max_value=-1)),
        "statutory_amount": WRONG_FOR_NUMBER,
        "received_at": WRONG_FOR_WHEN,
        "due_at": WRONG_FOR_WHEN,
        "channel": st.sampled_from(["fax", ""]),
        "history": WRONG_FOR_LIST,
        "applicant_name": st.just(None),
    },
    "comment": {"body": WRONG_FOR_TEXT, "created_at": WRONG_FOR_WHEN, "item_kind": st.sampled_from(["agency", "x"])},
}


REQUIRED = {  # not nullable and no default: an item without them cannot be stored
    "document": ["direction", "doc_type", "issuing_agency_name", "state", "subject", "updated_at"],
    "dossier": ["applicant_name", "channel", "code", "due_at", "received_at", "state", "statutory_amount"],
    "comment": ["author", "body", "created_at"],
}


@st.composite
def spoiled_page(draw: st.DrawFn) -> tuple[list[dict[str, Any]], str]:
    """A sound page with exactly one change spoiled; and what was done, for the failure report."""
    changes = sound_page(draw(st.integers(min_value=1, max_value=4)))
    index = draw(st.integers(min_value=0, max_value=len(changes) - 1))
    change = changes[index]
    how = draw(st.sampled_from(["field", "missing", "op", "not_object", "item_not_object", "no_id"]))
    if how == "field":
        name = draw(st.sampled_from(sorted(FIELDS[change["kind"]])))
        change["item"][name] = draw(FIELDS[change["kind"]][name])
        how = f"{change['kind']}.{name} = {change['item'][name]!r}"
    elif how == "missing":
        name = draw(st.sampled_from(REQUIRED[change["kind"]]))
        del change["item"][name]
        how = f"{change['kind']}.{name} missing"
    elif how == "op":
        change["op"] = draw(st.text(max_size=8).filter(lambda op: op not in ("upsert", "tombstone")))
    elif how == "not_object":
        changes[index] = draw(st.one_of(st.text(max_size=5), st.integers(), st.lists(st.integers(), max_size=2)))
    elif how == "item_not_object":
        change["item"] = draw(st.one_of(st.text(max_size=5), st.integers(), st.none()))
    else:
        change["id"] = draw(st.one_of(st.integers(), st.none()))
    return changes, how


class PagesClient(CentralClient):
    """Answers /v1/changes with the pages it was given, one per call."""

    pages: ClassVar[list[dict[str, Any]]] = []

    def changes(self, access_token: str, cursor: str | None, limit: int) -> dict[str, Any]:
        return PagesClient.pages.pop(0)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalCache, SyncEngine, int]]:
    credentials = CredentialStore(fail.Keyring())
    built = Desk(Profile(Path(tmp_path_factory.mktemp("hostile")) / "desk"), FixedClock(NOW), credentials,
                 client_for=PagesClient)  # fmt: skip
    cache = built.cache
    with cache.sessions.begin() as session:
        source = session.scalar(insert(Source).values(code=SOURCE, name="Hệ thống", kind="unified",
                                                      base_url="http://127.0.0.1:9").returning(Source.id))  # fmt: skip
        account = session.scalar(
            insert(Account).values(source_id=source, login=LOGIN, display_name="Thu", unit_code="000.00.57.H29",
                                   role="new", status="active", created_at=NOW).returning(Account.id)
        )  # fmt: skip
    credentials.set_access_token(SOURCE, LOGIN, "token")
    yield cache, built.engine, account
    built.close()


def stored(cache: LocalCache, account_id: int) -> tuple[int, int, int, str | None]:
    with cache.sessions() as session:
        counts = [session.scalar(select(func.count()).select_from(m)) or 0 for m in (Document, Dossier, Comment)]
        checkpoint = session.get(SyncCheckpoint, account_id)
        return counts[0], counts[1], counts[2], None if checkpoint is None else checkpoint.cursor


def test_a_sound_page_is_stored_whole(desk: tuple[LocalCache, SyncEngine, int]) -> None:
    cache, engine, account_id = desk
    PagesClient.pages = [{"changes": sound_page(3), "next_cursor": "c-sound", "has_more": False}]
    report = engine.sync_account(account_id, push=False)
    assert report.problem is None and report.pulled == 9
    assert stored(cache, account_id) == (3, 3, 3, "c-sound")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spoiled=spoiled_page())
def test_a_page_with_one_bad_change_is_refused_whole(
    desk: tuple[LocalCache, SyncEngine, int], spoiled: tuple[list[dict[str, Any]], str]
) -> None:
    cache, engine, account_id = desk
    changes, how = spoiled
    before = stored(cache, account_id)
    page = {"changes": copy.deepcopy(changes), "next_cursor": "c-spoiled", "has_more": False}
    PagesClient.pages = [page]
    report = engine.sync_account(account_id, push=False)
    assert report.problem == "bad_server_data", how
    assert report.details and isinstance(report.details[0], str)  # a reason to log and show
    assert stored(cache, account_id) == before, how  # not one row, not the cursor
