"""A real PKCS#11 token for tests: SoftHSM2, initialised with a key and certificate of the test
PKI, used through the same PKCS#11 path as an official's USB token."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pkcs11
from asn1crypto import x509
from pkcs11 import Attribute, CertificateType, ObjectClass

MODULE_PLACES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
)
PIN = "Ma-PIN-2468-token"  # distinctive: the tests search the profile for it
SO_PIN = "13579111"


def softhsm_module() -> str | None:
    return next((place for place in MODULE_PLACES if Path(place).is_file()), None)


@dataclass(frozen=True)
class SoftToken:
    module: str
    label: str
    pin: str


def prepare_softhsm(folder: Path) -> None:
    """Point SoftHSM at a folder of its own (read once per process, when the module first loads)."""
    tokens = folder / "tokens"
    tokens.mkdir(parents=True, exist_ok=True)
    config = folder / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n")
    os.environ["SOFTHSM2_CONF"] = str(config)


def make_tokens(
    holders: dict[str, tuple[Path, x509.Certificate]], chain: tuple[x509.Certificate, ...] = ()
) -> dict[str, SoftToken]:
    """A token per holder, each with one key pair, its certificate and the issuing CA's (``chain``),
    as a CA hands it to an official.

    Every token is made before the module first loads in this process: SoftHSM reads its token
    folder once."""
    module = softhsm_module()
    assert module is not None and shutil.which("softhsm2-util"), "SoftHSM2 is missing (Debian package softhsm2)"
    for label, (key_file, _) in holders.items():
        init = ["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", SO_PIN]
        subprocess.run(init, check=True, capture_output=True)
        key = ["softhsm2-util", "--import", str(key_file), "--token", label, "--label", label, "--id", "01"]
        subprocess.run([*key, "--pin", PIN], check=True, capture_output=True)
    library = pkcs11.lib(module)
    for label, (_, certificate) in holders.items():
        with library.get_token(token_label=label).open(rw=True, user_pin=PIN) as session:
            _store(session, label, b"\x01", certificate)
            for number, authority in enumerate(chain, start=2):
                _store(session, f"CA {number}", bytes([number]), authority)
    return {label: SoftToken(module, label, PIN) for label in holders}


def _store(session: pkcs11.Session, label: str, object_id: bytes, certificate: x509.Certificate) -> None:
    session.create_object(
        {
            Attribute.CLASS: ObjectClass.CERTIFICATE,
            Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True,
            Attribute.LABEL: label,
            Attribute.ID: object_id,
            Attribute.VALUE: certificate.dump(),
            Attribute.SUBJECT: certificate.subject.dump(),
        }
    )
