"""The widget's API: start or resume a chat; messages, typing, seen, pages, cart, uploads (HTTP and ws)."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, Path, Query, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import Response
from pydantic import ValidationError

from shopdesk.relay import store
from shopdesk.relay.guards import (
    client_ip,
    deny_websocket,
    own_origin,
    relay_of,
    require_widget_origin,
    ws_client_ip,
)
from shopdesk.relay.schemas import (
    WIDGET_ACTIONS,
    CartIn,
    ClientId,
    IdentifyIn,
    MessageIn,
    OfflineIn,
    PageIn,
    PressIn,
    SeenIn,
    SessionIn,
    TrackIn,
    TypingIn,
)
from shopdesk.relay.security import origin_allowed
from shopdesk.relay.service import Relay
from shopdesk.relay.store import RelayInputError

router = APIRouter(prefix="/api/widget", tags=["widget"], dependencies=[Depends(require_widget_origin)])
files_router = APIRouter(tags=["files"])
ws_router = APIRouter()
TOKEN_HEADER = "X-ShopDesk-Token"


def current_visitor(
    request: Request, token: Annotated[str | None, Header(alias=TOKEN_HEADER, max_length=300)] = None
) -> str:
    """The visitor named by the signed token header, or 401."""
    visitor_id = relay_of(request).visitor_of(token)
    if visitor_id is None:
        raise RelayInputError("a valid visitor token is required (start a chat session first)", 401)
    return visitor_id


Visitor = Annotated[str, Depends(current_visitor)]


@router.post("/session")
async def start_session(body: SessionIn, request: Request) -> dict:
    relay = relay_of(request)
    relay.check_site(body.site)
    return await relay.start_session(
        token=body.token,
        page=body.page,
        language=body.language,
        user_agent=request.headers.get("user-agent", "")[:400],
        ip=client_ip(request),
    )


@router.get("/messages")
async def messages(
    request: Request, visitor: Visitor, after: Annotated[int, Query(ge=0, le=2**62)] = 0
) -> dict:
    """The chat after message ``after`` (the HTTP fallback polls this)."""
    relay = relay_of(request)
    found = await asyncio.to_thread(store.messages_of, relay.engine, visitor, after=after)
    info = await asyncio.to_thread(store.visitor_of, relay.engine, visitor)
    return {"messages": found, "online": relay.hub.online, "owner_seen_id": info["owner_seen_id"]}


@router.post("/messages")
async def send_message(body: MessageIn, request: Request, visitor: Visitor) -> dict:
    return await relay_of(request).widget_action(visitor, "message", body)


@router.post("/typing")
async def typing(body: TypingIn, request: Request, visitor: Visitor) -> dict:
    return await relay_of(request).widget_action(visitor, "typing", body)


@router.post("/seen")
async def seen(body: SeenIn, request: Request, visitor: Visitor) -> dict:
    return await relay_of(request).widget_action(visitor, "seen", body)


@router.post("/page")
async def page_view(body: PageIn, request: Request, visitor: Visitor) -> dict:
    return await relay_of(request).widget_action(visitor, "page", body)


@router.post("/identify")
async def identify(body: IdentifyIn, request: Request, visitor: Visitor) -> dict:
    return await relay_of(request).widget_action(visitor, "identify", body)


@router.post("/cart")
async def set_cart(body: CartIn, request: Request, visitor: Visitor) -> dict:
    return await relay_of(request).widget_action(visitor, "cart", body)


@router.post("/track")
async def track(body: TrackIn, request: Request, visitor: Visitor) -> dict:
    return await relay_of(request).widget_action(visitor, "track", body)


@router.post("/button")
async def press(body: PressIn, request: Request, visitor: Visitor) -> dict:
    """A tap on a button under one of the shop's messages (a score, "talk to a person")."""
    return await relay_of(request).widget_action(visitor, "button", body)


@router.post("/offline")
async def offline(body: OfflineIn, request: Request) -> dict:
    """The form shown while the shop is away; answers with the visitor token to keep."""
    relay = relay_of(request)
    relay.check_site(body.site)
    user_agent = request.headers.get("user-agent", "")[:400]
    return await relay.offline_message(body, user_agent=user_agent, ip=client_ip(request))


@router.post(
    "/upload",
    openapi_extra={
        "requestBody": {"content": {"image/*": {"schema": {"type": "string", "format": "binary"}}}}
    },
)
async def upload(
    request: Request,
    visitor: Visitor,
    client_id: Annotated[ClientId, Query()],
    name: Annotated[str, Query(max_length=200)] = "image",
) -> dict:
    """An image, sent as the raw request body with its Content-Type."""
    mime = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data = await request.body()
    return await relay_of(request).upload(visitor, data=data, mime=mime, name=name, client_id=client_id)


