"""The real central service on loopback, on SQLite and on PostgreSQL, with two wards and demo items."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from keyring.backends import SecretService
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.credentials import CredentialStore
from app.domain.workflow import DossierState
from central.agency_directory import load_shipped_directory
from central.api import CentralService
from central.demo_data import shipped_procedures
from central.models import Dossier
from central.passwords import HashCost
from central.seed import add_account, load_directory, load_procedures, seed_demo_feedback, seed_demo_items
from central.server import RunningServer, build_service, start_in_thread
from kernel.clock import FixedClock
from tests import postgres_server, secret_service
from tests.conftest import DEMO_NOW

WARD_A = "000.00.57.H29"  # Phường Thủ Dầu Một in the shipped directory
WARD_B = "000.00.30.H29"  # Phường Sài Gòn
PASSWORD_A = "Mật-khẩu-A-2026!"
PASSWORD_B = "Mat-khau-B-2026?"
AXIS_PASSWORD = "axis-secret-2026"
ITEMS_PER_WARD = 60
REPORTS_PER_WARD = 20  # 1022 reports, WARD_A only
# The service hashes passwords at scrypt N=2^17 (~0.4 s each, central.passwords.STRONG); tests create
# and sign in to many accounts, so the services they build hash at this light cost instead.
TEST_PASSWORD_COST = HashCost(2**10)
SOAK_ENV = "WARD_DESK_SOAK"  # "1": the kill harness and the fault proxy run at scale (`make soak`)


@pytest.fixture(scope="session")
def postgres() -> Iterator[postgres_server.PostgresCluster | None]:
    if not postgres_server.available():
        yield None
        return
    cluster = postgres_server.start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path, postgres) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'central.sqlite3'}"
        return
    yield from _fresh_database(postgres)


@pytest.fixture
def postgres_url(postgres: postgres_server.PostgresCluster | None) -> Iterator[str]:
    """A new database for a test that needs PostgreSQL itself (several processes, row locks)."""
    yield from _fresh_database(postgres)


def _fresh_database(postgres: postgres_server.PostgresCluster | None) -> Iterator[str]:
    if postgres is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test on PostgreSQL: install Debian's postgresql package")
        pytest.skip("PostgreSQL is not installed on this machine")
    name = f"wd_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    yield postgres.url(name)
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    admin.dispose()


@dataclass
class Central:
    url: str
    service: CentralService
    clock: FixedClock
    server: RunningServer

    def client(self, login: str, password: str) -> ApiClient:
        client = ApiClient(self.url)
        client.login(login, password)
        return client


class ApiClient:
    """Plain HTTP with requests, as the desktop client speaks to the service."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.http = requests.Session()
        self.tokens: dict[str, Any] = {}

    def login(self, login: str, password: str) -> requests.Response:
        response = self.http.post(f"{self.url}/v1/auth/token", json={"login": login, "password": password}, timeout=10)
        if response.status_code == 200:
            self.tokens = response.json()
            self.http.headers["Authorization"] = f"Bearer {self.tokens['access_token']}"
        return response

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.http.get(f"{self.url}{path}", timeout=10, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.http.post(f"{self.url}{path}", timeout=30, **kwargs)

    def all_changes(self, limit: int = 50, cursor: str | None = None) -> tuple[list[dict[str, Any]], str]:
        """Every change after ``cursor`` (a snapshot when None), page by page; and the last cursor."""
        changes: list[dict[str, Any]] = []
        while True:
            params = {"limit": limit} | ({"cursor": cursor} if cursor else {})
            response = self.get("/v1/changes", params=params)
            assert response.status_code == 200, response.text
            page = response.json()
            changes += page["changes"]
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return changes, cursor

    def mutate(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.post("/v1/mutations", json={"mutations": list(mutations)})
        assert response.status_code == 200, response.text
        return response.json()["results"]


def mutation(kind: str, item_id: str, action: str, base_version: int = 1, seq: int = 0, **payload: Any) -> dict:
    return {"mutation_id": str(uuid.uuid4()), "seq": seq, "kind": kind, "item_id": item_id,
            "base_version": base_version, "action": action, "payload": payload}  # fmt: skip


TEST_STATES = (DossierState.SUBMITTED, DossierState.ACCEPTED, DossierState.IN_PROGRESS, DossierState.PROCESSED)


def spread_dossier_states(session: Session, unit: str) -> None:
    """Every state the tests act from, several times (the demo mix depends on dates)."""
    dossiers = session.scalars(select(Dossier).where(Dossier.unit_code == unit).order_by(Dossier.id)).all()
    for index, dossier in enumerate(dossiers):
        state = TEST_STATES[index % len(TEST_STATES)]
        dossier.state = int(state)
        dossier.finished_at = DEMO_NOW if state is DossierState.PROCESSED else None


@pytest.fixture
def central(database_url: str) -> Iterator[Central]:
    clock = FixedClock(DEMO_NOW)
    service = build_service("unified", database_url, clock, TEST_PASSWORD_COST)
    with service.sessions.begin() as session:
        load_directory(session, load_shipped_directory())
        load_procedures(session, shipped_procedures().values())
        add_account(session, "thu.tdm", PASSWORD_A, WARD_A, "Nguyễn Thị Thu", DEMO_NOW)
        add_account(session, "lan.saigon", PASSWORD_B, WARD_B, "Trần Thị Lan", DEMO_NOW)
        add_account(session, "truc-lien-thong", AXIS_PASSWORD, "000.00.00.H29", "Trục liên thông", DEMO_NOW, "axis")
        seed_demo_items(session, WARD_A, ITEMS_PER_WARD, DEMO_NOW, seed=1)
        seed_demo_items(session, WARD_B, ITEMS_PER_WARD, DEMO_NOW, seed=2)
        seed_demo_feedback(session, WARD_A, REPORTS_PER_WARD, DEMO_NOW)
        spread_dossier_states(session, WARD_A)
    server = start_in_thread(service)
    yield Central(server.url, service, clock, server)
    server.stop()
    service.engine.dispose()


@pytest.fixture
def axis(central: Central) -> ApiClient:
    """The national axis' importer: delivers packets to any unit."""
    return central.client("truc-lien-thong", AXIS_PASSWORD)


@pytest.fixture
def thu(central: Central) -> ApiClient:
    """An official of WARD_A."""
    return central.client("thu.tdm", PASSWORD_A)


@pytest.fixture
def lan(central: Central) -> ApiClient:
    """An official of WARD_B."""
    return central.client("lan.saigon", PASSWORD_B)


@pytest.fixture(scope="session")
def keyring_env() -> Iterator[dict[str, str]]:
    if not secret_service.available():
        if os.environ.get("CI"):
            pytest.fail("CI must test against a real Secret Service: install gnome-keyring and dbus")
        pytest.skip("gnome-keyring is not installed on this machine")
    with secret_service.private_secret_service() as env:
        yield env


@pytest.fixture
def secure_store(keyring_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> CredentialStore:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    return CredentialStore(SecretService.Keyring())
