"""Request and response bodies of the protocol (they also make the committed OpenAPI file)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from annotated_types import Interval, MaxLen
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)

from app.domain.workflow import FeedbackState

MAX_STRING = 4000
# What an INTEGER column holds on PostgreSQL: every count, sequence, version and offset a client sends fits.
MAX_INT = 2**31 - 1


def _integral_number(value: object) -> object:
    """JSON has one number type: 3.0 is the integer 3 (as JSON Schema says), 3.5 and "3" are not integers."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


# Strict: a numeric string stays a string (4,001 digits is too long, never an integer) and a number
# is never read as a string or a boolean.
Count = Annotated[StrictInt, Interval(ge=0, le=MAX_INT), BeforeValidator(_integral_number)]
PayloadInt = Annotated[StrictInt, Interval(ge=-MAX_INT, le=MAX_INT), BeforeValidator(_integral_number)]
# PostgreSQL's text holds no NUL character: a string that carries one is refused by the schema (a 422),
# never met by the database (a 500: schemathesis found it in an upload's content type).
NO_NUL = r"^[^\x00]*$"
MEDIA_TYPE = r"^[!-~][ -~]{0,99}$"  # a content type: printable ASCII, as HTTP headers carry it
PayloadText = Annotated[StrictStr, MaxLen(MAX_STRING), Field(pattern=NO_NUL)]
PayloadValue = PayloadText | PayloadInt | StrictBool | None


class Strict(BaseModel):
    """A request body: unknown fields refused, and no value coerced from another JSON type."""

    model_config = ConfigDict(extra="forbid", strict=True)


class LoginRequest(Strict):
    login: str = Field(min_length=1, max_length=200, pattern=NO_NUL)
    password: str = Field(min_length=1, max_length=1000, pattern=NO_NUL)


class RefreshRequest(Strict):
    refresh_token: str = Field(min_length=1, max_length=200, pattern=NO_NUL)
    # optional, so clients from before it still renew (a lost answer then ends their sign-in)
    renewal_key: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9_-]{22,64}$",
        description="Random, made by the client for this renewal of this refresh token and sent again, unchanged, "
        "when it retries the renewal after a lost answer; kept in memory only.",
    )


class PasswordChangeRequest(Strict):
    current_password: str = Field(min_length=1, max_length=1000, pattern=NO_NUL)
    new_password: str = Field(min_length=1, max_length=1000, pattern=NO_NUL)


class RevokeRequest(Strict):
    refresh_token: str | None = Field(default=None, max_length=200, pattern=NO_NUL)


class AccountInfo(BaseModel):
    login: str
    display_name: str
    unit_code: str
    role: str
    parallel_until: date | None


class Official(BaseModel):
    name: str


class OfficialsResponse(BaseModel):
    officials: list[Official]


