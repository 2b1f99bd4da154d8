"""Wrong passwords cost time (issue 19): per login and per client address, in the database, so every
process of the service counts the same tries; nobody locks an official out of their own office.

Before, 635 wrong passwords went through at 20 a second with no slowdown. The service's clock is
the test's (FixedClock): waits pass when the test says so. Client addresses are set the way a proxy
in front of the service names them (X-Forwarded-For, trusted from loopback by uvicorn).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count

import pytest
import requests

from app.central_client import CentralClient, CentralRejected, CentralThrottled
from app.error_kinds import ErrorKind, kind_of
from central.server import build_service, start_in_thread
from central.sign_in_throttle import FREE_TRIES, MAX_WAIT
from tests.central.conftest import PASSWORD_A, TEST_PASSWORD_COST, Central

OFFICE = "203.0.113.10"  # the ward office's router, where thu.tdm signs in every day
_addresses = count(1)


def sign_in(url: str, login: str, password: str, address: str) -> requests.Response:
    return requests.post(f"{url}/v1/auth/token", json={"login": login, "password": password},
                         headers={"X-Forwarded-For": address}, timeout=10)  # fmt: skip


def elsewhere() -> str:
    """A new address each time: an attacker with many machines."""
    number = next(_addresses)
    return f"198.51.{number // 250}.{number % 250 + 1}"


def assert_waits(response: requests.Response, seconds: int, now: datetime) -> None:
    assert response.status_code == 429, response.text
    body = response.json()
    assert body["code"] == "too_many_sign_ins"
    assert response.headers["Retry-After"] == str(seconds) == str(body["retry_after"])
    assert datetime.fromisoformat(body["retry_at"]) == now + timedelta(seconds=seconds)
    assert body["message"]["en"] and body["message"]["vi"].startswith("Nhập sai mật khẩu quá nhiều lần")


def test_wrong_passwords_beyond_the_free_tries_make_the_login_wait_and_a_right_one_ends_it(central: Central) -> None:
    now = central.clock.now()
    for _ in range(FREE_TRIES["login"] + 1):  # the last one is counted, and starts a wait of 1 s
        assert sign_in(central.url, "thu.tdm", "sai-mat-khau", OFFICE).status_code == 401

    waiting = sign_in(central.url, "thu.tdm", PASSWORD_A, OFFICE)  # even the right password: not checked

    assert_waits(waiting, 1, now)
    assert "thử lại sau 1 giây" in waiting.json()["message"]["vi"]
    central.clock.advance(timedelta(seconds=1))
    assert sign_in(central.url, "thu.tdm", PASSWORD_A, OFFICE).status_code == 200
    for _ in range(FREE_TRIES["login"]):  # the count started again
        assert sign_in(central.url, "thu.tdm", "sai-mat-khau", OFFICE).status_code == 401


def test_the_wait_doubles_with_each_wrong_try_up_to_its_cap(central: Central) -> None:
    """From a new address each time: the login's own count holds the guesser back."""
    for _ in range(FREE_TRIES["login"]):
        assert sign_in(central.url, "thu.tdm", "sai-mat-khau", elsewhere()).status_code == 401
    waits = []
    for _ in range(14):
        assert sign_in(central.url, "thu.tdm", "sai-mat-khau", elsewhere()).status_code == 401
        waiting = sign_in(central.url, "thu.tdm", "sai-mat-khau", elsewhere())
        assert waiting.status_code == 429, waiting.text
        waits.append(int(waiting.headers["Retry-After"]))
        central.clock.advance(timedelta(seconds=waits[-1]))
    cap = int(MAX_WAIT.total_seconds())
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, cap, cap, cap, cap]
    assert "15 phút" in waiting.json()["message"]["vi"]


def test_an_address_that_tries_many_logins_waits_too(central: Central) -> None:
    now = central.clock.now()
    for number in range(FREE_TRIES["address"] + 1):  # one wrong password each, at many logins
        assert sign_in(central.url, f"doan.{number}", "sai-mat-khau", "192.0.2.7").status_code == 401

    assert_waits(sign_in(central.url, "thu.tdm", PASSWORD_A, "192.0.2.7"), 1, now)
    assert sign_in(central.url, "thu.tdm", PASSWORD_A, OFFICE).status_code == 200  # not from elsewhere


def test_guessing_from_elsewhere_never_locks_an_official_out_of_their_own_office(central: Central) -> None:
    assert sign_in(central.url, "thu.tdm", PASSWORD_A, OFFICE).status_code == 200  # the office is known
    for _ in range(40):  # someone keeps guessing at thu.tdm from many machines
        sign_in(central.url, "thu.tdm", "doan-mat-khau", elsewhere())
    assert sign_in(central.url, "thu.tdm", PASSWORD_A, elsewhere()).status_code == 429

    assert sign_in(central.url, "thu.tdm", PASSWORD_A, OFFICE).status_code == 200


def test_every_process_of_the_service_counts_the_same_tries(central: Central, database_url: str) -> None:
    """As behind a load balancer: wrong tries sent to two instances on one database add up."""
    second = build_service("unified", database_url, central.clock, TEST_PASSWORD_COST)
    server = start_in_thread(second)
    try:
        now = central.clock.now()
        urls = [central.url, server.url]
        for number in range(FREE_TRIES["login"] + 1):
            assert sign_in(urls[number % 2], "thu.tdm", "sai-mat-khau", elsewhere()).status_code == 401
        for url in urls:
            assert_waits(sign_in(url, "thu.tdm", PASSWORD_A, elsewhere()), 1, now)
    finally:
        server.stop()
        second.engine.dispose()


def test_wrong_current_passwords_at_a_password_change_count_too(central: Central) -> None:
    signed_in = sign_in(central.url, "thu.tdm", PASSWORD_A, OFFICE).json()
    headers = {"Authorization": f"Bearer {signed_in['access_token']}", "X-Forwarded-For": elsewhere()}
    change = {"current_password": "doan-mat-khau", "new_password": "Mật-khẩu-mới-của-Thu-2027"}
    statuses = [requests.post(f"{central.url}/v1/auth/password", json=change, headers=headers, timeout=10).status_code
                for _ in range(FREE_TRIES["login"] + 2)]  # fmt: skip
    assert statuses == [401] * (FREE_TRIES["login"] + 1) + [429]


def test_the_desk_learns_how_long_to_wait(central: Central) -> None:
    http = requests.Session()
    http.headers["X-Forwarded-For"] = elsewhere()
    client = CentralClient(central.url, http=http)
    for _ in range(FREE_TRIES["login"] + 1):
        with pytest.raises(CentralRejected):
            client.sign_in("thu.tdm", "sai-mat-khau")

    with pytest.raises(CentralThrottled) as waiting:
        client.sign_in("thu.tdm", PASSWORD_A)

    assert waiting.value.retry_after == 1.0
    assert kind_of(waiting.value) is ErrorKind.TOO_MANY_SIGN_INS  # not "the server is busy"
