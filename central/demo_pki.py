"""A test public-key infrastructure shaped like the national one, for demos, training and tests.

Root → the government CA → agency and personal certificates, with an OCSP responder, CRLs and a
timestamp authority, all served on loopback by certomancer (made by pyHanko's author for exactly
this). Never real keys: they are made on first use and kept in the service's own folder.

Besides the people who sign, the hierarchy holds the certificates the verdict tests need: one
revoked in 2025, one revoked in June 2027 (for checks made "later": ``act_at``), one expired in
2024, and a signer under a root nobody trusts.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import pem, x509
from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import CertomancerConfig, PKIArchitecture
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.serving import BaseWSGIServer, make_server

logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per OCSP request in the app's output

ARCHITECTURE = "vn"
PORT_FILE = "port"
GOVERNMENT = "Ban Cơ yếu Chính phủ"
WARD = "UBND Phường Sài Gòn"


@dataclass(frozen=True)
class Holder:
    """A certificate to issue: its label, who holds it, and how it stands."""

    label: str
    common_name: str
    organisation: str
    title: str = ""
    valid: tuple[str, str] = ("2024-01-01", "2035-01-01")
    revoked_since: str | None = None
    issuer: str = "gov"


HOLDERS = (
    Holder("agency", WARD, WARD),
    Holder("thu-dau-mot", "UBND Phường Thủ Dầu Một", "UBND Phường Thủ Dầu Một"),  # the demo ward's envelopes
    Holder("chairman", "Nguyễn Văn An", WARD, "Chủ tịch"),
    Holder("revoked", "Trần Thị Bình", WARD, "Phó Chủ tịch", revoked_since="2025-06-01"),
    Holder("revoked-later", "Võ Thị Hoa", WARD, "Phó Chủ tịch", revoked_since="2027-06-01"),
    Holder("expired", "Lê Văn Cường", WARD, "Phó Chủ tịch", valid=("2022-01-01", "2024-01-01")),
    Holder("stranger", "Phạm Văn Dũng", "Không rõ", issuer="rogue"),
)
AUTHORITIES = ("root", "gov", "gov-ocsp", "tsa", "rogue")


def _time(day: str) -> str:
    return day if "T" in day else f"{day}T00:00:00+0000"


def _key_usage(*uses: str) -> dict[str, Any]:
    return {"id": "key_usage", "critical": True, "smart-value": {"schema": "key-usage", "params": list(uses)}}


def _ca(issuer: str, until: str, *, path_length: int | None = None) -> dict[str, Any]:
    constraints: dict[str, Any] = {"ca": True}
    if path_length is not None:
        constraints["path-len-constraint"] = path_length
    return {
        "issuer": issuer,
        "validity": {"valid-from": _time("2020-01-01"), "valid-to": _time(until)},
        "extensions": [
            {"id": "basic_constraints", "critical": True, "value": constraints},
            _key_usage("digital_signature", "key_cert_sign", "crl_sign"),
        ],
    }


def _revocation_pointers(crl: str, ocsp: str | None) -> list[dict[str, Any]]:
    pointers: list[dict[str, Any]] = [
        {
            "id": "crl_distribution_points",
            "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": [crl]}},
        }
    ]
    if ocsp:
        pointers.append(
            {
                "id": "authority_information_access",
                "smart-value": {"schema": "aia-urls", "params": {"ocsp-responder-names": [ocsp]}},
            }
        )
    return pointers


def _holder_cert(holder: Holder) -> dict[str, Any]:
    cert: dict[str, Any] = {
        "issuer": holder.issuer,
        "validity": {"valid-from": _time(holder.valid[0]), "valid-to": _time(holder.valid[1])},
        "extensions": [
            _key_usage("digital_signature", "non_repudiation"),
            *_revocation_pointers(holder.issuer, "gov" if holder.issuer == "gov" else None),
        ],
    }
    if holder.revoked_since:
        cert["revocation"] = {"revoked-since": _time(holder.revoked_since), "reason": "key_compromise"}
    return cert


def configuration(holders: tuple[Holder, ...] = HOLDERS) -> dict[str, Any]:
    """certomancer's configuration of the hierarchy (keys are found by label in the key folder)."""
    labels = (*AUTHORITIES, *(holder.label for holder in holders))
    root = _ca("root", "2060-01-01")
    gov = _ca("root", "2050-01-01", path_length=0)
    gov["extensions"] += _revocation_pointers("root", None)
    ocsp = {
        "issuer": "gov",
        "validity": {"valid-from": _time("2020-01-01"), "valid-to": _time("2050-01-01")},
        "extensions": [
            _key_usage("digital_signature"),
            {"id": "extended_key_usage", "critical": True, "value": ["ocsp_signing"]},
            {"id": "ocsp_no_check"},
        ],
    }
    tsa = {
        "issuer": "root",
        "validity": {"valid-from": _time("2020-01-01"), "valid-to": _time("2050-01-01")},
        "extensions": [
            _key_usage("digital_signature"),
            {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]},
            *_revocation_pointers("root", None),
        ],
    }
    entities = {
        "root": {"organization-name": GOVERNMENT, "common-name": "Root CA chuyên dùng Chính phủ (thử nghiệm)"},
        "gov": {"organization-name": GOVERNMENT, "common-name": "CA phục vụ các cơ quan Nhà nước (thử nghiệm)"},
        "gov-ocsp": {"organization-name": GOVERNMENT, "common-name": "Dịch vụ OCSP (thử nghiệm)"},
        "tsa": {"organization-name": GOVERNMENT, "common-name": "Dịch vụ cấp dấu thời gian (thử nghiệm)"},
        "rogue": {"organization-name": "Không rõ", "common-name": "CA không được tin cậy (thử nghiệm)"},
    }
    for holder in holders:
        entity = {"organization-name": holder.organisation, "common-name": holder.common_name}
        if holder.title:
            entity["title"] = holder.title
        entities[holder.label] = entity
    return {
        "keysets": {"demo": {"keys": {label: {"path": f"{label}.key.pem"} for label in labels}}},
        "pki-architectures": {
            ARCHITECTURE: {
                "keyset": "demo",
                "entity-defaults": {"country-name": "VN"},
                "entities": entities,
                "certs": {
                    "root": {**root, "subject": "root"},
                    "gov": gov,
                    "gov-ocsp": ocsp,
                    "tsa": tsa,
                    "rogue": {**_ca("rogue", "2060-01-01"), "subject": "rogue"},
                    **{holder.label: _holder_cert(holder) for holder in holders},
                },
                "services": {
                    "ocsp": {"gov": {"for-issuer": "gov", "responder-cert": "gov-ocsp", "signing-key": "gov-ocsp"}},
                    "crl-repo": {
                        "root": {"for-issuer": "root", "signing-key": "root", "simulated-update-schedule": "P90D"},
                        "gov": {"for-issuer": "gov", "signing-key": "gov", "simulated-update-schedule": "P7D"},
                        "rogue": {"for-issuer": "rogue", "signing-key": "rogue", "simulated-update-schedule": "P7D"},
                    },
                    "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
                },
            }
        },
    }


