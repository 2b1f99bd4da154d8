"""Errors as the protocol returns them: JSON with a stable ``code`` and a message in both languages."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

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


def too_large() -> ApiError:
    return ApiError(413, "too_large", "The request body is too large.", "Dữ liệu gửi lên quá lớn.")


# What the framework itself answers (routing, body parsing, the body limit), in both languages.
_HTTP_CODES = {
    400: ("bad_request", "The request body cannot be read.", "Không đọc được dữ liệu gửi lên."),
    404: ("not_found", "Not found.", "Không tìm thấy."),
    405: ("method_not_allowed", "Method not allowed.", "Phương thức không được hỗ trợ."),
    413: ("too_large", "The request body is too large.", "Dữ liệu gửi lên quá lớn."),
}
_OTHER_HTTP = ("http_error", "The request was not accepted.", "Yêu cầu không được chấp nhận.")


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
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code, en, vi = _HTTP_CODES.get(error.status_code, _OTHER_HTTP)
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = allowed_methods(app, request)
        return JSONResponse(ApiError(error.status_code, code, en, vi).body(), error.status_code, headers=headers)


def allowed_methods(app: FastAPI, request: Request) -> str:
    """Every method some route of this path takes (Starlette's own 405 names only the first route's)."""
    scope = {**request.scope, "method": "\0"}  # a method no route takes: a path match is a partial one
    methods = {
        method
        for route in app.router.routes
        if route.matches(scope)[0] is Match.PARTIAL
        for method in getattr(route, "methods", None) or ()
    }
    return ", ".join(sorted(methods))
