"""Every endpoint of the real service, over HTTP on loopback, fed what hypothesis makes up.

Two properties: no input makes the service fail (a 5xx), and no official of one ward reaches an
item of another, however the request is shaped (ids, kinds, actions, payloads, attachment ids).
"""

from __future__ import annotations

import base64
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from central.models import Attachment, Document, Dossier
from tests.central.conftest import PASSWORD_A, PASSWORD_B, WARD_A, Central, mutation

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
KINDS = st.one_of(st.sampled_from(["document", "dossier", "comment", "attachment", "agency"]), st.text(max_size=12))
ACTIONS = st.one_of(
    st.sampled_from(["accept", "register", "forward", "comment", "request_supplement", "record_result", "return"]),
    st.text(max_size=20),
)
JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40)
)
JSON_VALUE = st.recursive(JSON_LEAF, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.text(max_size=10), inner, max_size=3), max_leaves=8)  # fmt: skip
MUTATION = st.fixed_dictionaries(
    {},
    optional={
        "mutation_id": st.one_of(st.uuids().map(str), st.text(max_size=50)), "seq": st.one_of(st.integers(), JSON_LEAF),
        "kind": KINDS, "item_id": st.one_of(st.integers(min_value=-5, max_value=10**12).map(str), JSON_LEAF),
        "base_version": st.one_of(st.integers(), JSON_LEAF), "action": ACTIONS,
        "payload": st.one_of(st.dictionaries(st.text(max_size=12), JSON_VALUE, max_size=4), JSON_VALUE),
    },
)  # fmt: skip
HEADER_TEXT = st.characters(min_codepoint=32, max_codepoint=126)  # what an HTTP client can send at all
# requests refuses to send a header value that starts with a space (no HTTP client sends one)
HEADER_VALUE = st.text(HEADER_TEXT, max_size=20).map(str.lstrip)
CURSOR = st.one_of(
    st.text(max_size=60),
    st.dictionaries(st.sampled_from(["e", "s", "k", "i"]), JSON_LEAF, max_size=4).map(
        lambda data: base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    ),
)


def no_server_error(response: Any) -> None:
    assert response.status_code < 500, (response.request.method, response.request.url, response.text[:300])


@FUZZ
@given(cursor=CURSOR, limit=st.one_of(st.integers(min_value=-10, max_value=10**6), st.text(max_size=6)))
def test_changes_with_any_cursor_and_limit(central: Central, cursor: str, limit: Any) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    no_server_error(client.get("/v1/changes", params={"cursor": cursor, "limit": limit}))


@FUZZ
@given(body=st.one_of(st.lists(MUTATION, max_size=4).map(lambda m: {"mutations": m}), JSON_VALUE))
def test_mutations_with_any_body(central: Central, body: Any) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    no_server_error(client.post("/v1/mutations", json=body))


@FUZZ
@given(
    path=st.sampled_from(["/v1/auth/token", "/v1/auth/refresh", "/v1/auth/password", "/v1/auth/revoke"]),
    body=st.one_of(JSON_VALUE, st.dictionaries(st.sampled_from(
        ["login", "password", "refresh_token", "current_password", "new_password"]), JSON_LEAF, max_size=3)),
)  # fmt: skip
def test_auth_endpoints_with_any_body(central: Central, path: str, body: Any) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    no_server_error(client.post(path, json=body))


@FUZZ
@given(
    attachment_id=st.one_of(st.integers(min_value=-3, max_value=10**15).map(str), st.text(min_size=1, max_size=20)),
    range_header=st.one_of(st.none(), HEADER_VALUE, st.from_regex(r"bytes=[0-9]{0,6}-[0-9]{0,6}", fullmatch=True)),
)
def test_attachments_with_any_id_and_range(central: Central, attachment_id: str, range_header: str | None) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    headers = {"Range": range_header} if range_header is not None else {}
    safe_id = attachment_id.replace("/", "%2F").replace("?", "%3F").replace("#", "%23")
    no_server_error(client.get(f"/v1/attachments/{safe_id}", headers=headers))


@FUZZ
@given(data=st.one_of(st.binary(max_size=500), st.text(max_size=300).map(str.encode)))
def test_edxml_with_any_bytes(central: Central, data: bytes) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    no_server_error(client.post("/v1/edxml", data=data, headers={"Content-Type": "application/xml"}))


def ward_a_items(central: Central) -> dict[str, list[tuple[str, int]]]:
    """Ward A's documents and dossiers (id, version), and its attachment ids."""
    with central.service.sessions() as session:
        found: dict[str, list[tuple[str, int]]] = {}
        for kind, model in (("document", Document), ("dossier", Dossier)):
            rows = session.execute(select(model.id, model.version).where(model.unit_code == WARD_A))
            found[kind] = [(str(item_id), version) for item_id, version in rows]
        rows = session.scalars(select(Attachment.id).where(Attachment.unit_code == WARD_A))
        found["attachment"] = [(str(item_id), 1) for item_id in rows]
    return found


@FUZZ
@given(data=st.data())
def test_another_wards_official_reaches_nothing_of_ward_a(central: Central, data: st.DataObject) -> None:
    items = ward_a_items(central)
    other = central.client("lan.saigon", PASSWORD_B)
    kind = data.draw(st.sampled_from(["document", "dossier"]))
    item_id, version = data.draw(st.sampled_from(items[kind]))
    action = data.draw(ACTIONS)
    payload = data.draw(st.dictionaries(st.sampled_from(["reason", "text", "to", "result", "number"]),
                                        st.text(max_size=20), max_size=3))  # fmt: skip
    response = other.post("/v1/mutations", json={"mutations": [mutation(kind, item_id, action, version, **payload)]})
    no_server_error(response)
    if response.status_code == 200:
        (result,) = response.json()["results"]
        assert result["status"] == "rejected" and result.get("item") is None, result  # not even a glimpse
    assert dict(ward_a_items(central)[kind])[item_id] == version  # unchanged
    if items["attachment"]:
        attachment_id, _ = data.draw(st.sampled_from(items["attachment"]))
        assert other.get(f"/v1/attachments/{attachment_id}").status_code == 404
    changes, _ = other.all_changes(limit=500)
    assert not any(change.get("item", {}).get("unit_code") == WARD_A for change in changes)
