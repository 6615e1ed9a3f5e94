"""The HTTP side of the fake Bot API: parsing (query, urlencoded, JSON, multipart), errors, the handler."""

from __future__ import annotations

import email.parser
import email.policy
import json
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
}


class ApiError(Exception):
    def __init__(self, code: int, description: str | None = None, retry_after: int | None = None):
        super().__init__(description)
        self.code = code
        self.description = description or DESCRIPTIONS.get(code, "Error")
        if retry_after is not None and description is None:
            self.description = f"Too Many Requests: retry after {retry_after}"
        self.retry_after = retry_after

    def body(self) -> dict:
        body = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass
class Call:
    """One request the server answered (or refused)."""

    method: str
    params: dict
    files: dict = field(default_factory=dict)  # field name -> (filename, content type, bytes)
    at: float = field(default_factory=time.monotonic)
    status: int = 200


class Params:
    """Request parameters as the Bot API takes them: query string, urlencoded or JSON body, multipart."""

    def __init__(self, values: dict, files: dict) -> None:
        self.values, self.files = values, files

    def str(self, name: str, default=None):
        value = self.values.get(name, default)
        return value if value is None or isinstance(value, str) else json.dumps(value)

    def int(self, name: str, default=None):
        value = self.values.get(name)
        return default if value in (None, "") else int(value)

    def json(self, name: str, default=None):
        value = self.values.get(name)
        if value is None:
            return default
        return json.loads(value) if isinstance(value, str) else value


def parse_request(content_type: str, body: bytes, query: str) -> Params:
    values: dict = dict(parse_qsl(query))
    files: dict = {}
    if content_type.startswith("application/json") and body:
        values.update(json.loads(body))
    elif content_type.startswith("application/x-www-form-urlencoded"):
        values.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    elif content_type.startswith("multipart/form-data"):
        head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
        parsed = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        for part in parsed.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                files[name] = (part.get_filename(), part.get_content_type(), payload)
            else:
                values[name] = payload.decode("utf-8")
    return Params(values, files)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        pass  # a poller killed -9 mid long-poll leaves a broken pipe behind: expected here


class Handler(BaseHTTPRequestHandler):
    api: object  # the FakeBotApi this server answers for

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path.startswith("/file/bot"):
            token, _, file_path = path[len("/file/bot") :].partition("/")
            data = self.api.download(file_path) if token == self.api.token and not self.api.revoked else None
            self._reply(200 if data is not None else 404, data if data is not None else b"Not Found")
            return
        token, _, method = path[len("/bot") :].partition("/") if path.startswith("/bot") else ("", "", "")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        params = parse_request(self.headers.get("Content-Type", ""), body, parts.query)
        call = Call(method, dict(params.values), dict(params.files))
        self.api.record(call)  # on arrival: a slow answer's call is visible while it waits
        try:
            if token != self.api.token:
                raise ApiError(401)
            result = self.api.handle(method, params)
            answer, status = {"ok": True, "result": result}, 200
        except ApiError as exc:
            answer, status = exc.body(), exc.code
        call.status = status
        self._reply(status, json.dumps(answer, ensure_ascii=False).encode(), "application/json")

    def _reply(self, status: int, body: bytes, content_type: str = "application/octet-stream") -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client went away (killed, or it gave up waiting)
