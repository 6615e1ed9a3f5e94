"""A loopback HTTP listener for tests: records every request it gets and answers from a table of files."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


class Listener:
    """``requests`` lists the paths asked for; ``files`` maps a path to (content type, body)."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.files: dict[str, tuple[str, bytes]] = {}
        self.redirects: dict[str, str] = {}
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                listener.requests.append(self.path)
                if self.path in listener.redirects:
                    self.send_response(302)
                    self.send_header("Location", listener.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                kind, body = listener.files.get(self.path, ("text/plain", b"not here"))
                self.send_response(200 if self.path in listener.files else 404)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)


@pytest.fixture
def http_listener():
    listener = Listener()
    listener.start()
    yield listener
    listener.stop()
