"""Passwords at current strength (issue 19): scrypt N=2^17, r=8, p=1 by default, an older hash made
again at its account's next sign-in, and one policy for every new password (the API's change here,
the command line's in test_cli)."""

from __future__ import annotations

import unicodedata

import pytest
import requests
from sqlalchemy import select, update

from central.api import CentralService
from central.database import create_central_engine
from central.models import Account
from central.password_policy import MIN_LENGTH, WeakPassword, check_new_password
from central.passwords import STRONG, HashCost, hash_password, needs_rehash, verify_password
from tests.central.conftest import PASSWORD_A, TEST_PASSWORD_COST, ApiClient, Central

OLD_COST = HashCost(2**14)  # what the service wrote before


def test_the_service_hashes_at_the_strong_cost_unless_told_otherwise() -> None:
    assert (STRONG.n, STRONG.r, STRONG.p) == (2**17, 8, 1)
    engine = create_central_engine("sqlite://")
    assert CentralService("unified", engine).password_cost is STRONG
    engine.dispose()
    stored = hash_password("Mật-khẩu-đủ-dài-2026")  # 128 MiB: more than hashlib's default memory limit
    assert stored.startswith("scrypt$131072$8$1$")
    assert verify_password("Mật-khẩu-đủ-dài-2026", stored) and not verify_password("Mật-khẩu-khác-2026", stored)
    assert not needs_rehash(stored, STRONG) and needs_rehash(stored, TEST_PASSWORD_COST)


def test_a_stored_hash_asking_for_absurd_memory_is_refused_not_computed() -> None:
    absurd = hash_password("x", HashCost(2**10)).replace("scrypt$1024$", f"scrypt${2**24}$")  # 16 GiB
    assert verify_password("x", absurd) is False
    assert needs_rehash(absurd, STRONG)


def _stored_hash(central: Central, login: str) -> str:
    with central.service.reads() as session:
        return session.scalar(select(Account.password_hash).where(Account.login == login)) or ""


def test_an_older_hash_is_made_again_at_the_services_cost_on_a_right_sign_in(central: Central) -> None:
    with central.service.sessions.begin() as session:
        session.execute(update(Account).where(Account.login == "thu.tdm")
                        .values(password_hash=hash_password(PASSWORD_A, OLD_COST)))  # fmt: skip
    assert ApiClient(central.url).login("thu.tdm", "sai-mat-khau").status_code == 401
    assert _stored_hash(central, "thu.tdm").startswith("scrypt$16384$")  # a wrong password changes nothing

    assert ApiClient(central.url).login("thu.tdm", PASSWORD_A).status_code == 200

    stored = _stored_hash(central, "thu.tdm")
    assert stored.startswith(f"scrypt${TEST_PASSWORD_COST.n}$8$1$") and verify_password(PASSWORD_A, stored)
    assert ApiClient(central.url).login("thu.tdm", PASSWORD_A).status_code == 200  # and it still signs in


@pytest.mark.parametrize(
    ("new", "reason", "vietnamese"),
    [
        ("Ngắn-2026", "password.too_short", f"Mật khẩu mới phải có ít nhất {MIN_LENGTH} ký tự."),
        ("x", "password.too_short", f"Mật khẩu mới phải có ít nhất {MIN_LENGTH} ký tự."),
        ("aaaaaaaaaaaaaaaa", "password.one_character", "Mật khẩu mới không được chỉ lặp lại một ký tự."),
        ("THU.TDM.THU.TDM", None, None),  # contains the login, but is not it: allowed
        ("thu.tdm", "password.too_short", f"Mật khẩu mới phải có ít nhất {MIN_LENGTH} ký tự."),
        (PASSWORD_A, "password.unchanged", "Mật khẩu mới phải khác mật khẩu hiện tại."),
    ],
)
def test_a_password_change_follows_the_password_policy(
    central: Central, thu: ApiClient, new: str, reason: str | None, vietnamese: str | None
) -> None:
    change = {"current_password": PASSWORD_A, "new_password": new}

    response = thu.post("/v1/auth/password", json=change)

    if reason is None:
        assert response.status_code == 200, response.text
        return
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["code"], body["reason"], body["message"]["vi"]) == ("weak_password", reason, vietnamese)
    assert requests.get(f"{central.url}/v1/me", headers=thu.http.headers, timeout=10).status_code == 200


def test_the_policy_counts_letters_as_written_and_refuses_the_login() -> None:
    typed_apart = unicodedata.normalize("NFD", "Điện-Biên-P")  # 11 letters, 14 code points typed apart
    assert len(typed_apart) > MIN_LENGTH
    with pytest.raises(WeakPassword) as short:
        check_new_password(typed_apart, "thu.tdm")
    assert short.value.code == "password.too_short"
    check_new_password(unicodedata.normalize("NFD", "Điện-Biên-Phủ"), "thu.tdm")  # 13 letters
    with pytest.raises(WeakPassword) as same:
        check_new_password("Nguyen.Thi.Thu", "nguyen.thi.thu")
    assert same.value.code == "password.is_login"
    with pytest.raises(WeakPassword) as long:
        check_new_password("a" + "b" * 1000, "thu.tdm")
    assert long.value.code == "password.too_long"
