"""Every error the service answers, whoever produces it (a route, the framework's routing and body
parsing, the body limit, a crash), is JSON with a stable code and a message in both languages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import requests

from central import api, edxml_ingest, errors
from tests.central.conftest import ApiClient, Central

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)
ROOT = Path(__file__).resolve().parents[2]
UPLOAD_KEY = "5f0c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"


def assert_bilingual(response: requests.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["code"] == code, body
    english, vietnamese = body["message"]["en"], body["message"]["vi"]
    assert english and VIETNAMESE.search(vietnamese) and english not in vietnamese, body


def test_framework_answers_are_bilingual(central: Central, thu: ApiClient) -> None:
    url = central.url
    cases = [  # (response, status, code)
        (requests.get(f"{url}/v1/nothing-here", timeout=5), 404, "not_found"),
        (requests.delete(f"{url}/v1/me", timeout=5), 405, "method_not_allowed"),
        # not UTF-8: the framework's own "There was an error parsing the body" in both fields, before
        (requests.post(f"{url}/v1/auth/token", data=b'{"login": "\xff", "password": "x"}',
                       headers={"Content-Type": "application/json"}, timeout=5), 400, "bad_request"),
        (requests.post(f"{url}/v1/auth/token", data=b'{"login": ', headers={"Content-Type": "application/json"},
                       timeout=5), 422, "invalid_request"),
        (requests.post(f"{url}/v1/auth/token", data=b"login=a&password=b",
                       headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=5),
         415, "unsupported_media_type"),
        (requests.post(f"{url}/v1/auth/token", data=b"{}" * 600_000, headers={"Content-Type": "application/json"},
                       timeout=5), 413, "too_large"),
        (requests.get(f"{url}/v1/me", timeout=5), 401, "missing_token"),
        (thu.post("/v1/edxml", data=b"not xml at all", headers={"Content-Type": "application/xml"}), 422,
         "edxml.not_xml"),
        (thu.http.patch(f"{url}/v1/uploads/{UPLOAD_KEY}", data=b"x", headers={"Upload-Offset": "0"}, timeout=5),
         404, "not_found"),
    ]  # fmt: skip
    for response, status, code in cases:
        assert_bilingual(response, status, code)


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("PUT", "/v1/code-blocks", "GET, POST"),  # two routes share the path: Starlette named only the first
    ("OPTIONS", "/v1/code-blocks", "GET, POST"),
    ("GET", "/v1/uploads/5f0c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f", "PATCH"),
    ("DELETE", "/v1/auth/token", "POST"),
])  # fmt: skip
def test_a_wrong_method_is_405_with_the_methods_the_path_takes(
    central: Central, method: str, path: str, allowed: str
) -> None:
    response = requests.request(method, f"{central.url}{path}", timeout=5)
    assert_bilingual(response, 405, "method_not_allowed")
    assert response.headers["Allow"] == allowed


def test_an_unexpected_failure_is_a_bilingual_json_500(
    central: Central, thu: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(api, "read_changes", broken)
    assert_bilingual(thu.get("/v1/changes"), 500, "internal")


# The classes whose Vietnamese text becomes an ApiError's, and where it stands among their arguments.
_VIETNAMESE_AT = {"ApiError": 3, "WeakPassword": 2}


def _vietnamese_argument(call: ast.Call, position: int) -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((keyword.value for keyword in call.keywords if keyword.arg == "vi"), None)


def test_every_api_error_of_the_source_says_it_in_vietnamese() -> None:
    """A walk of central/: each ApiError's (and WeakPassword's) Vietnamese text is in Vietnamese (a literal or an
    f-string), a message's own .vietnamese(), or read from one of the tables checked below; never
    English with a Vietnamese prefix, as the edXML parser's refusals were."""
    found = 0
    for path in sorted((ROOT / "central").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _VIETNAMESE_AT):
                continue
            found += 1
            where = f"{path.name}:{node.lineno}"
            vietnamese = _vietnamese_argument(node, _VIETNAMESE_AT[node.func.id])
            if isinstance(vietnamese, ast.Constant | ast.JoinedStr):
                text = "".join(part.value for part in ast.walk(vietnamese)
                               if isinstance(part, ast.Constant) and isinstance(part.value, str))  # fmt: skip
                assert VIETNAMESE.search(text), where
            elif isinstance(vietnamese, ast.Call):
                assert isinstance(vietnamese.func, ast.Attribute) and vietnamese.func.attr == "vietnamese", where
            elif isinstance(vietnamese, ast.Attribute):  # a WeakPassword's, whose texts this walk checks too
                assert vietnamese.attr == "vi", where
            else:  # a name or subscript: from the tables below
                assert isinstance(vietnamese, ast.Name | ast.Subscript), where
    assert found > 20
    tables = [vi for _, vi in api._AUTH_ERRORS.values()] + list(api._GRANT_REFUSALS_VI.values())
    tables += [vi for _, _, vi in [*errors._HTTP_CODES.values(), errors._OTHER_HTTP]]
    tables += list(edxml_ingest._TOO_MUCH_VI.values())
    assert all(VIETNAMESE.search(vi) for vi in tables), tables


def test_a_nul_character_is_refused_by_the_schema_not_met_by_the_database(thu: ApiClient) -> None:
    """PostgreSQL's text holds no NUL: schemathesis sent one in an upload's content type and got a 500."""
    upload = {"item_kind": "dossier", "item_id": "1", "key": "2c318a78-4c0d-9fb9-2acb-2958a05452f8",
              "file_name": "don.pdf", "content_type": "application/pdf\u0000", "size": 3,
              "sha256": "0" * 64}  # fmt: skip
    assert_bilingual(thu.post("/v1/uploads", json=upload), 422, "invalid_request")
    comment = {"mutation_id": "00000000-0000-4000-8000-000000000001", "seq": 1, "kind": "dossier", "item_id": "1",
               "base_version": 1, "action": "comment", "payload": {"text": "a\u0000b"}}  # fmt: skip
    assert_bilingual(thu.post("/v1/mutations", json={"mutations": [comment]}), 422, "invalid_request")
    anonymous = ApiClient(thu.url)
    assert_bilingual(anonymous.post("/v1/auth/refresh", json={"refresh_token": "a\u0000b"}), 422, "invalid_request")
