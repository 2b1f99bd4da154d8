"""What the OpenAPI description says each operation may answer besides success: every error status
with the JSON shape central.errors writes, the headers that come with it, and the bodies that are
not JSON (edXML packets, uploaded pieces, attachment downloads)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class Message(BaseModel):
    en: str
    vi: str


class Problem(BaseModel):
    where: str
    what: str


class ErrorOut(BaseModel):
    """Every error: a stable ``code`` and the message in both languages; some add fields."""

    model_config = ConfigDict(extra="allow")

    code: str
    message: Message
    problems: list[Problem] | None = None  # 422 invalid_request
    size: int | None = None  # 416: the file's size
    offset: int | None = None  # upload.offset, upload.checksum: where the upload stands


_TEXT_HEADER = {"schema": {"type": "string"}}
_ERRORS: dict[int, tuple[str, dict[str, Any]]] = {
    400: ("The body cannot be read (not UTF-8 JSON), was cut off, or a cursor is not valid.", {}),
    401: (
        "Not signed in: wrong login or password, or a token missing, not valid, expired or reused.",
        {"WWW-Authenticate": {**_TEXT_HEADER, "description": "Always `Bearer`."}},
    ),
    403: ("The account is disabled (`account_disabled`), or its role may not do this (`not_operator`).", {}),
    404: ("No such item, attachment or upload in the caller's unit.", {}),
    409: ("The request clashes with the state on the service (see the `code`).", {}),
    413: ("The request body, or the announced file, is over the limit.", {}),
    415: ("The body is not JSON (`Content-Type` must be `application/json`).", {}),
    416: (
        "The range is outside the file.",
        {"Content-Range": {**_TEXT_HEADER, "description": "`bytes */<size>`."}},
    ),
    422: ("The request, or what it carries, is not valid (see the `code` and `problems`).", {}),
    429: (
        "Too many wrong passwords for this login or from this address (`too_many_sign_ins`): try again after "
        "`Retry-After` seconds (also `retry_after` and `retry_at` in the body).",
        {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
    ),
    500: ("The service met an unexpected error.", {}),
    503: (
        "The database is busy (`busy`); nothing was done. Try again after `Retry-After` seconds.",
        {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
    ),
}
# What every operation may meet, and what every signed-in one may meet.
ANY = (500, 503)
SIGNED_IN = (401, 403, 500, 503)
JSON_BODY = (400, 413, 415, 422)


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses`` of a route: each status with its description, headers and the error body."""
    return {
        status: {"model": ErrorOut, "description": _ERRORS[status][0]}
        | ({"headers": _ERRORS[status][1]} if _ERRORS[status][1] else {})
        for status in sorted(set(statuses))
    }


def raw_body(*media_types: str, description: str) -> dict[str, Any]:
    """``openapi_extra`` for a route that reads its body itself: any bytes, in these media types."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {"requestBody": {"required": True, "description": description,
                            "content": {media_type: binary for media_type in media_types}}}  # fmt: skip


_FILE_HEADERS = {
    "ETag": {**_TEXT_HEADER, "description": "The quoted SHA-256 of the file."},
    "X-Content-SHA256": {**_TEXT_HEADER, "description": "The SHA-256 of the file."},
    "Accept-Ranges": {**_TEXT_HEADER, "description": "`bytes`."},
}
_FILE_BYTES = {"*/*": {"schema": {"type": "string", "format": "binary"}}}
_RANGE_HEADERS = _FILE_HEADERS | {"Content-Range": {**_TEXT_HEADER, "description": "`bytes first-last/size`."}}


def attachment_responses() -> dict[int | str, dict[str, Any]]:
    """A download: the file's bytes in the type it was stored with, a range of them, or "not modified"."""
    return {
        200: {"description": "The file, in the content type it was stored with.", "content": _FILE_BYTES,
              "headers": _FILE_HEADERS},
        206: {"description": "The requested range of the file.", "content": _FILE_BYTES,
              "headers": _RANGE_HEADERS},
        304: {"description": "`If-None-Match` named the file's ETag: no body.", "headers": _FILE_HEADERS},
    } | errors(*SIGNED_IN, 404, 416, 422)  # fmt: skip
