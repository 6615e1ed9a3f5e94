"""The desktop's API: events by seq (websocket and catch-up), acknowledgement, replies, typing, presence."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, WebSocket, WebSocketDisconnect

from shopdesk.relay import store
from shopdesk.relay.config import token_matches
from shopdesk.relay.guards import deny_websocket, require_owner
from shopdesk.relay.schemas import (
    AckIn,
    AutomationIn,
    ClientId,
    OwnerSeenIn,
    OwnerTypingIn,
    PresenceIn,
    ReplyIn,
    VisitorId,
)
from shopdesk.relay.service import Relay
from shopdesk.relay.store import RelayInputError

router = APIRouter(prefix="/api/desk", tags=["desktop"])
ws_router = APIRouter()
Owner = Annotated[Relay, Depends(require_owner)]


@router.get("/site")
async def site(relay: Owner) -> dict:
    """What the desktop shows the owner for the shop's pages: the site key of the widget's script tag,
    and whether a name and email are asked before the first message."""
    return {"key": relay.site.key, "prechat": relay.site.prechat, "shop_name": relay.site.name}


@router.get("/events")
async def events(
    relay: Owner,
    after: Annotated[int, Query(ge=0, le=2**62)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> dict:
    """Events after ``after`` in seq order (catch-up after a reconnect); ``head`` is the newest seq."""
    head = relay.hub.head
    found = await asyncio.to_thread(store.events_after, relay.engine, relay.site.id, after, limit)
    return {"events": found, "head": head}


@router.post("/ack")
async def ack(body: AckIn, relay: Owner) -> dict:
    """Everything up to ``seq`` is committed on the desktop: the relay may forget it."""
    if body.seq > relay.hub.head:
        raise RelayInputError(f"seq {body.seq} has not been sent yet (newest is {relay.hub.head})", 409)
    return {"deleted": await relay.write(store.acknowledge, body.seq)}


@router.post("/reply")
async def reply(body: ReplyIn, relay: Owner) -> dict:
    """The owner's answer; ``reply_id`` makes a retried reply arrive once."""
    buttons = [[b.model_dump() for b in row] for row in body.buttons]
    return await relay.reply(body.visitor_id, body.text, body.reply_id, buttons=buttons, card=body.card)


@router.post(
    "/reply-file",
    openapi_extra={
        "requestBody": {"content": {"image/*": {"schema": {"type": "string", "format": "binary"}}}}
    },
)
async def reply_file(
    request: Request,
    relay: Owner,
    visitor_id: Annotated[VisitorId, Query()],
    reply_id: Annotated[ClientId, Query()],
    name: Annotated[str, Query(max_length=200)] = "file",
) -> dict:
    """A file from the owner, sent as the raw request body with its Content-Type."""
    mime = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data = await request.body()
    return await relay.reply(visitor_id, "", reply_id, file=(data, mime, name))


@router.post("/typing")
async def typing(body: OwnerTypingIn, relay: Owner) -> dict:
    await relay.owner_typing(body.visitor_id, body.typing)
    return {"ok": True}


@router.post("/seen")
async def seen(body: OwnerSeenIn, relay: Owner) -> dict:
    return {"owner_seen_id": await relay.owner_seen(body.visitor_id, body.up_to)}


@router.post("/presence")
async def presence(body: PresenceIn, relay: Owner) -> dict:
    await relay.set_presence(body.status)
    return {"presence": body.status, "online": relay.hub.online}


@router.put("/automation")
async def automation(body: AutomationIn, relay: Owner) -> dict:
    """The FAQ set the relay answers web-chat visitors from (kept, so it answers after a restart too)."""
    await relay.set_automation(body.model_dump())
    return {"faq_entries": len(body.faq.entries), "faq_enabled": relay.bot.enabled}


@router.get("/visitors")
async def visitors(relay: Owner, minutes: Annotated[int, Query(ge=1, le=1440)] = 30) -> dict:
    """Who was on the site in the last ``minutes`` (``online``: a widget tab is open now)."""
    return {"visitors": await relay.visitors(minutes)}


@router.get("/status")
async def status(relay: Owner) -> dict:
    return {
        "presence": relay.hub.presence,
        "online": relay.hub.online,
        "desks": relay.hub.desks_connected,
        "widget_connections": relay.hub.visitors_connected,
        "head": relay.hub.head,
    }


FRAME_EVENTS = 500  # the most events one "events" frame carries


@ws_router.websocket("/ws/desk")
async def desk_socket(websocket: WebSocket, batch: bool = False) -> None:
    """Live events: a hello with ``head``, then every event committed after it, in seq order.

    With ``?batch=1`` the events waiting when the socket is free go out together as one ``events`` frame
    (under load that is one frame a commit instead of one an event); without it, one ``event`` frame each,
    as earlier desktops read them.
    """
    relay: Relay = websocket.app.state.relay
    token = websocket.headers.get("authorization", "").removeprefix("Bearer ").strip()
    if not token_matches(token, relay.config.site.owner_token_hash):
        return await deny_websocket(websocket, 401, "a valid owner token is required")
    await websocket.accept()
    sub, head = relay.hub.add_desk()
    reader = asyncio.create_task(_read(websocket, sub))
    try:
        await websocket.send_json({"type": "hello", "head": head, "online": relay.hub.online})
        while not reader.done():
            getter = asyncio.create_task(sub.queue.get())
            await asyncio.wait({getter, reader}, return_when=asyncio.FIRST_COMPLETED)
            if not getter.done():
                getter.cancel()
                break
            items = [getter.result()]
            while batch and _is_event(items[-1]) and len(items) < FRAME_EVENTS:
                try:
                    items.append(sub.queue.get_nowait())
                except asyncio.QueueEmpty:
                    break
            if not await _send(websocket, items):
                break
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        reader.cancel()
        with contextlib.suppress(BaseException):
            await reader
        relay.hub.remove_desk(sub)


async def _send(websocket: WebSocket, items: list[dict | None]) -> bool:
    """Send a run of queued items, the events among them as one frame; False once the socket is closed."""
    events = [item for item in items if _is_event(item)]
    if len(events) > 1:
        await websocket.send_json({"type": "events", "events": events})
    elif events:
        await websocket.send_json(events[0])
    last = items[-1]
    if last is None:
        await websocket.close(code=1013, reason="too slow: catch up over HTTP")
        return False
    if not _is_event(last):
        await websocket.send_json(last)
    return True


def _is_event(item: dict | None) -> bool:
    return item is not None and item["type"] == "event"


async def _read(websocket: WebSocket, sub) -> None:
    """Answer pings (through the queue: one sender per socket) until the desktop goes away."""
    with contextlib.suppress(WebSocketDisconnect, RuntimeError, ValueError):
        while True:
            data = await websocket.receive_json()
            if isinstance(data, dict) and data.get("type") == "ping":
                sub.put({"type": "pong"})