class TokenResponse(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    account: AccountInfo


class Health(BaseModel):
    status: Literal["ok"]
    system: str
    time: str


class Change(BaseModel):
    kind: Literal["agency", "procedure", "document", "dossier", "feedback", "comment", "attachment"]
    id: str
    op: Literal["upsert", "tombstone"]
    version: int | None = None
    reason: str | None = None
    item: dict[str, Any] | None = None


class ChangesResponse(BaseModel):
    changes: list[Change]
    next_cursor: str
    has_more: bool


class MutationIn(Strict):
    mutation_id: str = Field(pattern=r"^[0-9a-fA-F-]{36}$")
    seq: Count
    kind: Literal["document", "dossier", "feedback"]
    item_id: str = Field(min_length=1, max_length=40, pattern=NO_NUL)
    base_version: Count
    action: str = Field(min_length=1, max_length=40, pattern=NO_NUL)
    payload: dict[str, PayloadValue] = Field(default_factory=dict, max_length=20)


class MutationsRequest(Strict):
    mutations: list[MutationIn] = Field(min_length=1, max_length=100)


class MutationOutcome(BaseModel):
    mutation_id: str
    status: Literal["applied", "duplicate", "rejected", "retry"]
    original_status: str | None = None
    version: int | None = None
    code: str | None = None
    message: str | None = None
    params: dict[str, str] | None = None
    item: dict[str, Any] | None = None
    created: dict[str, str] | None = None


class MutationsResponse(BaseModel):
    results: list[MutationOutcome]


class EdxmlResult(BaseModel):
    packet: Literal["document", "status"]
    kind: Literal["new", "revoke", "update", "replace"] | None = None  # a document packet's business kind
    documents: list[dict[str, Any]]
    problems: list[dict[str, Any]]


DESK_ID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class CodeBlockRequest(Strict):
    desk_id: str = Field(pattern=DESK_ID)


class CodeBlockOut(BaseModel):
    id: str
    unit_code: str
    valid_from: date
    valid_to: date
    first: int
    last: int


class CodeBlocksResponse(BaseModel):
    blocks: list[CodeBlockOut]


class UploadStart(Strict):
    """A desk announces a file it will send in pieces (repeating it answers how far it got)."""

    key: str = Field(pattern=DESK_ID)
    item_kind: Literal["dossier", "document", "feedback"]
    item_id: str = Field(max_length=20, pattern=NO_NUL)
    file_name: str = Field(min_length=1, max_length=255, pattern=NO_NUL)
    content_type: str = Field(max_length=100, pattern=MEDIA_TYPE)
    size: Count  # over MAX_FILE_BYTES: 413 upload.too_large, which says the limit in both languages
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    # a signed copy: the SHA-256 of the item's file it replaces
    supersedes: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class UploadOut(BaseModel):
    key: str
    size: int
    offset: int  # bytes received so far: the next piece starts here
    attachment_id: str | None = None  # set once the file is complete and checked


FEEDBACK_CODE = r"^[0-9A-Za-z][0-9A-Za-z./-]{0,39}$"  # 1022's own code of a report
MAX_FEEDBACK_FILES = 5  # photos of one report; their bytes count against the request's 1 MB
MAX_FEEDBACK_PHOTO_BASE64 = 600_000


class FeedbackFile(Strict):
    file_name: str = Field(min_length=1, max_length=255, pattern=NO_NUL)
    content_type: str = Field(max_length=100, pattern=MEDIA_TYPE)
    # one photo fits the 1 MB body with room to spare (and one a byte too long is a 422, not a 413)
    content_base64: str = Field(max_length=MAX_FEEDBACK_PHOTO_BASE64)


class FeedbackIn(Strict):
    """A citizens' report the 1022 operator routes to the competent unit (the reporter's contact is left
    out of an anonymous report)."""

    code: str = Field(pattern=FEEDBACK_CODE)
    unit_code: str = Field(min_length=1, max_length=35, pattern=NO_NUL)
    channel: Literal["hotline", "web", "app"]
    category: str = Field(min_length=1, max_length=100, pattern=NO_NUL)
    address: str = Field(min_length=1, max_length=500, pattern=NO_NUL)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    content: str = Field(min_length=1, max_length=4000, pattern=NO_NUL)
    anonymous: bool = False
    reporter_name: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    reporter_phone: str | None = Field(default=None, max_length=30, pattern=NO_NUL)
    reporter_email: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    received_at: AwareDatetime = Field(strict=False)  # JSON carries it as ISO text
    files: list[FeedbackFile] = Field(default_factory=list, max_length=MAX_FEEDBACK_FILES)

    @model_validator(mode="after")
    def _contact_or_anonymous(self) -> FeedbackIn:
        has_contact = any((self.reporter_name, self.reporter_phone, self.reporter_email))
        if self.anonymous and has_contact:
            raise ValueError("an anonymous report carries no contact of its reporter")
        if not self.anonymous and not self.reporter_name:
            raise ValueError("a report that is not anonymous names its reporter")
        return self


class FeedbackOut(BaseModel):
    id: str
    code: str
    unit_code: str
    state: str
    routed_at: datetime
    due_at: datetime
    version: int


class ProgressNote(BaseModel):
    text: str
    at: datetime
    committed_on: date | None = None  # the answer date it committed to (required once past the due time)


class FeedbackHandling(BaseModel):
    """How the unit handled a routed report, as the 1022 operator reads it back: what the unit tells 1022
    (progress notes, the answer once sent, a sending back) and never its own workings (who handles it, the
    officials' names, comments, an answer still in draft or awaiting its sending)."""

    code: str
    unit_code: str
    state: FeedbackState
    routed_at: datetime
    due_at: datetime
    committed_on: date | None  # the latest progress note's committed answer date
    progress: list[ProgressNote]  # oldest first
    answer: str | None  # once sent to 1022 (state answered)
    publish: bool | None  # whether 1022 may publish the answer; with it
    sent_back_reason: str | None  # sent back as not the unit's competence: why, and the competent unit
    suggested_unit_code: str | None
    finished_at: datetime | None  # answered or sent back
