"""A test PKI on loopback (certomancer) and SoftHSM tokens for its holders, once per test run."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from central.demo_pki import HOLDERS, DemoPki
from tests.soft_token import SoftToken, make_tokens, prepare_softhsm, softhsm_module


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoPki]:
    service = DemoPki(tmp_path_factory.mktemp("pki"))
    yield service
    service.stop()


@pytest.fixture(scope="session")
def tokens(pki: DemoPki, tmp_path_factory: pytest.TempPathFactory) -> dict[str, SoftToken]:
    """One token per holder of the test PKI, labelled like the holder."""
    if softhsm_module() is None or shutil.which("softhsm2-util") is None:
        if os.environ.get("CI"):
            pytest.fail("SoftHSM2 is missing on CI (Debian package softhsm2)")
        pytest.skip("SoftHSM2 is not installed (Debian package softhsm2)")
    prepare_softhsm(tmp_path_factory.mktemp("softhsm"))
    labels = [holder.label for holder in HOLDERS]
    holders = {label: (pki.key_file(label), pki.certificate(label)) for label in labels}
    return make_tokens(holders, chain=(pki.certificate("gov"),))


@pytest.fixture(scope="session")
def anchors(pki: DemoPki) -> tuple:
    from app.pdf_signatures import load_trust_anchors

    return load_trust_anchors(pki.root_pem())


@pytest.fixture
def root_pem_file(pki: DemoPki, tmp_path: Path) -> Path:
    path = tmp_path / "root.pem"
    path.write_bytes(pki.root_pem())
    return path
