"""The checks of ``ward-desk --self-check`` that need no widgets: versions, the keyring, a fresh
profile migrated to the current schema, digital signatures and the token module.

ui/self_check.py adds the Qt ones (translation, modules, the window synced from the demo service on
loopback) and prints the report.
"""

from __future__ import annotations

import platform
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.profile import Profile
from app.workbench import Workbench
from kernel.clock import SystemClock


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def guarded(name: str, check: Callable[[], str]) -> CheckResult:
    """Run one check; one that breaks is a failed check, reported with the others."""
    try:
        return CheckResult(name, True, check())
    except Exception as error:
        return CheckResult(name, False, f"{type(error).__name__}: {error}")


def versions() -> str:
    import PySide6
    import sqlalchemy

    frozen = "built program" if getattr(sys, "frozen", False) else "from source"
    return (
        f"{frozen}, Python {platform.python_version()}, PySide6 {PySide6.__version__}, "
        f"SQLAlchemy {sqlalchemy.__version__}, {platform.system()} {platform.machine()}"
    )


def keyring_backend() -> str:
    from app.credentials import CredentialStore, KeyringState

    store = CredentialStore()
    if store.last_state is KeyringState.UNAVAILABLE:
        raise RuntimeError(
            f"no secure keyring found (backend: {store.backend_name}); passwords would last one session only"
        )
    return f"secure backend {store.backend_name}"


def fresh_workbench(folder: Path) -> tuple[Workbench, str]:
    """A new profile in ``folder``, migrated to the current schema, its secrets for this session only;
    the caller closes the workbench. Returns it with the schema revision reached."""
    from local_db.migrate import HEAD_REVISION

    workbench = Workbench.open(Profile(folder), SystemClock(), session_only=True)
    revision = workbench.cache.migration.to_revision
    if revision != HEAD_REVISION:
        workbench.close()
        raise RuntimeError(f"migrated to {revision}, expected {HEAD_REVISION}")
    return workbench, revision


def signatures() -> str:
    """pyHanko, its stamp font and the PKCS#11 binding are bundled: a PDF is signed with a throwaway
    key (no token needed) and checked; then the token module this computer has, if any."""
    from app.domain.signature_verdict import Verdict
    from app.pdf_signatures import check_pdf_signatures
    from app.pdf_signing import sign_with, signer_stamp
    from app.signing_token import find_module, list_tokens

    key, certificate = _throwaway_key()
    signer = _pdf_signer(key, certificate)
    now = datetime.now(UTC)
    stamp = signer_stamp("Kiểm tra cài đặt", "Tự kiểm tra", "Ward Desk", now)
    signed = sign_with(_blank_pdf(), signer, stamp, anchors=(), timestamp_url=None, online=False)
    check = check_pdf_signatures(signed.data, (), now=now, online=False)
    if check.verdict is not Verdict.UNTRUSTED:  # intact, self-signed: untrusted is the right verdict
        raise RuntimeError(f"a fresh signature was judged {check.verdict}")
    envelope = _envelope_check(key, certificate, now)
    if envelope is not Verdict.UNTRUSTED:
        raise RuntimeError(f"a fresh XML signature was judged {envelope}")
    module = find_module()
    if module is None:
        return "PAdES and XML-DSig signing and checking work; no PKCS#11 module found (choose the token's in Settings)"
    tokens = list_tokens(module)
    return f"PAdES and XML-DSig signing and checking work; PKCS#11 module {module} ({len(tokens)} token(s) plugged in)"


def _throwaway_key() -> tuple[Any, Any]:
    """An EC key and a self-signed certificate for one day (cryptography's objects)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Ward Desk self-check")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1)).sign(key, hashes.SHA256())
    )  # fmt: skip
    return key, cert


def _pdf_signer(key: Any, cert: Any) -> Any:
    from asn1crypto import keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())  # fmt: skip
    certificate = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    store = SimpleCertificateStore.from_certs([certificate])
    return SimpleSigner(certificate, keys.PrivateKeyInfo.load(der_key), store)


def _envelope_check(key: Any, cert: Any, now: datetime) -> Any:
    """signxml's schemas and lxml are bundled: a small envelope signed and checked."""
    from cryptography.hazmat.primitives import serialization
    from lxml import etree
    from signxml import XMLSigner, methods

    from app.domain.edxml_signature import check_envelope_signature

    root = etree.fromstring(b"<edXML><edXMLEnvelope>Ward Desk</edXMLEnvelope></edXML>")
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())  # fmt: skip
    pem_cert = cert.public_bytes(serialization.Encoding.PEM).decode()
    signed = XMLSigner(method=methods.enveloped, signature_algorithm="ecdsa-sha256", digest_algorithm="sha256")
    data = etree.tostring(signed.sign(root, key=pem_key, cert=pem_cert))
    finding = check_envelope_signature(data, (), now=now, online=False)
    return finding.verdict if finding is not None else None


def _blank_pdf() -> bytes:
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PdfFileWriter

    writer = PdfFileWriter()
    page = generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Page"),
        generic.pdf_name("/MediaBox"): generic.ArrayObject([generic.NumberObject(n) for n in (0, 0, 595, 842)]),
        generic.pdf_name("/Resources"): generic.DictionaryObject(),
    })  # fmt: skip
    writer.insert_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
