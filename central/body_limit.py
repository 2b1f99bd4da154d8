"""Request bodies counted as they arrive: past its limit a body is refused with 413 and the connection
closed, so no client makes the service hold (or even read) more than the limit, chunked or not.

A pure ASGI middleware: it wraps ``receive``, so every way of reading a body (FastAPI's JSON models,
``request.stream()``) is counted, and nothing is read before the route asks for it.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.errors import too_large

# "close": the rest of a refused body is not read (uvicorn would otherwise read and discard it all)
_CLOSE = {"Connection": "close"}


class BodyTooLarge(HTTPException):
    """Raised from ``receive``: an HTTPException, so FastAPI's body parsing passes it on unchanged
    and the service's error handler answers it (central.errors)."""

    def __init__(self) -> None:
        super().__init__(413, headers=_CLOSE)


class BodyLimit:
    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(scope, receive, send)  # before a byte of it is read
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge()
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if started:
                raise
            await _refuse(scope, receive, send)  # raised where no error handler answered it


async def _refuse(scope: Scope, receive: Receive, send: Send) -> None:
    await JSONResponse(too_large().body(), status_code=413, headers=_CLOSE)(scope, receive, send)
