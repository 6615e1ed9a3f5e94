"""The desktop's HTTP calls to the relay (owner token in the Authorization header)."""

from __future__ import annotations

import httpx

from shopdesk.channels.base import SendError


class RelayRefused(Exception):
    """The relay answered 4xx: the request itself is wrong (bad token, unknown visitor …)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status}: {reason}")
        self.status = status
        self.reason = reason


class RelayClient:
    def __init__(self, base_url: str, token: str, *, timeout: float = 15.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
        )

    @property
    def ws_url(self) -> str:
        return self.base_url.replace("http", "ws", 1) + "/ws/desk?batch=1"  # events come several a frame

    async def close(self) -> None:
        await self._http.aclose()

    async def _call(self, method: str, path: str, **kwargs) -> dict:
        response = await self._http.request(method, path, **kwargs)
        if 400 <= response.status_code < 500:
            try:
                reason = response.json().get("detail", response.text)
            except ValueError:
                reason = response.text
            raise RelayRefused(response.status_code, str(reason))
        response.raise_for_status()
        return response.json()

    async def events(self, after: int, limit: int = 500) -> dict:
        return await self._call("GET", "/api/desk/events", params={"after": after, "limit": limit})

    async def ack(self, seq: int) -> None:
        await self._call("POST", "/api/desk/ack", json={"seq": seq})

    async def file(self, file_id: str) -> bytes:
        response = await self._http.get(f"/api/files/{file_id}")
        response.raise_for_status()
        return response.content

    async def reply(
        self, visitor_id: str, text: str, reply_id: str, *, buttons: list | None = None, card: str = ""
    ) -> dict:
        body = {"visitor_id": visitor_id, "text": text, "reply_id": reply_id}
        if buttons:
            body |= {"buttons": buttons, "card": card}
        return await self._send("/api/desk/reply", json=body)

    async def reply_file(self, visitor_id: str, reply_id: str, name: str, mime: str, data: bytes) -> dict:
        return await self._send(
            "/api/desk/reply-file",
            params={"visitor_id": visitor_id, "reply_id": reply_id, "name": name},
            content=data,
            headers={"Content-Type": mime},
        )

    async def _send(self, path: str, **kwargs) -> dict:
        """A reply: idempotent on the relay (reply_id), so a failed try may safely be retried."""
        try:
            return (await self._call("POST", path, **kwargs))["message"]
        except RelayRefused as exc:
            raise SendError(f"The web chat relay refused the reply: {exc.reason}", kind="fatal") from exc
        except (httpx.HTTPError, OSError) as exc:
            raise SendError(f"The web chat relay cannot be reached ({exc!r}).", kind="retry") from exc

    async def automation(self, config: dict) -> dict:
        """What the relay does on its own (the FAQ set); replaces what it had."""
        return await self._call("PUT", "/api/desk/automation", json=config)

    async def typing(self, visitor_id: str, typing: bool) -> None:
        await self._call("POST", "/api/desk/typing", json={"visitor_id": visitor_id, "typing": typing})

    async def seen(self, visitor_id: str, up_to: int | None = None) -> int:
        body = {"visitor_id": visitor_id, "up_to": up_to}
        return (await self._call("POST", "/api/desk/seen", json=body))["owner_seen_id"]

    async def presence(self, status: str) -> dict:
        return await self._call("POST", "/api/desk/presence", json={"status": status})

    async def visitors(self, minutes: int = 30) -> list[dict]:
        return (await self._call("GET", "/api/desk/visitors", params={"minutes": minutes}))["visitors"]
