"""The desk's checks of its PDF attachments' signatures: run on a worker, kept with the attachment.

A check is kept with the bytes it was made on (their SHA-256) and the trust anchors it used (theirs),
so it shows offline, is not repeated, and is made again when either changes. A signature that could
not be checked for revocation offline is checked again once the desk is online. Each document keeps
its files' worst verdict for its list.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from asn1crypto import x509
from sqlalchemy import select

from app.domain.file_names import is_pdf
from app.domain.signature_verdict import SignatureCheck, Verdict, worst
from app.local_cache import LocalCache
from app.settings import Settings
from app.trust_anchors import TrustAnchorError, load_trust_anchors
from kernel.clock import Clock
from local_db.database import take_write_lock
from local_db.models import Attachment, Document

log = logging.getLogger(__name__)

NO_ANCHORS = "none"  # the fingerprint of "no trust anchors set"
RECHECK_AFTER = timedelta(days=1)  # an online check that could not learn the revocation is tried again


@dataclass(frozen=True)
class Trust:
    anchors: tuple[x509.Certificate, ...]
    fingerprint: str  # SHA-256 of the anchors file, NO_ANCHORS when none is set or readable


class SignatureChecks:
    def __init__(self, cache: LocalCache, clock: Clock, settings: Callable[[], Settings]) -> None:
        self.cache = cache
        self.clock = clock
        self._settings = settings
        self._parsed = Trust((), NO_ANCHORS)  # the last anchors read: parsed again only when the file changes

    def trust(self) -> Trust:
        """The organisation's trust anchors, read from the file set in Settings (a file that holds no
        certificate trusts nothing: every signer shows "untrusted", which names Settings)."""
        data = self._anchors_file()
        if data is None:
            return Trust((), NO_ANCHORS)
        fingerprint = hashlib.sha256(data).hexdigest()
        if fingerprint != self._parsed.fingerprint:
            try:
                self._parsed = Trust(load_trust_anchors(data), fingerprint)
            except TrustAnchorError as error:
                log.warning("signature trust anchors unusable: %s", error)
                self._parsed = Trust((), fingerprint)
        return self._parsed

    def fingerprint(self) -> str:
        """The anchors' fingerprint alone (cheap: whether a kept check still holds)."""
        data = self._anchors_file()
        return NO_ANCHORS if data is None else hashlib.sha256(data).hexdigest()

    def _anchors_file(self) -> bytes | None:
        path = self._settings().signature_anchors
        if not path:
            return None
        try:
            return Path(path).read_bytes()
        except OSError as error:
            log.warning("signature trust anchors %s unreadable: %s", path, error)
            return None

    def stored(self, attachment_id: int) -> SignatureCheck | None:
        """The kept check, if it was made on this attachment's bytes with today's anchors."""
        with self.cache.sessions() as session:
            attachment = session.get(Attachment, attachment_id)
            kept = attachment.signature_check if attachment is not None else None
            sha256 = attachment.sha256 if attachment is not None else ""
        return kept_check(kept, sha256, self.fingerprint())

    def check(self, attachment_id: int, *, online: bool, trust: Trust | None = None) -> SignatureCheck | None:
        """Check the attachment's signatures now (slow: call on a worker); None if it is not a PDF on
        this computer. The result is kept, and the document's verdict follows."""
        with self.cache.sessions() as session:
            attachment = session.get(Attachment, attachment_id)
            if attachment is None or attachment.local_path is None:
                return None
            if not is_pdf(attachment.file_name, attachment.content_type):
                return None
            path = self.cache.profile.attachments_dir / attachment.local_path
            sha256 = attachment.sha256
        try:
            data = path.read_bytes()
        except OSError as error:
            log.warning("attachment %s unreadable for the signature check: %s", attachment_id, error)
            return None
        if hashlib.sha256(data).hexdigest() != sha256:
            return None  # changed on disk since it was downloaded: the download check fetches it again
        from app.pdf_signatures import check_pdf_signatures  # pyHanko loads on the first check

        trust = trust or self.trust()
        result = check_pdf_signatures(data, trust.anchors, now=self.clock.now(), online=online)
        self._keep(attachment_id, sha256, trust.fingerprint, result)
        return result

    def check_waiting(self, *, online: bool, limit: int = 200, seconds: float | None = None) -> int:
        """Check the PDFs here that have no check for today's anchors (and, online, those whose
        revocation could not be checked), newest first, at most ``limit`` and for about ``seconds``;
        returns how many were checked."""
        trust, now = self.trust(), self.clock.now()  # read once for the whole round
        with self.cache.sessions() as session:
            rows = session.execute(
                select(Attachment.id, Attachment.file_name, Attachment.content_type, Attachment.sha256,
                       Attachment.signature_check, Attachment.item_id)
                .where(Attachment.local_path.is_not(None), Attachment.item_kind == "document")
                .order_by(Attachment.id.desc())
            ).all()  # fmt: skip
            replaced = {(item_id, sha256) for item_id, sha256 in session.execute(
                select(Attachment.item_id, Attachment.supersedes)
                .where(Attachment.item_kind == "document", Attachment.supersedes.is_not(None))
            )}  # a file its signed copy replaced is checked no more  # fmt: skip
        waiting = [
            row.id
            for row in rows
            if is_pdf(row.file_name, row.content_type)
            and (row.item_id, row.sha256) not in replaced
            and _wants_check(row.signature_check, row.sha256, trust.fingerprint, online, now)
        ]
        started, done = time.monotonic(), 0
        for attachment_id in waiting[:limit]:
            if seconds is not None and time.monotonic() - started > seconds:
                break  # the rest at the next sync, or when shown
            self.check(attachment_id, online=online, trust=trust)
            done += 1
        return done

    def _keep(self, attachment_id: int, sha256: str, fingerprint: str, result: SignatureCheck) -> None:
        kept = json.dumps({"sha256": sha256, "anchors": fingerprint, "check": result.to_text()})
        with self.cache.sessions() as session:
            take_write_lock(session)
            attachment = session.get(Attachment, attachment_id)
            if attachment is None or attachment.sha256 != sha256:
                return  # replaced meanwhile: this check speaks for bytes no longer there
            attachment.signature_check = kept
            document = session.get(Document, attachment.item_id) if attachment.item_kind == "document" else None
            if document is not None:
                others = session.scalars(
                    select(Attachment).where(Attachment.item_kind == "document", Attachment.item_id == document.id)
                ).all()
                replaced = {other.supersedes for other in others if other.supersedes}
                current = [
                    other for other in others if other.sha256 not in replaced
                ]  # a superseded file no longer counts
                verdicts = [kept_verdict(other.signature_check, other.sha256, fingerprint) for other in current]
                verdict = worst(verdicts)
                document.signature_verdict = verdict.value if verdict else None
            session.commit()


def kept_check(kept: str | None, sha256: str, fingerprint: str) -> SignatureCheck | None:
    """A kept check, if it still speaks for these bytes and anchors."""
    if not kept:
        return None
    try:
        data = json.loads(kept)
        if data.get("sha256") != sha256 or data.get("anchors") != fingerprint:
            return None
        return SignatureCheck.from_text(data["check"])
    except (ValueError, KeyError, TypeError):
        return None  # an older or damaged record: check again


def kept_verdict(kept: str | None, sha256: str, fingerprint: str) -> Verdict | None:
    """The verdict of a kept check, if it still speaks for these bytes and anchors."""
    check = kept_check(kept, sha256, fingerprint)
    return check.verdict if check is not None else None


def _wants_check(kept: str | None, sha256: str, fingerprint: str, online: bool, now: datetime) -> bool:
    """No check for these bytes and anchors yet; or, online, revocation still unknown after a check made
    offline, or a day ago (the authority may not have answered then)."""
    check = kept_check(kept, sha256, fingerprint)
    if check is None:
        return True
    unknown = any(finding.verdict is Verdict.VALID_UNCHECKED for finding in check.findings)
    return online and unknown and (not check.online or now - check.checked_at > RECHECK_AFTER)
