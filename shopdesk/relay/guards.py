"""Request guards: the Origin allow-list, the owner token, client addresses and websocket refusals."""

from __future__ import annotations

import contextlib
from typing import Annotated

from fastapi import Header, Request, WebSocket
from fastapi.responses import JSONResponse

from shopdesk.relay.config import token_matches
from shopdesk.relay.security import origin_allowed
from shopdesk.relay.service import Relay
from shopdesk.relay.store import RelayInputError


def relay_of(request: Request) -> Relay:
    return request.app.state.relay


def own_origin(conn: Request | WebSocket) -> str:
    """The relay's own origin as the browser sees it (pages it serves itself, like /demo)."""
    relay: Relay = conn.app.state.relay
    scheme = conn.url.scheme.replace("ws", "http")
    if relay.config.trust_proxy:
        scheme = conn.headers.get("x-forwarded-proto", scheme)
    return f"{scheme}://{conn.headers.get('host', '')}"


def _ip(conn: Request | WebSocket, trust_proxy: bool) -> str:
    if trust_proxy:
        forwarded = conn.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return conn.client.host if conn.client else "unknown"


def client_ip(request: Request) -> str:
    return _ip(request, relay_of(request).config.trust_proxy)


def ws_client_ip(websocket: WebSocket, relay: Relay) -> str:
    return _ip(websocket, relay.config.trust_proxy)


def require_widget_origin(request: Request) -> None:
    """Widget calls come from the shop's pages only, and not too often from one address."""
    relay = relay_of(request)
    origin = request.headers.get("origin")
    if not origin_allowed(origin, relay.config.site.allowed_origins, own_origin(request)):
        why = "the Origin header is missing" if not origin else f"the origin {origin[:100]} is not allowed"
        raise RelayInputError(f"{why}: add the shop's address to allowed_origins in relay.toml", 403)
    if not relay.per_ip.allow(client_ip(request)):
        raise RelayInputError("too many requests from this address: wait a moment and try again", 429)


def require_owner(
    request: Request, authorization: Annotated[str | None, Header(max_length=400)] = None
) -> Relay:
    """The desktop proves itself with the owner token (the relay keeps only its hash)."""
    relay = relay_of(request)
    token = (authorization or "").removeprefix("Bearer ").strip()
    if not token_matches(token, relay.config.site.owner_token_hash):
        raise RelayInputError("a valid owner token is required (Authorization: Bearer …)", 401)
    return relay


async def deny_websocket(websocket: WebSocket, status: int, reason: str) -> None:
    """Refuse a websocket before accepting it: an HTTP answer with the reason where the server can."""
    if "websocket.http.response" in websocket.scope.get("extensions", {}):
        await websocket.send_denial_response(JSONResponse({"detail": reason}, status_code=status))
        return
    with contextlib.suppress(RuntimeError):
        await websocket.close(code=4000 + status, reason=reason)
