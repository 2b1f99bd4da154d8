"""Sending the files taken in at the counter to the service, resumably (central.file_uploads).

A file waits until its dossier has the service's id (the register action is pushed first). Each try
asks the service how far the last one got and sends the rest in pieces, so a link that drops every
few seconds still gets a scan through; the finished upload's attachment id links the local row,
and a repeated answer links the same row again, so nothing is sent or stored twice.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.central_client import CentralClient, CentralRejected
from app.local_cache import LocalCache
from app.server_items import BadServerData
from local_db.models import Attachment, Document, Dossier, Feedback, OutboxEntry

log = logging.getLogger(__name__)
PIECE = 512 * 1024  # under the service's 1 MB request limit; a dropped link loses at most one piece
MAX_EXTRA_ANSWERS = 8  # answers beyond one per piece: a lost answer, an offset to catch up with, a retry

Call = Callable[[Callable[[str], Any]], Any]  # the sync run's call: a token, one renewal, cancel checked


class FileNotSendable(Exception):
    """The local copy is gone or no longer matches what was taken in: sending it would be wrong."""


@dataclass(frozen=True)
class WaitingFile:
    attachment_id: int
    key: str
    item_kind: str
    item_remote_id: str
    file_name: str
    content_type: str
    size: int
    sha256: str
    path: Path
    supersedes: str | None = None  # a signed copy: the SHA-256 of the file it replaces

    def announced(self) -> dict[str, Any]:
        announced = {"key": self.key, "item_kind": self.item_kind, "item_id": self.item_remote_id,
                     "file_name": self.file_name, "content_type": self.content_type, "size": self.size,
                     "sha256": self.sha256}  # fmt: skip
        if self.supersedes:
            announced["supersedes"] = self.supersedes
        return announced


def waiting_files(cache: LocalCache, account_id: int) -> list[WaitingFile]:
    """Files this account took in that the service does not have yet, of the items it knows,
    oldest first (the account that made the item sends its files: another one may be another ward's)."""
    folder = cache.profile.attachments_dir
    waiting: list[WaitingFile] = []
    with cache.sessions() as session:
        # a dossier's scans go from the counter that registered it; a document's files (a draft's, a
        # signed or sealed copy) and a report's progress photos from any desk where this account acted on it
        for kind, model in (("dossier", Dossier), ("document", Document), ("feedback", Feedback)):
            made_by = (OutboxEntry.item_kind == kind) & (OutboxEntry.item_id == model.id)
            if kind == "dossier":
                made_by &= OutboxEntry.action == "register"
            query = (
                select(Attachment, model.remote_id)
                .join(model, (Attachment.item_kind == kind) & (model.id == Attachment.item_id))
                .join(OutboxEntry, made_by)
                .where(OutboxEntry.account_id == account_id, Attachment.remote_id.is_(None),
                       Attachment.upload_key.is_not(None), Attachment.local_path.is_not(None),
                       model.remote_id.is_not(None))
            )  # fmt: skip
            waiting += [
                WaitingFile(row.id, str(row.upload_key), row.item_kind, str(remote_id), row.file_name,
                            row.content_type, row.size, row.sha256, folder / str(row.local_path), row.supersedes)
                for row, remote_id in session.execute(query.distinct())
            ]  # fmt: skip
    unique = {file.attachment_id: file for file in waiting}  # a draft signed here: one upload, not two
    return sorted(unique.values(), key=lambda file: file.attachment_id)


def send_file(client: CentralClient, call: Call, waiting: WaitingFile) -> str:
    """Send what the service lacks of one file; the attachment id it became. CentralRejected: the
    service refuses it (the sync goes on with the next file); FileNotSendable: the local copy is wrong."""
    answer = _checked(call(lambda token: client.start_upload(token, waiting.announced())), waiting.size)
    checksum_retried = False
    for _ in range(waiting.size // PIECE + MAX_EXTRA_ANSWERS):  # a service that never moves on is not followed
        if answer["attachment_id"] is not None:
            return str(answer["attachment_id"])
        offset = answer["offset"]
        if offset == 0:
            _check_local_copy(waiting)  # before sending it all: a changed copy would only fail at the end
        data = _piece(waiting, offset)
        try:
            sent = call(lambda token, at=offset, piece=data: client.upload_piece(token, waiting.key, at, piece))
            answer = _checked(sent, waiting.size)
        except CentralRejected as error:
            if error.code == "upload.checksum" and not checksum_retried:
                _check_local_copy(waiting)  # the service dropped the bytes: once more from the start
                checksum_retried = True
            elif error.code != "upload.offset":
                raise
            answer = _checked(call(lambda token: client.start_upload(token, waiting.announced())), waiting.size)
    raise BadServerData("the service's answers to an upload do not move on")


def link_sent(session: Session, attachment_id: int, remote_id: str) -> None:
    """The local row takes the service's id. A copy the pull brought before this answer (the same
    file, announced by the service) gives way to the row that has the file here."""
    row = session.get_one(Attachment, attachment_id)
    twin = session.scalar(
        select(Attachment).where(Attachment.source_id == row.source_id, Attachment.remote_id == remote_id,
                                 Attachment.id != attachment_id)
    )  # fmt: skip
    if twin is not None:
        session.delete(twin)
        session.flush()
    row.remote_id, row.upload_key = remote_id, None


def _piece(waiting: WaitingFile, offset: int) -> bytes:
    try:
        with waiting.path.open("rb") as stream:
            stream.seek(offset)
            data = stream.read(min(PIECE, waiting.size - offset))
    except OSError as error:
        raise FileNotSendable(f"{waiting.file_name}: {type(error).__name__}") from None
    if not data:
        raise FileNotSendable(f"{waiting.file_name}: shorter than taken in")
    return data


def _check_local_copy(waiting: WaitingFile) -> None:
    digest = hashlib.sha256()
    try:
        with waiting.path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise FileNotSendable(f"{waiting.file_name}: {type(error).__name__}") from None
    if digest.hexdigest() != waiting.sha256:
        raise FileNotSendable(f"{waiting.file_name}: changed since it was taken in")


def _checked(answer: Any, size: int) -> dict[str, Any]:
    """The service's answer, or BadServerData: an offset outside the file would send wrong bytes."""
    try:
        offset, attachment_id = answer["offset"], answer.get("attachment_id")
    except (TypeError, KeyError, AttributeError):
        raise BadServerData("an upload answer without an offset") from None
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= size:
        raise BadServerData("an upload offset outside the file")
    if attachment_id is not None and not (isinstance(attachment_id, str) and attachment_id.isdigit()):
        raise BadServerData("an upload answer with a malformed attachment id")
    if attachment_id is None and offset == size and size > 0:
        raise BadServerData("a complete upload without an attachment")
    return {"offset": offset, "attachment_id": attachment_id}
