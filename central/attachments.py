"""Serving attachments: an ETag that is the sha256, and byte ranges so a download can resume."""

from __future__ import annotations

import re

from fastapi import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.errors import ApiError
from central.models import Account, Attachment, is_row_id

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _not_found() -> ApiError:
    return ApiError(404, "not_found", "No such attachment.", "Không tìm thấy tệp đính kèm.")


def _byte_range(header: str, size: int) -> tuple[int, int]:
    """(first, last) inclusive; a suffix range "-N" means the last N bytes."""
    match = _RANGE.match(header.strip())
    if match is None or (not match[1] and not match[2]):
        raise _unsatisfiable(size)
    if not match[1]:
        first, last = max(0, size - int(match[2])), size - 1
    else:
        first = int(match[1])
        last = min(int(match[2]), size - 1) if match[2] else size - 1
    if first >= size or first > last:
        raise _unsatisfiable(size)
    return first, last


def _unsatisfiable(size: int) -> ApiError:
    return ApiError(416, "range_not_satisfiable", "The requested range is outside the file.",
                    "Khoảng dữ liệu yêu cầu nằm ngoài tệp.", size=size)  # fmt: skip


def attachment_response(
    session: Session, account: Account, attachment_id: int, range_header: str | None, if_none_match: str | None
) -> Response:
    if not is_row_id(attachment_id):
        raise _not_found()
    attachment = session.scalar(
        select(Attachment).where(Attachment.id == attachment_id, Attachment.unit_code == account.unit_code)
    )
    if attachment is None:  # another unit's attachment is "not found" too: nothing leaks
        raise _not_found()
    etag = f'"{attachment.sha256}"'
    headers = {"ETag": etag, "Accept-Ranges": "bytes", "X-Content-SHA256": attachment.sha256}
    if if_none_match is not None and etag in [tag.strip() for tag in if_none_match.split(",")]:
        return Response(status_code=304, headers=headers)
    content = attachment.content
    if range_header is None:
        return Response(content, media_type=attachment.content_type, headers=headers)
    first, last = _byte_range(range_header, len(content))
    headers["Content-Range"] = f"bytes {first}-{last}/{len(content)}"
    return Response(content[first : last + 1], status_code=206, media_type=attachment.content_type, headers=headers)