@files_router.get("/api/files/{file_id}", response_class=Response)
async def get_file(file_id: Annotated[str, Path(max_length=60)], request: Request) -> Response:
    """A chat file by its unguessable id; served inert (no sniffing, no scripts)."""
    relay = relay_of(request)
    row = await asyncio.to_thread(store.file_of, relay.engine, file_id)
    if row is None:
        raise RelayInputError("no such file", 404)
    inline = row.mime_type.startswith("image/")
    ascii_name = "".join(c for c in row.name if c.isascii() and (c.isalnum() or c in "._- ")) or "file"
    disposition = ("inline" if inline else "attachment") + f'; filename="{ascii_name}"'
    headers = {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(row.name)}",
        "Cache-Control": "private, max-age=86400",
        "Cross-Origin-Resource-Policy": "cross-origin",
    }
    return Response(row.data, media_type=row.mime_type, headers=headers)


@ws_router.websocket("/ws/widget")
async def widget_socket(websocket: WebSocket, site: str = "", token: str = "") -> None:
    relay: Relay = websocket.app.state.relay
    origin = websocket.headers.get("origin")
    if not origin_allowed(origin, relay.config.site.allowed_origins, own_origin(websocket)):
        return await deny_websocket(websocket, 403, "this page's origin is not allowed to use the chat")
    if site != relay.site.key:
        return await deny_websocket(websocket, 404, "unknown site key")
    visitor_id = relay.visitor_of(token)
    if visitor_id is None:
        return await deny_websocket(websocket, 401, "a valid visitor token is required")
    if not relay.per_ip.allow(ws_client_ip(websocket, relay)):
        return await deny_websocket(websocket, 429, "too many connections from this address")
    await websocket.accept()
    sub = relay.hub.add_visitor(visitor_id)
    sub.put({"type": "hello", **relay.public_settings()})
    sender = asyncio.create_task(_pump(websocket, sub))
    try:
        while True:
            text = await websocket.receive_text()
            if len(text) > relay.limits.max_body_bytes:
                sub.put({"type": "error", "status": 413, "reason": "the frame is too large"})
                continue
            try:
                data = json.loads(text)
            except ValueError:
                data = None
            answer = await _widget_message(relay, visitor_id, data)
            if answer is not None:
                sub.put(answer)
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        sender.cancel()
        with contextlib.suppress(BaseException):
            await sender
        if relay.hub.remove_visitor(visitor_id, sub):
            with contextlib.suppress(Exception):
                await relay.write(store.record, visitor_id, "left", {})


async def _pump(websocket: WebSocket, sub) -> None:
    while True:
        item = await sub.queue.get()
        if item is None:
            await websocket.close(code=1013, reason="too slow: reconnect")
            return
        await websocket.send_json(item)


async def _widget_message(relay: Relay, visitor_id: str, data) -> dict | None:
    """One JSON frame from the widget; the answer carries the frame's ``ref`` back."""
    if not isinstance(data, dict):
        return {"type": "error", "reason": "a frame must be a JSON object"}
    kind, ref = data.pop("type", None), data.pop("ref", None)
    reply = {"type": "ack", "ref": ref} if ref is not None else None
    try:
        if kind == "ping":
            return {"type": "pong"}
        if kind == "sync":
            after = data.get("after", 0)
            after = after if isinstance(after, int) and after >= 0 else 0
            found = await asyncio.to_thread(store.messages_of, relay.engine, visitor_id, after=after)
            info = await asyncio.to_thread(store.visitor_of, relay.engine, visitor_id)
            return {"type": "history", "ref": ref, "messages": found, "owner_seen_id": info["owner_seen_id"]}
        model = WIDGET_ACTIONS.get(kind)
        if model is None:
            return {"type": "error", "ref": ref, "reason": f"unknown frame type {kind!r}"}
        result = await relay.widget_action(visitor_id, kind, model.model_validate(data))
        return {**reply, **result} if reply else None
    except ValidationError as exc:
        return {"type": "error", "ref": ref, "status": 422, "reason": _first_error(exc)}
    except RelayInputError as exc:
        return {"type": "error", "ref": ref, "status": exc.status, "reason": str(exc)}


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "body"
    return f"{where}: {err.get('msg', 'invalid')}"
