"""The token through its PKCS#11 module (SoftHSM2): what a person meets when it goes wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import DomainError
from app.signing_token import list_tokens, open_token
from tests.soft_token import SoftToken


def test_the_tokens_plugged_in_are_listed_by_label(tokens: dict[str, SoftToken]):
    module = tokens["chairman"].module
    labels = {token.label for token in list_tokens(module)}
    assert {"chairman", "agency", "expired"} <= labels
    assert all(token.manufacturer for token in list_tokens(module))


def test_the_signing_certificate_is_found_beside_its_key_not_the_ca_certificate(tokens: dict[str, SoftToken]):
    token = tokens["chairman"]
    with open_token(token.module, token.pin, "chairman") as session:
        assert session.certificate.subject.native["common_name"] == "Nguyễn Văn An"
        assert session.token.label == "chairman"


def test_a_wrong_pin_is_named_and_the_token_still_opens_with_the_right_one(tokens: dict[str, SoftToken]):
    token = tokens["agency"]
    with pytest.raises(DomainError) as wrong, open_token(token.module, "000000", "agency"):
        pass
    assert wrong.value.code == "token.pin_incorrect"
    with open_token(token.module, token.pin, "agency") as session:
        assert session.certificate.subject.native["common_name"] == "UBND Phường Sài Gòn"


def test_a_missing_module_or_an_absent_token_is_named(tokens: dict[str, SoftToken], tmp_path: Path):
    with pytest.raises(DomainError) as missing, open_token(str(tmp_path / "vendor.so"), "1234"):
        pass
    assert missing.value.code == "token.module_missing"
    not_a_module = tmp_path / "notes.so"
    not_a_module.write_text("not a library")
    with pytest.raises(DomainError) as unusable, open_token(str(not_a_module), "1234"):
        pass
    assert unusable.value.code == "token.module_unusable"
    with pytest.raises(DomainError) as absent, open_token(tokens["chairman"].module, "1234", "nobody's"):
        pass
    assert absent.value.code == "token.absent"
