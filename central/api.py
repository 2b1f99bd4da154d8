"""The HTTP API of one central system (unified, or a former province's)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import ClientDisconnect

from app.domain.errors import DomainError
from app.domain.feedback_deadline import DEFAULT_FEEDBACK_RULE, FeedbackRule
from central import auth
from central.attachments import attachment_response
from central.axis_delivery import deliver_local
from central.body_limit import BodyLimit
from central.change_feed import BadCursor, MustRefetch, read_changes
from central.database import read_sessions, write_sessions
from central.dossier_registration import block_json, desk_blocks, grant_block
from central.edxml_ingest import MAX_EDXML_BYTES, Arrival, ingest_packet, read_arrival
from central.envelope_signatures import INFO_KEY, EnvelopeKeys
from central.errors import ApiError, install_error_handlers
from central.feedback_actions import handling_json, report_json, route_report, routed_report
from central.file_uploads import append_piece, checksum_failed, start_upload, upload_json
from central.models import Account
from central.mutations import Mutation, apply_batch
from central.officials import unit_officials
from central.openapi_responses import ANY, JSON_BODY, SIGNED_IN, attachment_responses, errors, raw_body
from central.password_policy import WeakPassword
from central.passwords import COST_KEY, STRONG, HashCost
from central.schemas import (
    DESK_ID,
    FEEDBACK_CODE,
    MAX_INT,
    AccountInfo,
    ChangesResponse,
    CodeBlockOut,
    CodeBlockRequest,
    CodeBlocksResponse,
    EdxmlResult,
    FeedbackHandling,
    FeedbackIn,
    FeedbackOut,
    Health,
    LoginRequest,
    MutationsRequest,
    MutationsResponse,
    OfficialsResponse,
    PasswordChangeRequest,
    RefreshRequest,
    RevokeRequest,
    TokenResponse,
    UploadOut,
    UploadStart,
)
from kernel.clock import Clock, SystemClock
from kernel.json_codec import json_bytes

MAX_JSON_BYTES = 1_000_000
_GRANT_REFUSALS_VI = {
    "code_block.enough": "Máy này đã giữ đủ các dãy số hồ sơ chưa dùng hết.",
    "dossier_code.no_block": "Mọi số hồ sơ trong ngày của đơn vị đã được cấp cho các máy.",
}
MAX_PAGE = 500
_BEARER = HTTPBearer(auto_error=False, description="An access token from `POST /v1/auth/token` or `/v1/auth/refresh`.")


@dataclass
class CentralService:
    system: str
    engine: Engine
    clock: Clock = field(default_factory=SystemClock)
    password_cost: HashCost = STRONG  # tests lower it in their fixtures (central.passwords)
    # How long a unit has to answer a 1022 report (unconfirmed numbers: `serve --feedback-days`).
    feedback_rule: FeedbackRule = DEFAULT_FEEDBACK_RULE

    def __post_init__(self) -> None:
        # the units' envelope keys and the anchors, and the password cost, on every session
        self.envelopes = EnvelopeKeys()
        info = {INFO_KEY: self.envelopes, COST_KEY: self.password_cost}
        self.sessions: sessionmaker[Session] = write_sessions(self.engine, info)
        self.reads: sessionmaker[Session] = read_sessions(self.engine)


_AUTH_ERRORS = {
    "bad_credentials": ("Wrong login or password.", "Sai tên đăng nhập hoặc mật khẩu."),
    "invalid_token": ("The token is not valid; sign in again.", "Phiên đăng nhập không hợp lệ, xin đăng nhập lại."),
    "token_expired": ("The token has expired.", "Phiên đăng nhập đã hết hạn."),
    "account_disabled": ("This account has been disabled.", "Tài khoản này đã bị ngừng sử dụng."),
    "missing_token": ("Sign in first.", "Vui lòng đăng nhập."),
    "refresh_token_reused": (
        "This sign-in was already renewed once, so it may have been copied; it has been ended everywhere. "
        "Sign in again.",
        "Phiên đăng nhập này đã được gia hạn trước đó nên có thể đã bị sao chép; phiên đã bị chấm dứt "
        "trên mọi máy. Xin đăng nhập lại.",
    ),
}


def _auth_error(error: auth.AuthError) -> ApiError:
    en, vi = _AUTH_ERRORS[error.code]
    return ApiError(error.status, error.code, en, vi)


def _account_info(account: Account) -> AccountInfo:
    return AccountInfo(
        login=account.login,
        display_name=account.display_name,
        unit_code=account.unit_code,
        role=account.role,
        parallel_until=account.parallel_until,
    )


def client_address(request: Request) -> str:
    """Who is asking, for the sign-in throttle: the peer, or behind a proxy the uvicorn server trusts
    (``--forwarded-allow-ips``, loopback by default) the client it names in X-Forwarded-For."""
    return request.client.host if request.client is not None else "unknown"


def _service(request: Request) -> CentralService:
    return request.app.state.service


def _session(service: Annotated[CentralService, Depends(_service)]) -> Iterator[Session]:
    with service.reads() as db:
        yield db


def _token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]) -> str:
    if credentials is None:
        raise _auth_error(auth.AuthError("missing_token"))
    return credentials.credentials.strip()


async def _json_body(request: Request) -> None:
    """A body that is not declared JSON is refused as such (415), not as invalid JSON (422)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    is_json = kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))
    if not is_json and await request.body():
        raise ApiError(415, "unsupported_media_type", "The body must be JSON (Content-Type: application/json).",
                       "Dữ liệu gửi lên phải ở dạng JSON (Content-Type: application/json).")  # fmt: skip


