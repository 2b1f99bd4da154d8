"""Files a person picks at this desk (a citizen's scans, a draft's attachments), copied into the profile.

A copy is flushed to disk, its name too, before the transaction that writes the row naming it, so a
crash leaves either the row and its file or an unnamed copy, which the counter sets aside later
(``CounterIntake.set_aside_orphan_copies``). Each row gets an upload key, so it reaches the service
once whatever happens to the link (app.attachment_uploads).
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from app.domain.dossier_intake import MAX_FILE_BYTES
from app.domain.errors import DomainError, tr_noop
from app.domain.file_names import MAX_NAME_BYTES, safe_file_name
from local_db.models import Account, Attachment

log = logging.getLogger(__name__)
INTAKE_FOLDER = "intake"  # under the profile's attachments: the files taken in at this desk
Copy = tuple[str, int, str]  # path under the attachments folder, size, SHA-256
T = TypeVar("T")


def copy_in(attachments_dir: Path, path: Path) -> Copy:
    """Copy a picked file into the profile (flushed to disk); DomainError when it cannot be taken."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DomainError(
                "intake.file_too_large", tr_noop("“{name}” is larger than {limit} MB."),
                name=path.name, limit=MAX_FILE_BYTES // (1024 * 1024),
            )  # fmt: skip
        folder = attachments_dir / INTAKE_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / _kept_name(path.name)
        digest = hashlib.sha256()
        with path.open("rb") as source, target.open("wb") as copy:
            while chunk := source.read(1024 * 1024):
                digest.update(chunk)
                copy.write(chunk)
            copy.flush()
            os.fsync(copy.fileno())
        sync_folder(folder)  # the file's name too, not only its bytes, survives a power cut
    except OSError as error:
        raise DomainError(
            "intake.file_unreadable", tr_noop("“{name}” cannot be read: {reason}"),
            name=path.name, reason=error.strerror or type(error).__name__,
        ) from None  # fmt: skip
    return target.relative_to(attachments_dir).as_posix(), target.stat().st_size, digest.hexdigest()


def keep_bytes(attachments_dir: Path, name: str, data: bytes) -> Copy:
    """Bytes made here (a signed copy) kept in the profile like a picked file (flushed, name too)."""
    folder = attachments_dir / INTAKE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / _kept_name(name)
    with target.open("wb") as copy:
        copy.write(data)
        copy.flush()
        os.fsync(copy.fileno())
    sync_folder(folder)
    return target.relative_to(attachments_dir).as_posix(), len(data), hashlib.sha256(data).hexdigest()


def _kept_name(name: str) -> str:
    """A unique name in the profile's folder: a random prefix, then the name (within a name's bytes)."""
    prefix = f"{uuid.uuid4().hex[:12]}-"
    return prefix + safe_file_name(name, max_bytes=MAX_NAME_BYTES - len(prefix))


def copy_all_in(attachments_dir: Path, paths: Iterable[Path], then: Callable[[list[Copy]], T]) -> T:
    """Copy every file in, then ``then(copies)``; if anything fails the copies go (no row will name them)."""
    copies: list[Copy] = []
    try:
        for path in paths:  # before the transaction: files are slow
            copies.append(copy_in(attachments_dir, path))
        return then(copies)
    except BaseException:
        for relative, _size, _digest in copies:
            quietly((attachments_dir / relative).unlink)
        raise


def attachment_rows(account: Account, kind: str, item_id: int, files: Iterable[Path], copies: list[Copy]) -> list:
    """The rows of the files copied in: here offline already, with no remote id until uploaded."""
    return [
        Attachment(source_id=account.source_id, remote_id=None, item_kind=kind, item_id=item_id,
                   file_name=safe_file_name(path.name),
                   content_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
                   size=size, sha256=digest, local_path=relative, downloaded_bytes=size, upload_key=str(uuid.uuid4()))
        for path, (relative, size, digest) in zip(files, copies, strict=True)
    ]  # fmt: skip


def quietly(work: Callable[[], object]) -> None:
    """A file operation whose failure (a file held by an antivirus, a read-only copy) must never stop
    the work: it is logged and left for the next session."""
    try:
        work()
    except OSError as error:
        log.warning("left a file of the intake folder as it was: %s", error)


def sync_folder(folder: Path) -> None:
    if os.name == "posix":  # Windows cannot open a folder to flush it; NTFS journals the name anyway
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
