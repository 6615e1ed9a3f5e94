"""ASGI middleware: request body size limits, and CORS answers for the widget's allowed origins."""

from __future__ import annotations

import json

from shopdesk.relay.security import origin_allowed

UPLOAD_PATHS = ("/api/widget/upload", "/api/desk/reply-file")
CORS_PREFIXES = ("/api/widget/", "/api/files/")


class BodyTooLarge(Exception):
    pass


async def _send_json(send, status: int, detail: str, headers: list | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": body})


SETTINGS_PATH = "/api/desk/automation"
SETTINGS_BYTES = 4_000_000  # 500 FAQ entries with long answers and 50 questions each fit


class BodyLimit:
    """Refuse bodies over the limit with 413 before reading them (uploads have their own limit)."""

    def __init__(self, app, *, default: int, uploads: int) -> None:
        self.app, self.default, self.uploads = app, default, uploads

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.uploads if scope["path"] in UPLOAD_PATHS else self.default
        if scope["path"] == SETTINGS_PATH:  # the whole FAQ set at once (the owner token is checked later)
            limit = max(limit, SETTINGS_BYTES)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await _send_json(send, 413, f"the request body is too large (at most {limit} bytes)")
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _send_json(send, 413, f"the request body is too large (at most {limit} bytes)")


class WidgetCors:
    """The widget runs on the shop's pages: allowed origins may call the widget API from the browser."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not scope["path"].startswith(CORS_PREFIXES):
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        origin = headers.get(b"origin", b"").decode("latin-1")
        relay = scope["app"].state.relay
        scheme = scope["scheme"]
        if relay.config.trust_proxy:
            scheme = headers.get(b"x-forwarded-proto", scheme.encode()).decode("latin-1")
        own = f"{scheme}://{headers.get(b'host', b'').decode('latin-1')}"
        allowed = origin_allowed(origin, relay.config.site.allowed_origins, own)
        cors = []
        if allowed:
            cors = [
                (b"access-control-allow-origin", origin.encode("latin-1")),
                (b"vary", b"Origin"),
                (b"access-control-max-age", b"600"),
            ]
        if scope["method"] == "OPTIONS" and headers.get(b"access-control-request-method"):
            if not allowed:
                return await _send_json(send, 403, "this origin is not allowed to use the chat")
            cors += [
                (b"access-control-allow-methods", b"GET, POST"),
                (b"access-control-allow-headers", b"content-type, x-shopdesk-token"),
            ]
            await send({"type": "http.response.start", "status": 204, "headers": cors})
            return await send({"type": "http.response.body", "body": b""})

        async def with_cors(message):
            if message["type"] == "http.response.start" and cors:
                message = {**message, "headers": [*message.get("headers", []), *cors]}
            await send(message)

        await self.app(scope, receive, with_cors)