def _body_limit(path: str) -> int:
    return MAX_EDXML_BYTES if path == "/v1/edxml" else MAX_JSON_BYTES


def _current_account(
    service: Annotated[CentralService, Depends(_service)],
    db: Annotated[Session, Depends(_session)],
    access: Annotated[str, Depends(_token)],
) -> Account:
    try:
        account = auth.account_for_access_token(db, access, service.clock.now())
    except auth.AuthError as error:
        raise _auth_error(error) from None
    # Its connection goes back to the pool now (a later read takes one again): an endpoint that writes
    # opens a session of its own, and requests each holding one connection while waiting for a second
    # would exhaust the pool under load, every one of them then failing.
    db.close()
    return account


JSON = [Depends(_json_body)]
Db = Annotated[Session, Depends(_session)]
Caller = Annotated[Account, Depends(_current_account)]
AccessToken = Annotated[str, Depends(_token)]


class ChangesJSON(Response):
    """A page of the change feed, encoded by orjson: the service's CPU for a first sync of 100,000
    items fell from 4.4 to 3.1 s. Items keep their dates and datetimes; it writes them as
    ``isoformat()`` does."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json_bytes(content)


def create_app(service: CentralService) -> FastAPI:
    app = FastAPI(title=f"Ward Desk central service ({service.system})", version="1.0.0", responses=errors(*ANY))
    app.state.service = service
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)  # most of 9's gain, far less CPU
    app.add_middleware(BodyLimit, limit_for=_body_limit)
    install_error_handlers(app)

    @app.get("/v1/health", response_model=Health)
    def health() -> Health:
        return Health(status="ok", system=service.system, time=service.clock.now().isoformat())

    @app.post("/v1/auth/token", response_model=TokenResponse, dependencies=JSON,
              responses=errors(*JSON_BODY, 401, 403, 429))  # fmt: skip
    def login(body: LoginRequest, request: Request) -> TokenResponse:
        attempt = auth.SignInAttempt(body.login, body.password, client_address(request))
        try:
            pair, account = auth.sign_in(service.reads, service.sessions, attempt, service.clock.now(),
                                         service.password_cost)  # fmt: skip
        except auth.AuthError as error:
            raise _auth_error(error) from None
        return TokenResponse(**pair.__dict__, account=_account_info(account))

    @app.post("/v1/auth/refresh", response_model=TokenResponse, dependencies=JSON,
              responses=errors(*JSON_BODY, 401, 403))  # fmt: skip
    def refresh(body: RefreshRequest) -> TokenResponse:
        refused: auth.AuthError | None = None
        with service.sessions.begin() as db:
            try:
                pair = auth.refresh(db, body.refresh_token, service.clock.now(), body.renewal_key)
                account = auth.account_for_access_token(db, pair.access_token, service.clock.now())
                answer = TokenResponse(**pair.__dict__, account=_account_info(account))
            except auth.AuthError as error:
                refused = error  # raised after the commit: a reused token's family stays revoked
        if refused is not None:
            raise _auth_error(refused)
        return answer

    @app.post("/v1/auth/revoke", status_code=204, dependencies=JSON, responses=errors(*JSON_BODY, *SIGNED_IN))
    def revoke(body: RevokeRequest, caller: Caller, access: AccessToken) -> Response:
        with service.sessions.begin() as db:
            tokens = [access] + ([body.refresh_token] if body.refresh_token else [])
            auth.revoke(db, caller, tokens, service.clock.now())
        return Response(status_code=204)

    @app.post("/v1/auth/password", response_model=TokenResponse, dependencies=JSON,
              responses=errors(*JSON_BODY, *SIGNED_IN, 429))  # fmt: skip
    def change_password(body: PasswordChangeRequest, caller: Caller, request: Request) -> TokenResponse:
        attempt = auth.SignInAttempt(caller.login, body.current_password, client_address(request))
        try:
            pair = auth.change_password(service.reads, service.sessions, caller, attempt, body.new_password,
                                        service.clock.now(), service.password_cost)  # fmt: skip
        except auth.AuthError as error:
            raise _auth_error(error) from None
        except WeakPassword as weak:
            raise ApiError(422, "weak_password", weak.en, weak.vi, reason=weak.code) from None
        return TokenResponse(**pair.__dict__, account=_account_info(caller))

    @app.get("/v1/me", response_model=AccountInfo, responses=errors(*SIGNED_IN))
    def me(caller: Caller) -> AccountInfo:
        return _account_info(caller)

    @app.get("/v1/changes", response_model=ChangesResponse, response_model_exclude_none=True,
             responses=errors(*SIGNED_IN, 400, 409, 422))  # fmt: skip
    def changes(
        db: Db,
        caller: Caller,
        cursor: Annotated[str | None, Query(max_length=500)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 200,
    ) -> JSONResponse:
        try:
            page = read_changes(db, caller, cursor, limit)
        except MustRefetch:
            raise ApiError(
                409, "must_refetch", "The cursor is too old; download a fresh snapshot.",
                "Dữ liệu đồng bộ đã cũ, cần tải lại toàn bộ.",
            ) from None  # fmt: skip
        except BadCursor:
            raise ApiError(400, "bad_cursor", "The cursor is not valid.", "Con trỏ đồng bộ không hợp lệ.") from None
        # Built from the service's own rows: validating them again against the response model would
        # cost more than the database work (the model still documents the shape in the OpenAPI).
        return ChangesJSON({"changes": page.changes, "next_cursor": page.next_cursor, "has_more": page.has_more})

    @app.post("/v1/mutations", response_model=MutationsResponse, response_model_exclude_none=True, dependencies=JSON,
              responses=errors(*JSON_BODY, *SIGNED_IN))  # fmt: skip
    def mutations(body: MutationsRequest, caller: Caller) -> dict:
        batch = [
            Mutation(m.mutation_id.lower(), m.kind, m.item_id, m.base_version, m.action, dict(m.payload))
            for m in sorted(body.mutations, key=lambda m: m.seq)
        ]
        return {"results": apply_batch(service.sessions, caller.id, batch, service.clock.now())}

    @app.get("/v1/officials", response_model=OfficialsResponse, responses=errors(*SIGNED_IN))
    def officials(db: Db, caller: Caller) -> dict:
        """The officials of the caller's unit, by name, for assigning work (no logins: names only)."""
        return {"officials": unit_officials(db, caller.unit_code, service.clock.now())}

    @app.get("/v1/code-blocks", response_model=CodeBlocksResponse, responses=errors(*SIGNED_IN, 422))
    def code_blocks(desk_id: Annotated[str, Query(pattern=DESK_ID)], db: Db, caller: Caller) -> dict:
        """The desk's blocks of dossier numbers still valid (a lost answer to a grant shows up here)."""
        return {"blocks": [block_json(row) for row in desk_blocks(db, caller, desk_id, service.clock.now())]}

    @app.post("/v1/code-blocks", response_model=CodeBlockOut, status_code=201, dependencies=JSON,
              responses=errors(*JSON_BODY, *SIGNED_IN, 409))  # fmt: skip
    def new_code_block(body: CodeBlockRequest, caller: Caller) -> dict:
        try:
            with service.sessions.begin() as session:
                account = session.get_one(Account, caller.id)
                return block_json(grant_block(session, account, body.desk_id, service.clock.now()))
        except DomainError as error:
            raise ApiError(409, error.code, error.english(), _GRANT_REFUSALS_VI[error.code]) from None

    @app.get("/v1/attachments/{attachment_id}", response_class=Response, responses=attachment_responses())
    def attachment(
        attachment_id: int,  # any integer: one that names no row here is "not found", like another unit's
        db: Db,
        caller: Caller,
        range_header: Annotated[str | None, Header(alias="Range")] = None,
        if_none_match: Annotated[str | None, Header()] = None,
    ) -> Response:
        return attachment_response(db, caller, attachment_id, range_header, if_none_match)

    @app.post("/v1/uploads", response_model=UploadOut, dependencies=JSON,
              responses=errors(*JSON_BODY, *SIGNED_IN, 404, 409))  # fmt: skip
    def new_upload(body: UploadStart, caller: Caller) -> dict:
        """Start sending a file, or learn how far an earlier try got (same key, same file)."""
        for attempt in (1, 2):
            try:
                with service.sessions.begin() as session:
                    account = session.get_one(Account, caller.id)
                    return upload_json(start_upload(session, account, body, service.clock.now()))
            except IntegrityError:  # the same key started by a concurrent request: now it is found
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    @app.patch(
        "/v1/uploads/{key}", response_model=UploadOut, responses=errors(*SIGNED_IN, 400, 404, 409, 413, 422),
        openapi_extra=raw_body("application/octet-stream", description=f"The piece (at most {MAX_JSON_BYTES} bytes)."),
    )  # fmt: skip
    async def upload_piece(
        key: Annotated[str, Path(pattern=DESK_ID)],
        offset: Annotated[int, Header(alias="Upload-Offset", ge=0, le=MAX_INT)],
        request: Request,
        caller: Caller,
    ) -> dict:
        """One piece of the file, starting at ``Upload-Offset``; the last one makes the attachment."""
        data = await _read_body(request)
        return await run_in_threadpool(_append, service, caller.id, key, offset, data)

    @app.post("/v1/feedback", response_model=FeedbackOut, status_code=201, dependencies=JSON,
              responses=errors(*JSON_BODY, *SIGNED_IN))  # fmt: skip
    def route_feedback(body: FeedbackIn, caller: Caller) -> dict:
        """The 1022 operator routes a citizens' report to the competent unit; it is due by the service's
        rule. Sending the same report code again answers the report already routed, unchanged."""
        _operator_only(caller, "Only the 1022 operator routes citizens' reports.",
                       "Chỉ tổng đài viên 1022 được chuyển phản ánh của người dân.")  # fmt: skip
        for attempt in (1, 2):
            try:
                with service.sessions.begin() as session:
                    operator = session.get_one(Account, caller.id)
                    report = route_report(session, operator, body, service.feedback_rule, service.clock.now())
                    return report_json(report)
            except IntegrityError:  # the same code routed by a concurrent request: now it is found
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    # ``:path``: a 1022 code may hold "/" (FEEDBACK_CODE), which a client may send as is or as %2F
    @app.get("/v1/feedback/{code:path}", response_model=FeedbackHandling, responses=errors(*SIGNED_IN, 404, 422))
    def feedback_handling(code: Annotated[str, Path(pattern=FEEDBACK_CODE)], db: Db, caller: Caller) -> dict:
        """The 1022 operator reads back how the unit handled a report it routed: its state and due time,
        the progress notes with their committed dates, the answer and whether to publish it once sent, or
        why it was sent back and to which unit. Nothing of the unit's own workings."""
        _operator_only(caller, "Only the 1022 operator reads back how reports were handled.",
                       "Chỉ tổng đài viên 1022 được xem kết quả xử lý phản ánh.")  # fmt: skip
        return handling_json(routed_report(db, code))

    @app.post(
        "/v1/edxml", response_model=EdxmlResult, responses=errors(*SIGNED_IN, 400, 404, 413, 422),
        openapi_extra=raw_body("application/xml", "text/xml", "application/octet-stream",
                               description=f"One edXML packet (QCVN 102), at most {MAX_EDXML_BYTES} bytes."),
    )  # fmt: skip
    async def edxml(request: Request, caller: Caller) -> dict:
        data = await _read_body(request)
        return await run_in_threadpool(_ingest, service, caller.id, data)

    return app


