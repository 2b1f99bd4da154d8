"""Signed letters in the demo: the newest incoming letters carry their signer's PAdES signature,
made with certificates of the demo PKI (central.demo_pki) issued to the very people and agencies the
letters name, long-term (timestamp and revocation data inside), so a trainer can show a valid
signature offline; one letter was changed after signing and one is signed under a root nobody
trusts, for the two verdicts a clerk must recognise.

The letters' signers become holders of the PKI, kept in ``holders.json`` beside its keys, so the
same hierarchy answers for them at every start.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict
from pathlib import Path

from pyhanko.keys import load_private_key_from_pemder_data
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.change_feed import record_change
from central.demo_pki import HOLDERS, DemoPki, Holder
from central.letter_signers import LetterSigner
from central.models import Attachment, Document

HOLDERS_FILE = "holders.json"
SIGNED_LETTERS = 6  # the newest incoming letters that come signed
CHANGED, STRANGER = 1, 2  # which of them: changed after signing, signed under an untrusted root


def letter_holders(session: Session, unit_code: str) -> list[tuple[int, Holder]]:
    """The newest incoming letters of the unit with a PDF, each with a holder for its signer."""
    documents = session.scalars(
        select(Document)
        .where(Document.unit_code == unit_code, Document.direction == "incoming", Document.signer_name.is_not(None))
        .order_by(Document.id.desc())
        .limit(SIGNED_LETTERS * 3)
    ).all()
    chosen = []
    for document in documents:
        if _letter(session, document.id) is None:
            continue
        issuer = "rogue" if len(chosen) == STRANGER else "gov"
        holder = Holder(f"letter-{document.id}", document.signer_name or "", document.issuing_agency_name,
                        title=document.signer_position or "", issuer=issuer)  # fmt: skip
        chosen.append((document.id, holder))
        if len(chosen) == SIGNED_LETTERS:
            break
    return chosen


def kept_holders(folder: Path) -> tuple[Holder, ...]:
    try:
        data = json.loads((folder / HOLDERS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    return tuple(Holder(**item) for item in data)


def keep_holders(folder: Path, holders: list[Holder]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f"{HOLDERS_FILE}.tmp"
    temporary.write_text(json.dumps([asdict(holder) for holder in holders], ensure_ascii=False), encoding="utf-8")
    temporary.replace(folder / HOLDERS_FILE)


def demo_hierarchy(folder: Path) -> tuple[Holder, ...]:
    return (*HOLDERS, *kept_holders(folder))


def sign_letters(session: Session, pki: DemoPki, letters: list[tuple[int, Holder]]) -> int:
    """Replace each letter's PDF by its signed copy (the service's own files: nothing synced yet)."""
    for index, (document_id, holder) in enumerate(letters):
        sign_letter(session, pki, document_id, holder.label, "changed" if index == CHANGED else "valid")
    return len(letters)


def holder_of(signer: LetterSigner) -> Holder:
    """The certificate a seeded letter's signer holds: under the rogue root when it must not be
    trusted, expired in 2024 when it must be expired."""
    issuer = "rogue" if signer.signature == "untrusted" else "gov"
    valid = ("2022-01-01", "2024-01-01") if signer.signature == "expired" else ("2024-01-01", "2035-01-01")
    return Holder(signer.label, signer.name, signer.organisation, signer.title, valid=valid, issuer=issuer)


def sign_letter(session: Session, pki: DemoPki, document_id: int, label: str, signature: str) -> bool:
    """The document's letter replaced by its copy signed by ``label`` as ``signature`` asks
    (``central.letter_signers``); False when the document has no PDF."""
    attachment = _letter(session, document_id)
    if attachment is None:
        return False
    if signature == "expired":
        signed = _sign_basic(attachment.content, pki, label)  # pyHanko would not sign long-term with it
    else:
        signed = sign_as(attachment.content, pki, label)
    if signature == "changed":
        signed = _changed(signed)
    attachment.content, attachment.size = signed, len(signed)
    attachment.sha256 = hashlib.sha256(signed).hexdigest()
    record_change(session, attachment.unit_code, "attachment", attachment)
    return True


def sign_as(pdf: bytes, pki: DemoPki, label: str) -> bytes:
    """``pdf`` signed PAdES-B-LT by the holder ``label`` (a software key: the demo has no token)."""
    key = load_private_key_from_pemder_data(pki.key_file(label).read_bytes(), passphrase=None)
    certificate = pki.certificate(label)
    chain = [pki.certificate("gov"), pki.certificate("root"), pki.certificate("rogue")]
    signer = signers.SimpleSigner(certificate, key, SimpleCertificateStore.from_certs([certificate, *chain]))
    roots = [pki.certificate("root"), pki.certificate("rogue")]
    metadata = signers.PdfSignatureMetadata(
        field_name="ChuKyNguoiKy",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=True,
        validation_context=ValidationContext(trust_roots=roots, other_certs=chain, allow_fetching=True),
    )
    timestamper = timestamps.HTTPTimeStamper(pki.timestamp_url)
    out = signers.PdfSigner(metadata, signer, timestamper=timestamper).sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf))
    )
    return out.getvalue()


def _sign_basic(pdf: bytes, pki: DemoPki, label: str) -> bytes:
    """PAdES-B-B with no check of the certificate, as other software signs with an expired one."""
    key = load_private_key_from_pemder_data(pki.key_file(label).read_bytes(), passphrase=None)
    certificate = pki.certificate(label)
    store = SimpleCertificateStore.from_certs([certificate, pki.certificate("gov")])
    metadata = signers.PdfSignatureMetadata(field_name="ChuKyNguoiKy", subfilter=fields.SigSeedSubFilter.PADES)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return signers.PdfSigner(metadata, signers.SimpleSigner(certificate, key, store)).sign_pdf(writer).getvalue()


def _changed(signed: bytes) -> bytes:
    """A later revision that draws over the first page, as a forger would."""
    from pyhanko.pdf_utils import generic

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    drawing = generic.StreamObject(stream_data=b"1 0 0 rg 300 700 200 30 re f")
    writer.add_stream_to_page(0, writer.add_object(drawing))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _letter(session: Session, document_id: int) -> Attachment | None:
    return session.scalars(
        select(Attachment)
        .where(Attachment.item_kind == "document", Attachment.item_id == document_id,
               Attachment.content_type == "application/pdf")
        .order_by(Attachment.id)
        .limit(1)
    ).first()  # fmt: skip


def start_demo_signatures(session_maker: object, unit_code: str, folder: Path) -> DemoPki:
    """The demo PKI for ``folder``; on its first start, the unit's newest letters signed."""
    first = not (folder / HOLDERS_FILE).exists()
    letters: list[tuple[int, Holder]] = []
    if first:
        with session_maker.begin() as session:  # type: ignore[attr-defined]
            letters = letter_holders(session, unit_code)
        keep_holders(folder, [holder for _, holder in letters])
    pki = DemoPki(folder, holders=demo_hierarchy(folder))
    if letters:
        with session_maker.begin() as session:  # type: ignore[attr-defined]
            sign_letters(session, pki, letters)
    return pki
