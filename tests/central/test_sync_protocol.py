"""Pulls and pushes over real HTTP against the real service, on SQLite and on PostgreSQL."""

from __future__ import annotations

import base64
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests
from sqlalchemy import func, select

from app.domain.workflow import DossierState
from central.auth import RENEWAL_RETRY_WINDOW
from central.change_feed import compact
from central.feedback_privacy import shown_to
from central.models import Account, Document, Dossier, Token
from central.seed import add_account
from central.serialize import ITEM_MODELS, item_json
from central.server import build_service, start_in_thread
from tests.central.conftest import (
    PASSWORD_A,
    PASSWORD_B,
    TEST_PASSWORD_COST,
    WARD_A,
    WARD_B,
    ApiClient,
    Central,
    mutation,
)
from tests.conftest import DEMO_NOW


def dossiers_in(central: Central, unit: str, state: DossierState) -> list[Dossier]:
    with central.service.sessions() as session:
        query = select(Dossier).where(Dossier.unit_code == unit, Dossier.state == int(state)).order_by(Dossier.id)
        return list(session.scalars(query))


def latest_versions(changes: list[dict]) -> dict[tuple[str, str], int]:
    versions: dict[tuple[str, str], int] = {}
    for change in changes:
        if change["op"] == "upsert":
            versions[(change["kind"], change["id"])] = change["version"]
    return versions