def _operator_only(caller: Account, en: str, vi: str) -> None:
    if caller.role != "operator":
        raise ApiError(403, "not_operator", en, vi)


def _ingest(service: CentralService, account_id: int, data: bytes) -> dict:
    arrival = read_arrival(data, service.envelopes, service.clock.now())  # outside the write lock
    try:
        return _ingest_once(service, account_id, arrival)
    except IntegrityError:  # the same packet committed by a concurrent request: now it is a duplicate
        return _ingest_once(service, account_id, arrival)


def _ingest_once(service: CentralService, account_id: int, arrival: Arrival) -> dict:
    with service.sessions.begin() as db:
        now = service.clock.now()
        result = ingest_packet(db, db.get_one(Account, account_id), arrival, now)
        deliver_local(db, now)  # the arrival's 01 to a sender hosted here
        return result


def _append(service: CentralService, account_id: int, key: str, offset: int, data: bytes) -> dict:
    with service.sessions.begin() as session:
        upload, failed = append_piece(session, session.get_one(Account, account_id), key, offset, data)
        answer = upload_json(upload)
    if failed:  # raised after the commit: the upload starts again from zero
        raise checksum_failed()
    return answer


async def _read_body(request: Request) -> bytes:
    """The raw body, which BodyLimit has already bounded as it arrived."""
    try:
        return await request.body()
    except ClientDisconnect:  # the desk went away mid-body (killed, link dropped): nothing was stored
        raise ApiError(400, "incomplete", "The request body was cut off.",
                       "Dữ liệu gửi lên bị ngắt giữa chừng.") from None  # fmt: skip
