from __future__ import annotations

from tests.central.conftest import PASSWORD_A, WARD_A, Central


def test_health_needs_no_token(central: Central) -> None:
    import requests

    response = requests.get(f"{central.url}/v1/health", timeout=5)
    assert response.status_code == 200
    assert response.json()["system"] == "unified"


def test_login_and_first_sync(central: Central) -> None:
    client = central.client("thu.tdm", PASSWORD_A)
    assert client.tokens["account"]["unit_code"] == WARD_A
    changes, _ = client.all_changes()
    kinds = {c["kind"] for c in changes}
    assert kinds == {"agency", "procedure", "document", "dossier", "feedback"}  # 1022 reports too
    units = {c["item"]["unit_code"] for c in changes if c["kind"] in ("document", "dossier", "feedback")}
    assert units == {WARD_A}
