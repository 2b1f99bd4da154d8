"""The first-run assistant's question "is this a Ward Desk server?" against real servers on loopback
that are something else: a web page (HTML with 200) and a web server with nothing at our path (404)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.domain.errors import DomainError
from app.workbench import Workbench


class _WebSite(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:
        body = b"<html><body>Cong thong tin dien tu</body></html>"
        self.send_response(self.status)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: object) -> None:
        pass


class _NotFound(_WebSite):
    status = 404


@pytest.fixture(params=[_WebSite, _NotFound], ids=["html-page", "not-found"])
def other_server(request: pytest.FixtureRequest) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), request.param)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_a_server_that_is_not_ours_is_said_so_not_called_unreachable(workbench: Workbench, other_server: str) -> None:
    with pytest.raises(DomainError) as refused:
        workbench.check_server(other_server)
    assert refused.value.code == "not_a_server"
