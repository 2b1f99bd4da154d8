"""The committed OpenAPI file and the protocol document agree with the service as it runs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from central.server import RunningServer, build_service, start_in_thread

DOCS = Path(__file__).resolve().parents[2] / "docs"
OPENAPI_FILE = DOCS / "openapi.json"
PROTOCOL_FILE = DOCS / "sync-protocol.md"
FRAMEWORK_PATHS = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
METHODS = ("get", "post", "put", "patch", "delete")
# "GET /v1/changes", "POST /v1/auth/token", "GET /v1/attachments/{attachment_id}" (stops before "?", "`", " ").
ENDPOINT = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE) (/v1/[A-Za-z0-9_{}/-]*[A-Za-z0-9_}])")


@pytest.fixture
def running(tmp_path: Path) -> Iterator[RunningServer]:
    service = build_service("unified", f"sqlite:///{tmp_path}/c.sqlite3")
    server = start_in_thread(service)
    try:
        yield server
    finally:
        server.stop()
        service.engine.dispose()


def _normalised(document: Any) -> Any:
    return json.loads(json.dumps(document, sort_keys=True))


def _served(server: RunningServer) -> dict[str, Any]:
    response = requests.get(f"{server.url}/openapi.json", timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _operations(openapi: dict[str, Any]) -> set[tuple[str, str]]:
    return {
        (method.upper(), _generic(path))
        for path, item in openapi["paths"].items()
        if path not in FRAMEWORK_PATHS
        for method in item
        if method in METHODS
    }


def _generic(path: str) -> str:
    """Parameter names may differ between prose and code: /v1/attachments/{id} == /v1/attachments/{attachment_id}."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_committed_openapi_matches_the_running_service(running: RunningServer) -> None:
    committed = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
    served = _served(running)
    assert _normalised(served) == _normalised(committed), (
        "docs/openapi.json is out of date with the service: run `make openapi`"
    )


def test_protocol_document_names_exactly_the_served_endpoints(running: RunningServer) -> None:
    documented = {(method, _generic(path)) for method, path in ENDPOINT.findall(PROTOCOL_FILE.read_text("utf-8"))}
    served = _operations(_served(running))
    assert documented, "docs/sync-protocol.md names no endpoint"
    assert not documented - served, f"documented but not served: {sorted(documented - served)}"
    assert not served - documented, f"served but not in docs/sync-protocol.md: {sorted(served - documented)}"


def test_every_operation_documents_its_errors_bodies_and_content_types() -> None:
    """The description lists what a client can meet: each error status with the service's error body
    (not FastAPI's default 422 shape), the sign-in errors of protected operations, raw bodies' types."""
    openapi = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
    error_body = {"$ref": "#/components/schemas/ErrorOut"}
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert "500" in responses, (method, path)
            if operation.get("security"):
                assert {"401", "403"} <= set(responses), (method, path)
                assert "WWW-Authenticate" in responses["401"]["headers"]
            if "requestBody" in operation:
                assert {"413", "422"} <= set(responses) and operation["requestBody"]["content"], (method, path)
            for status, response in responses.items():
                if int(status) >= 400:
                    assert response["content"]["application/json"]["schema"] == error_body, (method, path, status)
    assert "HTTPValidationError" not in openapi["components"]["schemas"]
    paths = openapi["paths"]
    assert {"application/xml", "text/xml"} <= set(paths["/v1/edxml"]["post"]["requestBody"]["content"])
    assert set(paths["/v1/uploads/{key}"]["patch"]["requestBody"]["content"]) == {"application/octet-stream"}
    download = paths["/v1/attachments/{attachment_id}"]["get"]["responses"]
    assert {"200", "206", "304", "404", "416"} <= set(download)
    assert "*/*" in download["200"]["content"] and "Content-Range" in download["206"]["headers"]
    sign_in = paths["/v1/auth/token"]["post"]["responses"]
    assert {"401", "403", "415", "429"} <= set(sign_in) and "Retry-After" in sign_in["429"]["headers"]
    assert {"400", "409"} <= set(paths["/v1/changes"]["get"]["responses"])
    assert openapi["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
