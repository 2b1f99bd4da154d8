"""Errors as the protocol returns them: JSON with a stable ``code`` and a message in both languages."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
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
        return JSONResponse(error.body(), status_code=error.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [{"where": ".".join(str(p) for p in item["loc"]), "what": item["type"]} for item in error.errors()]
        body = ApiError(422, "invalid_request", "The request is not valid.", "Yêu cầu không hợp lệ.").body()
        return JSONResponse({**body, "problems": problems[:20]}, status_code=422)

    @app.exception_handler(Exception)
    async def _crash(_request: Request, error: Exception) -> JSONResponse:
        log.exception("unexpected error", exc_info=error)
        body = ApiError(500, "internal", "The server met an unexpected error.", "Máy chủ gặp lỗi không mong muốn.")
        return JSONResponse(body.body(), status_code=500)

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