def test_an_incremental_pull_with_nothing_new_is_one_request(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    _, cursor = client.all_changes()
    response = client.get("/v1/changes", params={"cursor": cursor})
    assert response.status_code == 200
    assert response.json() == {"changes": [], "next_cursor": cursor, "has_more": False}


def test_a_snapshot_sends_each_item_as_the_log_and_the_mutations_do(central: Central) -> None:
    """Snapshots read rows, the log and mutation answers read ORM objects: one shape for both."""
    snapshot, _ = central.client("thu.tdm", PASSWORD_A).all_changes(limit=500)
    with central.service.sessions() as session:
        official = session.scalars(select(Account).where(Account.login == "thu.tdm")).one()
        for change in snapshot:
            model = ITEM_MODELS[change["kind"]]
            shared = change["kind"] in ("agency", "procedure")  # keyed by their code
            item = session.get(model, change["id"] if shared else int(change["id"]))
            expected = shown_to(official, change["kind"], item_json(item))  # a 1022 reporter's contact hidden
            assert change["item"] == json.loads(json.dumps(expected)), change["id"]
    assert {change["kind"] for change in snapshot} >= {"agency", "procedure", "document", "dossier", "feedback"}


def test_an_applied_action_comes_back_in_the_next_pull(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    _, cursor = client.all_changes()
    dossier = dossiers_in(central, WARD_A, DossierState.SUBMITTED)[0]
    [result] = client.mutate(mutation("dossier", str(dossier.id), "accept", base_version=dossier.version))
    assert result["status"] == "applied"
    assert result["version"] == dossier.version + 1
    assert result["item"]["state"] == int(DossierState.ACCEPTED)
    page = client.get("/v1/changes", params={"cursor": cursor}).json()
    assert [(c["kind"], c["id"], c["version"]) for c in page["changes"]] == [
        ("dossier", str(dossier.id), dossier.version + 1)
    ]


def test_a_replayed_mutation_is_applied_once(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    dossier = dossiers_in(central, WARD_A, DossierState.SUBMITTED)[0]
    accept = mutation("dossier", str(dossier.id), "accept", base_version=dossier.version)
    first = client.mutate(accept)[0]
    again = client.mutate(accept)[0]
    assert first["status"] == "applied"
    assert again["status"] == "duplicate" and again["original_status"] == "applied"
    assert again["version"] == first["version"]
    with central.service.sessions() as session:
        assert session.get_one(Dossier, dossier.id).version == dossier.version + 1


def test_a_rejection_is_recorded_and_replayed_the_same(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    dossier = dossiers_in(central, WARD_A, DossierState.SUBMITTED)[0]
    early = mutation("dossier", str(dossier.id), "return_result", base_version=dossier.version)
    first = client.mutate(early)[0]
    assert first["status"] == "rejected"
    assert first["code"] == "workflow.illegal_action"
    assert first["item"]["state"] == int(DossierState.SUBMITTED)
    again = client.mutate(early)[0]
    assert again["status"] == "duplicate" and again["original_status"] == "rejected"


def test_a_rejected_action_does_not_block_the_ones_behind_it(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    first, second = dossiers_in(central, WARD_A, DossierState.SUBMITTED)[:2]
    results = client.mutate(
        mutation("dossier", str(first.id), "record_result", seq=1, result="x"),
        mutation("dossier", str(second.id), "accept", seq=2),
        mutation("dossier", str(first.id), "comment", seq=3, text="Đã gọi điện cho công dân"),
    )
    assert [r["status"] for r in results] == ["rejected", "applied", "applied"]
    assert results[2]["created"]["kind"] == "comment"


def test_a_supplement_request_without_reason_is_refused_and_changes_nothing(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    dossier = dossiers_in(central, WARD_A, DossierState.IN_PROGRESS)[0]
    [result] = client.mutate(mutation("dossier", str(dossier.id), "request_supplement", reason="  "))
    assert result["status"] == "rejected" and result["code"] == "workflow.missing_field"
    with central.service.sessions() as session:
        after = session.get_one(Dossier, dossier.id)
    assert (after.state, after.version, after.history) == (dossier.state, dossier.version, dossier.history)


def test_two_officials_racing_on_the_same_dossiers(central: Central) -> None:
    with central.service.sessions.begin() as session:
        add_account(session, "hoa.tdm", "Mk-Hoa-2026", WARD_A, "Lê Thị Hoa", DEMO_NOW)
    thu = central.client("thu.tdm", PASSWORD_A)
    hoa = central.client("hoa.tdm", "Mk-Hoa-2026")
    ready = dossiers_in(central, WARD_A, DossierState.PROCESSED)
    assert len(ready) >= 3
    start = threading.Barrier(2)

    def return_all(client: ApiClient) -> list[dict]:
        start.wait()
        return [client.mutate(mutation("dossier", str(d.id), "return_result", d.version))[0] for d in ready]

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(return_all, (thu, hoa)))
    for index, dossier in enumerate(ready):
        statuses = sorted(results[who][index]["status"] for who in (0, 1))
        assert statuses == ["applied", "rejected"], dossier.code
        loser = next(results[who][index] for who in (0, 1) if results[who][index]["status"] == "rejected")
        assert loser["code"] == "workflow.illegal_action"
        assert loser["item"]["state"] == int(DossierState.RETURNED)
    with central.service.sessions() as session:
        for dossier in ready:
            after = session.get_one(Dossier, dossier.id)
            assert after.version == dossier.version + 1
            assert [h.get("action") for h in after.history].count("return_result") == 1


def test_the_same_mutation_sent_twice_at_once_is_applied_once(central: Central) -> None:
    clients = [central.client("thu.tdm", PASSWORD_A) for _ in range(4)]
    dossier = dossiers_in(central, WARD_A, DossierState.IN_PROGRESS)[0]
    comment = mutation("dossier", str(dossier.id), "comment", dossier.version, text="Một lần thôi")
    start = threading.Barrier(len(clients))

    def send(client: ApiClient) -> dict:
        start.wait()
        return client.mutate(comment)[0]

    with ThreadPoolExecutor(len(clients)) as pool:
        results = list(pool.map(send, clients))
    statuses = sorted(r["status"] for r in results)
    assert statuses.count("applied") == 1
    assert set(statuses) <= {"applied", "duplicate", "retry"}
    with central.service.sessions() as session:
        assert session.get_one(Dossier, dossier.id).version == dossier.version + 1


def test_a_pull_during_concurrent_writes_misses_nothing(central: Central) -> None:
    reader = central.client("thu.tdm", PASSWORD_A)
    seen, cursor = reader.all_changes()
    targets = dossiers_in(central, WARD_A, DossierState.IN_PROGRESS)[:4]
    writers = [central.client("thu.tdm", PASSWORD_A) for _ in targets]
    stop = threading.Event()

    def write(pair: tuple[ApiClient, Dossier]) -> None:
        client, dossier = pair
        for n in range(8):
            client.mutate(mutation("dossier", str(dossier.id), "comment", text=f"ghi chú {n}"))

    def read() -> None:
        nonlocal cursor
        while not stop.is_set():
            page = reader.get("/v1/changes", params={"cursor": cursor, "limit": 3}).json()
            seen.extend(page["changes"])
            cursor = page["next_cursor"]

    reading = threading.Thread(target=read)
    reading.start()
    with ThreadPoolExecutor(len(targets)) as pool:
        list(pool.map(write, zip(writers, targets, strict=True)))
    stop.set()
    reading.join()
    while True:
        page = reader.get("/v1/changes", params={"cursor": cursor}).json()
        seen.extend(page["changes"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    versions = latest_versions(seen)
    with central.service.sessions() as session:
        for dossier in targets:
            assert versions[("dossier", str(dossier.id))] == session.get_one(Dossier, dossier.id).version == 9
    assert sum(1 for kind, _ in versions if kind == "comment") == 8 * len(targets)


def test_a_cursor_older_than_the_log_must_refetch(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    _, old_cursor = client.all_changes()
    dossier = dossiers_in(central, WARD_A, DossierState.SUBMITTED)[0]
    client.mutate(mutation("dossier", str(dossier.id), "accept"))
    with central.service.sessions.begin() as session:
        compact(session, keep_last=0)
    response = client.get("/v1/changes", params={"cursor": old_cursor})
    assert response.status_code == 409
    assert response.json()["code"] == "must_refetch"
    snapshot, _ = client.all_changes()
    assert latest_versions(snapshot)[("dossier", str(dossier.id))] == dossier.version + 1


def test_a_garbage_cursor_is_a_clear_400(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    # the last two were 500s, found by tests/central/test_endpoint_fuzz.py: booleans for numbers,
    # and a snapshot position that is not a row id
    made_up = [{"e": True, "s": False}, {"e": 1, "s": 0, "k": "document", "i": "abc"}]
    encoded = [base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=") for data in made_up]
    for cursor in ("garbage", "eyJlIjoxfQ", "e30", "!!!", *encoded):
        response = client.get("/v1/changes", params={"cursor": cursor})
        assert response.status_code in (400, 409), cursor
        assert response.json()["code"] in ("bad_cursor", "must_refetch")


def test_ids_beyond_what_the_database_holds_are_not_found(central: Central) -> None:
    """A 500 on PostgreSQL (integer out of range) until the fuzzer found it."""
    client = central.client("thu.tdm", PASSWORD_A)
    assert client.get("/v1/attachments/2147483648").status_code == 404
    response = client.post("/v1/mutations", json={"mutations": [mutation("dossier", "9" * 30, "accept")]})
    assert response.status_code == 200 and response.json()["results"][0]["status"] == "rejected"


def test_one_ward_sees_and_changes_nothing_of_another(central: Central) -> None:
    saigon = central.client("lan.saigon", PASSWORD_B)
    changes, _ = saigon.all_changes()
    units = {c["item"]["unit_code"] for c in changes if c["kind"] not in ("agency", "procedure")}
    assert units == {WARD_B}
    foreign = dossiers_in(central, WARD_A, DossierState.SUBMITTED)[0]
    [result] = saigon.mutate(mutation("dossier", str(foreign.id), "accept"))
    assert result["status"] == "rejected" and result["code"] == "not_found" and result.get("item") is None
    with central.service.sessions() as session:
        assert session.get_one(Dossier, foreign.id).version == foreign.version


def test_tokens_expire_refresh_rotates_and_revoke_signs_out(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    first_refresh = client.tokens["refresh_token"]
    central.clock.advance(timedelta(minutes=16))
    expired = client.get("/v1/me")
    assert expired.status_code == 401 and expired.json()["code"] == "token_expired"
    renewed = requests.post(f"{central.url}/v1/auth/refresh", json={"refresh_token": first_refresh}, timeout=5)
    assert renewed.status_code == 200
    headers = {"Authorization": f"Bearer {renewed.json()['access_token']}"}
    assert requests.get(f"{central.url}/v1/me", headers=headers, timeout=5).json()["unit_code"] == WARD_A
    out = requests.post(
        f"{central.url}/v1/auth/revoke", json={"refresh_token": renewed.json()["refresh_token"]}, headers=headers,
        timeout=5,
    )  # fmt: skip
    assert out.status_code == 204
    assert requests.get(f"{central.url}/v1/me", headers=headers, timeout=5).json()["code"] == "invalid_token"


def test_wrong_passwords_and_missing_tokens(central: Central) -> None:
    client = ApiClient(central.url)
    for login, password in (("thu.tdm", "wrong"), ("nobody", PASSWORD_A), ("thu.tdm", PASSWORD_B)):
        response = client.login(login, password)
        assert response.status_code == 401 and response.json()["code"] == "bad_credentials"
    for path in ("/v1/me", "/v1/changes", "/v1/attachments/1"):
        response = client.get(path)
        assert response.status_code == 401 and response.json()["code"] == "missing_token", path
    response = client.post("/v1/mutations", json={"mutations": []})
    assert response.status_code == 401


def test_bad_input_gets_a_4xx_never_a_500(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    good = mutation("dossier", "1", "accept")
    bodies = [
        b"{not json",
        b"[]",
        b'{"mutations": "all"}',
        b'{"mutations": []}',
        b'{"mutations": [{}]}',
        json.dumps({"mutations": [good] * 101}).encode(),
        json.dumps({"mutations": [{**good, "payload": {"reason": {"nested": 1}}}]}).encode(),
        json.dumps({"mutations": [{**good, "mutation_id": "'; DROP TABLE dossier; --"}]}).encode(),
        json.dumps({"mutations": [{**good, "item_id": "1" * 100}]}).encode(),
        json.dumps({"mutations": [{**good, "payload": {"reason": "x" * 5000}}]}).encode(),
    ]
    for body in bodies:
        response = client.post("/v1/mutations", data=body, headers={"Content-Type": "application/json"})
        assert 400 <= response.status_code < 500, body[:60]
        assert "code" in response.json()
    for params in ({"limit": 0}, {"limit": 10_000}, {"limit": "many"}, {"cursor": "x" * 600}):
        response = client.get("/v1/changes", params=params)
        assert response.status_code == 422, params
    odd_ids = [mutation("dossier", item, "accept") for item in ("abc", "-1", "99999999", "1.5")]
    assert {r["code"] for r in client.mutate(*odd_ids)} == {"not_found"}
    huge = client.post("/v1/mutations", data=b"x" * 2_000_001, headers={"Content-Type": "application/json"})
    assert huge.status_code == 413 and huge.json()["code"] == "too_large"


def test_a_new_incoming_document_gets_a_server_allocated_arrival_number(central: Central) -> None:
    with central.service.sessions.begin() as session:
        query = select(Document).where(Document.unit_code == WARD_A, Document.direction == "incoming").limit(2)
        fresh = list(session.scalars(query))
        for document in fresh:
            document.state, document.arrival_number = "received", None
    thu = central.client("thu.tdm", PASSWORD_A)
    numbers = []
    for document in fresh:  # the client's provisional number 1 is replaced by the register's next one
        [result] = thu.mutate(mutation("document", str(document.id), "register", arrival_number=1))
        assert result["status"] == "applied"
        numbers.append(result["item"]["arrival_number"])
    assert numbers[1] == numbers[0] + 1 > 1


def test_two_service_processes_share_one_database(central: Central, database_url: str) -> None:
    """Nothing lives in a process's memory: a token from one instance works on another, and
    the same mutation sent to both is applied once (as behind a load balancer)."""
    second = build_service("unified", database_url, central.clock, TEST_PASSWORD_COST)
    server = start_in_thread(second)
    try:
        first_client = central.client("thu.tdm", PASSWORD_A)
        other = ApiClient(server.url)
        other.http.headers["Authorization"] = first_client.http.headers["Authorization"]
        assert other.get("/v1/me").json()["unit_code"] == WARD_A
        dossier = dossiers_in(central, WARD_A, DossierState.SUBMITTED)[0]
        accept = mutation("dossier", str(dossier.id), "accept")
        assert first_client.mutate(accept)[0]["status"] == "applied"
        assert other.mutate(accept)[0]["status"] == "duplicate"
        _, cursor = first_client.all_changes()
        assert other.get("/v1/changes", params={"cursor": cursor}).json()["changes"] == []
    finally:
        server.stop()
        second.engine.dispose()


def test_a_refresh_token_works_once_and_its_reuse_ends_the_whole_sign_in(central: Central) -> None:
    """Refresh token rotation with reuse detection (OAuth 2.0 Security BCP): the old token presented
    again is theft, so every token of that sign-in stops working, the thief's and the user's alike."""
    client = central.client("thu.tdm", PASSWORD_A)
    other_sign_in = central.client("thu.tdm", PASSWORD_A)  # another desk of the same official
    first = client.tokens["refresh_token"]
    url = f"{central.url}/v1/auth/refresh"
    renewed = requests.post(url, json={"refresh_token": first}, timeout=5)
    assert renewed.status_code == 200
    newest = requests.post(url, json={"refresh_token": renewed.json()["refresh_token"]}, timeout=5).json()
    reused = requests.post(url, json={"refresh_token": first}, timeout=5)
    assert reused.status_code == 401 and reused.json()["code"] == "refresh_token_reused"
    assert reused.json()["message"]["vi"] and reused.headers["WWW-Authenticate"] == "Bearer"
    for token in (renewed.json()["access_token"], newest["access_token"], client.tokens["access_token"]):
        me = requests.get(f"{central.url}/v1/me", headers={"Authorization": f"Bearer {token}"}, timeout=5)
        assert me.status_code == 401 and me.json()["code"] == "invalid_token"
    again = requests.post(url, json={"refresh_token": newest["refresh_token"]}, timeout=5)
    assert again.status_code == 401 and again.json()["code"] == "invalid_token"
    assert other_sign_in.get("/v1/me").status_code == 200  # another sign-in's family is untouched
    assert requests.post(url, json={"refresh_token": other_sign_in.tokens["refresh_token"]}, timeout=5).ok


def test_the_same_refresh_token_sent_twice_at_once_renews_once(central: Central) -> None:
    """Two refreshes racing with one token: one wins, the other is the reuse (never two new pairs)."""
    first = central.client("thu.tdm", PASSWORD_A).tokens["refresh_token"]
    url = f"{central.url}/v1/auth/refresh"
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda _: requests.post(url, json={"refresh_token": first}, timeout=10), range(2)))
    assert sorted(answer.status_code for answer in answers) == [200, 401]


KEY = "k7Qx2vR9mTz4Lp0sWc8dNf3hJy6bUa1e"  # a renewal key as the desk makes one (32 url-safe characters)


def renew(central: Central, refresh_token: str, renewal_key: str | None = None) -> requests.Response:
    body = {"refresh_token": refresh_token} | ({"renewal_key": renewal_key} if renewal_key else {})
    return requests.post(f"{central.url}/v1/auth/refresh", json=body, timeout=5)


def works(central: Central, access_token: str) -> bool:
    me = requests.get(f"{central.url}/v1/me", headers={"Authorization": f"Bearer {access_token}"}, timeout=5)
    return me.status_code == 200


def live_refresh_tokens(central: Central) -> int:
    """How many refresh tokens can still renew."""
    query = select(func.count()).where(Token.kind == "refresh", Token.revoked_at.is_(None), Token.rotated_at.is_(None))
    with central.service.sessions() as session:
        return session.scalar(query) or 0


def test_a_renewal_retried_with_its_key_after_a_lost_answer_gets_a_new_pair(central: Central) -> None:
    """The answer to a renewal was lost: the desk sends the spent token again with the same renewal key.
    That is the retry, not a copy: it gets a working pair, and the pair it never received stops working."""
    first = central.client("thu.tdm", PASSWORD_A).tokens["refresh_token"]
    lost = renew(central, first, KEY).json()
    central.clock.advance(timedelta(seconds=30))
    retried = renew(central, first, KEY)
    assert retried.status_code == 200, retried.json()
    assert works(central, retried.json()["access_token"]) and not works(central, lost["access_token"])
    assert renew(central, lost["refresh_token"]).json()["code"] == "invalid_token"
    assert renew(central, retried.json()["refresh_token"]).status_code == 200  # the sign-in goes on
    assert renew(central, first, "short").status_code == 422  # a key is 22 to 64 url-safe characters


@pytest.mark.parametrize("presented_key", [None, "another-key-of-32-url-safe-chars"], ids=["no_key", "other_key"])
def test_a_spent_refresh_token_without_its_renewal_key_is_still_theft(central: Central, presented_key) -> None:
    first = central.client("thu.tdm", PASSWORD_A).tokens["refresh_token"]
    renewed = renew(central, first, KEY).json()
    reused = renew(central, first, presented_key)
    assert reused.status_code == 401 and reused.json()["code"] == "refresh_token_reused"
    assert not works(central, renewed["access_token"])  # the whole family is revoked
    assert renew(central, first, KEY).json()["code"] == "invalid_token"  # and the right key comes too late


def test_a_retry_after_the_window_is_theft(central: Central) -> None:
    first = central.client("thu.tdm", PASSWORD_A).tokens["refresh_token"]
    renewed = renew(central, first, KEY).json()
    central.clock.advance(RENEWAL_RETRY_WINDOW + timedelta(seconds=1))
    late = renew(central, first, KEY)
    assert late.status_code == 401 and late.json()["code"] == "refresh_token_reused"
    assert renew(central, renewed["refresh_token"]).json()["code"] == "invalid_token"


def test_retries_never_leave_two_live_pairs(central: Central) -> None:
    """Each retry replaces the pair of the one before (one family, one live refresh token): a spent
    token and its key cannot mint sign-ins. Once the pair it issued has been renewed, or signed out,
    the same retry is theft."""
    first = central.client("thu.tdm", PASSWORD_A).tokens["refresh_token"]
    pairs = [renew(central, first, KEY).json() for _ in range(3)]
    assert [works(central, pair["access_token"]) for pair in pairs] == [False, False, True]
    assert live_refresh_tokens(central) == 1
    assert renew(central, pairs[-1]["refresh_token"], KEY).status_code == 200  # the last pair was received
    stale_retry = renew(central, first, KEY)
    assert stale_retry.status_code == 401 and stale_retry.json()["code"] == "refresh_token_reused"
    assert live_refresh_tokens(central) == 0

    second = central.client("thu.tdm", PASSWORD_A)
    renewed = renew(central, second.tokens["refresh_token"], KEY).json()
    headers = {"Authorization": f"Bearer {renewed['access_token']}"}
    out = requests.post(f"{central.url}/v1/auth/revoke", json={"refresh_token": renewed["refresh_token"]},
                        headers=headers, timeout=5)  # fmt: skip
    assert out.status_code == 204
    assert renew(central, second.tokens["refresh_token"], KEY).json()["code"] == "refresh_token_reused"


def test_numbers_and_strings_keep_their_json_types_and_stay_in_range(central: Central) -> None:
    """A string of 4,001–4,300 digits used to slip past the 4,000-character limit as an integer; a
    numeric string is not a number, a number not a string, and integers stay within an INTEGER column."""
    client = central.client("thu.tdm", PASSWORD_A)
    dossier = str(dossiers_in(central, WARD_A, DossierState.SUBMITTED)[0].id)
    refused = [
        mutation("dossier", dossier, "refuse", reason="9" * 4100),
        mutation("dossier", dossier, "refuse", reason=2**40),
        {**mutation("dossier", dossier, "accept"), "seq": "0"},
        {**mutation("dossier", dossier, "accept"), "base_version": 2**31},
        {**mutation("dossier", dossier, "accept"), "base_version": True},
        {**mutation("dossier", dossier, "accept"), "item_id": int(dossier)},
    ]
    for wrong in refused:
        response = client.post("/v1/mutations", json={"mutations": [wrong]})
        assert response.status_code == 422 and response.json()["code"] == "invalid_request", wrong
    [applied] = client.mutate({**mutation("dossier", dossier, "accept"), "seq": 0.0, "base_version": 1.0})
    assert applied["status"] == "applied"  # 1.0 is the integer 1 in JSON (and in JSON Schema)
    upload = {"key": "5f0c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", "item_kind": "dossier", "item_id": dossier,
              "file_name": "a.pdf", "content_type": "application/pdf", "size": "3", "sha256": "0" * 64}  # fmt: skip
    assert client.post("/v1/uploads", json=upload).status_code == 422
