"""Fetching attachments in the background: urgent and newest first, resumable, checked, within a budget.

A download writes ``<name>.part`` and records how many bytes it has, so the next attempt asks the
server only for the rest (HTTP Range). A finished file is checked against its sha256 before it is
given its real name; a mismatch is thrown away and fetched again from the start.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.accounts import AccountService
from app.central_client import CentralClient, CentralRejected, CentralTransient, CentralUnreachable
from app.domain.file_names import MAX_NAME_BYTES, safe_file_name
from app.local_cache import LocalCache
from local_db.models import Account, Attachment, Document, Source

log = logging.getLogger(__name__)
CHUNK = 64 * 1024
PART = ".part"  # a download under way: the name it will have, and this


@dataclass
class DownloadReport:
    downloaded: int = 0
    bytes: int = 0
    over_budget: int = 0
    failed: list[str] = field(default_factory=list)
    problem: str | None = None


def local_attachment_file(cache: LocalCache, attachment_id: int) -> Path | None:
    """The finished file of an attachment, if it is here (it opens offline)."""
    with cache.sessions() as session:
        attachment = session.get(Attachment, attachment_id)
        if attachment is None or attachment.local_path is None:
            return None
    path = cache.profile.attachments_dir / attachment.local_path
    return path if path.is_file() else None


class AttachmentDownloads:
    def __init__(
        self, cache: LocalCache, accounts: AccountService, client_for: Callable[[str], CentralClient] = CentralClient
    ) -> None:
        self.cache = cache
        self.accounts = accounts
        self._client_for = client_for

    def folder(self) -> Path:
        return self.cache.profile.attachments_dir

    def local_file(self, attachment_id: int) -> Path | None:
        return local_attachment_file(self.cache, attachment_id)

    def used_bytes(self) -> int:
        with self.cache.sessions() as session:
            query = select(func.coalesce(func.sum(Attachment.size), 0)).where(Attachment.local_path.is_not(None))
            return int(session.scalar(query) or 0)

    def download_pending(self, account_id: int, budget: int, cancel: threading.Event | None = None) -> DownloadReport:
        report = DownloadReport()
        cancel = cancel or threading.Event()
        with self.cache.sessions() as session:
            account = session.get_one(Account, account_id)
            source = session.get_one(Source, account.source_id)
            queue = self._queue(session, source.id)
        client = self._client_for(source.base_url or "")
        used = self.used_bytes()
        for attachment_id, size in queue:
            if cancel.is_set():
                report.problem = "cancelled"
                break
            if used + size > budget:
                report.over_budget += 1
                continue
            try:
                if self._fetch(client, account_id, source.code, attachment_id, cancel, report):
                    used += size
            except (CentralUnreachable, CentralTransient) as error:
                report.problem = "offline" if isinstance(error, CentralUnreachable) else "busy"
                break
        return report

    def _queue(self, session: Session, source_id: int) -> list[tuple[int, int]]:
        """Waiting attachments of the source: urgent documents first, then the newest."""
        urgent_first = case((Document.urgency.in_(("flash", "very_urgent")), 0), else_=1)
        newest = func.coalesce(Document.arrival_date, Document.issued_on)
        rows = session.execute(
            select(Attachment.id, Attachment.size)
            .outerjoin(Document, (Attachment.item_kind == "document") & (Document.id == Attachment.item_id))
            .where(Attachment.source_id == source_id, Attachment.local_path.is_(None))
            .order_by(urgent_first, newest.desc(), Attachment.id.desc())
        )
        return [(attachment_id, size) for attachment_id, size in rows]

    def _paths(self, source_code: str, attachment: Attachment) -> tuple[Path, Path]:
        folder = self.folder() / safe_file_name(source_code) / safe_file_name(attachment.remote_id or "local")
        final = (folder / safe_file_name(attachment.file_name, max_bytes=MAX_NAME_BYTES - len(PART))).resolve()
        if self.folder().resolve() not in final.parents:  # belt and braces: never outside the folder
            raise ValueError("attachment path escapes the profile")
        return final, final.with_name(final.name + PART)

    def _fetch(
        self,
        client: CentralClient,
        account_id: int,
        source_code: str,
        attachment_id: int,
        cancel: threading.Event,
        report: DownloadReport,
    ) -> bool:
        with self.cache.sessions() as session:
            attachment = session.get_one(Attachment, attachment_id)
        final, part = self._paths(source_code, attachment)
        part.parent.mkdir(parents=True, exist_ok=True)
        start = part.stat().st_size if part.exists() else 0
        start = min(start, attachment.downloaded_bytes) if attachment.downloaded_bytes else start
        token = self.accounts.access_token(account_id)
        try:
            response = client.attachment(token, attachment.remote_id or "", start)
        except CentralRejected as error:
            report.failed.append(f"{attachment.file_name}: {error.code}")
            return False
        resumed = response.status_code == 206
        with part.open("r+b" if resumed and part.exists() else "wb") as stream:
            stream.seek(start if resumed else 0)
            stream.truncate()
            received = start if resumed else 0
            for chunk in response.iter_content(CHUNK):
                if cancel.is_set():
                    break
                stream.write(chunk)
                received += len(chunk)
            stream.flush()
        self._record_progress(attachment_id, received)
        if received < attachment.size:
            return False
        return self._finish(attachment, final, part, report)

    def _record_progress(self, attachment_id: int, received: int) -> None:
        with self.cache.sessions.begin() as session:
            session.get_one(Attachment, attachment_id).downloaded_bytes = received

    def _finish(self, attachment: Attachment, final: Path, part: Path, report: DownloadReport) -> bool:
        digest = hashlib.sha256(part.read_bytes()).hexdigest()
        if digest != attachment.sha256 or part.stat().st_size != attachment.size:
            part.unlink(missing_ok=True)
            self._record_progress(attachment.id, 0)
            report.failed.append(f"{attachment.file_name}: sha256 mismatch")
            log.warning("attachment %s failed its sha256 check; it will be fetched again", attachment.id)
            return False
        part.replace(final)
        with self.cache.sessions.begin() as session:
            stored = session.get_one(Attachment, attachment.id)
            stored.local_path = final.relative_to(self.folder().resolve()).as_posix()
            stored.downloaded_bytes = stored.size
        report.downloaded += 1
        report.bytes += attachment.size
        return True
