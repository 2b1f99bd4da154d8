"""Request bodies are counted as they arrive, on every endpoint: a chunked body far over the limit is
refused with 413 while the client is still sending, and the service stops reading it."""

from __future__ import annotations

import json
import select
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from central.api import MAX_JSON_BYTES
from central.edxml_ingest import MAX_EDXML_BYTES
from tests.central.conftest import ApiClient, Central

PIECE = b"x" * 65536
CHUNK = b"%x\r\n%s\r\n" % (len(PIECE), PIECE)  # one piece in chunked transfer coding
# What a client may still push once the service stops reading: what the two sockets' kernel buffers
# hold on loopback (a few MiB each), far below what the client offers past the limit.
BUFFERED = 24 * 2**20
UPLOAD_KEY = "5f0c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f"


@dataclass
class Refusal:
    sent: int  # bytes the client got to send before the service answered or closed
    answer: bytes  # what came back (empty when the connection was reset before it could be read)


def send_chunked(url: str, method: str, path: str, headers: dict[str, str], total: int) -> Refusal:
    """Offer ``total`` bytes of chunked body, watching for an answer after every write."""
    address = urlsplit(url)
    head = f"{method} {path} HTTP/1.1\r\nHost: {address.netloc}\r\nTransfer-Encoding: chunked\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    with socket.create_connection((address.hostname, address.port), timeout=10) as sock:
        sock.sendall(head.encode())
        sock.setblocking(False)
        sent, pending = 0, b""
        while sent < total:
            readable, writable, _ = select.select([sock], [sock], [], 10)
            assert readable or writable, "neither an answer nor room to send for 10 s"
            if readable:
                break
            pending = pending or CHUNK
            try:
                count = sock.send(pending)
            except (BrokenPipeError, ConnectionResetError):
                break  # the service closed the connection
            sent, pending = sent + count, pending[count:]
        return Refusal(sent, _answer(sock))


def _answer(sock: socket.socket) -> bytes:
    sock.setblocking(True)
    sock.settimeout(10)
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass  # closed with our unread bytes in its buffer: what arrived before is kept
    return received


def assert_refused_early(refusal: Refusal, limit: int) -> None:
    assert refusal.sent < limit + BUFFERED, f"the service read {refusal.sent} bytes of a body limited to {limit}"
    if refusal.answer:  # a reset may overtake the answer; when it is there it says why
        status_line, _, rest = refusal.answer.partition(b"\r\n")
        assert status_line.split()[1] == b"413", refusal.answer[:200]
        body = json.loads(rest.partition(b"\r\n\r\n")[2])
        assert body["code"] == "too_large" and body["message"]["vi"] == "Dữ liệu gửi lên quá lớn."


def test_an_anonymous_chunked_sign_in_far_over_the_limit_is_refused_while_it_arrives(central: Central) -> None:
    """An outside probe sent 1,000 MB this way and the service held 2 GB before answering."""
    headers = {"Content-Type": "application/json"}
    refusal = send_chunked(central.url, "POST", "/v1/auth/token", headers, 100 * 2**20)
    assert_refused_early(refusal, MAX_JSON_BYTES)
    assert refusal.answer.startswith(b"HTTP/1.1 413"), "the answer came while the client was still sending"


@pytest.mark.parametrize(
    ("method", "path", "limit"),
    [
        ("POST", "/v1/mutations", MAX_JSON_BYTES),
        ("PATCH", f"/v1/uploads/{UPLOAD_KEY}", MAX_JSON_BYTES),
        ("POST", "/v1/edxml", MAX_EDXML_BYTES),
    ],
)
def test_every_endpoint_stops_reading_a_chunked_body_past_its_limit(
    central: Central, thu: ApiClient, method: str, path: str, limit: int
) -> None:
    headers = {"Content-Type": "application/octet-stream", "Upload-Offset": "0",
               "Authorization": thu.http.headers["Authorization"]}  # fmt: skip
    assert_refused_early(send_chunked(central.url, method, path, headers, limit + 2 * BUFFERED), limit)
