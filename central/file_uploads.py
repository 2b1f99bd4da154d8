"""Files sent by a desk in pieces, so a slow or dropping link resumes instead of starting again.

The desk names the upload with its own key and announces size and SHA-256; each piece says where it
starts (``Upload-Offset``), and a piece that does not start where the last one ended is refused with
the offset the service has. The last piece turns the upload into an attachment of the item in the
same transaction, once the bytes match the announced SHA-256; repeating any request after that
answers the same attachment, so a lost answer never doubles a file.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from app.domain.dossier_intake import MAX_FILE_BYTES
from app.domain.file_names import safe_file_name
from central.change_feed import record_change
from central.errors import ApiError
from central.models import Account, Attachment, Document, Dossier, Feedback, Upload, UploadPiece, row_id
from central.schemas import UploadStart

_ITEMS = {"dossier": Dossier, "document": Document, "feedback": Feedback}
MIN_PIECE = 64 * 1024  # every piece but the last: a million one-byte rows would be a file's worth of work
MAX_OPEN_UPLOADS = 200  # unfinished uploads a unit may have at once (a desk sends one file at a time)
ABANDONED_AFTER = timedelta(days=14)  # an unfinished upload this old is dropped (a desk rebuilt, a file lost)


def upload_json(upload: Upload) -> dict:
    attachment = str(upload.attachment_id) if upload.attachment_id is not None else None
    return {"key": upload.key, "size": upload.size, "offset": upload.received, "attachment_id": attachment}


def start_upload(session: Session, account: Account, request: UploadStart, now: datetime) -> Upload:
    """The upload of this key: created, or found as it stands when the desk asks again."""
    item_id = _item_id(session, account, request.item_kind, request.item_id)
    if request.size > MAX_FILE_BYTES:
        raise ApiError(413, "upload.too_large", f"A file may have at most {MAX_FILE_BYTES} bytes.",
                       f"Tệp không được lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB.")  # fmt: skip
    _drop_abandoned(session, account.unit_code, now)
    upload = _upload(session, account, request.key)
    if upload is not None:
        announced = (request.item_kind, item_id, request.size, request.sha256)
        if (upload.item_kind, upload.item_id, upload.size, upload.sha256) != announced:
            raise ApiError(409, "upload.mismatch", "This upload key was used for another file.",
                           "Mã tải lên này đã dùng cho một tệp khác.")  # fmt: skip
        return upload
    if request.supersedes:
        _check_supersedes(session, request.item_kind, item_id, request.supersedes, request.sha256)
    if _open_uploads(session, account.unit_code) >= MAX_OPEN_UPLOADS:
        raise ApiError(409, "upload.too_many", "Too many unfinished uploads; finish or wait for them.",
                       "Có quá nhiều tệp đang gửi dở; cần gửi xong các tệp đó trước.")  # fmt: skip
    upload = Upload(
        unit_code=account.unit_code, key=request.key, item_kind=request.item_kind, item_id=item_id,
        file_name=safe_file_name(request.file_name), content_type=request.content_type or "application/octet-stream",
        size=request.size, sha256=request.sha256, supersedes=request.supersedes, received=0, created_at=now,
    )  # fmt: skip
    session.add(upload)
    session.flush()
    if upload.size == 0:
        _finish(session, upload)
    return upload


def append_piece(session: Session, account: Account, key: str, offset: int, data: bytes) -> tuple[Upload, bool]:
    """Add a piece; (the upload, whether its bytes failed the check and were dropped)."""
    upload = _upload(session, account, key, lock=True)
    if upload is None:
        raise ApiError(404, "not_found", "No such upload.", "Không tìm thấy tệp đang tải lên.")
    if upload.attachment_id is not None:
        return upload, False  # finished already: the answer to this piece was lost
    if offset != upload.received:
        raise ApiError(409, "upload.offset", "The piece does not start where the upload stands.",
                       "Phần tệp gửi lên không nối tiếp phần đã nhận.", offset=upload.received)  # fmt: skip
    if upload.received + len(data) > upload.size:
        raise ApiError(422, "upload.too_long", "The pieces are longer than the announced size.",
                       "Tệp gửi lên dài hơn kích thước đã báo.")  # fmt: skip
    if len(data) < MIN_PIECE and upload.received + len(data) < upload.size:
        raise ApiError(422, "upload.piece_too_small", f"Every piece but the last has at least {MIN_PIECE} bytes.",
                       "Mỗi phần tệp gửi lên (trừ phần cuối) phải đủ lớn.")  # fmt: skip
    if data:
        session.add(UploadPiece(upload_id=upload.id, offset=offset, data=data))
        upload.received += len(data)
    if upload.received < upload.size:
        return upload, False
    return upload, not _finish(session, upload)


def _finish(session: Session, upload: Upload) -> bool:
    """Every byte is here: an attachment if they match the SHA-256, else start again from zero."""
    session.flush()
    pieces = session.scalars(select(UploadPiece.data).where(UploadPiece.upload_id == upload.id)
                             .order_by(UploadPiece.offset))  # fmt: skip
    content = b"".join(pieces)
    session.execute(delete(UploadPiece).where(UploadPiece.upload_id == upload.id))
    if hashlib.sha256(content).hexdigest() != upload.sha256:
        upload.received = 0
        return False
    if upload.supersedes:  # again, under the rows' lock: another desk's copy may have come meanwhile
        _check_supersedes(session, upload.item_kind, upload.item_id, upload.supersedes, upload.sha256)
    attachment = Attachment(
        unit_code=upload.unit_code, item_kind=upload.item_kind, item_id=upload.item_id, file_name=upload.file_name,
        content_type=upload.content_type, size=upload.size, sha256=upload.sha256, content=content,
        supersedes=upload.supersedes,
    )  # fmt: skip
    session.add(attachment)
    session.flush()
    upload.attachment_id = attachment.id
    record_change(session, upload.unit_code, "attachment", attachment)
    return True


def checksum_failed() -> ApiError:
    return ApiError(422, "upload.checksum", "The file's bytes do not match its SHA-256; send it again.",
                    "Nội dung tệp không khớp mã kiểm tra; cần gửi lại.", offset=0)  # fmt: skip


def _open_uploads(session: Session, unit_code: str) -> int:
    query = select(func.count()).select_from(Upload)
    return session.scalar(query.where(Upload.unit_code == unit_code, Upload.attachment_id.is_(None))) or 0


def _drop_abandoned(session: Session, unit_code: str, now: datetime) -> None:
    """Unfinished uploads of the unit older than ABANDONED_AFTER, with their pieces: no desk comes back for them."""
    stale = select(Upload.id).where(
        Upload.unit_code == unit_code, Upload.attachment_id.is_(None), Upload.created_at < now - ABANDONED_AFTER
    )
    ids = list(session.scalars(stale))
    if ids:
        session.execute(delete(UploadPiece).where(UploadPiece.upload_id.in_(ids)))
        session.execute(delete(Upload).where(Upload.id.in_(ids)))


def _check_supersedes(session: Session, kind: str, item_id: int, replaced: str, sha256: str) -> None:
    """A signed copy replaces a file of its own outgoing document, not yet sent, that nothing else
    replaced already (a second copy would leave two "current" files to send)."""
    document = session.get(Document, item_id) if kind == "document" else None
    if document is None or document.direction != "outgoing" or document.state in ("sent", "recalled"):
        raise ApiError(422, "upload.supersedes_refused", "Only a file of an unsent outgoing document is replaced.",
                       "Chỉ thay được tệp của văn bản đi chưa gửi.")  # fmt: skip
    files = session.execute(
        select(Attachment.sha256, Attachment.supersedes)
        .where(Attachment.item_kind == kind, Attachment.item_id == item_id)
        .with_for_update()
    ).all()
    if replaced == sha256 or replaced not in {file.sha256 for file in files}:
        raise ApiError(422, "upload.supersedes_unknown", "The file to replace is not one of this document's files.",
                       "Tệp cần thay không phải là tệp của văn bản này.")  # fmt: skip
    if replaced in {file.supersedes for file in files}:
        raise ApiError(409, "upload.superseded", "That file was already replaced by another signed copy.",
                       "Tệp này đã được thay bằng một bản ký số khác.")  # fmt: skip


def _upload(session: Session, account: Account, key: str, lock: bool = False) -> Upload | None:
    query = select(Upload).where(Upload.unit_code == account.unit_code, Upload.key == key)
    return session.scalar(query.with_for_update() if lock else query)


def _item_id(session: Session, account: Account, kind: str, remote_id: str) -> int:
    """The item in the caller's unit (another unit's item is "not found" too: nothing leaks)."""
    number = row_id(remote_id)
    model = _ITEMS[kind]
    found = None if number is None else session.scalar(
        select(model.id).where(model.id == number, model.unit_code == account.unit_code)
    )  # fmt: skip
    if found is None:
        raise ApiError(404, "not_found", "No such item.", "Không tìm thấy hồ sơ hoặc văn bản.")
    return found