def make_keys(folder: Path, holders: tuple[Holder, ...] = HOLDERS) -> None:
    """RSA keys for every certificate that has none yet (kept: the hierarchy stays the same)."""
    folder.mkdir(parents=True, exist_ok=True)
    for label in (*AUTHORITIES, *(holder.label for holder in holders)):
        path = folder / f"{label}.key.pem"
        if path.exists():
            continue
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        encoded = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(encoded)
        temporary.replace(path)


class DemoPki:
    """The hierarchy, its keys in ``folder``, served over HTTP on loopback."""

    def __init__(self, folder: Path, holders: tuple[Holder, ...] = HOLDERS, host: str = "127.0.0.1") -> None:
        make_keys(folder, holders)
        self.key_folder = folder
        self._server = _server_on_kept_port(folder / PORT_FILE, host)
        self.url = f"http://{host}:{self._server.server_port}"
        config = CertomancerConfig(configuration(holders), key_search_dir=str(folder), external_url_prefix=self.url)
        self.architecture: PKIArchitecture = config.get_pki_arch(ARCHITECTURE)
        self._animator = Animator(AnimatorArchStore({ARCHITECTURE: self.architecture}), with_web_ui=False)
        self._server.app = self._animator
        self._thread = threading.Thread(target=self._server.serve_forever, name="demo-pki", daemon=True)
        self._thread.start()

    @property
    def timestamp_url(self) -> str:
        return f"{self.url}/{ARCHITECTURE}/tsa/tsa"

    def certificate(self, label: str) -> x509.Certificate:
        return self.architecture.get_cert(label)

    def key_file(self, label: str) -> Path:
        return self.key_folder / f"{label}.key.pem"

    def act_at(self, moment: datetime | None) -> None:
        """Answer as of ``moment`` (OCSP, CRLs, timestamps); None: the real time again."""
        self._animator.fixed_time = moment

    def stop_serving(self) -> None:
        """Answer nothing but 503 (an authority out of reach) until ``serve_again``."""
        self._server.app = _not_ready

    def serve_again(self) -> None:
        self._server.app = self._animator

    def root_pem(self) -> bytes:
        """The trust anchor an organisation would put in Settings."""
        return pem.armor("CERTIFICATE", self.certificate("root").dump())

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _server_on_kept_port(port_file: Path, host: str) -> BaseWSGIServer:
    """The port of the last start if it is free (the certificates' OCSP and CRL addresses, and a
    desk's timestamp address, stay right), else any; the port used is kept for the next start."""
    try:
        kept = int(port_file.read_text())
    except (OSError, ValueError):
        kept = 0
    try:
        server = make_server(host, kept, _not_ready, threaded=True)
    except OSError:
        server = make_server(host, 0, _not_ready, threaded=True)
    port_file.write_text(str(server.server_port))
    return server


def _not_ready(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"starting"]
