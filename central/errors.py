"""Errors as the protocol returns them: JSON with a stable ``code`` and a message in both languages."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, code: str, en: str, vi: str, **extra: object) -> None:
        self.status = status
        self.code = code
        self.en = en
        self.vi = vi
        self.extra = extra
        super().__init__(code)

    def body(self) -> dict[str, object]:
        return {"code": self.code, "message": {"en": self.en, "vi": self.vi}, **self.extra}


BUSY_RETRY_AFTER = 2  # seconds: a writer holds the database for well under a second (issue 19)
# PostgreSQL's lock_not_available, deadlock_detected and serialization_failure: another transaction won
_BUSY_SQLSTATES = {"55P03", "40P01", "40001"}


def database_busy(error: BaseException) -> bool:
    """Whether the database refused for being busy (locked, a lost race, no free connection): a try
    later may succeed, unlike a broken query or a full disk."""
    if isinstance(error, SQLAlchemyTimeoutError):  # no connection of the pool came free in time
        return True
    if not isinstance(error, OperationalError):
        return False
    original = error.orig
    sqlstate = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    text = str(original).lower()
    return sqlstate in _BUSY_SQLSTATES or "database is locked" in text or "database table is locked" in text


def _unexpected(error: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=error)
    body = ApiError(500, "internal", "The server met an unexpected error.", "Máy chủ gặp lỗi không mong muốn.")
    return JSONResponse(body.body(), status_code=500)


_HTTP_CODES = {
    404: ("not_found", "Not found.", "Không tìm thấy."),
    405: ("method_not_allowed", "Method not allowed.", "Phương thức không được hỗ trợ."),
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, error: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else {}
        if error.status == 416:
            headers["Content-Range"] = f"bytes */{error.extra.get('size', 0)}"
        if "retry_after" in error.extra:
            headers["Retry-After"] = str(error.extra["retry_after"])
        return JSONResponse(error.body(), status_code=error.status, headers=headers)

    @app.exception_handler(OperationalError)
    @app.exception_handler(SQLAlchemyTimeoutError)
    async def _database(_request: Request, error: Exception) -> JSONResponse:
        if not database_busy(error):
            return _unexpected(error)
        log.warning("database busy: %s", str(error).splitlines()[0][:200])
        body = ApiError(503, "busy", "The server is busy; nothing was done. Try again in a moment.",
                        "Máy chủ đang bận, chưa thực hiện yêu cầu. Vui lòng thử lại sau giây lát.",
                        retry_after=BUSY_RETRY_AFTER)  # fmt: skip
        return JSONResponse(body.body(), status_code=503, headers={"Retry-After": str(BUSY_RETRY_AFTER)})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [{"where": ".".join(str(p) for p in item["loc"]), "what": item["type"]} for item in error.errors()]
        body = ApiError(422, "invalid_request", "The request is not valid.", "Yêu cầu không hợp lệ.").body()
        return JSONResponse({**body, "problems": problems[:20]}, status_code=422)

    @app.exception_handler(Exception)
    async def _crash(_request: Request, error: Exception) -> JSONResponse:
        return _unexpected(error)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code, en, vi = _HTTP_CODES.get(error.status_code, ("http_error", str(error.detail), str(error.detail)))
        return JSONResponse(ApiError(error.status_code, code, en, vi).body(), status_code=error.status_code)
