"""Schemathesis against the real service on loopback, from the OpenAPI description the service serves:
every check it has, every phase (examples, coverage, fuzzing, stateful), anonymous and signed in.

A failure is a disagreement between docs/openapi.json and the service: fixed in the service, or the
description made true. Deterministic (fixed seed, derandomized, one worker, no example database).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from schemathesis.engine import Status, events
from sqlalchemy import select

from central import auth
from central.models import Attachment, Document, Dossier
from tests.central.conftest import PASSWORD_A, WARD_A, Central

MAX_EXAMPLES = 25
# Well-formed requests the service refuses for what they mean, which no JSON Schema can say (each
# refusal is documented with its code): "valid data is accepted" is checked there with these allowed.
MEANINGFUL_REFUSALS = {
    "/v1/changes": ["400"],  # a cursor this service did not write: bad_cursor
    "/v1/edxml": ["422"],  # bytes that are not an admissible edXML packet: edxml.*
    "/v1/attachments/{attachment_id}": ["416"],  # a range outside this file: range_not_satisfiable
    "/v1/uploads": ["413", "422"],  # a file over 50 MiB: upload.too_large; a signed copy refused: upload.supersedes_*
    "/v1/uploads/{key}": ["422"],  # bytes that do not fit the announced file: upload.too_long, .checksum, …
    # a named reporter unless anonymous, a unit served here (feedback.*); photos together over the body limit
    "/v1/feedback": ["413", "422"],
}
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "429"]
# Invalid data is refused as schemathesis expects, or with 413 when it is over a body limit (a photo's
# base64 past its maxLength is refused by central.body_limit before the body is read, anonymous or not).
REJECTED = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]


def _config(central: Central) -> schemathesis.Config:
    attachments, items = _ward_a_ids(central)
    return schemathesis.Config.from_dict({
        "seed": 20261125,
        "workers": 1,
        "generation": {"deterministic": True, "max-examples": MAX_EXAMPLES, "database": "none"},
        "checks": {"enabled": True, "negative_data_rejection": {"expected-statuses": REJECTED}},
        # Half the ids name the seeded ward's real rows, so downloads, ranges and uploads get past "not found".
        "dictionaries": {"attachments": {"values": attachments}, "items": {"values": items}},
        "parameters": {
            "path.attachment_id": {"dictionary": "attachments", "probability": 0.5},
            "body.item_id": {"dictionary": "items", "probability": 0.5},
            "body.mutations[*].item_id": {"dictionary": "items", "probability": 0.5},
        },
        "operations": [
            {"include-path": path, "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED + refusals}}}
            for path, refusals in MEANINGFUL_REFUSALS.items()
        ],
    })  # fmt: skip


def _ward_a_ids(central: Central) -> tuple[list[int], list[str]]:
    """Two files of the seeded ward (one empty: every range of it is unsatisfiable) and its items' ids."""
    with central.service.sessions.begin() as session:
        items = [(kind, row) for kind, model in (("dossier", Dossier), ("document", Document))
                 for row in session.scalars(select(model.id).where(model.unit_code == WARD_A))]  # fmt: skip
        files = [
            Attachment(unit_code=WARD_A, item_kind=kind, item_id=item_id, file_name=f"{len(content)}.pdf",
                       content_type="application/pdf", size=len(content), sha256=hashlib.sha256(content).hexdigest(),
                       content=content)
            for (kind, item_id), content in zip(items, (b"%PDF-1.7 " * 600, b""), strict=False)
        ]  # fmt: skip
        session.add_all(files)
        session.flush()
        return [file.id for file in files], [str(item_id) for _, item_id in items]


def _signed_in_as_thu(central: Central) -> type:
    """Bearer tokens of the seeded official, from the service's own sign-in and renewal in its database:
    one sign-in per run (no login requests to throttle), then a renewal whenever the run has revoked
    the token in hand (POST /v1/auth/revoke) and the service answered 401."""

    class SeededAccountToken:
        def __init__(self) -> None:
            self.refresh_token: str | None = None

        def get(self, _case: Any, _context: Any) -> str:
            service, now = central.service, central.clock.now()
            if self.refresh_token is None:
                attempt = auth.SignInAttempt("thu.tdm", PASSWORD_A, "127.0.0.1")
                pair, _ = auth.sign_in(service.reads, service.sessions, attempt, now, service.password_cost)
            else:
                with service.sessions.begin() as session:
                    pair = auth.refresh(session, self.refresh_token, now)
            self.refresh_token = pair.refresh_token
            return pair.access_token

        def set(self, case: Any, token: str, _context: Any) -> None:
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}

    return SeededAccountToken


def _failures(stream: Iterator[events.EngineEvent], answers: Counter[tuple[str, int]]) -> list[str]:
    """Every failed check and engine error of the run; ``answers`` counts the statuses per operation."""
    found: list[str] = []
    for event in stream:
        if isinstance(event, events.ScenarioFinished | events.FuzzScenarioFinished):
            answers.update(
                (event.recorder.label, interaction.response.status_code)
                for interaction in event.recorder.interactions.values()
                if interaction.response is not None
            )
            found += [
                f"{event.recorder.label}: {check.name}: {check.failure_info.failure.title}\n"
                f"    {check.failure_info.failure.message[:300]}\n    {check.failure_info.code_sample[:400]}"
                for checks in event.recorder.checks.values()
                for check in checks
                if check.status is Status.FAILURE and check.failure_info is not None
            ]
        elif isinstance(event, events.NonFatalError | events.FatalError):
            found.append(f"error: {event}")
        elif isinstance(event, events.EngineFinished):
            found += [f"after the run: {failure.title}" for failure in event.failures]
    return sorted(set(found))


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed_in"])
def test_schemathesis_finds_no_disagreement_with_the_openapi(central: Central, signed_in: bool) -> None:
    schema = schemathesis.openapi.from_url(f"{central.url}/openapi.json", config=_config(central))
    if signed_in:
        schema.auth()(_signed_in_as_thu(central))
    answers: Counter[tuple[str, int]] = Counter()
    failures = _failures(schemathesis.engine.from_schema(schema).execute(), answers)
    assert failures == [], "\n".join(failures)
    operations = {label for label, _ in answers}
    assert len(operations) > 15, sorted(answers.items())  # every operation was tried (and the stateful phase ran)
    if signed_in:  # and got past the sign-in check, or the run would prove little
        stuck = sorted(label for label in operations if {status for name, status in answers if name == label} == {401})
        assert stuck == [], sorted(answers.items())
