"""A server's address is checked before a password is sent to it: https, or http on this computer only."""

from __future__ import annotations

import pytest

from app.domain.errors import DomainError
from app.server_address import checked_server_address, unencrypted_host
from app.settings import Settings


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  https://ward-desk.hochiminhcity.gov.vn/ ", "https://ward-desk.hochiminhcity.gov.vn"),
        ("https://10.0.0.5:8443/api", "https://10.0.0.5:8443/api"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),  # the demo, training and tests: nothing leaves the PC
        ("http://localhost:8000/", "http://localhost:8000"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_an_address_that_is_safe_to_send_a_password_to_is_kept(typed: str, kept: str) -> None:
    assert checked_server_address(typed) == kept


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "address_missing"),
        ("   ", "address_missing"),
        ("http://ward-desk.hochiminhcity.gov.vn", "address_not_secure"),
        ("http://10.0.0.5:8000", "address_not_secure"),
        ("http://127.0.0.1.example.com", "address_not_secure"),
        ("ward-desk.hochiminhcity.gov.vn", "address_malformed"),
        ("ftp://ward-desk.hochiminhcity.gov.vn", "address_malformed"),
        ("https://", "address_malformed"),
        ("https://server:port", "address_malformed"),
        ("https://server/?login=thu", "address_malformed"),
    ],
)
def test_any_other_address_is_refused_with_a_reason(typed: str, code: str) -> None:
    with pytest.raises(DomainError) as refused:
        checked_server_address(typed)
    assert refused.value.code == code


def test_the_default_address_in_the_settings_passes_its_own_check() -> None:
    default = Settings().default_server_url
    assert default.startswith("https://") and checked_server_address(default) == default


def test_plain_http_goes_only_to_a_host_the_organisation_names() -> None:
    allowed = ("may-chu-cu.phuong.local", "10.0.0.5")
    assert (
        checked_server_address("http://MAY-CHU-CU.phuong.local:8080/", allowed) == "http://MAY-CHU-CU.phuong.local:8080"
    )
    assert checked_server_address("http://10.0.0.5", allowed) == "http://10.0.0.5"
    for other in ("http://10.0.0.6", "http://phuong.local", "http://may-chu-cu.phuong.local.evil.vn", "http://[::2]"):
        with pytest.raises(DomainError) as refused:
            checked_server_address(other, allowed)
        assert refused.value.code == "address_not_secure", other


def test_the_warning_names_the_host_that_is_reached_unencrypted() -> None:
    allowed = ("may-chu-cu.phuong.local",)
    assert unencrypted_host("http://may-chu-cu.phuong.local:8080", allowed) == "may-chu-cu.phuong.local"
    assert unencrypted_host("https://may-chu-cu.phuong.local", allowed) is None
    assert unencrypted_host("http://127.0.0.1:8000", allowed) is None  # nothing crosses a network
    assert unencrypted_host("http://10.0.0.6", allowed) is None  # not allowed: it is sent nothing
    assert unencrypted_host("http://[bad", allowed) is None
