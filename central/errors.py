"""Errors as the protocol returns them: JSON with a stable ``code`` and a message in both languages."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
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
    async def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code, en, vi = _HTTP_CODES.get(error.status_code, ("http_error", str(error.detail), str(error.detail)))
        return JSONResponse(ApiError(error.status_code, code, en, vi).body(), status_code=error.status_code)
