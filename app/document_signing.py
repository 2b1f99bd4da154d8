"""The signer signs an outgoing document's PDF with the token, at the workflow's "sign" step; once
the document has its number, the clerk adds the agency's signature (đóng dấu số) with the agency's
token: over the left third of the signer's on the main file, at the top right of page 1 of each
other file with the number/notation and the time (Decree 30, Appendix I).

The PIN comes from the person for this one signing and goes to the token only. The signed copy is
kept in the profile first, then its row (naming the draft file it replaces) and the "sign" action are
written in one transaction: a crash leaves the document unsigned with an unnamed copy (set aside
later), or signed with its copy, never half. The copy reaches the service as the draft's files do,
and the service sends it on the axis in place of the unsigned file.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.attachment_copies import Copy, keep_bytes, quietly
from app.domain.errors import DomainError, tr_noop
from app.domain.file_names import is_pdf
from app.domain.workflow import OutgoingState
from app.item_actions import ItemActions
from app.local_cache import LocalCache
from app.settings import Settings
from app.signature_checks import SignatureChecks
from kernel.clock import VN_TZ, Clock
from local_db.database import take_write_lock
from local_db.models import Agency, Attachment, Document


@dataclass(frozen=True)
class Signed:
    attachment_id: int
    file_name: str
    level: str  # PAdES-B-LT or PAdES-B-B


@dataclass(frozen=True)
class _Original:
    id: int
    file_name: str
    sha256: str
    path: Path
    source_id: int


_Made = tuple[_Original, str, Copy, str]  # what was signed, the copy's name, the copy, the PAdES level


class DocumentSigning:
    def __init__(
        self,
        cache: LocalCache,
        clock: Clock,
        settings: Callable[[], Settings],
        actions: ItemActions,
        signatures: SignatureChecks,
    ) -> None:
        self.cache = cache
        self.clock = clock
        self._settings = settings
        self._actions = actions
        self._signatures = signatures

    def can_sign(self, document_id: int) -> bool:
        """Whether "sign" on this document signs a file with the token (a module is set and the
        document has a PDF here), rather than recording the approval alone."""
        if not self._settings().pkcs11_module:
            return False
        with self.cache.sessions() as session:
            return self._original(session, document_id) is not None

    def sign(self, document_id: int, pin: str, *, online: bool) -> Signed:
        """Sign the document's PDF with the token and record "sign" (slow: call on a worker)."""
        from app.pdf_signing import sign_pdf, signer_stamp  # pyHanko loads with the first signing
        from app.signing_token import open_token

        settings = self._settings()
        with self.cache.sessions() as session:
            document = session.get(Document, document_id)
            original = self._original(session, document_id)
            if document is None or original is None:
                raise DomainError("signing.no_pdf", tr_noop("This document has no PDF file on this computer to sign."))
            if document.state != OutgoingState.AWAITING_SIGNATURE.value:
                raise DomainError("signing.not_awaiting", tr_noop("Only a document awaiting signature is signed."))
            unit = session.scalar(select(Agency.name).where(Agency.code == document.issuing_agency_code))
            name, title = document.signer_name or "", document.signer_position or ""
            unit = unit or document.issuing_agency_name
        data = _checked_bytes(original)
        trust = self._signatures.trust()
        now = self.clock.now().astimezone(VN_TZ)
        with open_token(settings.pkcs11_module, pin, settings.pkcs11_token or None) as token:
            holder = _common_name(token.certificate)  # the stamp names who signs, whoever the draft named
            stamp = signer_stamp(holder or name, title if holder == name or not holder else "", unit, now, name)
            signed = sign_pdf(data, token, stamp, anchors=trust.anchors, timestamp_url=settings.timestamp_url or None,
                              online=online)  # fmt: skip
        file_name = f"{Path(original.file_name).stem}-da-ky.pdf"
        copy = keep_bytes(self.cache.profile.attachments_dir, file_name, signed.data)
        made: list[int] = []

        def add_copy(session: Session) -> None:
            row = _copy_row(original, document_id, file_name, copy)
            session.add(row)
            session.flush()
            made.append(row.id)

        try:
            self._actions.perform("document", document_id, "sign", {}, also=add_copy)
        except BaseException:
            quietly((self.cache.profile.attachments_dir / copy[0]).unlink)  # no row names it
            raise
        return Signed(made[0], file_name, signed.level.value)

    def can_seal(self, document_id: int) -> bool:
        """Whether the agency's signature can be added now: a token module is set, the document is
        issued with its number, its main file is signed by the signer and not yet by the agency."""
        if not self._settings().pkcs11_module:
            return False
        with self.cache.sessions() as session:
            document = session.get(Document, document_id)
            if document is None or document.state != OutgoingState.ISSUED.value or not document.number:
                return False
            files = _current_pdfs(session, document_id)
            return bool(files) and _depth(session, files[0]) == 1

    def seal(self, document_id: int, pin: str, *, online: bool) -> list[Signed]:
        """The agency's signature on every current PDF of the document (slow: call on a worker)."""
        from app.pdf_signing import agency_stamp, copy_stamp, sign_pdf
        from app.signing_token import open_token

        settings = self._settings()
        if not self.can_seal(document_id):
            raise DomainError("signing.not_sealable", tr_noop(
                "The agency signs a document once it is issued with its number and signed by its signer."))  # fmt: skip
        with self.cache.sessions() as session:
            document = session.get_one(Document, document_id)
            unit = session.scalar(select(Agency.name).where(Agency.code == document.issuing_agency_code))
            unit = unit or document.issuing_agency_name
            notation = f"{document.number}/{document.notation}" if document.notation else str(document.number)
            printed = document.signer_name or ""
            files = [_as_original(self.cache, row) for row in _current_pdfs(session, document_id)]
        now = self.clock.now().astimezone(VN_TZ)
        trust = self._signatures.trust()
        made: list[_Made] = []
        try:
            with open_token(settings.pkcs11_module, pin, settings.pkcs11_token or None) as token:
                for index, original in enumerate(files):
                    stamp = agency_stamp(unit, now, printed) if index == 0 else copy_stamp(notation, unit, now)
                    signed = sign_pdf(_checked_bytes(original), token, stamp, anchors=trust.anchors,
                                      timestamp_url=settings.timestamp_url or None, online=online)  # fmt: skip
                    name = f"{Path(original.file_name).stem.removesuffix('-da-ky')}-ban-hanh.pdf"
                    made.append((original, name, keep_bytes(self.cache.profile.attachments_dir, name, signed.data),
                                 signed.level.value))  # fmt: skip
            return self._keep_sealed(document_id, made)
        except BaseException:
            for _original, _name, (relative, _size, _digest), _level in made:
                quietly((self.cache.profile.attachments_dir / relative).unlink)  # no row names them
            raise

    def _keep_sealed(
        self, document_id: int, made: list[tuple[_Original, str, tuple[str, int, str], str]]
    ) -> list[Signed]:
        """Every sealed copy's row in one transaction: all of them, or none; refused if the document or
        its files changed while the token signed (another action, a sync, another copy)."""
        with self.cache.sessions.begin() as session:
            take_write_lock(session)
            document = session.get(Document, document_id)
            current = {row.sha256 for row in _current_pdfs(session, document_id)}
            if (
                document is None
                or document.state != OutgoingState.ISSUED.value
                or any(original.sha256 not in current for original, *_rest in made)
            ):
                raise DomainError("signing.changed_meanwhile", tr_noop(
                    "The document changed while it was being signed: open it again and sign once more."))  # fmt: skip
            rows = []
            for original, name, copy, _level in made:
                row = _copy_row(original, document_id, name, copy)
                session.add(row)
                rows.append(row)
            session.flush()
            return [Signed(row.id, row.file_name, level) for row, (*_rest, level) in zip(rows, made, strict=True)]

    def _original(self, session: Session, document_id: int) -> _Original | None:
        """The document's first PDF here that no signed copy replaces, if it is still unsigned: the
        file the signer signs."""
        files = _current_pdfs(session, document_id)
        if not files or files[0].supersedes:
            return None  # no PDF here, or already signed
        return _as_original(self.cache, files[0])


def _current_pdfs(session: Session, document_id: int) -> list[Attachment]:
    """The document's PDFs on this computer that no other file of it supersedes, in the order added."""
    rows = session.scalars(
        select(Attachment)
        .where(Attachment.item_kind == "document", Attachment.item_id == document_id)
        .order_by(Attachment.id)
    ).all()
    replaced = {row.supersedes for row in rows if row.supersedes}
    return [
        row for row in rows if row.local_path and is_pdf(row.file_name, row.content_type) and row.sha256 not in replaced
    ]


def _depth(session: Session, row: Attachment) -> int:
    """How many signed copies lie between this file and the draft's (0: the draft's own file)."""
    depth, replaced, seen = 0, row.supersedes, {row.sha256}
    while replaced and replaced not in seen:  # a loop in what replaces what ends here
        seen.add(replaced)
        depth += 1
        earlier = session.scalars(
            select(Attachment.supersedes).where(
                Attachment.item_kind == row.item_kind, Attachment.item_id == row.item_id, Attachment.sha256 == replaced
            )
        ).first()
        replaced = earlier
    return depth


def _copy_row(original: _Original, document_id: int, name: str, copy: Copy) -> Attachment:
    """A signed copy's row: on this computer, to upload, naming the file it replaces."""
    relative, size, digest = copy
    return Attachment(
        source_id=original.source_id, remote_id=None, item_kind="document", item_id=document_id, file_name=name,
        content_type="application/pdf", size=size, sha256=digest, local_path=relative, downloaded_bytes=size,
        upload_key=str(uuid.uuid4()), supersedes=original.sha256,
    )  # fmt: skip


def _checked_bytes(original: _Original) -> bytes:
    """The file as recorded: signing a copy changed on disk would sign what nobody wrote."""
    data = original.path.read_bytes()
    if hashlib.sha256(data).hexdigest() != original.sha256:
        raise DomainError("signing.file_changed", tr_noop(
            "The file “{name}” on this computer is not the one recorded: it was changed outside Ward Desk."),
            name=original.file_name)  # fmt: skip
    return data


def _as_original(cache: LocalCache, row: Attachment) -> _Original:
    path = cache.profile.attachments_dir / str(row.local_path)
    return _Original(row.id, row.file_name, row.sha256, path, row.source_id)


def _common_name(certificate: object) -> str:
    return str(certificate.subject.native.get("common_name", ""))  # type: ignore[attr-defined]
